"""Re-rating on expiry by written opinions (QĐ 26/2026 Điều 7.6.b): agreeing opinions lead to a
proposal without a meeting; diverging ones require the council to meet and score; 45 days from
the complete dossier (received by the province on 02/11/2026 → by 17/12/2026)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from ocop.certification.choices import DecisionKind
from ocop.certification.models import Certificate
from ocop.certification.services import ResultInput, decision_record
from ocop.core.errors import DomainError, PermissionDenied
from ocop.evaluation.dossiers.models import Dossier, DossierEvent
from ocop.evaluation.outcome import services
from ocop.evaluation.outcome.models import RerateReview, WrittenOpinion
from ocop.evaluation.outcome.selectors import opinions_visible, rerating_overdue
from ocop.evaluation.tests.dossier_kit import D, on_day, producer_with_product
from ocop.evaluation.tests.outcome_kit import (
    FOUR_STAR,
    council_of_three,
    dossier_in,
    make_round,
    score_and_close,
)
from ocop.geo.models import Authority
from ocop.testing import current_unit

pytestmark = pytest.mark.django_db


def certified(office, username, name, star, number):
    """A product recognised on 01/09/2025 (valid to 01/09/2028) by the province."""
    user, product = producer_with_product(username, name)
    province = current_unit("province", "86")
    with on_day(D(2025, 9, 2)):
        decision_record(
            actor=office,
            kind=DecisionKind.RECOGNITION,
            number=number,
            signed_on=D(2025, 9, 1),
            authority=Authority.objects.get(name="UBND tỉnh Vĩnh Long", unit=province),
            province=province,
            items=[ResultInput(product=product, star=star, score=Decimal(65))],
            signer_name="Nguyễn Văn A",
        )
    return user, product


@pytest.fixture
def rerating():
    round_ = make_round("96")
    office, members = council_of_three(round_)
    dossiers = {}
    for key, name, number in (
        ("agree", "Mứt gừng dẻo", "5/QĐ-UBND"),
        ("split", "Mứt me", "6/QĐ-UBND"),
    ):
        user, product = certified(office, f"ct{key}", name, 3, number)
        dossiers[key] = dossier_in(round_, user.username, name, kind="rerating", product=product)
    return round_, office, members, dossiers


def opine(user, dossier, agrees, score=None):
    with on_day(D(2026, 11, 20)):
        return services.written_opinion_record(
            actor=user, dossier=dossier, agrees=agrees, opinion="Duy trì tiêu chí", score=score
        )


def test_agreeing_opinions_lead_to_a_decision_without_a_meeting(rerating):
    round_, office, members, d = rerating
    dossier = d["agree"]
    old = Certificate.objects.get(product=dossier.product)
    opine(members["chair"], dossier, True, Decimal(66))
    # The others' opinions are hidden from a member until all are in.
    assert list(opinions_visible(user=members["vice"], review=dossier.rerate_review)) == []
    opine(members["vice"], dossier, True, Decimal(64))
    opine(members["member"], dossier, True)
    review = RerateReview.objects.get(dossier=dossier)
    assert (review.state, review.complete_on, review.deadline) == (
        "agreed",
        D(2026, 11, 2),
        D(2026, 12, 17),
    )
    assert len(opinions_visible(user=members["vice"], review=review)) == 3
    with on_day(D(2026, 12, 1)):
        proposals = services.round_propose(actor=members["chair"], round_=round_)
    assert [(p.dossier_id, p.source, p.star, p.total) for p in proposals] == [
        (dossier.pk, "written_opinions", 3, Decimal("65.00"))  # (66 + 64) / 2
    ]
    with on_day(D(2026, 12, 11)):
        decision = services.proposal_decide(
            actor=office,
            proposals=proposals,
            kind="recognition",
            number="130/QĐ-UBND",
            signed_on=D(2026, 12, 10),
            signer_name="Nguyễn Văn A",
        )
    new = Certificate.objects.get(decision=decision)
    assert new.supersedes == old
    assert new.star == 3
    assert decision.results.get().rating_kind == "rerating"
    assert not rerating_overdue(review, on=D(2026, 12, 18))  # decided: nothing overdue


def test_diverging_opinions_require_a_meeting_and_scoring(rerating):
    round_, _office, members, d = rerating
    dossier = d["split"]
    opine(members["chair"], dossier, True)
    opine(members["vice"], dossier, False)
    opine(members["member"], dossier, True)
    review = RerateReview.objects.get(dossier=dossier)
    assert review.state == "meeting"
    assert DossierEvent.objects.filter(dossier=dossier, kind="meeting_required").count() == 1
    # Not ready for a proposal until the council meets and scores.
    with on_day(D(2026, 12, 1)), pytest.raises(DomainError):
        services.round_propose(actor=members["chair"], round_=round_)
    assert rerating_overdue(review, on=D(2026, 12, 18))
    assert not rerating_overdue(review, on=D(2026, 12, 17))
    score_and_close(dossier, members, FOUR_STAR)
    with on_day(D(2026, 12, 1)):
        proposals = services.round_propose(actor=members["chair"], round_=round_)
    assert [(p.source, p.star, p.total) for p in proposals] == [("scoring", 4, Decimal("72.00"))]


def test_spread_of_scores_above_the_limit_is_divergence(rerating):
    _round, _office, members, d = rerating
    dossier = d["agree"]
    opine(members["chair"], dossier, True, Decimal(75))
    opine(members["vice"], dossier, True, Decimal(60))  # 15 points apart > 10
    opine(members["member"], dossier, True)
    assert RerateReview.objects.get(dossier=dossier).state == "meeting"


def test_bad_opinions_are_refused_and_change_nothing(rerating, db):
    round_, office, members, d = rerating
    dossier = d["agree"]
    opine(members["chair"], dossier, True)

    def state():
        return (WrittenOpinion.objects.count(), DossierEvent.objects.count())

    for call, message in (
        (lambda: opine(members["chair"], dossier, False), "Bạn đã gửi ý kiến bằng văn bản."),
        (
            lambda: services.written_opinion_record(
                actor=members["vice"], dossier=dossier, agrees=True, opinion="  "
            ),
            "Hãy ghi ý kiến của bạn.",
        ),
        (
            lambda: opine(office, dossier, True),
            "Bạn không phải là thành viên hội đồng của đợt đánh giá hồ sơ này.",
        ),
    ):
        before = state()
        with translation.override("vi"), pytest.raises((DomainError, PermissionDenied)) as info:
            call()
        assert info.value.message == message
        assert state() == before
    first = dossier_in(round_, "landau", "Bánh tét")
    with translation.override("vi"), pytest.raises(DomainError) as info:
        opine(members["chair"], first, True)
    assert info.value.message == "Ý kiến bằng văn bản chỉ dành cho hồ sơ phân hạng lại."
    assert Dossier.objects.get(pk=dossier.pk).status == "in_round"


def test_an_upgrade_goes_through_the_normal_steps(db):
    """QĐ 26/2026 Điều 7.5: an upgrade dossier is scored and decided like a first one; the new
    4★ certificate supersedes the 3★ one."""
    round_ = make_round("95")
    office, members = council_of_three(round_, "u")
    user, product = certified(office, "ctup", "Mứt gừng dẻo", 3, "7/QĐ-UBND")
    old = Certificate.objects.get(product=product)
    dossier = dossier_in(round_, user.username, "Mứt gừng dẻo", kind="upgrade", product=product)
    score_and_close(dossier, members, FOUR_STAR)
    with on_day(D(2026, 12, 1)):
        (proposal,) = services.round_propose(actor=members["chair"], round_=round_)
    assert (proposal.source, proposal.star) == ("scoring", 4)
    with on_day(D(2026, 12, 11)):
        decision = services.proposal_decide(
            actor=office,
            proposals=[proposal],
            kind="recognition",
            number="131/QĐ-UBND",
            signed_on=D(2026, 12, 10),
            signer_name="Nguyễn Văn A",
        )
    new = Certificate.objects.get(decision=decision)
    assert (new.star, new.supersedes) == (4, old)
    assert decision.results.get().rating_kind == "upgrade"
