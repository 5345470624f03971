"""Edition impact: stored QĐ 148 answer sheets re-scored under QĐ 26/2026 through the crosswalk.

Expected figures are worked by hand from the printed sheets (QĐ 148 bộ 1 and 7, QĐ 26/2026
Phụ lục II bộ 1 and 7) and the crosswalk's option maps.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from ocop.criteria.engine.crosswalk import CrosswalkError, load_crosswalk, translate
from ocop.criteria.loader import EDITIONS_DIR
from ocop.criteria.models import Answer, AnswerSheet, EditionRevision
from ocop.criteria.selectors import edition_impact
from ocop.testing import as_system

from .conftest import sheet_26, sheet_148, top_answers

pytestmark = pytest.mark.django_db

CROSSWALK = EDITIONS_DIR / "crosswalk-148-2023_26-2026.json"


def store(set_no: int, answers: dict[str, int], label: str, *, edition: str = "148-2023"):
    """A hand-built stored answer sheet (a council member's scorecard) with one row per answer."""
    revision = EditionRevision.objects.get(edition__code=edition)
    sheet = revision.sheets.get(set_no=set_no)
    criteria = {c.code: c for c in sheet.criteria.prefetch_related("options")}
    with as_system():
        answer_sheet = AnswerSheet.objects.create(
            kind="scorecard",
            label=label,
            revision=revision,
            sheet=sheet,
            complete=True,
            engine_version="1.0.0",
        )
        for code, position in answers.items():
            option = next((o for o in criteria[code].options.all() if o.position == position), None)
            Answer.objects.create(
                answer_sheet=answer_sheet,
                criterion=criteria[code],
                position=position,
                points=option.points if option else Decimal(0),
            )
    return answer_sheet


def lowest(set_no: int) -> dict[str, int]:
    return {c.code: 1 for c in sheet_148(set_no).criteria}


def test_translate_never_invents_and_marks_assumed_criteria():
    crosswalk = load_crosswalk(CROSSWALK)
    set_map = crosswalk.set_map(7)
    answers = top_answers(sheet_148(7))
    del answers["5.b"]  # story-only in 148: with no story there is no answer to carry
    result = translate(set_map, sheet_26(7), answers)
    assert "5.3" not in result.answers  # carried from 5.b: nothing to carry, nothing invented
    assert [(a.to, a.position) for a in result.assumed] == [("1.2", 1), ("2.4", 1)]
    assert result.assumed[0].reason.startswith("New in QĐ 26/2026 (certified raw-material zone)")
    assert result.at_top(sheet_26(7))["1.2"] == 3
    assert result.at_top(sheet_26(7))["2.4"] == 2
    assert {d.source for d in result.dropped} == {"3.đ", "8.b"}


def test_translate_refuses_an_answer_the_crosswalk_cannot_carry():
    set_map = load_crosswalk(CROSSWALK).set_map(7)
    answers = {**top_answers(sheet_148(7)), "1.d": 0}  # 0 is not a 148 answer for 1.d
    with pytest.raises(CrosswalkError, match="refusing to guess"):
        translate(set_map, sheet_26(7), answers)


def test_impact_lists_both_stars_for_stored_sheets():
    top1 = store(1, top_answers(sheet_148(1)), "Bộ 1 — tối đa")
    top7 = store(7, top_answers(sheet_148(7)), "Bộ 7 — tối đa")
    low7 = store(7, lowest(7), "Bộ 7 — thấp nhất")
    store(2, top_answers(sheet_148(2)), "Bộ 2 — không có bảng chuyển đổi")
    store(7, top_answers(sheet_26(7)), "Đã chấm theo 26/2026", edition="26-2026")

    rows = {
        row.answer_sheet_id: row
        for row in edition_impact(from_edition="148-2023", to_edition="26-2026")
    }
    assert set(rows) == {top1.pk, top7.pk, low7.pk}

    # Top answers under 148 (100 → 5★) carried to 26/2026, bộ 1 and bộ 7 alike:
    # 1.2 assumed option 1 (0 of 2), 2.4 assumed "Không" (0 of 1), 3.5 option 2 (2 of 3),
    # 5.1 option 4 (3 of 5), 5.3 option 3 (3 of 5; from 148 5.b option 4),
    # bộ 1 criterion 9 / bộ 7 criterion 8 option 1 (2 of 5):
    # 100 − 2 − 1 − 1 − 2 − 2 − 3 = 89 → band 4★, but 5.1 < 5 misses the 4★ minimum → 3★.
    # With the assumed 1.2 and 2.4 at their top: 92, still 3★.
    for row in (rows[top1.pk], rows[top7.pk]):
        assert (row.from_star, row.from_total) == (5, Decimal(100))
        assert (row.to_star, row.to_total) == (3, Decimal(89))
        assert (row.top_star, row.top_total) == (3, Decimal(92))
        assert [a.to for a in row.assumed] == ["1.2", "2.4"]
        assert row.changed is True
        assert "5.1" in {a.to for a in row.assumed_mappings}

    # Lowest options of bộ 7 under 148: 13 points → 1★. Carried: 1.1, 1.3, 1.4, 1.6, 2.3, 3.1,
    # 3.4, 3.5, 4.1, 6.4, 10, 11 at 1 point each + 3.3 (148 option 1 → 26 option 2) 2 points
    # = 14 → 1★; 8 and 9 go to 0 "no option met". Assumed at top: 14 + 2 + 1 = 17 → 1★.
    low = rows[low7.pk]
    assert (low.from_star, low.from_total) == (1, Decimal(13))
    assert (low.to_star, low.to_total, low.top_star, low.top_total) == (1, 14, 1, 17)
    assert low.changed is False


def test_impact_of_one_set_and_an_uncarriable_answer_is_an_error_row():
    good = store(1, top_answers(sheet_148(1)), "Bộ 1")
    bad = store(7, {**top_answers(sheet_148(7)), "1.d": 0}, "Bộ 7 — câu trả lời sai")
    only_1 = edition_impact(from_edition="148-2023", to_edition="26-2026", set_no=1)
    assert [row.answer_sheet_id for row in only_1] == [good.pk]
    row7 = edition_impact(from_edition="148-2023", to_edition="26-2026", set_no=7)[0]
    assert row7.answer_sheet_id == bad.pk
    assert row7.error.startswith("criterion 1.d: 0")
    assert (row7.to_star, row7.top_star, row7.changed) == (None, None, False)


def test_impact_command_prints_the_list_and_json():
    sheet = store(7, top_answers(sheet_148(7)), "Mứt gừng")
    out = io.StringIO()
    with translation.override("vi"):
        call_command("criteria", "impact", "--from", "148-2023", "--to", "26-2026", stdout=out)
    text = out.getvalue()
    assert "5★ 100.00" in text
    assert "3★ 89.00" in text
    assert "3★ 92.00 *Mứt gừng" in text
    assert "1 answer sheets, 1 whose star would change (*)" in text
    out = io.StringIO()
    call_command(
        "criteria",
        "impact",
        "--from",
        "148-2023",
        "--to",
        "26-2026",
        "--set",
        "7",
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert [(r["answer_sheet"], r["from_star"], r["to_star"], r["top_star"]) for r in data] == [
        (sheet.pk, 5, 3, 3)
    ]
    assert [a["code"] for a in data[0]["assumed"]] == ["1.2", "2.4"]


def test_impact_command_refuses_unknown_crosswalk_and_set():
    with translation.override("vi"), pytest.raises(CommandError) as info:
        call_command("criteria", "impact", "--from", "1048-2019", "--to", "26-2026")
    assert str(info.value) == "Không có bảng chuyển đổi từ 1048-2019 sang 26-2026."
    with translation.override("vi"), pytest.raises(CommandError) as info:
        call_command("criteria", "impact", "--from", "148-2023", "--to", "26-2026", "--set", "9")
    assert str(info.value) == (
        "Bảng chuyển đổi từ 148-2023 sang 26-2026 không bao gồm bộ sản phẩm 9."
    )
