"""Gap to the next star: the smallest change to one answer set that reaches the next star.

"Smallest" is ordered by (1) fewest points added, (2) fewest criteria changed, (3) law order —
the change list that is lexicographically first by (criterion's place in the sheet, option
position). Only criteria the producer can act on (``Criterion.actionable``; not the legal form
3.1 or the legal representative 3.2) may change; answers only move to higher-point options.
Writing the product story is such a change: for a product without one, the search also tries
raising the sheet's story criterion above "no story", which makes the story-only criteria apply
(each then needs an answer, counted as a change) — QĐ 26/2026 requires "Có câu chuyện riêng"
(5.3 ***) for 3★, which a producer reaches by writing the story.
The next star must be reached with its band (QĐ 26/2026 Điều 3.3) *and* all its cumulative
minimums (Annex II star markers). The search is an exact dynamic programme over criteria with
the added points as state, so its answer equals an exhaustive search's optimum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .score import (
    NOT_APPLICABLE,
    SCORED,
    DossierFlags,
    MemberScore,
    has_story,
    minimums_met_star,
    score_member,
)
from .sheet import Sheet

TOP_STAR = 5


class GapError(ValueError):
    """A gap cannot be computed for this answer set (e.g. scoring was halted)."""


@dataclass(frozen=True)
class Change:
    """One answer to raise: criterion — current option → needed option (+points)."""

    code: str
    text: str
    current_position: int
    current_points: Decimal
    needed_position: int
    needed_points: Decimal

    @property
    def plus(self) -> Decimal:
        return self.needed_points - self.current_points

    def describe(self) -> str:
        current = (
            "không đạt phương án nào"
            if self.current_position == 0
            else (f"phương án {self.current_position}")
        )
        return (
            f"{self.code} {self.text} — {current} ({self.current_points}) → "
            f"phương án {self.needed_position} ({self.needed_points}) (+{self.plus})"
        )


@dataclass(frozen=True)
class Gap:
    current_star: int
    target_star: int
    reachable: bool
    added_points: Decimal
    changes: tuple[Change, ...]
    reason: str = ""
    writes_story: bool = False  # the changes give the product a story (story criterion raised)

    def lines(self) -> list[str]:
        return [change.describe() for change in self.changes]


# One choice for one criterion: (added points, new position, new points); position None = keep.
_Choice = tuple[int, int | None, Decimal]
# DP value: (criteria changed, change key) — the key orders ties by law order.
_Best = tuple[int, tuple[tuple[int, int], ...]]


def _as_int(points: Decimal) -> int:
    if points != points.to_integral_value():
        raise GapError(f"points {points} are not whole; the gap search needs whole points")
    return int(points)


def next_star_gap(
    sheet: Sheet,
    answers: Mapping[str, int],
    flags: DossierFlags | None = None,
    *,
    target: int | None = None,
) -> Gap | None:
    """The smallest change that reaches ``target`` (default: one star above the current one).

    Returns None when the answers already hold 5 stars. The current star is the highest star
    whose band and cumulative minimums are met, whatever the shortfall policy says.
    """
    flags = flags or DossierFlags()
    if flags.halted_at is not None or flags.eliminated or flags.disqualified:
        raise GapError("no gap for a dossier that is halted, eliminated or disqualified")
    member = score_member(sheet, answers, flags)
    told = has_story(sheet, answers, flags)
    per_criterion = {r.code: [r.points] for r in member.criteria}
    current, _ = minimums_met_star(sheet, per_criterion, "mean", member.total)
    goal = target if target is not None else current + 1
    if goal > TOP_STAR or goal <= current:
        return None
    need = (
        _as_int(sheet.edition.band(goal).min - member.total)
        if member.total < (sheet.edition.band(goal).min)
        else 0
    )

    routes = [False]
    if not told and sheet.story is not None:
        routes.append(True)  # writing the story is a change the producer can make
    reasons: list[str] = []
    best: tuple[int, int, tuple[tuple[int, int], ...], bool] | None = None
    for write_story in routes:
        per_item = _choices(sheet, member, flags, goal, write_story=write_story)
        if isinstance(per_item, str):
            reasons.append(per_item)
            continue
        found = _search(per_item, need)
        if found is None:
            reasons.append(f"{goal}★ cannot be reached")
            continue
        candidate = (*found, write_story)
        if best is None or candidate[:3] < best[:3]:
            best = candidate
    if best is None:
        return Gap(current, goal, False, Decimal(0), (), reasons[-1])
    best_added, _count, key, write_story = best
    changes = []
    for index, position in key:
        crit = sheet.criteria[index]
        result = member.criteria[index]
        changes.append(
            Change(
                code=crit.code,
                text=crit.text,
                current_position=result.position or 0,
                current_points=result.points,
                needed_position=position,
                needed_points=crit.option(position).points if position else Decimal(0),
            )
        )
    return Gap(current, goal, True, Decimal(best_added), tuple(changes), writes_story=write_story)


def _choices(
    sheet: Sheet, member: MemberScore, flags: DossierFlags, goal: int, *, write_story: bool
) -> list[list[_Choice]] | str:
    """Each criterion's possible moves toward ``goal``, or why ``goal`` is out of reach.

    With ``write_story`` the product gains a story: the story criterion must move above its
    "no story" option and every story-only criterion gets an answer (each a change).
    """
    story_code = sheet.story.code if sheet.story is not None else None
    per_item: list[list[_Choice]] = []
    for crit, result in zip(sheet.criteria, member.criteria, strict=True):
        now = result.points
        required = crit.required_for(goal)
        if result.status == NOT_APPLICABLE:
            if not write_story:
                if required is not None and required > 0:
                    return f"{crit.code} applies only with a product story and {goal}★ requires it"
                per_item.append([(0, None, now)])
                continue
            if not crit.actionable:
                return f"{crit.code} cannot be acted on"
            floor = required if required is not None else Decimal(0)
            choices: list[_Choice] = [
                (_as_int(o.points), o.position, o.points)
                for o in crit.options_for(flags.case)
                if o.points >= floor
            ]
            if crit.allows_none(flags.case) and floor <= 0:
                choices.insert(0, (0, 0, Decimal(0)))
            per_item.append(choices)
            continue
        if result.status != SCORED:
            raise GapError(f"criterion {crit.code} was not scored ({result.status})")
        floor = max(now, required) if required is not None else now
        if write_story and crit.code == story_code and sheet.story is not None:
            above = sheet.story.no_story_position
            story_moves: list[_Choice] = [
                (_as_int(o.points - now), o.position, o.points)
                for o in crit.options_for(flags.case)
                if o.position > above and o.points >= floor and crit.actionable
            ]
            if not story_moves:
                return f"{crit.code} cannot be raised to a story"
            per_item.append(story_moves)
            continue
        choices = []
        if now >= floor:
            choices.append((0, None, now))
        if crit.actionable:
            for option in crit.options_for(flags.case):
                if option.points > now and option.points >= floor:
                    choices.append((_as_int(option.points - now), option.position, option.points))
        if not choices:
            return f"{crit.code} must reach {required} for {goal}★ but cannot be acted on"
        per_item.append(choices)
    return per_item


def _search(
    per_item: list[list[_Choice]], need: int
) -> tuple[int, int, tuple[tuple[int, int], ...]] | None:
    """Fewest points added (≥ ``need``), then fewest changes, then law order."""
    # dp[added] = best (changes, key) over the criteria seen so far.
    dp: dict[int, _Best] = {0: (0, ())}
    for index, choices in enumerate(per_item):
        nxt: dict[int, _Best] = {}
        for added, (count, key) in dp.items():
            for plus, position, _points in choices:
                candidate: _Best = (
                    (count, key) if position is None else (count + 1, (*key, (index, position)))
                )
                total = added + plus
                if total not in nxt or candidate < nxt[total]:
                    nxt[total] = candidate
        dp = nxt
    feasible = sorted(a for a in dp if a >= need)
    if not feasible:
        return None
    count, key = dp[feasible[0]]
    return feasible[0], count, key


def apply_gap(answers: Mapping[str, int], gap: Gap) -> dict[str, int]:
    """The answer set after making the suggested changes."""
    updated = dict(answers)
    for change in gap.changes:
        updated[change.code] = change.needed_position
    return updated
