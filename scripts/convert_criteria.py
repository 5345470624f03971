"""Convert the OCOP scoring sheets from the shared source texts into versioned edition data.

Run by a developer, once per source change (never at run time or in tests):

    .venv/bin/python scripts/convert_criteria.py /work/shared/domain/sources

Reads ``qd-26-2026-QD-TTg.txt`` (Annex II of QĐ 26/2026/QĐ-TTg) and
``qd-148-2023-sheets/set-NN.csv`` (a third-party transcription of the sheets of QĐ 148/QĐ-TTg),
applies the reviewed corrections in ``ocop/criteria/editions/corrections.json`` and writes
``ocop/criteria/editions/<edition>/manifest.json`` plus one ``set-NN.json`` per product set.
The generated files are committed; the engine (``ocop.criteria.engine``) only reads them.

Exit status is non-zero when a source row cannot be classified, when a correction no longer
matches the printed value (the source changed: review the correction), or when a generated sheet
fails validation.
"""

from __future__ import annotations

import argparse
import copy
import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EDITIONS_DIR = ROOT / "ocop" / "criteria" / "editions"
CORRECTIONS_FILE = EDITIONS_DIR / "corrections.json"

sys.path.insert(0, str(ROOT))
from ocop.criteria.engine.sheet import (  # noqa: E402  (the script runs from a checkout)
    canonical_json,
    sheet_from_dict,
    story_criteria,
    validate,
)

Json = dict[str, Any]

# Annex I of QĐ 26/2026 (and of QĐ 148/2023): which product family each set belongs to.
FAMILIES: dict[int, str] = {
    **dict.fromkeys(range(1, 14), "food"),
    **dict.fromkeys(range(14, 18), "drinks"),
    **dict.fromkeys(range(18, 21), "herbal"),
    **dict.fromkeys(range(21, 23), "handicraft"),
    **dict.fromkeys(range(23, 26), "ornamental"),
    26: "tourism",
}

# QĐ 148/2023 product-set names. The CSV transcription has no names inside the files; these are
# the names the transcription's file names carry (github.com/augustine-tran/ocop, db/ocop/),
# which differ from QĐ 26/2026 for sets 16 and 18–20 (see ocop-rules.md §2.1). Set 8's file name
# is cut short; its full name is the Annex I wording, unchanged between the two decisions.
NAMES_148: dict[int, str] = {
    1: "Rau, củ, quả, hạt tươi",
    2: "Thịt, thủy sản, trứng, sữa tươi",
    3: "Gạo, ngũ cốc, hạt sơ chế khác",
    4: "Mật ong, mật khác và nông sản thực phẩm khác",
    5: "Đồ ăn nhanh",
    6: "Chế biến từ gạo, ngũ cốc",
    7: "Chế biến từ rau, củ, quả, hạt",
    8: (
        "Chế biến từ thịt, thủy sản, trứng, sữa, các sản phẩm từ mật ong, mật khác"
        " và nông sản thực phẩm khác"
    ),
    9: "Tương, nước mắm, gia vị dạng lỏng khác",
    10: "Gia vị khác (muối, hành, tỏi, tiêu,...)",
    11: "Chè tươi, chè chế biến",
    12: "Sản phẩm trà từ thực vật khác",
    13: "Sản phẩm cà phê, ca cao",
    14: "Rượu trắng",
    15: "Đồ uống có cồn khác",
    16: "Nước khoáng thiên nhiên, nước uống tinh khiết đóng chai",
    17: "Đồ uống không cồn khác",
    18: "Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền",
    19: "Mỹ phẩm có thành phần từ Thảo dược",
    20: "Tinh dầu và thảo dược khác",
    21: "Thủ công mỹ nghệ gia dụng, trang trí",
    22: "Vải, may mặc",
    23: "Hoa",
    24: "Cây cảnh",
    25: "Động vật cảnh",
    26: "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
}

# Criteria that describe who the producer is, not something it can improve (issue 5 item 4):
# the legal form of the organisation and the person of its legal representative.
NOT_ACTIONABLE_PATTERNS = (
    re.compile(r"^Loại hình tổ chức", re.IGNORECASE),
    re.compile(r"^Đại diện pháp luật", re.IGNORECASE),
)

STORY_ONLY = re.compile(r"Chỉ áp dụng khi có câu chuyện", re.IGNORECASE)
ELIMINATE_NOTE = re.compile(r"bị loại|Không đánh giá những sản phẩm", re.IGNORECASE)
HALT_NOTE = re.compile(
    r"Không xem xét các chỉ tiêu khác|không đánh giá các bước tiếp theo", re.IGNORECASE
)
MARKER = re.compile(r"\s*(\*{3,})\s*")
NOTE_PREFIX = re.compile(r"^(Ghi chú|Chú ý|Yêu cầu)\s*:", re.IGNORECASE)


class SourceError(Exception):
    """A source row the converter cannot classify, or a correction that no longer applies."""


# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------


def split_marker(text: str) -> tuple[str, int | None, str | None]:
    """Strip a star marker from an option text; return (text, min_star, trailing note).

    The Annex II legend of QĐ 26/2026: "Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ
    sao (*** - 3 sao; **** - 4 sao; ***** - 5 sao)". A marker of any other length is an error.
    """
    found = list(MARKER.finditer(text))
    if not found:
        return text.strip(), None, None
    if len(found) > 1:
        raise SourceError(f"several star markers in {text!r}")
    match = found[0]
    stars = len(match.group(1))
    if stars not in (3, 4, 5):
        raise SourceError(f"malformed star marker {match.group(1)!r} in {text!r}")
    before = text[: match.start()].strip()
    after = text[match.end() :].strip()
    return before, stars, (after or None)


def split_disqualifiers(text: str) -> list[str]:
    """Split a "Hồ sơ bị loại khi: …" sentence into its alternatives ("…; hoặc …")."""
    items: list[str] = []
    depth = 0
    current = ""
    words = re.split(r"(\s+)", text)
    for word in words:
        depth += word.count("(") - word.count(")")
        if word == "hoặc" and depth == 0 and current.strip():
            items.append(current.strip().rstrip(";").strip())
            current = ""
            continue
        current += word
    if current.strip():
        items.append(current.strip().rstrip(";").strip())
    return items


def classify_note(criterion: Json, note: str) -> None:
    note = NOTE_PREFIX.sub("", note).strip() if not note.startswith("Yêu cầu") else note
    criterion["notes"].append(note)
    if ELIMINATE_NOTE.search(note):
        criterion["eliminates"] = True
    if HALT_NOTE.search(note):
        criterion["halts"] = True


def new_criterion(code: str, text: str, max_points: int | str | None, subgroup: str | None) -> Json:
    return {
        "code": code,
        "text": text,
        "max": max_points,
        "subgroup": subgroup,
        "actionable": not any(p.search(text) for p in NOT_ACTIONABLE_PATTERNS),
        "requires_story": False,
        "eliminates": False,
        "halts": False,
        "min_star": None,
        "notes": [],
        "cases": [],
        "options": [],
    }


def add_option(criterion: Json, text: str, points: int | None) -> None:
    body, star, trailing = split_marker(text.lstrip("□").strip())
    if not body:
        raise SourceError(f"criterion {criterion['code']}: empty option text")
    option: Json = {
        "position": len(criterion["options"]) + 1,
        "points": points,
        "text": body,
        "min_star": star,
    }
    if criterion["cases"]:
        option["case"] = criterion["cases"][-1]["case"]
    criterion["options"].append(option)
    if trailing:
        note = NOTE_PREFIX.sub("", trailing).strip()
        classify_note(criterion, note)


# ---------------------------------------------------------------------------------------------
# QĐ 26/2026: Annex II as plain text (markdown-like table rows)
# ---------------------------------------------------------------------------------------------

SET_HEADING = re.compile(r"^(\d{1,2})\.\s+(?:Bộ sản phẩm:\s*)?(.+)$")
PART_ROW = re.compile(r"^Phần\s+([ABC])\b[:\s]*(.*)$", re.IGNORECASE)
GROUP_ROW = re.compile(r"^(\d{1,2})\.?\s+(.+)$")
CRITERION_ROW = re.compile(r"^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+(.+)$")
CASE_ROW = re.compile(r"^([ab])\.\s*Trường hợp\s*(\d)\s*:\s*(.+)$")


def table_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner.removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in inner.split("|")]


def iter_sheets_26(text: str) -> Iterator[tuple[int, str, list[str]]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "PHỤ LỤC II")
    end = next(i for i, line in enumerate(lines) if line.strip() == "PHỤ LỤC III")
    expected = 1
    current: tuple[int, str, list[str]] | None = None
    for line in lines[start:end]:
        heading = SET_HEADING.match(line.strip()) if not line.startswith("|") else None
        if heading and int(heading.group(1)) == expected:
            if current:
                yield current
            current = (expected, heading.group(2).strip(), [])
            expected += 1
            continue
        if current:
            current[2].append(line)
    if current:
        yield current
    if expected != 27:
        raise SourceError(f"found {expected - 1} sheets in Annex II, expected 26")


def parse_sheet_26(set_no: int, name: str, lines: list[str]) -> Json:
    sheet: Json = {
        "edition": "26-2026",
        "set": set_no,
        "name": name,
        "family": FAMILIES[set_no],
        "category": None,
        "disqualifiers_text": None,
        "disqualifiers": [],
        "star_legend": None,
        "printed_total": None,
        "parts": [],
    }
    part: Json | None = None
    group: Json | None = None
    criterion: Json | None = None
    pending_case_instruction: str | None = None
    group_notes: list[str] = []

    def start_group_criterion() -> Json:
        nonlocal criterion
        assert group is not None
        criterion = new_criterion(group["code"], group["title"], group["max"], None)
        for note in group_notes:
            classify_note(criterion, note)
        group_notes.clear()
        group["criteria"].append(criterion)
        return criterion

    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("|"):
            if line.startswith("(Sản phẩm"):
                sheet["category"] = line
            elif re.match(r"^(Hồ sơ )?[Bb]ị loại khi:", line):
                body = line.split(":", 1)[1].strip()
                if sheet["disqualifiers_text"] not in (None, body):
                    raise SourceError(f"set {set_no}: two different disqualifier lines")
                sheet["disqualifiers_text"] = body
                sheet["disqualifiers"] = split_disqualifiers(body)
            elif line.startswith("Ghi chú: Dấu sao"):
                sheet["star_legend"] = line
            continue
        cells = table_cells(line)
        first = cells[0]
        value = cells[1] if len(cells) > 1 else ""
        # A points cell that is not a number (set 23 prints "4 1") is kept as printed; a
        # correction must replace it.
        points: int | str | None = int(value) if value.isdigit() else (value or None)
        if first in ("Các tiêu chí", ""):
            continue  # header row, or the signature block under the sheet
        if first.startswith("TỔNG CỘNG"):
            sheet["printed_total"] = points
            continue
        if m := PART_ROW.match(first):
            part = {"code": m.group(1).upper(), "title": first, "max": points, "groups": []}
            sheet["parts"].append(part)
            group = criterion = None
            continue
        if part is None:
            raise SourceError(f"set {set_no}: row before any part: {line!r}")
        if first.startswith("o ") and points is not None:
            # A tick box rendered as the letter "o" by the transcript (set 7, 8. TÍNH ĐỘC ĐÁO).
            first = "□" + first[1:]
        if first.startswith("□"):
            # An option printed without points is kept as null; a correction must supply them.
            if criterion is None:
                criterion = start_group_criterion()
            add_option(criterion, first, points)
            continue
        if m := CRITERION_ROW.match(first):
            if points is None:
                raise SourceError(f"set {set_no}: criterion without points: {line!r}")
            assert group is not None
            code = m.group(1)
            depth = code.count(".")
            subgroup = None
            if depth == 2:
                parent = code.rsplit(".", 1)[0]
                # "6.1. Ngoại hình | 4" followed by "6.1.1 …": 6.1 is a sub-group, not a leaf.
                if criterion and criterion["code"] == parent and not criterion["options"]:
                    group["criteria"].remove(criterion)
                    group["subgroups"].append(
                        {"code": parent, "title": criterion["text"], "max": criterion["max"]}
                    )
                if not any(s["code"] == parent for s in group["subgroups"]):
                    raise SourceError(f"set {set_no}: {code} without sub-group {parent}")
                subgroup = parent
            text = m.group(2).strip()
            criterion = new_criterion(code, text, points, subgroup)
            if "Yêu cầu:" in text:
                title, requirement = text.split("Yêu cầu:", 1)
                criterion["text"] = title.strip()
                criterion["notes"].append("Yêu cầu: " + requirement.strip())
            body, star, _ = split_marker(criterion["text"])
            criterion["text"], criterion["min_star"] = body, star
            group["criteria"].append(criterion)
            if pending_case_instruction:
                raise SourceError(f"set {set_no}: dangling case instruction")
            continue
        if (m := GROUP_ROW.match(first)) and points is not None and not first.startswith("□"):
            group = {
                "code": m.group(1),
                "title": m.group(2).strip(),
                "max": points,
                "subgroups": [],
                "criteria": [],
            }
            part["groups"].append(group)
            criterion = None
            group_notes.clear()
            continue
        if first.startswith("Lựa chọn một trong hai trường hợp"):
            if criterion is None:
                criterion = start_group_criterion()
            criterion["case_instruction"] = first
            continue
        if m := CASE_ROW.match(first):
            assert criterion is not None
            criterion["cases"].append({"case": int(m.group(2)), "label": first})
            continue
        if STORY_ONLY.search(first):
            assert criterion is not None
            criterion["requires_story"] = True
            criterion["notes"].append(first)
            continue
        if NOTE_PREFIX.match(first):
            note = NOTE_PREFIX.sub("", first).strip()
            if "các chỉ tiêu trên" in note:
                # Set 16: "Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá
                # các bước tiếp theo" — a stop rule for every criterion of the group above.
                assert group is not None
                for each in group["criteria"]:
                    classify_note(each, note)
            elif criterion is None:
                group_notes.append(note)
            else:
                classify_note(criterion, note if not first.startswith("Yêu cầu") else first)
            continue
        if first.startswith("(") and points is None:
            # A parenthesised explanation printed on its own row continues the title above.
            if criterion is not None:
                criterion["text"] = f"{criterion['text']} {first}"
            else:
                assert group is not None
                group["title"] = f"{group['title']} {first}"
            continue
        raise SourceError(f"set {set_no}: cannot classify row {line!r}")
    # Story-dependent criteria by their own wording: "Trí tuệ/bản sắc địa phương" judges the
    # content of the story (QĐ 26/2026 Annex II: "Nội dung câu chuyện sản phẩm OCOP phải …").
    for each in iter_criteria(sheet):
        if each["text"].startswith("Trí tuệ/bản sắc địa phương") and sheet["family"] != "tourism":
            each["requires_story"] = True
    return sheet


def iter_criteria(sheet: Json) -> Iterator[Json]:
    for part in sheet["parts"]:
        for group in part["groups"]:
            yield from group["criteria"]


# ---------------------------------------------------------------------------------------------
# QĐ 148/2023: CSV transcription (title, description, level 0 part / 1 group / 2 criterion /
# 3 option, stars, score)
# ---------------------------------------------------------------------------------------------

LETTER_CODE = re.compile(r"^([a-zđ])\s*\)\s*(.*)$", re.DOTALL)
GROUP_148 = re.compile(r"^(\d{1,2})\.\s*(.+)$", re.DOTALL)


def one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).strip()


def group_criterion_148(group: Json) -> Json:
    """The criterion of a group printed without sub-criteria (options right under the group)."""
    crit = new_criterion(group["code"], group["title"], group["max"], None)
    if group["description"].startswith("Lựa chọn"):
        crit["case_instruction"] = group["description"]
    elif group["description"]:
        classify_note(crit, group["description"])
    group["criteria"].append(crit)
    return crit


def parse_sheet_148(set_no: int, path: Path) -> Json:
    sheet: Json = {
        "edition": "148-2023",
        "set": set_no,
        "name": NAMES_148[set_no],
        "family": FAMILIES[set_no],
        "category": None,
        "disqualifiers_text": None,
        "disqualifiers": [],
        "star_legend": None,
        "printed_total": None,
        "parts": [],
    }
    part: Json | None = None
    group: Json | None = None
    criterion: Json | None = None
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Set 13 prints sub-grouped criteria as "a) Ngoại hình - Tạp chất lạ", "a) Ngoại hình - Vị":
    # a letter + prefix repeated on several rows is a sub-group ("6.a") of numbered criteria.
    prefixed = [
        (m.group(1), m.group(2).split(" - ", 1)[0])
        for row in rows
        if row["level"].strip() == "2"
        and (m := LETTER_CODE.match(one_line(row["title"])))
        and " - " in m.group(2)
    ]
    subgroup_keys = {key for key in prefixed if prefixed.count(key) > 1}
    for row in rows:
        title = one_line(row["title"])
        description = one_line(row["description"] or "")
        level = row["level"].strip()
        score = row["score"].strip()
        # A non-numeric score ("l", "t": typos for 1) is kept as printed for a correction.
        points: int | str | None = int(score) if score.isdigit() else (score or None)
        stars = int(row["stars"]) if (row["stars"] or "").strip().isdigit() else None
        if level == "0":
            m = re.match(r"^Phần\s+([ABC])", title, re.IGNORECASE)
            if not m:
                raise SourceError(f"148 set {set_no}: part row {title!r}")
            part = {"code": m.group(1).upper(), "title": title, "max": points, "groups": []}
            sheet["parts"].append(part)
            continue
        if part is None:
            raise SourceError(f"148 set {set_no}: row before any part: {title!r}")
        if level == "1":
            m = GROUP_148.match(title)
            if not m:
                raise SourceError(f"148 set {set_no}: group row {title!r}")
            group = {
                "code": m.group(1),
                "title": m.group(2).strip(),
                "max": points,
                "subgroups": [],
                "criteria": [],
                "description": description,
            }
            part["groups"].append(group)
            criterion = None
            continue
        assert group is not None

        if level == "2" and (m := CASE_ROW.match(title)):
            if criterion is None:
                criterion = group_criterion_148(group)
            criterion["cases"].append({"case": int(m.group(2)), "label": title})
            continue
        if level == "2" and title.startswith("- "):
            # Set 11 prints unnumbered "- Tạp chất" items under "a) Ngoại hình": "a)" becomes a
            # sub-group and the items are numbered in print order ("6.a.1", "6.a.2").
            assert criterion is not None
            if not criterion["options"] and criterion["subgroup"] is None:
                group["criteria"].remove(criterion)
                group["subgroups"].append(
                    {"code": criterion["code"], "title": criterion["text"], "max": criterion["max"]}
                )
                parent = criterion["code"]
            else:
                parent = criterion["subgroup"]
            number = sum(1 for c in group["criteria"] if c["subgroup"] == parent) + 1
            criterion = new_criterion(f"{parent}.{number}", title[2:].strip(), points, parent)
            if description:
                classify_note(criterion, description)
            group["criteria"].append(criterion)
            continue
        if level == "2":
            m = LETTER_CODE.match(title)
            if not m:
                raise SourceError(f"148 set {set_no}: criterion row {title!r}")
            text = m.group(2).strip()
            same_title = text.upper() == group["title"].upper()
            if not text or (same_title and points in (None, group["max"])):
                # The transcription repeats a one-criterion group as "a)"; the decision prints
                # the group alone, so the criterion takes the group's code ("7", as in 26/2026).
                criterion = group_criterion_148(group)
                if description:
                    classify_note(criterion, description)
                continue
            if (m.group(1), text.split(" - ", 1)[0]) in subgroup_keys:
                sub_code = f"{group['code']}.{m.group(1)}"
                sub_title, text = text.split(" - ", 1)
                sub = next((x for x in group["subgroups"] if x["code"] == sub_code), None)
                if sub is None:
                    # The sub-group's maximum is not printed: it is the sum of its criteria.
                    sub = {"code": sub_code, "title": sub_title, "max": 0, "max_printed": False}
                    group["subgroups"].append(sub)
                sub["max"] += points if isinstance(points, int) else 0
                number = sum(1 for c in group["criteria"] if c["subgroup"] == sub_code) + 1
                criterion = new_criterion(f"{sub_code}.{number}", text, points, sub_code)
                if description:
                    classify_note(criterion, description)
                group["criteria"].append(criterion)
                continue
            story_note = None
            if found := STORY_ONLY.search(text):
                story_note = text[found.start() :].strip()
                text = text[: found.start()].strip()
            body, star, _ = split_marker(text)
            code = f"{group['code']}.{m.group(1)}"
            if stars is not None and stars != star:
                raise SourceError(f"148 set {set_no}: {code} stars column vs marker")
            criterion = new_criterion(code, body, points, None)
            criterion["min_star"] = star
            if story_note:
                criterion["requires_story"] = True
                criterion["notes"].append(story_note)
            if description:
                classify_note(criterion, description)
            group["criteria"].append(criterion)
            continue
        if level == "3":
            if criterion is None:
                criterion = group_criterion_148(group)
            text = title if title.startswith("□") else "□ " + title
            add_option(criterion, text, points)
            option = criterion["options"][-1]
            if stars is not None and option["min_star"] != stars:
                raise SourceError(
                    f"148 set {set_no}: {criterion['code']} option {option['position']} "
                    f"stars column {stars} vs marker {option['min_star']}"
                )
            if description:
                classify_note(criterion, description)
            continue
        raise SourceError(f"148 set {set_no}: unknown level {level!r} in {title!r}")
    for each in iter_criteria(sheet):
        if each["text"].startswith("Trí tuệ/bản sắc địa phương") and sheet["family"] != "tourism":
            each["requires_story"] = True
    for part in sheet["parts"]:
        for group in part["groups"]:
            group.pop("description", None)
            # A lone "a)" under a group is the transcription's way of printing the group itself
            # as the criterion ("7. DINH DƯỠNG"): give it the group's code, as QĐ 26/2026 does.
            if len(group["criteria"]) == 1 and group["criteria"][0]["code"] == f"{group['code']}.a":
                group["criteria"][0]["code"] = group["code"]
    return sheet


# ---------------------------------------------------------------------------------------------
# Corrections
# ---------------------------------------------------------------------------------------------


def iter_figures(sheet: Json) -> Iterator[tuple[str, Any]]:
    """Every printed figure of a sheet, with where it is (to find the unreadable ones)."""
    for part in sheet["parts"]:
        yield f"part {part['code']} max", part["max"]
        for group in part["groups"]:
            yield f"group {group['code']} max", group["max"]
            for sub in group["subgroups"]:
                yield f"sub-group {sub['code']} max", sub["max"]
            for crit in group["criteria"]:
                yield f"criterion {crit['code']} max", crit["max"]
                for option in crit["options"]:
                    yield f"criterion {crit['code']} option {option['position']}", option["points"]


def find_criterion(sheet: Json, code: str, occurrence: int = 1) -> Json:
    seen = 0
    for each in iter_criteria(sheet):
        if each["code"] == code:
            seen += 1
            if seen == occurrence:
                return each
    raise SourceError(f"{sheet['edition']} set {sheet['set']}: no criterion {code}")


def find_group(sheet: Json, code: str) -> Json:
    for part in sheet["parts"]:
        for group in part["groups"]:
            if group["code"] == code:
                return group
    raise SourceError(f"{sheet['edition']} set {sheet['set']}: no group {code}")


def apply_correction(sheet: Json, correction: Json) -> None:
    """Apply one reviewed correction, refusing if the printed value is not what it says."""
    field = correction["field"]
    printed = correction["printed"]
    corrected = correction["corrected"]
    where = f"{correction['edition']} set {correction['set']} {correction.get('criterion')}"
    if field == "group.max":
        target = find_group(sheet, correction["group"])
        key = "max"
        for crit in target["criteria"]:
            if crit["code"] == target["code"] and crit["max"] == printed:
                crit["max"] = corrected  # a one-criterion group carries the same figure
    elif field == "subgroup.max":
        target = next(
            sub
            for part in sheet["parts"]
            for group in part["groups"]
            for sub in group["subgroups"]
            if sub["code"] == correction["subgroup"]
        )
        key = "max"
    elif field == "part.max":
        target = next(p for p in sheet["parts"] if p["code"] == correction["part"])
        key = "max"
    else:
        crit = find_criterion(sheet, correction["criterion"], correction.get("occurrence", 1))
        if field == "options":
            if [(o["points"], o["text"]) for o in crit["options"]] != [
                (o["points"], o["text"]) for o in printed
            ]:
                raise SourceError(f"{where}: printed options differ from the correction")
            crit["options"] = []
            for each in corrected:
                add_option(crit, "□ " + each["text"], each["points"])
                crit["options"][-1]["min_star"] = each.get("min_star")
            return
        if field == "max":
            target, key = crit, "max"
        elif field.startswith("option."):
            target = crit["options"][correction["position"] - 1]
            key = field.removeprefix("option.")
        elif field in ("actionable", "code", "requires_story", "eliminates", "halts"):
            target, key = crit, field
        else:
            raise SourceError(f"{where}: unknown field {field}")
    if target[key] != printed:
        raise SourceError(
            f"{where}: printed {field} is {target[key]!r}, correction says {printed!r}"
        )
    target[key] = corrected


def as_list(value: int | list[int]) -> list[int]:
    return value if isinstance(value, list) else [value]


def for_set(correction: Json, set_no: int) -> Json:
    """A correction that covers several sets, narrowed to one (its code may differ per set)."""
    narrowed = dict(correction, set=set_no)
    if "criterion_by_set" in correction:
        narrowed["criterion"] = correction["criterion_by_set"][str(set_no)]
    return narrowed


def load_corrections() -> list[Json]:
    data = json.loads(CORRECTIONS_FILE.read_text(encoding="utf-8"))
    corrections: list[Json] = data["corrections"]
    for each in corrections:
        if not each.get("reason"):
            raise SourceError(f"correction {each.get('id')} has no reason")
    return corrections


# Sets 1–22 of QĐ 26/2026 print the bilingual-label criterion with its maximum only.
BILINGUAL = re.compile(r"^Ghi nhãn hàng hóa có sử dụng song ngữ")


# ---------------------------------------------------------------------------------------------
# Manifests
# ---------------------------------------------------------------------------------------------

BANDS_26 = [
    # QĐ 26/2026 Điều 3.3: half-open intervals on the average total ("tổng điểm trung bình").
    {"star": 1, "min": "0", "max_exclusive": "30", "printed": "dưới 30 điểm"},
    {"star": 2, "min": "30", "max_exclusive": "50", "printed": "từ 30 đến dưới 50 điểm"},
    {"star": 3, "min": "50", "max_exclusive": "70", "printed": "từ 50 đến dưới 70 điểm"},
    {"star": 4, "min": "70", "max_exclusive": "90", "printed": "từ 70 đến dưới 90 điểm"},
    {"star": 5, "min": "90", "max_exclusive": None, "printed": "từ 90 đến 100 điểm"},
]

FRACTIONAL_RULE_INTEGER_BANDS = (
    "Các hạng in bằng số nguyên (50–69, 70–89, 90–100). Điểm trung bình lẻ được xếp theo cận dưới "
    "của hạng kế tiếp: một hạng kéo dài tới ngay dưới điểm bắt đầu của hạng cao hơn, nên 69,5 "
    "là 3 sao (vì < 70) và 89,99 là 4 sao (vì < 90); không làm tròn điểm trước khi xếp hạng. "
    "(Quy tắc của hệ thống, văn bản không quy định.) / Bands are printed as integers; a "
    "fractional average is banded by the lower bound of the next band, unrounded: 69.5 → 3★ "
    "because < 70, 89.99 → 4★ because < 90. Project rule; the decision is silent."
)


def bands_integer(top_printed: str) -> list[Json]:
    return [
        {"star": 1, "min": "0", "max_exclusive": "30", "printed": "< 30"},
        {"star": 2, "min": "30", "max_exclusive": "50", "printed": "30–49"},
        {"star": 3, "min": "50", "max_exclusive": "70", "printed": "50–69"},
        {"star": 4, "min": "70", "max_exclusive": "90", "printed": "70–89"},
        {"star": 5, "min": "90", "max_exclusive": None, "printed": top_printed},
    ]


POLICIES = {
    "minimum_rule": {
        "value": "mean",
        "alternatives": ["every_member"],
        "text": (
            "A council meets a star's minimum on a criterion when the mean of the members' "
            "points on that criterion reaches the starred option's points. Annex II legend: "
            "'Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao'; the decision does not "
            "say how a council aggregates it (project policy)."
        ),
    },
    "minimum_shortfall": {
        "value": "highest_star_with_minimums_met",
        "alternatives": ["not_rated"],
        "text": (
            "A product whose band is reached but whose minimums for that star are not met gets "
            "the highest star whose band and cumulative minimums are all met. The decision is "
            "silent on downgrade vs. 'không đạt' (project policy, configurable)."
        ),
    },
    "minimum_cumulative": {
        "value": True,
        "text": "A star needs the minimums of every lower star too (project reading).",
    },
    "fractional_rule": {
        "value": "unrounded",
        "text": (
            "The mean is an exact decimal and is banded unrounded (70, 70, 69 → 69.666… → 3★); "
            "it is shown rounded to 2 places, half up."
        ),
    },
    "stop_rule": {
        "value": "not_rated",
        "text": (
            "A dossier eliminated by a criterion note, halted by a stop note ('không đánh giá "
            "các bước tiếp theo') or disqualified ('Hồ sơ bị loại khi') gets no star; the points "
            "scored before a halt are still reported."
        ),
    },
}


def content_hash(payload: Any) -> str:
    return "sha256:" + hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def finish_edition(
    edition_dir: Path, manifest: Json, sheets: list[Json], corrections: list[Json]
) -> list[str]:
    problems: list[str] = []
    for sheet in sheets:
        applied = [
            c
            for c in corrections
            if c["edition"] == manifest["edition"] and sheet["set"] in as_list(c["set"])
        ]
        for correction in applied:
            apply_correction(sheet, for_set(correction, sheet["set"]))
        sheet["corrections"] = [c["id"] for c in applied]
        for part in sheet["parts"]:
            for group in part["groups"]:
                for sub in group["subgroups"]:
                    if sub.get("max_printed") is False:  # derived, not printed: recompute
                        sub["max"] = sum(
                            c["max"] for c in group["criteria"] if c["subgroup"] == sub["code"]
                        )
        unpriced = [
            f"{manifest['edition']} set {sheet['set']}: {where} printed as {value!r}"
            for where, value in iter_figures(sheet)
            if not isinstance(value, int)
        ]
        if unpriced:
            problems += unpriced
            continue
        story = story_criteria(EDITIONS_DIR).get((manifest["edition"], int(sheet["set"])))
        parsed = sheet_from_dict(sheet, manifest, story=story)
        problems += [f"{manifest['edition']} set {sheet['set']}: {p}" for p in validate(parsed)]
    manifest["sets"] = [
        {
            "set": s["set"],
            "name": s["name"],
            "family": s["family"],
            "file": f"set-{s['set']:02d}.json",
        }
        for s in sheets
    ]
    body = {key: value for key, value in manifest.items() if key != "content_hash"}
    manifest["content_hash"] = content_hash({"manifest": body, "sets": sheets})
    write_json(edition_dir / "manifest.json", manifest)
    for sheet in sheets:
        write_json(edition_dir / f"set-{sheet['set']:02d}.json", sheet)
    return problems


def manifest_26() -> Json:
    return {
        "edition": "26-2026",
        "revision": 1,
        "legal_reference": "Quyết định số 26/2026/QĐ-TTg",
        "title": "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Mỗi xã một sản phẩm",
        "signed_on": "2026-05-22",
        "effective_from": "2026-05-22",
        "effective_to": None,
        "replaces": ["148-2023"],
        "source": "qd-26-2026-QD-TTg.txt (Phụ lục II), transcript of the decision",
        "parts": [
            {"code": "A", "max": 40, "title": "Sản phẩm và sức mạnh cộng đồng"},
            {"code": "B", "max": 25, "title": "Khả năng tiếp thị"},
            {"code": "C", "max": 35, "title": "Chất lượng sản phẩm"},
        ],
        "total": 100,
        "bands": BANDS_26,
        "bands_rule": "QĐ 26/2026 Điều 3.3: half-open intervals on the council's average total.",
        "policies": copy.deepcopy(POLICIES),
    }


def manifest_148() -> Json:
    policies = copy.deepcopy(POLICIES)
    policies["fractional_rule"]["text"] = FRACTIONAL_RULE_INTEGER_BANDS
    return {
        "edition": "148-2023",
        "revision": 1,
        "legal_reference": "Quyết định số 148/QĐ-TTg",
        "title": "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình OCOP",
        "signed_on": "2023-02-24",
        "effective_from": "2023-02-24",
        # QĐ 26/2026 Điều 11: 148 and 1489 cease to be effective 60 days after 22/05/2026;
        # 21/07/2026 is the first day without them (date arithmetic, ocop-rules.md §0), so the
        # last day in force is 20/07/2026.
        "effective_to": "2026-07-20",
        "replaces": ["1048-2019"],
        "amended_by": ["Quyết định số 1489/QĐ-TTg (06/07/2025): process only, sheets unchanged"],
        "source": "qd-148-2023-sheets/set-NN.csv, third-party transcription (has typos)",
        "parts": [
            {"code": "A", "max": 40, "title": "Sản phẩm và sức mạnh cộng đồng"},
            {"code": "B", "max": 25, "title": "Khả năng tiếp thị"},
            {"code": "C", "max": 35, "title": "Chất lượng sản phẩm"},
        ],
        "total": 100,
        "bands": bands_integer("90–100"),
        "bands_rule": FRACTIONAL_RULE_INTEGER_BANDS,
        "policies": policies,
    }


def manifest_1048() -> Json:
    policies = copy.deepcopy(POLICIES)
    policies["fractional_rule"]["text"] = FRACTIONAL_RULE_INTEGER_BANDS
    manifest: Json = {
        "edition": "1048-2019",
        "revision": 1,
        "legal_reference": "Quyết định số 1048/QĐ-TTg",
        "title": "Bộ tiêu chí đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm",
        "signed_on": "2019-08-21",
        "effective_from": "2019-08-21",
        # Replaced by QĐ 148/QĐ-TTg of 24/02/2023 (ocop-rules.md §0).
        "effective_to": "2023-02-23",
        "replaces": [],
        "amended_by": ["Quyết định số 781/QĐ-TTg (08/06/2020)"],
        "source": "metadata only: the sheets are not encoded (legacy certificates point here)",
        "parts": [
            {"code": "A", "max": 35, "title": "Sản phẩm và sức mạnh cộng đồng"},
            {"code": "B", "max": 25, "title": "Khả năng tiếp thị"},
            {"code": "C", "max": 40, "title": "Chất lượng sản phẩm"},
        ],
        "total": 100,
        "bands": bands_integer("≥ 90"),
        "bands_rule": FRACTIONAL_RULE_INTEGER_BANDS,
        "policies": policies,
        "sets": [],
    }
    manifest["content_hash"] = content_hash({"manifest": manifest, "sets": []})
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path, help="folder holding the shared source texts")
    parser.add_argument("--out", type=Path, default=EDITIONS_DIR)
    args = parser.parse_args(argv)
    corrections = load_corrections()

    text = (args.sources / "qd-26-2026-QD-TTg.txt").read_text(encoding="utf-8")
    sheets_26 = [parse_sheet_26(n, name, lines) for n, name, lines in iter_sheets_26(text)]
    sheets_148 = [
        parse_sheet_148(n, args.sources / "qd-148-2023-sheets" / f"set-{n:02d}.csv")
        for n in range(1, 27)
    ]
    problems = finish_edition(args.out / "26-2026", manifest_26(), sheets_26, corrections)
    problems += finish_edition(args.out / "148-2023", manifest_148(), sheets_148, corrections)
    write_json(args.out / "1048-2019" / "manifest.json", manifest_1048())
    for problem in problems:
        print("INVALID", problem)
    print(f"wrote 26-2026 ({len(sheets_26)} sets), 148-2023 ({len(sheets_148)} sets), 1048-2019")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
