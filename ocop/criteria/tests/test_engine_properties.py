"""Invariants of the engine, checked with hypothesis on real sheets."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.criteria.engine import (
    DossierFlags,
    MissingAnswer,
    apply_gap,
    next_star_gap,
    score,
    score_member,
)
from ocop.criteria.engine.sheet import Criterion, Sheet

from .conftest import sheet_26, sheet_148

SHEETS = {
    "26-2026/1": sheet_26(1),
    "26-2026/7": sheet_26(7),
    "26-2026/16": sheet_26(16),
    "26-2026/21": sheet_26(21),
    "26-2026/23": sheet_26(23),
    "26-2026/26": sheet_26(26),
    "148-2023/7": sheet_148(7),
    "148-2023/11": sheet_148(11),
}


def positions(crit: Criterion, case: int | None) -> list[int]:
    allowed = [o.position for o in crit.options_for(case)]
    return ([0] if crit.allows_none(case) else []) + allowed


def points_of(crit: Criterion, position: int) -> Decimal:
    return Decimal(0) if position == 0 else crit.option(position).points


def told(sheet: Sheet, answers: dict[str, int]) -> bool:
    """The story rule, restated: an answer above the story criterion's "no story" option."""
    story = sheet.story
    return story is None or answers[story.code] > story.no_story_position


def consistent(sheet: Sheet, answers: dict[str, int]) -> dict[str, int]:
    """Without a story the story-only criteria have no answer (they do not apply)."""
    if told(sheet, answers):
        return answers
    return {code: p for code, p in answers.items() if not sheet.criterion(code).requires_story}


def effective_points(sheet: Sheet, answers: dict[str, int]) -> dict[str, Decimal]:
    has = told(sheet, answers)
    return {
        c.code: Decimal(0) if c.requires_story and not has else points_of(c, answers[c.code])
        for c in sheet.criteria
    }


@st.composite
def answer_sets(draw: st.DrawFn) -> tuple[Sheet, dict[str, int], DossierFlags]:
    sheet = SHEETS[draw(st.sampled_from(sorted(SHEETS)))]
    case = draw(st.sampled_from([1, 2])) if sheet.has_cases else None
    answers = {c.code: draw(st.sampled_from(positions(c, case))) for c in sheet.criteria}
    return sheet, consistent(sheet, answers), DossierFlags(case=case)


@given(answer_sets())
def test_total_never_exceeds_the_maximum(data: tuple[Sheet, dict[str, int], DossierFlags]) -> None:
    sheet, answers, flags = data
    member = score_member(sheet, answers, flags)
    assert Decimal(0) <= member.total <= sheet.max_total == Decimal(100)
    for part in sheet.parts:
        assert member.by_part[part.code] <= part.max


@given(answer_sets(), st.data())
def test_raising_one_answer_never_lowers_the_total(
    data: tuple[Sheet, dict[str, int], DossierFlags], more: st.DataObject
) -> None:
    sheet, answers, flags = data
    crit = more.draw(st.sampled_from([c for c in sheet.criteria if c.code in answers]))
    if sheet.story is not None and crit.code == sheet.story.code and not told(sheet, answers):
        return  # gaining a story makes other criteria apply: see test_engine_story
    now = points_of(crit, answers[crit.code])
    higher = [p for p in positions(crit, flags.case) if points_of(crit, p) > now]
    if not higher:
        return
    raised = answers | {crit.code: more.draw(st.sampled_from(higher))}
    before = score(sheet, answers, flags).total
    after = score(sheet, raised, flags).total
    assert after - before == points_of(crit, raised[crit.code]) - now > 0


@given(answer_sets(), st.data())
def test_a_missing_answer_is_an_error(
    data: tuple[Sheet, dict[str, int], DossierFlags], more: st.DataObject
) -> None:
    sheet, answers, flags = data
    code = more.draw(st.sampled_from(sorted(answers)))
    del answers[code]
    with pytest.raises(MissingAnswer, match=code.replace(".", r"\.")):
        score(sheet, answers, flags)


# ----- gap to the next star vs. exhaustive search --------------------------------------------


def current_star(sheet: Sheet, points: dict[str, Decimal]) -> int:
    """Highest star whose band and cumulative minimums hold (independent of the engine)."""
    total = sum(points.values(), Decimal(0))
    star = sheet.edition.band_star(total)
    for candidate in range(star, 0, -1):
        if all(
            (need := c.required_for(candidate)) is None or points[c.code] >= need
            for c in sheet.criteria
        ):
            return candidate
    return 1


def exhaustive_best(
    sheet: Sheet, answers: dict[str, int], case: int | None, target: int
) -> tuple[Decimal, int, tuple[tuple[int, int], ...]] | None:
    """Try every combination of raised answers; return (added, changes, law-order key)."""
    base = effective_points(sheet, answers)
    has_story = told(sheet, answers)
    story_code = sheet.story.code if sheet.story is not None else None
    movable = []
    for index, crit in enumerate(sheet.criteria):
        if crit.requires_story and not has_story:
            # Not applicable now; gets an answer (any option) only if the story is written.
            ups = list(crit.options_for(case)) if crit.actionable else []
        elif crit.actionable:
            ups = [o for o in crit.options_for(case) if o.points > base[crit.code]]
        else:
            ups = []
        movable.append((index, crit, [None, *ups]))
    movable = [m for m in movable if len(m[2]) > 1]
    best: tuple[Decimal, int, tuple[tuple[int, int], ...]] | None = None
    for combo in itertools.product(*(m[2] for m in movable)):
        points = dict(base)
        key: list[tuple[int, int]] = []
        story_after = has_story
        for (index, crit, _), option in zip(movable, combo, strict=True):
            if option is not None:
                points[crit.code] = option.points
                key.append((index, option.position))
                if crit.code == story_code and sheet.story is not None:
                    story_after = option.position > sheet.story.no_story_position
        if not has_story:
            assigned = {
                crit.code
                for (_, crit, _), option in zip(movable, combo, strict=True)
                if option is not None and crit.requires_story
            }
            story_only = {c.code for c in sheet.criteria if c.requires_story}
            if assigned != (story_only if story_after else set()):
                continue
        if current_star(sheet, points) < target:
            continue
        added = sum(points.values(), Decimal(0)) - sum(base.values(), Decimal(0))
        candidate = (added, len(key), tuple(key))
        if best is None or candidate < best:
            best = candidate
    return best


GAP_SHEETS = ["26-2026/7", "26-2026/16", "26-2026/26"]


@st.composite
def near_top_answers(draw: st.DrawFn) -> tuple[Sheet, dict[str, int], int | None]:
    """Answer sets in which at most 6 criteria are below their top option."""
    sheet = SHEETS[draw(st.sampled_from(GAP_SHEETS))]
    case = draw(st.sampled_from([1, 2])) if sheet.has_cases else None
    answers = {
        c.code: max(c.options_for(case), key=lambda o: o.points).position for c in sheet.criteria
    }
    lowered = draw(
        st.lists(
            st.sampled_from(sheet.criteria), min_size=1, max_size=6, unique_by=lambda c: c.code
        )
    )
    for crit in lowered:
        top = answers[crit.code]
        below = [p for p in positions(crit, case) if p != top]
        answers[crit.code] = draw(st.sampled_from(below))
    return sheet, consistent(sheet, answers), case


@settings(max_examples=40)
@given(near_top_answers())
def test_gap_equals_exhaustive_search(data: tuple[Sheet, dict[str, int], int | None]) -> None:
    sheet, answers, case = data
    flags = DossierFlags(case=case)
    gap = next_star_gap(sheet, answers, flags)
    base = effective_points(sheet, answers)
    now = current_star(sheet, base)
    if now == 5:
        assert gap is None
        return
    assert gap is not None
    assert gap.current_star == now
    assert gap.target_star == now + 1
    expected = exhaustive_best(sheet, answers, case, now + 1)
    if expected is None:
        assert not gap.reachable
        return
    assert gap.reachable
    key = tuple(
        (sheet.criteria.index(sheet.criterion(c.code)), c.needed_position) for c in gap.changes
    )
    assert (gap.added_points, len(gap.changes), key) == expected
    assert all(sheet.criterion(c.code).actionable for c in gap.changes)
    improved = apply_gap(answers, gap)
    points = effective_points(sheet, improved)
    assert current_star(sheet, points) >= gap.target_star
    assert score(sheet, improved, flags).star is not None
    assert score(sheet, improved, flags).star >= gap.target_star  # type: ignore[operator]
