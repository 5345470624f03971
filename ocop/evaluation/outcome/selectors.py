"""Reads on what follows the council: proposals, the re-rating review, the 45-day deadline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import user_scope_units, user_sees_everything
from ocop.criteria import engine
from ocop.evaluation.council import selectors as council_selectors
from ocop.evaluation.council.models import CouncilMember
from ocop.evaluation.dossiers.choices import DossierStatus
from ocop.evaluation.dossiers.models import Dossier
from ocop.evaluation.models import Round
from ocop.evaluation.outcome.models import Proposal, RerateReview, WrittenOpinion

RERATING_DAYS = 45  # QĐ 26/2026 Điều 7.6.b: the re-rating is done within 45 days


def rerating_deadline(complete_on: dt.date) -> dt.date:
    """The last day of the re-rating: 45 days from the complete dossier (QĐ 26/2026 Điều 7.6.b;
    "ngày", calendar days — the article does not say working days)."""
    return complete_on + dt.timedelta(days=RERATING_DAYS)


def rerating_overdue(review: RerateReview, *, on: dt.date | None = None) -> bool:
    """Past the 45 days with the dossier still not decided."""
    day = on or timezone.localdate()
    undecided = review.dossier.status == DossierStatus.IN_ROUND
    return undecided and day > review.deadline


def user_is_office_for(user: User, round_: Round) -> bool:
    if user.is_superuser:
        return True
    if user.role not in (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE):
        return False
    if user_sees_everything(user) or round_.province_id is None:
        return True
    return user_scope_units(user).filter(pk=round_.province_id).exists()


def round_visible(user: User, round_: Round) -> bool:
    """The office of the round's province, or a member of its council."""
    if user_is_office_for(user, round_):
        return True
    return CouncilMember.objects.filter(council__round=round_, user_id=user.pk).exists()


def proposal_list(*, user: User, round_: Round) -> QuerySet[Proposal]:
    if not round_visible(user, round_):
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(round=round_)
        .select_related("dossier__product", "dossier__producer", "dossier__commune", "decision")
        .order_by("pk")
    )


def proposal_get(*, user: User, pk: int) -> Proposal | None:
    proposal = (
        Proposal.objects.select_related(
            "round", "dossier__product", "dossier__producer", "dossier__commune", "decision"
        )
        .filter(pk=pk)
        .first()
    )
    if proposal is None or not round_visible(user, proposal.round):
        return None
    return proposal


def dossiers_to_propose(*, round_: Round) -> QuerySet[Dossier]:
    """Dossiers of the round ready for the council's proposal: scoring closed, or a re-rating
    whose written opinions agree — and not proposed yet."""
    return (
        Dossier.objects.filter(round=round_, status=DossierStatus.IN_ROUND, proposal__isnull=True)
        .filter(Q(scoring__closed_at__isnull=False) | Q(rerate_review__state="agreed"))
        .select_related("product__product_set", "certificate", "scoring")
        .order_by("pk")
    )


def opinions_visible(*, user: User, review: RerateReview) -> QuerySet[WrittenOpinion]:
    """A member sees only their own opinion while the others are still being collected."""
    opinions = review.opinions.select_related("member__user").order_by("pk")
    if user.is_superuser or review.state != "collecting":
        return opinions
    round_ = review.dossier.round
    if round_ is not None and user_is_office_for(user, round_):
        return opinions
    return opinions.filter(member__user_id=user.pk)


def consensus_answers(*, dossier: Dossier) -> dict[str, int]:
    """Per criterion, the lower median of the counted members' signed answers (inferred: the
    council's sheet for the notice's gap, robust to one member scoring far from the others)."""
    values: dict[str, list[int]] = {}
    for card in council_selectors.scorecard_current_list(dossier=dossier):
        if council_selectors.member_recused(member=card.member, dossier=dossier):
            continue
        for code, position in card.answers.items():
            values.setdefault(str(code), []).append(int(position))
    return {code: sorted(v)[(len(v) - 1) // 2] for code, v in values.items()}


def star_for_score(*, dossier: Dossier, score: Decimal) -> int:
    """The star band holding ``score`` on the dossier's edition (QĐ 26/2026 Điều 3.3)."""
    sheet: engine.Sheet = council_selectors.dossier_sheet(dossier)
    return sheet.edition.band_star(score)
