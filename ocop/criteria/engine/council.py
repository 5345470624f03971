"""Council rules: quorum, recusal and the spread between members' totals.

QĐ 26/2026 Điều 7.3.b sets up the council; the scoring mechanics are in each province's council
rules ("Quy chế hoạt động của Hội đồng"), e.g. Tây Ninh's: each member scores independently, the
result is the mean of the members' totals, a meeting is valid with at least 75 % of the appointed
members including the chair, and member totals may not differ by more than 10 points (otherwise
the council discusses and re-scores). The share and the limit are parameters, these are defaults.

A recused member (conflict of interest) is neither counted toward the quorum nor averaged. Without
quorum no result counts: ``status`` is ``"no_quorum"`` and there is no star.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from .score import DossierFlags, Outcome, ScoringError, score_council
from .sheet import Sheet

ROLES = ("chair", "vice_chair", "member", "secretary")
DEFAULT_QUORUM_SHARE = Decimal("0.75")
DEFAULT_SPREAD_LIMIT = Decimal(10)
NO_QUORUM = "no_quorum"


@dataclass(frozen=True)
class CouncilMember:
    """One member's sheet in a council: answers (none needed when recused), role, recusal."""

    answers: Mapping[str, int] | None
    role: str | None = None
    recused: bool = False


@dataclass(frozen=True)
class CouncilRules:
    """The province's council rules: quorum share of the appointed members, spread limit."""

    quorum_share: Decimal = DEFAULT_QUORUM_SHARE
    spread_limit: Decimal = DEFAULT_SPREAD_LIMIT


@dataclass(frozen=True)
class Quorum:
    appointed: int
    counted: int
    required: int
    chair_required: bool
    chair_counted: bool
    met: bool


@dataclass(frozen=True)
class CouncilResult:
    """The council's result: the engine's ``Outcome`` over the counted members, and the rules.

    ``outcome`` is None when no member is counted. ``member_totals`` follows the input order,
    None for a recused member. ``status`` and ``star`` are the outcome's when the quorum is met,
    else ``"no_quorum"`` and None.
    """

    outcome: Outcome | None
    member_totals: tuple[Decimal | None, ...]
    quorum: Quorum
    spread: Decimal | None
    spread_limit: Decimal
    needs_rescore: bool
    status: str
    star: int | None


def required_members(appointed: int, share: Decimal) -> int:
    """Members needed for a quorum: ``share`` of ``appointed``, rounded up (≥ 75 % of 5 is 4)."""
    return int((share * appointed).to_integral_value(rounding=ROUND_CEILING))


def check_rules(rules: CouncilRules) -> None:
    if not Decimal(0) < rules.quorum_share <= Decimal(1):
        raise ScoringError(f"quorum_share must be in (0, 1], got {rules.quorum_share}")
    if rules.spread_limit < 0:
        raise ScoringError(f"spread_limit must not be negative, got {rules.spread_limit}")


def quorum_of(members: Sequence[CouncilMember], appointed: int | None, share: Decimal) -> Quorum:
    """The quorum of a sitting: recused members do not count; with roles, the chair must."""
    for member in members:
        if member.role is not None and member.role not in ROLES:
            raise ScoringError(f"role must be one of {', '.join(ROLES)}, got {member.role!r}")
    count = len(members) if appointed is None else appointed
    if count < len(members):
        raise ScoringError(f"appointed ({count}) is less than the members given ({len(members)})")
    counted = [m for m in members if not m.recused]
    required = required_members(count, share)
    chair_required = any(m.role is not None for m in members)
    chair_counted = any(m.role == "chair" for m in counted)
    met = bool(counted) and len(counted) >= required and (chair_counted or not chair_required)
    return Quorum(count, len(counted), required, chair_required, chair_counted, met)


def council_result(
    sheet: Sheet,
    members: Sequence[CouncilMember],
    *,
    appointed: int | None = None,
    rules: CouncilRules | None = None,
    flags: DossierFlags | None = None,
) -> CouncilResult:
    """Score a council under its rules. ``appointed`` defaults to the number of members given."""
    rules = rules or CouncilRules()
    check_rules(rules)
    if not members:
        raise ScoringError("a council result needs at least one member")
    quorum = quorum_of(members, appointed, rules.quorum_share)
    counted_answers: list[Mapping[str, int]] = []
    for index, member in enumerate(members, start=1):
        if member.recused:
            continue
        if member.answers is None:
            raise ScoringError(f"member {index} is not recused and has no answers")
        counted_answers.append(member.answers)
    outcome = score_council(sheet, counted_answers, flags) if counted_answers else None
    counted_totals = [s.total for s in outcome.members] if outcome is not None else []
    scored = iter(counted_totals)
    totals = [None if m.recused else next(scored) for m in members]
    spread = max(counted_totals) - min(counted_totals) if counted_totals else None
    needs_rescore = spread is not None and spread > rules.spread_limit
    if quorum.met and outcome is not None:
        status, star = outcome.status, outcome.star
    else:
        status, star = NO_QUORUM, None
    return CouncilResult(
        outcome=outcome,
        member_totals=tuple(totals),
        quorum=quorum,
        spread=spread,
        spread_limit=rules.spread_limit,
        needs_rescore=needs_rescore,
        status=status,
        star=star,
    )
