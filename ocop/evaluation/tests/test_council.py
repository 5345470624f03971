"""The council of a round: conflicts, independent scorecards, signing, re-score, closing.

Totals are worked by hand from QĐ 26/2026 Phụ lục II, bộ 7 (test_engine_golden.SET7_MID = 63,
SEVENTY = 70, SIXTY_NINE = 69; test_engine_council.FIFTY_NINE = 59). Quorum: 4 appointed →
0.75 × 4 = 3 required, chair among them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from ocop.accounts.choices import Role
from ocop.core.errors import DomainError, PermissionDenied
from ocop.criteria.tests.test_engine_council import FIFTY_NINE
from ocop.criteria.tests.test_engine_golden import SET7_MID, SEVENTY, SIXTY_NINE
from ocop.evaluation.council import selectors
from ocop.evaluation.council.models import ConflictDeclaration, DossierScoring, Scorecard
from ocop.evaluation.council.services import (
    conflict_declare,
    scorecard_save,
    scorecard_sign,
    scoring_close,
    scoring_rescore_open,
)
from ocop.evaluation.dossiers.models import DossierEvent
from ocop.evaluation.tests.council_kit import council_of_four, dossier_before_council
from ocop.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    dossier, round_ = dossier_before_council()
    _office, users = council_of_four(round_, dossier)
    return dossier, users


def snapshot(dossier):
    return (
        list(Scorecard.objects.filter(dossier=dossier).values_list("pk", "answers", "signed_at")),
        list(DossierScoring.objects.filter(dossier=dossier).values()),
        list(ConflictDeclaration.objects.filter(dossier=dossier).values()),
        DossierEvent.objects.filter(dossier=dossier).count(),
    )


def refused(dossier, call, message, kind=DomainError):
    before = snapshot(dossier)
    with translation.override("vi"), pytest.raises(kind) as info:
        call()
    assert info.value.message == message
    assert snapshot(dossier) == before


def score(user, dossier, answers, notes=None):
    card = scorecard_save(actor=user, dossier=dossier, answers=answers, notes=notes)
    return scorecard_sign(actor=user, scorecard=card)


def kinds(dossier):
    return list(
        DossierEvent.objects.filter(dossier=dossier).order_by("id").values_list("kind", flat=True)
    )


def test_commune_member_is_flagged_and_recused_automatically(setup):
    dossier, users = setup
    declaration = conflict_declare(actor=users["commune"], dossier=dossier, conflict=False)
    assert (declaration.auto_flag, declaration.auto_reason, declaration.recused) == (
        True,
        "commune",
        True,
    )
    other = conflict_declare(actor=users["member"], dossier=dossier, conflict=False)
    assert (other.auto_flag, other.recused) == (False, False)
    assert kinds(dossier)[-1] == "recused"


def test_producer_member_is_flagged(setup):
    dossier, users = setup
    from ocop.evaluation.council.models import CouncilMember

    member = CouncilMember.objects.get(user=users["member"])
    assert selectors.conflict_auto_reason(member=member, dossier=dossier) == ""
    member.producer = dossier.producer
    assert selectors.conflict_auto_reason(member=member, dossier=dossier) == "producer"


def test_scoring_while_recused_is_refused(setup):
    dossier, users = setup
    # Flagged even before declaring: the member's organisation is the forwarding commune.
    refused(
        dossier,
        lambda: scorecard_save(actor=users["commune"], dossier=dossier, answers=SEVENTY),
        "Bạn không được chấm hồ sơ này vì đã rút khỏi việc đánh giá (xung đột lợi ích).",
    )


def test_full_flow_with_recusal_rescore_and_close(setup):
    dossier, users = setup
    conflict_declare(actor=users["commune"], dossier=dossier, conflict=False)
    score(users["chair"], dossier, SEVENTY, {"1.1": "Nguyên liệu trong tỉnh 80 %"})
    score(users["vice"], dossier, FIFTY_NINE)
    # Members see only their own card before all have signed.
    assert [
        c.member.user for c in selectors.scorecard_visible_list(user=users["vice"], dossier=dossier)
    ] == [users["vice"]]
    card = score(users["member"], dossier, SIXTY_NINE)
    assert card.total == Decimal(69)
    scoring = DossierScoring.objects.get(dossier=dossier)
    assert scoring.all_signed_at is not None
    assert kinds(dossier).count("all_signed") == 1
    assert selectors.scorecard_visible_list(user=users["vice"], dossier=dossier).count() == 3
    result = selectors.council_result(dossier=dossier)
    # 70 − 59 = 11 > 10; 3 counted of 4 appointed (3 required), chair counted.
    assert (result.spread, result.needs_rescore) == (Decimal(11), True)
    assert (result.quorum.counted, result.quorum.required, result.quorum.met) == (3, 3, True)
    assert result.member_totals == (70, 59, 69, None)

    refused(
        dossier,
        lambda: scoring_close(actor=users["chair"], dossier=dossier),
        "Tổng điểm các thành viên chênh nhau 11.00 điểm, vượt quá 10.00: phải chấm lại trước.",
    )
    refused(
        dossier,
        lambda: scoring_rescore_open(actor=users["vice"], dossier=dossier, discussion="x"),
        "Chỉ chủ tịch hội đồng được làm việc này.",
        PermissionDenied,
    )
    scoring_rescore_open(
        actor=users["chair"], dossier=dossier, discussion="Thảo luận tiêu chí 3.3 và 6.2"
    )
    first = Scorecard.objects.get(member__user=users["vice"], dossier=dossier)
    rescored = score(users["vice"], dossier, SET7_MID)
    assert rescored.supersedes == first
    assert DossierScoring.objects.get(dossier=dossier).all_signed_at is None  # others re-sign too
    score(users["chair"], dossier, SEVENTY)
    score(users["member"], dossier, SIXTY_NINE)
    assert kinds(dossier).count("all_signed") == 2
    # Both of the vice-chair's cards are kept; the old one no longer counts.
    assert Scorecard.objects.filter(member__user=users["vice"], dossier=dossier).count() == 2
    assert kinds(dossier).count("scorecard_signed") == 6
    scoring = scoring_close(actor=users["chair"], dossier=dossier)
    # (70 + 63 + 69) / 3 = 202 / 3 = 67.333… → 67.33, 3★; spread 70 − 63 = 7.
    assert (scoring.total, scoring.star, scoring.status) == (Decimal("67.33"), 3, "rated")
    assert scoring.result["member_totals"] == ["70.00", "63.00", "69.00", None]
    assert scoring.result["spread"] == "7.00"
    assert kinds(dossier)[-1] == "council_closed"


def test_second_signature_and_edit_after_signing_are_refused(setup):
    dossier, users = setup
    card = score(users["chair"], dossier, SEVENTY)
    refused(
        dossier,
        lambda: scorecard_sign(actor=users["chair"], scorecard=card),
        "Phiếu chấm này đã được ký.",
    )
    refused(
        dossier,
        lambda: scorecard_save(actor=users["chair"], dossier=dossier, answers=SIXTY_NINE),
        "Phiếu chấm của bạn đã ký: phiếu đã ký không bao giờ được sửa.",
    )
    refused(
        dossier,
        lambda: scorecard_sign(actor=users["vice"], scorecard=card),
        "Bạn chỉ được ký phiếu chấm của chính mình.",
        PermissionDenied,
    )


def test_database_refuses_to_edit_a_signed_card(setup):
    dossier, users = setup
    card = score(users["chair"], dossier, SEVENTY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Scorecard.objects.filter(pk=card.pk).update(answers=SIXTY_NINE)
    card.refresh_from_db()
    assert card.answers == SEVENTY


def test_closing_without_quorum_is_refused(setup):
    dossier, users = setup
    conflict_declare(actor=users["commune"], dossier=dossier, conflict=False)
    conflict_declare(actor=users["member"], dossier=dossier, conflict=True)
    score(users["chair"], dossier, SEVENTY)
    score(users["vice"], dossier, SIXTY_NINE)
    assert DossierScoring.objects.get(dossier=dossier).all_signed_at is not None
    # 2 counted of 4 appointed; 3 needed.
    refused(
        dossier,
        lambda: scoring_close(actor=users["chair"], dossier=dossier),
        "Không đủ số lượng thành viên: 2 thành viên được tính trên 4 thành viên được bổ nhiệm, "
        "cần 3 thành viên trong đó có chủ tịch hội đồng.",
    )


def test_incomplete_card_cannot_be_signed(setup):
    dossier, users = setup
    partial = {k: v for k, v in SEVENTY.items() if k != "11"}
    card = scorecard_save(actor=users["chair"], dossier=dossier, answers=partial)
    refused(
        dossier,
        lambda: scorecard_sign(actor=users["chair"], scorecard=card),
        "Thiếu câu trả lời cho tiêu chí 11. Thiếu câu trả lời là lỗi, không bao giờ được tính "
        "là 0 điểm; trả lời 0 cho “không đạt phương án nào” ở tiêu chí cho phép.",
    )


def test_non_member_cannot_score(setup):
    dossier, _users = setup
    outsider = make_user("nguoingoai", role=Role.COUNCIL_MEMBER)
    refused(
        dossier,
        lambda: scorecard_save(actor=outsider, dossier=dossier, answers=SEVENTY),
        "Bạn không phải là thành viên hội đồng của đợt đánh giá hồ sơ này.",
        PermissionDenied,
    )
