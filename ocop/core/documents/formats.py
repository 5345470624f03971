"""How numbers and dates are written on administrative documents (Nghị định 30/2020/NĐ-CP).

Pure Python, no Django. Rules, from Phụ lục I Phần I Mục II of NĐ 30/2020/NĐ-CP:

* II.3.c: the number after "Số:" gets a leading zero below 10 ("Số: 05/QĐ-UBND"); "/" between
  the number and the symbol, "-" between the groups of the symbol, no spaces.
* II.4.b: the date is written in full with Arabic numerals, and "đối với những số thể hiện ngày
  nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía trước": day 1-9 → "05", January and February
  → "01", "02"; March to December take no zero ("ngày 05 tháng 3 năm 2020", the decree's own
  date; "ngày 29 tháng 6 năm 2019", its own example). The zero before January and February keeps
  "tháng 1" from being altered into "tháng 10"/"tháng 11"/"tháng 12" by hand.
* II.4.c: the place comes first, followed by a comma ("Vĩnh Long, ngày 05 tháng 01 năm 2026").

Outside the body of a decision (tables, certificates) dates are dd/mm/yyyy as everywhere in ocop.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = [
    "date_dmy",
    "date_long",
    "document_number",
    "place_and_date",
]

# The blank a draft leaves for the clerk to fill in by hand (number or day not yet known).
DRAFT_BLANK = "\u00a0" * 6

_LEADING_NUMBER = re.compile(r"^\s*(\d+)\s*/\s*(.*)$")


def date_long(value: date | None, *, year: int | None = None) -> str:
    """'ngày 05 tháng 01 năm 2026' (NĐ 30/2020 Phụ lục I, II.4.b).

    ``None`` gives the draft form with blanks for day and month ("ngày      tháng      năm 2026",
    the year from ``year`` when given) for a document not yet signed.
    """
    if value is None:
        year_text = str(year) if year is not None else DRAFT_BLANK
        return f"ngày {DRAFT_BLANK} tháng {DRAFT_BLANK} năm {year_text}"
    day = f"{value.day:02d}" if value.day < 10 else str(value.day)
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def place_and_date(place: str, value: date | None, *, year: int | None = None) -> str:
    """'Vĩnh Long, ngày 05 tháng 01 năm 2026' (NĐ 30/2020 Phụ lục I, II.4.c)."""
    return f"{place.strip()}, {date_long(value, year=year)}"


def date_dmy(value: date | None) -> str:
    """dd/mm/yyyy, the project-wide short form (tables, certificates); '' for no date."""
    return value.strftime("%d/%m/%Y") if value is not None else ""


def document_number(number: str | int | None, symbol: str = "") -> str:
    """The number and symbol of a document, e.g. '05/QĐ-UBND' (NĐ 30/2020 Phụ lục I, II.3.c).

    Accepts the sequence number and the symbol separately (``document_number(5, "QĐ-UBND")``) or
    an already combined number (``document_number("5/QĐ-UBND")``); a number below 10 gets its
    leading zero, the symbol is written in capitals without spaces. No number (a draft) leaves a
    blank before the slash: "      /QĐ-UBND".
    """
    if isinstance(number, str) and not symbol:
        stripped = number.strip()
        if stripped.startswith("/"):
            number, symbol = None, stripped[1:]
        elif (match := _LEADING_NUMBER.match(stripped)) is not None:
            number, symbol = int(match.group(1)), match.group(2)
        else:
            return stripped
    symbol = re.sub(r"\s+", "", symbol).upper()
    if number is None or number == "":
        return f"{DRAFT_BLANK}/{symbol}"
    sequence = int(number)
    if sequence < 1:
        raise ValueError("A document number starts at 01 (NĐ 30/2020 Điều 15).")
    text = f"{sequence:02d}"
    return f"{text}/{symbol}" if symbol else text
