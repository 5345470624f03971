"""``ocop criteria show|validate`` and ``ocop score``: output, figures, refusals in Vietnamese.

Expected figures come from QĐ 26/2026 Phụ lục II, bộ 7 (the same sheet the golden engine test
works by hand), never from the command's own output.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from ocop.criteria.engine import ENGINE_VERSION

from .test_engine_golden import SET7_MID

pytestmark = pytest.mark.django_db

HASH_26 = "sha256:193c5d76c54eb6805f8295772fda62b8035e8f33a71bad775d2be9c5b65ad6fd"


def run(*args: str) -> str:
    out = io.StringIO()
    with translation.override("vi"):
        call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused(*args: str) -> str:
    with translation.override("vi"), pytest.raises(CommandError) as info:
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
    return str(info.value)


def write(tmp_path: Path, payload: object) -> str:
    path = tmp_path / "answers.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), "utf-8")
    return str(path)


def test_show_prints_the_sheet_as_json():
    data = json.loads(
        run("criteria", "show", "--edition", "26-2026", "--set", "7", "--format", "json")
    )
    assert [(p["code"], p["max"]) for p in data["parts"]] == [("A", 40), ("B", 25), ("C", 35)]
    group1 = data["parts"][0]["groups"][0]
    assert (group1["code"], group1["max"]) == ("1", 18)
    crit = group1["criteria"][0]
    assert (crit["code"], crit["max"], crit["text"]) == ("1.1", 3, "Nguồn nguyên liệu")
    assert [(o["points"], o["min_star"]) for o in crit["options"]] == [(1, 3), (2, None), (3, None)]
    assert crit["options"][0]["text"] == (
        "Có sử dụng nguyên liệu có nguồn gốc trong tỉnh, nhưng có tỷ lệ dưới 50%"
    )
    codes = [c["code"] for p in data["parts"] for g in p["groups"] for c in g["criteria"]]
    assert len(codes) == 32
    assert codes[-1] == "11"
    assert data["content_hash"] == HASH_26


# Star markers of QĐ 26/2026 Phụ lục II, bộ 7, transcribed by hand from the printed sheet
# (criterion, option position in law order): "***" 3★, "****" 4★, "*****" 5★.
SET7_MARKERS = {
    3: {("1.1", 1), ("2.2", 3), ("2.3", 1), ("3.5", 1), ("4.1", 2), ("5.3", 2), ("8", 1), ("9", 1)},
    4: {
        ("1.5", 3),
        ("1.6", 1),
        ("2.1", 4),
        ("2.3", 3),
        ("3.4", 2),
        ("3.5", 2),
        ("4.1", 3),
        ("5.1", 5),
        ("6.1", 3),
        ("6.3", 3),
        ("6.4", 2),
        ("6.5", 3),
        ("7", 3),
        ("9", 2),
    },
    5: {("1.5", 4), ("4.1", 4), ("6.3", 4), ("6.4", 3), ("6.5", 4), ("7", 4)},
}


def test_show_json_has_the_issue_structure_at_every_level():
    """parts → code, max, groups → criteria → code, max, text, options → points, text, min_star."""
    data = json.loads(
        run("criteria", "show", "--edition", "26-2026", "--set", "7", "--format", "json")
    )
    markers: dict[int, set[tuple[str, int]]] = {3: set(), 4: set(), 5: set()}
    criteria = 0
    for part in data["parts"]:
        assert {"code", "max", "groups"} <= set(part)
        assert part["max"] == sum(g["max"] for g in part["groups"])
        for group in part["groups"]:
            assert {"criteria", "max"} <= set(group)
            assert group["max"] == sum(c["max"] for c in group["criteria"])
            for crit in group["criteria"]:
                criteria += 1
                assert {"code", "max", "text", "options"} <= set(crit)
                assert isinstance(crit["code"], str)
                assert crit["text"]
                assert crit["max"] == max(o["points"] for o in crit["options"])
                for position, option in enumerate(crit["options"], start=1):
                    assert {"points", "text", "min_star"} <= set(option)
                    assert isinstance(option["points"], int)
                    assert option["text"]
                    assert option["min_star"] in (3, 4, 5, None)
                    if option["min_star"]:
                        markers[option["min_star"]].add((crit["code"], position))
    assert criteria == 32
    assert sum(p["max"] for p in data["parts"]) == 100
    assert markers == SET7_MARKERS
    # "Vị" (6.5) in the law's wording, options 0 / 1 / 3**** / 5*****.
    taste = next(
        c for p in data["parts"] for g in p["groups"] for c in g["criteria"] if c["code"] == "6.5"
    )
    assert [(o["points"], o["text"], o["min_star"]) for o in taste["options"]] == [
        (0, "Vị khác thường", None),
        (1, "Chấp nhận được", None),
        (3, "Phù hợp với đặc trưng của sản phẩm", 4),
        (5, "Phù hợp với đặc trưng của sản phẩm, hấp dẫn", 5),
    ]


def test_show_text_uses_the_law_wording_and_star_markers():
    text = run("criteria", "show", "--edition", "26-2026", "--set", "7")
    assert "1.1 Nguồn nguyên liệu [3]" in text
    assert (
        "1. □ Có sử dụng nguyên liệu có nguồn gốc trong tỉnh, nhưng có tỷ lệ dưới 50% 1***" in text
    )


def test_validate_passes_on_the_committed_editions():
    out = run("criteria", "validate")
    assert "26-2026 r1: 26 sheets valid" in out
    assert "148-2023 r1: 26 sheets valid" in out
    assert "1048-2019 r1: metadata valid" in out
    assert "crosswalk 148-2023_26-2026 v1: sets 1, 7 valid" in out
    assert "story-criteria.json: 52 sheets name their story criterion" in out
    assert "database: 3 revisions, 52 sheets checked" in out
    assert out.strip().endswith("OK")


def test_validate_fails_when_a_revision_is_missing(monkeypatch):
    from ocop.criteria import checks
    from ocop.criteria.loader import RevisionPin, current_pins

    pins = [*current_pins(), RevisionPin("99-2030", 1, "sha256:none", "x")]
    monkeypatch.setattr(checks, "current_pins", lambda: pins)
    message = refused("criteria", "validate")
    assert message.startswith("Các bộ tiêu chí có ")


def test_score_one_member(tmp_path):
    data = json.loads(
        run("score", "--edition", "26-2026", "--set", "7", write(tmp_path, {"answers": SET7_MID}))
    )
    # Worked by hand in test_engine_golden.py: A 27, B 15, C 21 → 63 → 3★.
    assert data["total"] == "63.00"
    assert (data["star"], data["band_star"]) == (3, 3)
    assert data["by_part"] == {"A": "27.00", "B": "15.00", "C": "21.00"}
    assert [u["code"] for u in data["unmet_minimums"]["3"]] == []
    assert [u["code"] for u in data["unmet_minimums"]["4"]] == ["2.1", "2.3", "5.1"]
    assert data["policies"]["minimum_rule"] == "mean"
    assert data["policies"]["minimum_shortfall"] == "highest_star_with_minimums_met"
    assert (data["content_hash"], data["engine_version"], data["revision"]) == (
        HASH_26,
        ENGINE_VERSION,
        1,
    )
    gap = data["next_star_gap"]
    # 4★ needs 70 (+7) and 2.1 → 3 pts (+1), 2.3 → 3 (+1), 5.1 → 5 (+2): +4 from minimums,
    # 3 more from the cheapest other raises.
    assert (gap["current_star"], gap["target_star"], gap["reachable"]) == (3, 4, True)
    assert gap["added_points"] == "7.00"
    assert {"2.1", "2.3", "5.1"} <= {c["code"] for c in gap["changes"]}


def test_score_council_bands_the_unrounded_mean(tmp_path):
    # 70, 70, 69: top answers minus points on criteria without star markers.
    top = _top_set7()
    seventy = {
        **top,
        "1.2": 1,
        "1.3": 1,
        "1.4": 1,
        "1.7": 1,
        "2.4": 1,
        "3.1": 1,
        "3.2": 1,
        "3.3": 1,
        "4.2": 1,
        "4.3": 1,
        "6.2": 1,
        "10": 1,
        "11": 1,
    }
    # top 100 − (2 + 2 + 2 + 1 + 1 + 2 + 1 + 2 + 3 + 5 + 2 + 1 + 2) = 100 − 26 = 74; then
    # 1.1 → option 2 (−1), 9 → option 2 (−2), 5.2 → option 2 (−1): 70.
    seventy.update({"1.1": 2, "9": 2, "5.2": 2})
    sixty_nine = {**seventy, "1.6": 2}  # 1.6: 3 → 2 points
    payload = {"members": [{"answers": seventy}, {"answers": seventy}, {"answers": sixty_nine}]}
    data = json.loads(run("score", "--edition", "26-2026", "--set", "7", write(tmp_path, payload)))
    assert data["total"] == "69.67"
    assert (data["band_star"], data["members"]) == (3, 3)
    assert data["next_star_gap"] is None


def _top_set7() -> dict[str, int]:
    from .conftest import sheet_26, top_answers

    return top_answers(sheet_26(7))


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            {"answers": {**SET7_MID, "9.9": 1}},
            "Mã tiêu chí không tồn tại: 9.9 (bộ sản phẩm 7 của 26-2026 không có mã này).",
        ),
        (
            {"answers": {**SET7_MID, "1.1": 4}},
            "Tiêu chí 1.1: phương án 4 nằm ngoài phạm vi (0–3).",
        ),
        (
            {"answers": {k: v for k, v in SET7_MID.items() if k != "6.2"}},
            "Thiếu câu trả lời cho tiêu chí 6.2.",
        ),
        (
            {"answers": {**SET7_MID, "1.2": 0}},
            "Tiêu chí 1.2: không được chọn 0",
        ),
        ({"answers": {**SET7_MID, "1.1": "2"}}, "Tiêu chí 1.1: câu trả lời phải là số thứ tự"),
        ({"answer": SET7_MID}, "Dữ liệu vào phải là một đối tượng JSON"),
        ({"answers": SET7_MID, "flags": {"storey": False}}, "Cờ không hợp lệ: storey"),
        (
            {"members": [{"answers": SET7_MID}, {"answers": {**SET7_MID, "1.1": 7}}]},
            "Thành viên 2: Tiêu chí 1.1: phương án 7 nằm ngoài phạm vi (0–3).",
        ),
        ("{not json", "Tệp câu trả lời không phải JSON hợp lệ (dòng 1, cột 2)."),
    ],
)
def test_score_refuses_bad_input_in_vietnamese(tmp_path, payload, expected):
    message = refused("score", "--edition", "26-2026", "--set", "7", write(tmp_path, payload))
    assert message.startswith(expected)


def test_score_refuses_unknown_edition_and_set(tmp_path):
    path = write(tmp_path, {"answers": SET7_MID})
    assert refused("score", "--edition", "27-2027", "--set", "7", path).startswith(
        "Không có bộ tiêu chí “27-2027”"
    )
    assert refused("score", "--edition", "26-2026", "--set", "27", path) == (
        "Bộ tiêu chí 26-2026 không có phiếu cho bộ sản phẩm 27."
    )
    assert refused("score", "--edition", "1048-2019", "--set", "1", path) == (
        "Bộ tiêu chí 1048-2019 không có phiếu cho bộ sản phẩm 1."
    )


def test_score_refuses_a_missing_file(tmp_path):
    message = refused("score", "--edition", "26-2026", "--set", "7", str(tmp_path / "no.json"))
    assert message.startswith("Không đọc được tệp câu trả lời")


def test_score_set_26_needs_its_case(tmp_path):
    message = refused(
        "score", "--edition", "26-2026", "--set", "26", write(tmp_path, {"answers": {}})
    )
    assert message == (
        "Bộ sản phẩm 26 có tiêu chí với hai trường hợp thay thế: cờ “case” phải là một trong 1, 2."
    )
