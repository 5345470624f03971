"""Dates and numbers as NĐ 30/2020/NĐ-CP Phụ lục I writes them (II.3.c, II.4.b)."""

from __future__ import annotations

from datetime import date

import pytest

from ocop.core.documents.formats import date_dmy, date_long, document_number, place_and_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # II.4.b: a zero before days 1-9 and before months 1 and 2 only.
        (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
        (date(2020, 3, 5), "ngày 05 tháng 3 năm 2020"),  # the decree's own date
        (date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),  # the decree's own example
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
        (date(2026, 11, 1), "ngày 01 tháng 11 năm 2026"),
    ],
)
def test_date_long_follows_the_decree(value, expected):
    assert date_long(value) == expected


def test_draft_date_leaves_day_and_month_blank():
    blank = "\u00a0" * 6
    assert date_long(None, year=2026) == f"ngày {blank} tháng {blank} năm 2026"


def test_place_and_date():
    assert place_and_date("Vĩnh Long", date(2026, 1, 5)) == "Vĩnh Long, ngày 05 tháng 01 năm 2026"


def test_date_dmy():
    assert date_dmy(date(2029, 1, 4)) == "04/01/2029"
    assert date_dmy(None) == ""


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        (5, "QĐ-UBND", "05/QĐ-UBND"),
        (15, "QĐ-BNV", "15/QĐ-BNV"),
        ("5/QĐ-UBND", "", "05/QĐ-UBND"),
        ("752/QĐ-UBND", "", "752/QĐ-UBND"),
        (" 7 / qđ-ubnd ", "", "07/QĐ-UBND"),
        (12, "UBND - VX", "12/UBND-VX"),
    ],
)
def test_document_number(number, symbol, expected):
    assert document_number(number, symbol) == expected


def test_document_number_draft_and_zero():
    assert document_number(None, "QĐ-UBND") == "\u00a0" * 6 + "/QĐ-UBND"
    assert document_number("/QĐ-UBND") == "\u00a0" * 6 + "/QĐ-UBND"
    with pytest.raises(ValueError, match="01"):
        document_number(0, "QĐ-UBND")
