"""Values as offices write them: stars, dates, decisions, legal forms, product sets.

Pure functions (no database): each returns the parsed value or raises :class:`ValueProblem` with
a Vietnamese message; the planner adds the column's name.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from ocop.core.text import expand_legal_abbreviations, fold
from ocop.imports.reading import Cell, cell_text

DATA_DIR = Path(__file__).resolve().parent / "data"

# Excel's day 0 is 30/12/1899 (the 1900 leap-year bug makes serials from 61 on line up with it).
EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_MIN, SERIAL_MAX = 18_264, 73_051  # 01/01/1950 … 31/12/2099: a number here is a date


class ValueProblem(ValueError):
    """A value that cannot be read; ``str(exc)`` is the Vietnamese message."""


# ---------------------------------------------------------------------------------------------
# Stars
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stars:
    star: int
    potential_5: bool = False


_STAR_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5}


def parse_stars(value: Cell) -> Stars | None:
    """ "3", "3 sao", "3★", "3*", "4 SAO", "★★★", "ba sao", "tiềm năng 5 sao" (→ 4★, potential 5★).

    "Tiềm năng 5 sao": under QĐ 1048/2019 and 148/2023 a product scoring 90 or more was
    recognised 4★ by the province and proposed to the central council (ocop-rules §3.5).
    """
    text = cell_text(value)
    if not text:
        return None
    stars_drawn = sum(text.count(ch) for ch in "★☆*✩✭⭐")
    folded = fold(text)
    if "tiem nang" in folded:
        return Stars(4, potential_5=True)
    digits = re.findall(r"\d+(?:[.,]0+)?", folded)
    if len(digits) == 1 and folded.replace(digits[0], "").strip() in ("", "sao", "s"):
        star = int(re.split(r"[.,]", digits[0])[0])
    elif not digits and folded in {f"{w} sao" for w in _STAR_WORDS}:
        star = _STAR_WORDS[folded.split()[0]]
    elif not digits and not folded and stars_drawn:
        star = stars_drawn
    else:
        raise ValueProblem(_("cannot read “%(value)s” as a number of stars") % {"value": text})
    if not 1 <= star <= 5:
        raise ValueProblem(_("%(value)s is not a star rank (1 to 5)") % {"value": text})
    return Stars(star)


def parse_score(value: Cell) -> Decimal | None:
    text = cell_text(value)
    if not text:
        return None
    cleaned = text.replace(" ", "")
    if re.fullmatch(r"\d{1,3},\d+", cleaned):
        cleaned = cleaned.replace(",", ".")  # 78,5 (Vietnamese decimal comma)
    try:
        score = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueProblem(_("cannot read “%(value)s” as a score") % {"value": text}) from exc
    if not Decimal(0) <= score <= Decimal(100):
        raise ValueProblem(_("a score lies between 0 and 100, not %(value)s") % {"value": text})
    return score.quantize(Decimal("0.01"))


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})")
_WORDS_DATE_RE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _make_date(day: str, month: str, year: str, raw: str) -> dt.date:
    try:
        return dt.date(_year(year), int(month), int(day))
    except ValueError as exc:
        raise ValueProblem(_("“%(value)s” is not a valid date") % {"value": raw}) from exc


def parse_date(value: Cell) -> dt.date | None:
    """dd/mm/yyyy, d/m/yy, dd-mm-yyyy, "ngày 30 tháng 3 năm 2021", a date cell, an Excel serial."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if SERIAL_MIN <= value <= SERIAL_MAX:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueProblem(_("“%(value)s” is not a date") % {"value": cell_text(value)})
    text = cell_text(value)
    if re.fullmatch(r"\d{5}(?:\.0+)?", text) and SERIAL_MIN <= float(text) <= SERIAL_MAX:
        return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    found = _DATE_RE.search(text) or _WORDS_DATE_RE.search(fold(text))
    if found is None:
        raise ValueProblem(
            _("cannot read “%(value)s” as a date (write dd/mm/yyyy)") % {"value": text}
        )
    return _make_date(found.group(1), found.group(2), found.group(3), raw=text)


def parse_year(value: Cell) -> int | None:
    text = cell_text(value)
    if not text:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    found = re.fullmatch(r"(?:nam\s*)?(\d{4})", fold(text))
    if found is None or not 2000 <= int(found.group(1)) <= 2100:
        raise ValueProblem(_("“%(value)s” is not a year") % {"value": text})
    return int(found.group(1))


def parse_period(text: str) -> tuple[int, int] | None:
    """ "2019-2021", "giai đoạn 2019 - 2021", "2021" → (first year, last year)."""
    folded = fold(text)
    found = re.search(r"(\d{4})\s+(\d{4})", folded) or re.search(r"(\d{4})\s*den\s*(\d{4})", folded)
    if found:
        first, last = int(found.group(1)), int(found.group(2))
        return (first, last) if first <= last else None
    single = re.fullmatch(r"(?:nam\s*)?(\d{4})", folded)
    if single:
        return int(single.group(1)), int(single.group(1))
    return None


# ---------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionRef:
    number: str
    signed_on: dt.date | None


_NUMBER_RE = re.compile(r"(\d+[A-Za-z]?\s*/\s*[^\s,;()]+)")


def parse_decision(value: Cell) -> DecisionRef | None:
    """ "612/QĐ-UBND ngày 30/3/2021" → ("612/QĐ-UBND", 30/03/2021); "612/QĐ-UBND" → no date."""
    text = cell_text(value)
    if not text:
        return None
    body = re.sub(r"(?i)^\s*(quyết định|qđ)\s*(số)?\s*:?\s*", "", text)
    date_match = _DATE_RE.search(body) or None
    signed_on = None
    number_part = body
    if date_match:
        signed_on = _make_date(
            date_match.group(1), date_match.group(2), date_match.group(3), raw=text
        )
        number_part = body[: date_match.start()]
    else:
        words = _WORDS_DATE_RE.search(fold(body))
        if words:
            signed_on = _make_date(words.group(1), words.group(2), words.group(3), raw=text)
            cut = fold(body).find("ngay")
            number_part = body[:cut] if cut >= 0 else body
    number_part = re.sub(r"(?i)\s*(ngày|ngay)\s*$", "", number_part.strip(" ,;-"))
    found = _NUMBER_RE.search(number_part)
    if found is None:
        raise ValueProblem(
            _("cannot find a decision number such as “612/QĐ-UBND” in “%(value)s”")
            % {"value": text}
        )
    number = re.sub(r"\s*/\s*", "/", found.group(1)).strip()
    return DecisionRef(number=number, signed_on=signed_on)


# ---------------------------------------------------------------------------------------------
# Legal forms
# ---------------------------------------------------------------------------------------------

# (folded and expanded prefix, legal form); longest first. "" means: known to be unknown
# ("Cơ sở …" names a workshop, not a legal form) → review.
_LEGAL_FORM_PREFIXES: list[tuple[str, str]] = sorted(
    [
        ("lien hiep hop tac xa", "cooperative_union"),
        ("hop tac xa", "cooperative"),
        ("to hop tac", "cooperative_group"),
        ("cong ty trach nhiem huu han", "company_llc"),
        ("cong ty co phan", "company_jsc"),
        ("doanh nghiep tu nhan", "private_enterprise"),
        ("ho kinh doanh", "business_household"),
        ("ho san xuat kinh doanh", "production_household"),
        ("ho sxkd", "production_household"),
        ("ho san xuat", "production_household"),
        ("ho sx", "production_household"),
        ("trang trai", "farm"),
        ("hiep hoi", "association"),
        ("hoi", "association"),
        ("co so", ""),
        ("cong ty", ""),
        ("doanh nghiep", ""),
    ],
    key=lambda item: -len(item[0]),
)


def legal_form_from_text(text: str) -> str | None:
    """The legal form a name or a "Loại hình" cell states; "" when it says nothing definite
    ("Cơ sở …", "Công ty …" without TNHH/CP); None when no known prefix starts the text."""
    key = expand_legal_abbreviations(fold(text))
    for prefix, form in _LEGAL_FORM_PREFIXES:
        if key == prefix or key.startswith(prefix + " "):
            return form
    return None


def parse_legal_form(value: Cell, choices: dict[str, str]) -> str | None:
    """A "Loại hình" cell: an abbreviation, a prefix word or one of the labels in ``choices``."""
    text = cell_text(value)
    if not text:
        return None
    key = fold(text)
    for code, label in choices.items():
        if key in (fold(label), fold(code)):
            return code
    form = legal_form_from_text(text)
    if form:
        return form
    raise ValueProblem(_("“%(value)s” is not a known legal form") % {"value": text})


# ---------------------------------------------------------------------------------------------
# Product sets
# ---------------------------------------------------------------------------------------------


@functools.cache
def _set_keywords() -> list[tuple[str, int]]:
    data = json.loads((DATA_DIR / "product_set_keywords.json").read_text(encoding="utf-8"))
    pairs = [(kw, int(number)) for number, kws in data["sets"].items() for kw in kws]
    return sorted(pairs, key=lambda item: -len(item[0]))


def suggest_product_set(name: str) -> int | None:
    """The set whose longest keyword appears (as whole words) in the product's name."""
    padded = f" {fold(name)} "
    for keyword, number in _set_keywords():
        if f" {keyword} " in padded:
            return number
    return None


def parse_product_set(value: Cell, sets: dict[int, tuple[str, str]]) -> int | None:
    """ "4", "Bộ 4", "4. Mật ong…", a set's code or name → its number.

    ``sets``: number → (code, name).
    """
    text = cell_text(value)
    if not text:
        return None
    folded = fold(text)
    found = re.fullmatch(r"(?:bo\s*(?:san\s*pham)?\s*)?(?:so\s*)?(\d{1,2})(?:\s.*)?", folded)
    if found and int(found.group(1)) in sets:
        return int(found.group(1))
    for number, (code, name) in sets.items():
        if folded in (fold(code), fold(name)):
            return number
    raise ValueProblem(_("“%(value)s” is not a product set of QĐ 26/2026") % {"value": text})


# ---------------------------------------------------------------------------------------------
# Choices and yes/no (the labels the registers' exports write)
# ---------------------------------------------------------------------------------------------


def parse_choice(value: Cell, choices: dict[str, str]) -> str | None:
    """One of ``choices`` (code → Vietnamese label) by its label or its code, folded."""
    text = cell_text(value)
    if not text:
        return None
    key = fold(text)
    for code, label in choices.items():
        if key in (fold(label), fold(code)):
            return code
    raise ValueProblem(
        _("“%(value)s” is not one of: %(labels)s")
        % {"value": text, "labels": ", ".join(choices.values())}
    )


YES = frozenset({"co", "x", "yes", "1", "true"})
NO = frozenset({"khong", "no", "0", "false"})


def parse_yes_no(value: Cell) -> bool | None:
    """ "Có"/"Không" (what the exports write), "x", 1/0; empty → not stated."""
    if isinstance(value, bool):
        return value
    text = cell_text(value)
    if not text:
        return None
    key = fold(text)
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueProblem(_("“%(value)s” is neither “Có” nor “Không”") % {"value": text})


# ---------------------------------------------------------------------------------------------
# Dates known only roughly
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartialDate:
    precision: str  # "month" | "year" | "period"
    start: dt.date
    until: dt.date


_MONTH_RE = re.compile(r"(\d{1,2})\s*/\s*(\d{4})")
_PERIOD_RE = re.compile(r"(\d{4})\s*[-–—]\s*(\d{4})")


def parse_partial_date(value: Cell) -> PartialDate | None:
    """A date known only to a month, a year or a period, as the registers' exports write it
    (``certification.rules.format_partial_date``: "03/2020", "2020", "2019–2021"); None for
    anything else (a full date, empty, text)."""
    if isinstance(value, (bool, dt.date, dt.datetime)):
        return None
    text = cell_text(value)
    if found := _MONTH_RE.fullmatch(text):
        month, year = int(found.group(1)), int(found.group(2))
        if not (1 <= month <= 12 and 1900 <= year <= 2100):
            return None
        start = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return PartialDate("month", start, following - dt.timedelta(days=1))
    if re.fullmatch(r"\d{4}", text) and 1900 <= int(text) <= 2100:
        year = int(text)
        return PartialDate("year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    if found := _PERIOD_RE.fullmatch(text):
        first, last = int(found.group(1)), int(found.group(2))
        if not (1900 <= first < last <= 2100):
            return None
        return PartialDate("period", dt.date(first, 1, 1), dt.date(last, 12, 31))
    return None
