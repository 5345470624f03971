"""Spreadsheets as a provincial office types them, built in code for the tests.

Expected values in the tests are written by hand from the Vietnamese text below, never taken
from the code under test.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

Rows = Sequence[Sequence[Any]]


def xlsx(*sheets: tuple[str, Rows], merges: dict[str, list[str]] | None = None) -> bytes:
    """A workbook with the given sheets (name, rows); ``merges``: sheet → ["A1:G1", …]."""
    book = openpyxl.Workbook()
    first = True
    for name, rows in sheets:
        ws: Worksheet = book.active if first else book.create_sheet()  # type: ignore[assignment]
        first = False
        ws.title = name
        for row in rows:
            ws.append(list(row))
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TITLE_TRA_VINH = [
    ["UBND TỈNH TRÀ VINH", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["DANH SÁCH SẢN PHẨM OCOP ĐƯỢC CÔNG NHẬN GIAI ĐOẠN 2019 - 2021"],
    [],
]
