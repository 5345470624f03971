"""A provincial products list as typed over the years: title rows, a two-row merged header, a
column-number row, abbreviations, legacy addresses, a repeated row, empty trailing rows."""

from __future__ import annotations

import pytest

from ocop.imports.plan import Options, plan_file
from ocop.imports.tests.sheets import TITLE_TRA_VINH, xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", None, "Bộ SP", "Ghi chú"],
    [None, None, None, "Xã", "Huyện", None, None],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
]
ROWS = [
    [1, "Dừa sáp Cầu Kè", "HTX Dừa sáp Cầu Kè", "xã Hòa Ân", "huyện Cầu Kè", "1", ""],
    [2, "Mật ong hoa nhãn", "Cơ sở Mật ong Tư Hiền", "xã Phong Phú", "huyện Cầu Kè", None, None],
    [3, "Bánh tét Trà Cuôn", "Công ty TNHH Trà Vinh Farm", None, "huyện Cầu Kè", "6", None],
    [4, "Bánh tét lá cẩm", "Công ty trách nhiệm hữu hạn Trà Vinh Farm", None, "H. Cầu Kè", "6", None],
    [1, "Dừa sáp Cầu Kè", "HTX Dừa sáp Cầu Kè", "xã Hòa Ân", "huyện Cầu Kè", "1", ""],
    [6, None, "HTX Rau sạch", "xã Phong Phú", "huyện Cầu Kè", "1", None],
    [7, "Chuối sấy", "DNTN Tư Hiền", "xã Phong Phú", "huyện Cầu Kè", "Bộ 99", None],
    [],
    [],
]


def products_file() -> bytes:
    return xlsx(
        ("SP OCOP", [*TITLE_TRA_VINH, *HEADER, *ROWS]),
        ("Ghi chu", [["Nguồn: Sở NN&PTNT"]]),
        merges={"SP OCOP": ["A1:C1", "A2:G2", "D4:E4", "A4:A5", "B4:B5", "C4:C5", "F4:F5", "G4:G5"]},
    )


def test_preview_gives_every_row_its_outcome():
    plan = plan_file(products_file(), "sp.xlsx", Options(kind="products"))
    got = [(r.row, r.outcome, r.messages) for r in plan.rows]
    for g in got:
        print(g)
    print(plan.context, plan.ignored, plan.columns)
    assert False
