"""The committed editions load, validate, and carry their corrections and revision identity."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from ocop.criteria.engine import (
    SheetError,
    load_all_sheets,
    load_edition,
    load_sheet,
    validate,
)
from ocop.criteria.engine.sheet import edition_content_hash, sheet_from_dict

from .conftest import sheet_26, sheet_148


@pytest.mark.parametrize("edition", ["26-2026", "148-2023"])
def test_edition_has_26_valid_sets_of_100_points(editions_dir: Path, edition: str) -> None:
    sheets = load_all_sheets(editions_dir / edition)
    assert [s.set_no for s in sheets] == list(range(1, 27))
    for sheet in sheets:
        assert validate(sheet) == []
        assert sheet.max_total == Decimal(100)
        assert [(p.code, p.max) for p in sheet.parts] == [
            ("A", Decimal(40)),
            ("B", Decimal(25)),
            ("C", Decimal(35)),
        ]


def test_1048_is_metadata_only(editions_dir: Path) -> None:
    edition = load_edition(editions_dir / "1048-2019")
    assert edition.legal_reference == "Quyết định số 1048/QĐ-TTg"
    assert [(p.code, p.max) for p in edition.parts] == [
        ("A", Decimal(35)),
        ("B", Decimal(25)),
        ("C", Decimal(40)),
    ]
    assert edition.sets == ()
    assert edition.band_star(Decimal("69.5")) == 3
    assert edition.band_star(Decimal(90)) == 5


def test_26_2026_manifest_facts(editions_dir: Path) -> None:
    edition = load_edition(editions_dir / "26-2026")
    assert edition.legal_reference == "Quyết định số 26/2026/QĐ-TTg"
    assert edition.effective_from.isoformat() == "2026-05-22"
    assert edition.policy("minimum_rule") == "mean"
    assert edition.policy("minimum_shortfall") == "highest_star_with_minimums_met"
    assert edition.content_hash.startswith("sha256:")
    assert edition.content_hash == edition_content_hash(editions_dir / "26-2026")


def test_148_names_differ_from_26_2026_where_the_decisions_differ() -> None:
    for set_no in (16, 18, 19, 20):
        assert sheet_148(set_no).name != sheet_26(set_no).name
    assert sheet_148(16).name == "Nước khoáng thiên nhiên, nước uống tinh khiết đóng chai"
    assert sheet_26(16).name == "Nước khoáng thiên nhiên, nước uống đóng chai"


def test_codes_are_as_printed() -> None:
    codes_26 = {c.code for c in sheet_26(11).criteria}
    assert {"1.1", "6.1.1", "6.2.3", "7"} <= codes_26
    codes_148 = {c.code for c in sheet_148(1).criteria}
    assert {"1.a", "1.đ", "2.a", "7", "10"} <= codes_148


def test_every_correction_has_a_reason_and_is_recorded_in_its_set(editions_dir: Path) -> None:
    corrections = json.loads((editions_dir / "corrections.json").read_text(encoding="utf-8"))
    applied: set[str] = set()
    for edition in ("26-2026", "148-2023"):
        for path in sorted((editions_dir / edition).glob("set-*.json")):
            applied.update(json.loads(path.read_text(encoding="utf-8"))["corrections"])
    ids = [c["id"] for c in corrections["corrections"]]
    assert len(ids) == len(set(ids))
    for correction in corrections["corrections"]:
        assert len(correction["reason"]) > 40, correction["id"]
        assert {"edition", "set", "field", "printed", "corrected"} <= set(correction)
        assert correction["id"] in applied, correction["id"]


def test_bilingual_label_has_no_and_yes_in_sets_1_to_22() -> None:
    for set_no in range(1, 23):
        sheet = sheet_26(set_no)
        code = "2.3" if set_no in (21, 22) else "2.4"
        crit = sheet.criterion(code)
        assert crit.text.startswith("Ghi nhãn hàng hóa có sử dụng song ngữ")
        assert [(o.points, o.text) for o in crit.options] == [
            (Decimal(0), "Không"),
            (Decimal(1), "Có"),
        ]


def test_printed_anomalies_are_corrected() -> None:
    # QĐ 26/2026 prints 13 on a 3-point criterion (set 4, 7. DINH DƯỠNG) and 11 on a 2-point one
    # (set 11, 6.1.1. Tạp chất), and 1 / 1 / 3 on set 7's 3.1.
    assert [o.points for o in sheet_26(4).criterion("7").options] == [0, 1, 3]
    assert [o.points for o in sheet_26(11).criterion("6.1.1").options] == [0, 1, 2]
    assert [o.points for o in sheet_26(7).criterion("3.1").options] == [1, 2, 3]
    assert [o.points for o in sheet_148(7).criterion("6.d").options] == [1, 2, 4]


def test_flags_from_the_printed_notes() -> None:
    sheet = sheet_26(7)
    assert sheet.criterion("1.1").eliminates  # "Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu…"
    assert sheet.criterion("6.1").halts  # "… sẽ không đánh giá các bước tiếp theo"
    assert sheet.criterion("5.2").requires_story
    assert sheet.criterion("5.3").requires_story
    assert not sheet.criterion("3.1").actionable
    assert not sheet.criterion("3.2").actionable
    assert sheet.criterion("3.3").actionable
    assert len(sheet.disqualifiers) == 3


def test_set_26_has_two_cases_on_8_9_15() -> None:
    sheet = sheet_26(26)
    with_cases = [c.code for c in sheet.criteria if c.has_cases]
    assert with_cases == ["8", "9", "15"]
    crit = sheet.criterion("8")
    assert [(o.position, o.case, o.points) for o in crit.options] == [
        (1, 1, 1),
        (2, 1, 3),
        (3, 2, 1),
        (4, 2, 3),
    ]


def test_invalid_sheet_is_refused(editions_dir: Path, tmp_path: Path) -> None:
    edition = load_edition(editions_dir / "26-2026")
    data = json.loads((editions_dir / "26-2026" / "set-07.json").read_text(encoding="utf-8"))
    data["parts"][0]["groups"][0]["criteria"][0]["options"][2]["points"] = 13
    problems = validate(sheet_from_dict(data, edition))
    assert "criterion 1.1: max 3 but highest option is 13" in problems
    # A tampered edition no longer matches its content hash and does not load.
    copy = tmp_path / "26-2026"
    copy.mkdir()
    for path in (editions_dir / "26-2026").iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    (copy / "set-07.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SheetError, match="content hash mismatch"):
        load_sheet(copy, 7)


def test_crosswalk_covers_every_criterion_of_sets_1_and_7(editions_dir: Path) -> None:
    crosswalk = json.loads(
        (editions_dir / "crosswalk-148-2023_26-2026.json").read_text(encoding="utf-8")
    )
    assert crosswalk["to_content_hash"] == load_edition(editions_dir / "26-2026").content_hash
    assert {s["from_set"] for s in crosswalk["sets"]} >= {1, 7}
    for entry in crosswalk["sets"]:
        old, new = sheet_148(entry["from_set"]), sheet_26(entry["to_set"])
        assert [c["to"] for c in entry["criteria"]] == [c.code for c in new.criteria]
        used = {c["from"] for c in entry["criteria"] if c["from"]}
        dropped = {d["from"] for d in entry["dropped"]}
        assert used | dropped == {c.code for c in old.criteria}
        for item in entry["criteria"]:
            assert item["reason"]
            target = new.criterion(item["to"])
            if item["from"] is None:
                assumed = item["assumed_position"]
                points = target.option(assumed).points if assumed else Decimal(0)
                assert points == 0  # default assumption: the answer worth 0 points
                continue
            source = old.criterion(item["from"])
            assert {int(k) for k in item["options"]} >= set(range(1, len(source.options) + 1))
            for new_position in item["options"].values():
                assert 0 <= new_position <= len(target.options)
