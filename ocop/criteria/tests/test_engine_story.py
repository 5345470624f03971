"""The story flag follows the sheet's story criterion (issue 9, item 4). Pure engine tests.

Figures are worked by hand from QĐ 26/2026 Annex II set 7 (see test_engine_golden.SET7_MID).
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from ocop.criteria.engine import (
    DossierFlags,
    StoryCriterion,
    StoryMismatch,
    apply_gap,
    next_star_gap,
    score,
    story_told,
    validate,
)
from ocop.criteria.engine.gap import Change
from ocop.criteria.engine.sheet import STORY_FILE, story_file_problems

from .conftest import EDITIONS, sheet_26, sheet_148
from .test_engine_golden import SET7_MID

NO_STORY = {k: v for k, v in SET7_MID.items() if k not in ("5.2", "5.3")} | {"5.1": 1}


def test_every_sheet_names_its_story_criterion():
    assert sheet_26(7).story == StoryCriterion("5.1", 1)
    assert sheet_26(26).story == StoryCriterion("5.1", 0)
    assert sheet_148(7).story == StoryCriterion("5.a", 1)
    assert sheet_148(26).story == StoryCriterion("5.a", 0)


def test_has_story_is_an_answer_above_no_story():
    sheet = sheet_26(7)
    assert story_told(sheet, {"5.1": 1}) is False  # "Không có câu chuyện sản phẩm"
    assert story_told(sheet, {"5.1": 2}) is True  # "Có câu chuyện sản phẩm"
    assert story_told(sheet, {}) is None
    assert story_told(sheet_148(7), {"5.a": 1}) is False
    assert story_told(sheet_148(7), {"5.a": 3}) is True
    assert story_told(sheet_26(26), {"5.1": 0}) is False


def test_a_flag_contradicting_the_answers_is_refused():
    sheet = sheet_26(7)
    # 5.1 option 4: a documented story on leaflet and website — the product has a story.
    with pytest.raises(StoryMismatch, match=r"criterion 5\.1 is answered 4"):
        score(sheet, SET7_MID, DossierFlags(has_story=False))
    with pytest.raises(StoryMismatch, match=r"criterion 5\.1 is answered 1"):
        score(sheet, NO_STORY, DossierFlags(has_story=True))


def test_an_agreeing_flag_changes_nothing():
    sheet = sheet_26(7)
    assert score(sheet, NO_STORY, DossierFlags(has_story=False)) == score(sheet, NO_STORY)
    assert score(sheet, SET7_MID, DossierFlags(has_story=True)) == score(sheet, SET7_MID)


def test_without_a_story_the_story_only_criteria_need_no_answer():
    outcome = score(sheet_26(7), NO_STORY)
    assert outcome.total == Decimal(55)  # 63 − 3 (5.1) − 2 (5.2) − 3 (5.3)
    assert outcome.star == 2  # 5.3's *** (1 point) is missed


def test_the_gap_counts_writing_the_story_as_an_action():
    sheet = sheet_26(7)
    gap = next_star_gap(sheet, NO_STORY)
    assert gap is not None
    # 3★ needs 5.3 ≥ 1 (***), which applies only with a story: write it (5.1 → option 2
    # "Có câu chuyện sản phẩm", +1), answer 5.2 (its lowest option "Đơn giản", 0 points) and
    # reach 5.3 option 2 "Có câu chuyện riêng…" (+1): 2 points, 3 changes.
    assert (gap.reachable, gap.target_star, gap.added_points, gap.writes_story) == (
        True, 3, Decimal(2), True,
    )  # fmt: skip
    assert [(c.code, c.current_position, c.needed_position, c.plus) for c in gap.changes] == [
        ("5.1", 1, 2, Decimal(1)),
        ("5.2", 0, 1, Decimal(0)),
        ("5.3", 0, 2, Decimal(1)),
    ]
    after = score(sheet, apply_gap(NO_STORY, gap))
    assert (after.total, after.star) == (Decimal(57), 3)


def test_the_gap_with_a_story_is_unchanged():
    gap = next_star_gap(sheet_26(7), SET7_MID)
    assert gap is not None
    assert gap.writes_story is False
    assert isinstance(gap.changes[0], Change)


def test_validation_refuses_a_story_criterion_that_is_not_on_the_sheet():
    sheet = dataclasses.replace(sheet_26(7), story=StoryCriterion("9.9", 1))
    assert "story criterion 9.9 is not on the sheet" in validate(sheet)
    no_story_named = dataclasses.replace(sheet_26(7), story=None)
    assert validate(no_story_named) == [
        "criteria ['5.2', '5.3'] apply only with a story; no story criterion named"
    ]
    wrong_option = dataclasses.replace(sheet_26(7), story=StoryCriterion("5.1", 3))
    assert validate(wrong_option) == [
        "story criterion 5.1: the “no story” option is not the lowest"
    ]


def test_story_file_problems(tmp_path: Path):
    sheets = [sheet_26(n) for n in range(1, 27)] + [sheet_148(n) for n in range(1, 27)]
    assert story_file_problems(EDITIONS, sheets) == []
    document = json.loads((EDITIONS / STORY_FILE).read_text(encoding="utf-8"))
    document["editions"]["26-2026"][0]["sets"].remove(7)
    document["editions"]["148-2023"][0]["no_story_option"] = "Có câu chuyện"
    (tmp_path / STORY_FILE).write_text(json.dumps(document), encoding="utf-8")
    problems = story_file_problems(tmp_path, sheets)
    assert f"{STORY_FILE}: 26-2026 set 7 names no story criterion" in problems
    assert (
        f"{STORY_FILE}: 148-2023 set 1 5.a option 1 is not the “no story” option 'Có câu chuyện'"
        in problems
    )
    assert len(problems) == 26  # 25 goods sets of 148 with the wrong wording + set 7 of 26-2026
