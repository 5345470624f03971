"""Where the table is in a sheet: title rows, the header (one or two rows, merged cells), columns.

The header row is the row (among the first 30) whose cells match the most synonyms of
``data/header_synonyms.json``; a second row right under it that names sub-columns ("Địa chỉ"
over "Xã" / "Huyện" / "Tỉnh") is merged into it, and a row of column numbers ("(1) (2) (3)") is
skipped. The rows above the header are the title: they give the file's province, authority and
period ("UBND TỈNH TRÀ VINH … GIAI ĐOẠN 2019 - 2021").
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ocop.core.text import fold
from ocop.imports.reading import Row, Sheet, cell_text

DATA_FILE = Path(__file__).resolve().parent / "data" / "header_synonyms.json"
HEADER_SEARCH_ROWS = 30
IGNORE = ""

PRODUCER_DETAIL_FIELDS = (
    "enterprise_size", "representative_title", "representative_gender",
    "representative_ethnicity", "representative_has_disability", "representative_personal_id",
    "founded_on", "registered_on",
)  # fmt: skip
# Fields each kind understands; the first group of each is required.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "producers": (
        "producer_name", "legal_form", "tax_code", "representative_name", "phone", "email",
        "address", "commune", "district", "province", "commune_code",
        # the rest of what the register of producers exports (ocop.producers.tables)
        *PRODUCER_DETAIL_FIELDS,
    ),
    "products": (
        "product_name", "producer_name", "legal_form", "tax_code", "address", "commune",
        "district", "province", "product_set", "legacy_code", "commune_code", "product_status",
    ),
    "certificates": (
        "product_name", "producer_name", "legal_form", "tax_code", "address", "commune",
        "district", "province", "product_set", "legacy_code", "commune_code", "star", "score",
        "round_year",
        "decision", "decision_date", "certificate_number", "valid_until", "authority",
    ),
    "targets": (
        "indicator", "target_value", "unit", "unit_code", "commune_code", "commune", "district",
        "province", "period", "target_source", "note",
    ),
}  # fmt: skip
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "producers": ("producer_name",),
    "products": ("product_name", "producer_name"),
    "certificates": ("product_name", "producer_name", "star"),
    "targets": ("indicator", "target_value"),
}


def header_key(text: str) -> str:
    """Case, diacritics, tone placement, spacing and punctuation ignored."""
    return fold(text).replace(" ", "")


@functools.cache
def synonyms() -> dict[str, str]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for field_name, words in data["fields"].items():
        out[header_key(field_name)] = field_name
        for word in words:
            out.setdefault(header_key(word), field_name)
    return out


@functools.cache
def kind_synonyms() -> dict[str, dict[str, str]]:
    """Headers a kind reads its own way ("Đơn vị" names the unit of a target, not a producer)."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {
        kind: {header_key(word): name for name, words in fields.items() for word in words}
        for kind, fields in data.get("kinds", {}).items()
    }


def field_for(header: str, kind: str) -> str | None:
    key = header_key(header)
    found = kind_synonyms().get(kind, {}).get(key) or synonyms().get(key)
    return found if found in KIND_FIELDS[kind] else None


@dataclass
class Column:
    index: int
    header: str  # as written (two-level headers joined with " / ")
    field: str  # "" when ignored


@dataclass
class Layout:
    header_rows: list[int]  # spreadsheet row numbers of the header
    columns: list[Column]
    title: list[str]  # the text of the rows above the header
    data: list[Row] = field(default_factory=list)

    def column_for(self, field_name: str) -> Column | None:
        return next((c for c in self.columns if c.field == field_name), None)

    @property
    def ignored(self) -> list[str]:
        return [c.header for c in self.columns if not c.field and c.header]

    @property
    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field}


def _matches(row: Row, kind: str) -> int:
    return sum(1 for c in row.cells if field_for(cell_text(c), kind))


def _is_numbering(row: Row) -> bool:
    texts = [cell_text(c) for c in row.cells if cell_text(c)]
    return bool(texts) and all(re.fullmatch(r"\(?\d{1,2}\)?|[A-Z]", t) for t in texts)


def _filled_parent(values: list[str], sheet: Sheet, row_number: int) -> list[str]:
    """Spread a merged header cell's text over the columns it covers."""
    out = list(values)
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= row_number <= r1 and c1 > c0:
            text = out[c0 - 1] if c0 - 1 < len(out) else ""
            for c in range(c0, min(c1, len(out))):
                out[c] = out[c] or text
    return out


def find_layout(sheet: Sheet, kind: str, overrides: dict[str, str] | None = None) -> Layout:
    """Locate the header and map its columns; ``overrides``: header key → field ("" ignores)."""
    rows = sheet.rows
    candidates = rows[:HEADER_SEARCH_ROWS]
    best: Row | None = None
    best_score = 0
    for row in candidates:
        score = _matches(row, kind)
        if score > best_score:
            best, best_score = row, score
    overrides = {header_key(k): v for k, v in (overrides or {}).items()}
    if best is None or (best_score < 2 and not overrides):
        return Layout(header_rows=[], columns=[], title=[])
    index = rows.index(best)
    header_rows = [best.number]
    width = max((len(r.cells) for r in rows), default=0)
    parent = [best.text(i) for i in range(width)]
    sub = [""] * width
    data_start = index + 1
    if data_start < len(rows):
        nxt = rows[data_start]
        texts = [t for t in (nxt.text(i) for i in range(width)) if t]
        sub_matches = _matches(nxt, kind)
        if texts and sub_matches and sub_matches * 2 >= len(texts):
            sub = [nxt.text(i) for i in range(width)]
            header_rows.append(nxt.number)
            data_start += 1
            parent = _filled_parent(parent, sheet, best.number)
    if data_start < len(rows) and _is_numbering(rows[data_start]):
        data_start += 1
    columns: list[Column] = []
    taken: set[str] = set()
    for i in range(width):
        top, bottom = parent[i], sub[i]
        header = f"{top} / {bottom}" if top and bottom and top != bottom else (bottom or top)
        keys = [header_key(t) for t in (header, bottom, top) if t]
        overridden = next((k for k in keys if k in overrides), None)
        if overridden is not None:
            chosen = overrides[overridden]
        else:
            chosen = (
                (field_for(bottom, kind) if bottom else None)
                or (field_for(top, kind) if top else None)
                or IGNORE
            )
        if chosen in taken:
            chosen = IGNORE  # the first column naming a field wins
        if chosen:
            taken.add(chosen)
        columns.append(Column(index=i, header=header, field=chosen))
    title = [cell_text(c) for r in rows[:index] for c in r.cells if cell_text(c)]
    data = [r for r in rows[data_start:] if not r.is_empty]
    return Layout(header_rows=header_rows, columns=columns, title=title, data=data)


# ---------------------------------------------------------------------------------------------
# Context from the title
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TitleContext:
    province_name: str = ""  # as written: "Trà Vinh"
    authority: str = ""  # "UBND tỉnh Trà Vinh"
    period: tuple[int, int] | None = None


_PROVINCE_RE = re.compile(
    r"(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+(tỉnh|thành phố|tp\.?)\s+([^\n,;…]+?)"
    r"(?=\s*(?:$|\n|,|;|…|-|–|\.\.\.|giai đoạn|năm|về|danh sách))",
    re.IGNORECASE,
)


def title_context(title: list[str]) -> TitleContext:
    from ocop.imports.values import parse_period

    text = "\n".join(title)
    province = ""
    authority = ""
    found = _PROVINCE_RE.search(text)
    if found:
        kind = "tỉnh" if fold(found.group(1)) == "tinh" else "thành phố"
        province = " ".join(w.capitalize() for w in found.group(2).strip().split())
        authority = f"UBND {kind} {province}"
    period = None
    folded = fold(text)
    stage = re.search(r"giai doan\s*(\d{4})\s*(?:den)?\s*(\d{4})", folded)
    if stage:
        period = parse_period(f"{stage.group(1)}-{stage.group(2)}")
    else:
        year = re.search(r"\bnam\s*(\d{4})\b", folded)
        if year:
            period = (int(year.group(1)), int(year.group(1)))
    return TitleContext(province_name=province, authority=authority, period=period)
