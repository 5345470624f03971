"""Reads on the council: membership, recusal, current scorecards and the council result."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.core.errors import DomainError
from ocop.core.queues import WAITING, QueueLine
from ocop.criteria import engine
from ocop.criteria.selectors import engine_sheet, sheet_get
from ocop.evaluation.advisory.models import AdvisoryMember
from ocop.evaluation.choices import RoundLevel
from ocop.evaluation.council.models import (
    ConflictDeclaration,
    CouncilMember,
    DossierScoring,
    Scorecard,
)
from ocop.evaluation.dossiers.choices import DossierStatus
from ocop.evaluation.dossiers.models import Dossier
from ocop.evaluation.models import Round
from ocop.evaluation.selectors import round_list


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


def dossier_flags(dossier: Dossier) -> engine.DossierFlags:
    """Eliminate / halt / disqualification as the chair recorded them once for the dossier."""
    scoring = DossierScoring.objects.filter(dossier=dossier).first()
    if scoring is None:
        return engine.DossierFlags()
    return engine.DossierFlags(
        eliminated=scoring.eliminated,
        halted_at=scoring.halted_at or None,
        disqualified=scoring.disqualified,
    )


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
        dossier_sheet(dossier),
        given,
        appointed=max(len(members), 1),
        rules=rules,
        flags=dossier_flags(dossier),
    )


# --- pages: who sees which round and dossier ----------------------------------------------------


def user_is_round_office(*, user: User, round_: Round) -> bool:
    """The provincial office acting for the round's province (or the national office, a
    superuser): they appoint the council and the advisory team and read everything."""
    if not user.is_authenticated:
        return False
    if not (user.is_superuser or user.role in (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE)):
        return False
    return round_list(user=user).filter(pk=round_.pk).exists()


def council_round_list(*, user: User) -> QuerySet[Round]:
    """Rounds whose council pages ``user`` may open: the office's rounds in scope; for a council
    or advisory-team member only the rounds they are assigned to."""
    qs = Round.objects.select_related("province")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser or user.role in (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE):
        return round_list(user=user).filter(level=RoundLevel.PROVINCE)
    if user.role == Role.COUNCIL_MEMBER:
        return qs.filter(council__members__user=user).distinct()
    if user.role == Role.ADVISORY_MEMBER:
        return qs.filter(advisory_members__user=user).distinct()
    return qs.none()


def round_dossier_list(*, round_: Round) -> QuerySet[Dossier]:
    """The dossiers accepted into the round (the caller checked access to the round)."""
    return (
        Dossier.objects.filter(round=round_)
        .select_related("product__product_set", "producer", "commune", "province", "round")
        .order_by("pk")
    )


def council_dossier_get(*, user: User, pk: int) -> Dossier | None:
    """A dossier of a round, if ``user`` may open its council pages (see council_round_list)."""
    rounds = council_round_list(user=user)
    return (
        Dossier.objects.select_related(
            "product__product_set", "producer", "commune", "province", "round", "self_assessment"
        )
        .filter(pk=pk, round__in=rounds)
        .first()
    )


def advisory_member_of(*, user: User, round_id: int | None) -> bool:
    return (
        round_id is not None
        and AdvisoryMember.objects.filter(round_id=round_id, user_id=user.pk).exists()
    )


def round_members(*, round_: Round) -> list[CouncilMember]:
    return list(
        CouncilMember.objects.filter(council__round=round_)
        .select_related("user", "authority", "admin_unit", "producer")
        .order_by("id")
    )


@dataclass(frozen=True)
class ConflictCell:
    """One member on one dossier: the automatic flag, the declaration, recusal."""

    member: CouncilMember
    auto_reason: str
    declaration: ConflictDeclaration | None
    recused: bool


def conflict_matrix(
    *, members: list[CouncilMember], dossiers: list[Dossier]
) -> dict[int, list[ConflictCell]]:
    """Per dossier, per member: flags, declarations and recusal (two queries)."""
    declared = {
        (d.member_id, d.dossier_id): d
        for d in ConflictDeclaration.objects.filter(
            member__in=[m.pk for m in members], dossier__in=[d.pk for d in dossiers]
        )
    }
    matrix: dict[int, list[ConflictCell]] = {}
    for dossier in dossiers:
        cells = []
        for member in members:
            reason = conflict_auto_reason(member=member, dossier=dossier)
            declaration = declared.get((member.pk, dossier.pk))
            recused = declaration.recused if declaration is not None else bool(reason)
            cells.append(ConflictCell(member, reason, declaration, recused))
        matrix[dossier.pk] = cells
    return matrix


def scorecard_timeline(*, dossier: Dossier) -> list[Scorecard]:
    """Every signed card of the dossier, in signing order (superseded ones too)."""
    return list(
        Scorecard.objects.filter(dossier=dossier, signed_at__isnull=False)
        .select_related("member__user", "superseded_by")
        .order_by("signed_at", "pk")
    )


# --- calibration (issue 10 item 9) --------------------------------------------------------------


@dataclass(frozen=True)
class CalibrationRow:
    """One person over the rounds: how far their signed totals sit from the council mean."""

    user: User
    cards: int
    mean_deviation: Decimal
    mean_abs_deviation: Decimal
    rounds: tuple[tuple[Round, int, Decimal], ...]


def calibration(*, user: User) -> list[CalibrationRow]:
    """Per member: the mean of (member's total − the council mean) over every dossier in the
    user's rounds where all counted members have signed. Counted cards only: signed, not
    superseded, member not recused. A positive figure means the member scores high."""
    rounds = council_round_list(user=user)
    cards = list(
        Scorecard.objects.filter(
            dossier__round__in=rounds,
            dossier__scoring__all_signed_at__isnull=False,
            signed_at__isnull=False,
            superseded_by__isnull=True,
        )
        .select_related("member__user", "dossier__round")
        .order_by("dossier_id", "member_id")
    )
    recused = set(
        ConflictDeclaration.objects.filter(
            dossier__in={c.dossier_id for c in cards}, recused=True
        ).values_list("member_id", "dossier_id")
    )
    by_dossier: dict[int, list[tuple[Scorecard, Decimal]]] = {}
    for card in cards:
        if card.total is None or (card.member_id, card.dossier_id) in recused:
            continue
        by_dossier.setdefault(card.dossier_id, []).append((card, card.total))
    deviations: dict[int, list[tuple[Round, Decimal]]] = {}
    people: dict[int, User] = {}
    for group in by_dossier.values():
        mean = sum((total for _c, total in group), Decimal(0)) / len(group)
        for card, total in group:
            if card.dossier.round is None:  # the query keeps dossiers of a round
                continue
            people[card.member.user_id] = card.member.user
            deviations.setdefault(card.member.user_id, []).append(
                (card.dossier.round, total - mean)
            )
    rows = []
    for user_id, items in deviations.items():
        per_round: dict[int, tuple[Round, list[Decimal]]] = {}
        for round_, dev in items:
            per_round.setdefault(round_.pk, (round_, []))[1].append(dev)
        values = [d for _r, d in items]
        rows.append(
            CalibrationRow(
                user=people[user_id],
                cards=len(values),
                mean_deviation=_q(sum(values, Decimal(0)) / len(values)),
                mean_abs_deviation=_q(sum((abs(v) for v in values), Decimal(0)) / len(values)),
                rounds=tuple(
                    (r, len(devs), _q(sum(devs, Decimal(0)) / len(devs)))
                    for r, devs in sorted(
                        per_round.values(), key=lambda item: (item[0].decide_by, item[0].pk)
                    )
                ),
            )
        )
    return sorted(rows, key=lambda r: (-abs(r.mean_deviation), str(r.user)))


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- work queue (the staff home) -----------------------------------------------------------------


def council_queue_counts(*, user: User) -> list[QueueLine]:
    """For a council member: dossiers of their rounds still before the council that wait for
    their signature (not recused, no signed card of the current re-score round). For an
    advisory-team member: dossiers of their rounds without the report to the chair."""
    from django.urls import reverse

    if not user.is_authenticated or user.is_superuser:
        return []
    url = reverse("council:round_list")
    if user.role == Role.COUNCIL_MEMBER:
        waiting = 0
        seats = CouncilMember.objects.filter(user=user).select_related("council")
        for member in seats:
            dossiers = Dossier.objects.filter(
                round_id=member.council.round_id, status=DossierStatus.IN_ROUND
            ).exclude(scoring__closed_at__isnull=False)
            for dossier in dossiers.select_related("scoring"):
                current = getattr(dossier, "scoring", None)
                rescore = current.rescore_round if current is not None else 0
                signed = Scorecard.objects.filter(
                    member=member,
                    dossier=dossier,
                    signed_at__isnull=False,
                    rescore_round__gte=rescore,
                ).exists()
                if not signed and not member_recused(member=member, dossier=dossier):
                    waiting += 1
        label = _("Dossiers waiting for your scorecard")
        return [QueueLine("council_to_score", label, waiting, url, WAITING)]
    if user.role == Role.ADVISORY_MEMBER:
        count = (
            Dossier.objects.filter(
                round__advisory_members__user=user, status=DossierStatus.IN_ROUND
            )
            .exclude(advisory_review__submitted_at__isnull=False)
            .distinct()
            .count()
        )
        label = _("Dossiers waiting for the advisory team's report")
        return [QueueLine("advisory_to_report", label, count, url, WAITING)]
    return []
