"""Vietnamese tax / registration numbers (mã số thuế, mã số doanh nghiệp, số định danh cá nhân).

Structure — Thông tư 105/2020/TT-BTC Điều 5 khoản 2 (earlier Thông tư 95/2016/TT-BTC): a taxpayer's
number is ``N1N2N3N4N5N6N7N8N9N10`` where ``N10`` is a check digit; a dependent unit (branch,
representative office) has the parent's ten digits, a hyphen and ``N11N12N13`` (a serial from
001). The check digit is the Tổng cục Thuế's modulo-11 rule used by its registration software:

    N10 = 10 − (31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6 + 7·N7 + 5·N8 + 3·N9) mod 11

and a result of 10 is never issued. ``tests/test_taxcode.py`` checks it against the published
numbers of well-known enterprises (Vinamilk 0300588569, Viettel 0100109106, FPT 0101248141, …).

Since 01/07/2025 individuals and household businesses use their 12-digit personal identification
number (số định danh cá nhân) as tax number (Luật Quản lý thuế 38/2019/QH14 Art. 35.5, Thông tư
86/2024/TT-BTC Điều 6); the 10-digit numbers households received before stay valid on old records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)

_TEN = re.compile(r"^\d{10}$")
_BRANCH = re.compile(r"^(\d{10})-(\d{3})$")
_PERSONAL = re.compile(r"^\d{12}$")


class TaxCodeKind(StrEnum):
    ENTERPRISE = "enterprise"  # 10 digits with check digit
    BRANCH = "branch"  # 10 digits + "-" + 3 digits
    PERSONAL_ID = "personal_id"  # 12-digit personal identification number


@dataclass(frozen=True)
class TaxCodeError:
    code: str  # "format" | "check_digit" | "branch_serial"


def check_digit(first_nine: str) -> int | None:
    """The 10th digit for ``first_nine``, or ``None`` when the sum gives 10 (never issued)."""
    total = sum(int(d) * w for d, w in zip(first_nine, WEIGHTS, strict=True))
    digit = 10 - total % 11
    return None if digit == 10 else digit


def normalize(value: str) -> str:
    """Drop spaces and dots people type inside numbers; keep the branch hyphen."""
    return re.sub(r"[\s.]", "", value or "")


def classify(value: str) -> TaxCodeKind | TaxCodeError:
    """Kind of a (normalised) number, or the reason it is invalid."""
    if _PERSONAL.match(value):
        return TaxCodeKind.PERSONAL_ID
    branch = _BRANCH.match(value)
    base = branch.group(1) if branch else value if _TEN.match(value) else None
    if base is None:
        return TaxCodeError("format")
    if check_digit(base[:9]) != int(base[9]):
        return TaxCodeError("check_digit")
    if branch:
        if branch.group(2) == "000":
            return TaxCodeError("branch_serial")
        return TaxCodeKind.BRANCH
    return TaxCodeKind.ENTERPRISE


def is_valid(value: str) -> bool:
    return not isinstance(classify(normalize(value)), TaxCodeError)


def make_valid(first_nine: str) -> str | None:
    """Complete nine digits into a valid ten-digit number (demo data); ``None`` if impossible."""
    digit = check_digit(first_nine)
    return None if digit is None else f"{first_nine}{digit}"
