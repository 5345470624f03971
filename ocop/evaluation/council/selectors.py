"""Reads on the council: membership, recusal, current scorecards and the council result."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ocop.accounts.models import User
from ocop.core.errors import DomainError
from ocop.criteria import engine
from ocop.criteria.selectors import engine_sheet, sheet_get
from ocop.evaluation.council.models import (
    ConflictDeclaration,
    CouncilMember,
    DossierScoring,
    Scorecard,
)
from ocop.evaluation.dossiers.models import Dossier


def dossier_sheet(dossier: Dossier) -> engine.Sheet:
    """The sheet of the dossier's edition (fixed by its filing date) and product set."""
    # getattr: on main a product's set may be empty (imports); such a dossier has no sheet.
    set_no = getattr(dossier.product.product_set, "number", None)
    if set_no is None:
        raise DomainError(_("The product has no product set: it cannot be scored."))
    return engine_sheet(sheet_get(edition=dossier.edition, set_no=set_no))


def council_member_list(*, dossier: Dossier) -> QuerySet[CouncilMember]:
    """The members of the council of the dossier's round, in appointment order."""
    if dossier.round_id is None:
        return CouncilMember.objects.none()
    return (
        CouncilMember.objects.filter(council__round_id=dossier.round_id)
        .select_related("user", "council")
        .order_by("id")
    )


def council_member_for(*, user: User, dossier: Dossier) -> CouncilMember | None:
    return council_member_list(dossier=dossier).filter(user_id=user.pk).first()


def conflict_auto_reason(*, member: CouncilMember, dossier: Dossier) -> str:
    """Why a conflict is flagged automatically: the member's organisation IS the dossier's
    producer, or the commune that forwarded it (issue 10; QĐ 26/2026 Điều 7.3.b composition).
    Records are compared, not names. Empty when there is no flag."""
    if member.producer_id is not None and member.producer_id == dossier.producer_id:
        return "producer"
    if member.admin_unit_id is not None and member.admin_unit_id == dossier.commune_id:
        return "commune"
    authority = member.authority if member.authority_id is not None else None
    if authority is not None and authority.unit_id == dossier.commune_id:
        return "commune"
    return ""


def member_recused(*, member: CouncilMember, dossier: Dossier) -> bool:
    """Recused by declaration or by the automatic flag."""
    declared = ConflictDeclaration.objects.filter(member=member, dossier=dossier).first()
    if declared is not None:
        return declared.recused
    return bool(conflict_auto_reason(member=member, dossier=dossier))


def scorecard_current_list(*, dossier: Dossier) -> QuerySet[Scorecard]:
    """Signed scorecards that no later scorecard supersedes: the ones that count."""
    return Scorecard.objects.filter(
        dossier=dossier, signed_at__isnull=False, superseded_by__isnull=True
    ).select_related("member")


def scorecard_visible_list(*, user: User, dossier: Dossier) -> QuerySet[Scorecard]:
    """A member sees only their own cards until every counted member has signed."""
    cards = Scorecard.objects.filter(dossier=dossier).select_related("member__user")
    if user.is_superuser:
        return cards
    all_signed = DossierScoring.objects.filter(
        dossier=dossier, all_signed_at__isnull=False
    ).exists()
    if all_signed and council_member_for(user=user, dossier=dossier) is not None:
        return cards
    return cards.filter(member__user=user)


def council_result(*, dossier: Dossier) -> engine.CouncilResult:
    """The council's result on the dossier, computed by ``engine.council_result`` — the same
    function ``ocop score`` uses — over the current signed scorecards; recused members are
    given as recused, appointed members without a signed card are simply absent."""
    members = list(council_member_list(dossier=dossier))
    cards = {c.member_id: c for c in scorecard_current_list(dossier=dossier)}
    given: list[engine.CouncilMember] = []
    for member in members:
        if member_recused(member=member, dossier=dossier):
            given.append(engine.CouncilMember(answers=None, role=member.role, recused=True))
        elif member.pk in cards:
            answers = {str(k): int(v) for k, v in cards[member.pk].answers.items()}
            given.append(engine.CouncilMember(answers=answers, role=member.role))
    council = members[0].council if members else None
    rules = (
        engine.CouncilRules(quorum_share=council.quorum_share, spread_limit=council.spread_limit)
        if council is not None
        else engine.CouncilRules()
    )
    if not given:
        # Nobody counted and nobody recused: the engine needs one member; give a recused
        # placeholder so the result reads "no quorum" with the real appointed count.
        given = [engine.CouncilMember(answers=None, recused=True)]
    return engine.council_result(
        dossier_sheet(dossier), given, appointed=max(len(members), 1), rules=rules
    )
