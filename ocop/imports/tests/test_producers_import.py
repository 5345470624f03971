"""A producers list with a column typed in TCVN3 (.VnTime) and a cell in VNI, as .xlsx, as
CSV (UTF-8 with and without BOM, Windows-1258) and as .xls (Excel 97–2003)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from ocop.imports.plan import Options, plan_file
from ocop.imports.services import import_commit
from ocop.imports.tests.sheets import xlsx
from ocop.producers.models import Producer
from ocop.testing import legacy_unit, make_producer

pytestmark = pytest.mark.django_db

# The address column as a .VnTime font stored it (TCVN3 bytes shown as Latin-1 characters):
#   "x· Phong Phó, huyÖn CÇu KÌ, tØnh Trµ Vinh" is "xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh".
ROWS = [
    ["UBND TỈNH TRÀ VINH"],
    ["DANH SÁCH CHỦ THỂ OCOP NĂM 2021"],
    ["STT", "Tên chủ thể", "Loại hình", "Mã số thuế", "Người đại diện", "Điện thoại", "Địa chỉ"],
    [1, "HTX Dừa sáp Cầu Kè", "HTX", None, "Nguyeãn Vaên Tö", "0294 3834 123",
     "x· Phong Phó, huyÖn CÇu KÌ, tØnh Trµ Vinh"],
    [2, "Cty CP Thực phẩm Cầu Kè", None, None, None, None, "TT CÇu KÌ, huyÖn CÇu KÌ"],
    [3, "Hộ kinh doanh Trần Thị Hoa", None, None, None, None, None],
    [4, "Cơ sở Bánh tét Trà Cuôn", None, None, None, None, "x· Hßa ¢n, huyÖn CÇu KÌ"],
    [5, "Hợp tác xã Rau an toàn", "Hợp tác xã", "123", None, None, "x· Phong Phó, huyÖn CÇu KÌ"],
    [6, "CÔNG TY TRÁCH NHIỆM HỮU HẠN TRÀ VINH FARM", "Công ty TNHH", None, "Lê Văn Nam",
     "0909 123 456", "TT CÇu KÌ, huyÖn CÇu KÌ"],
]  # fmt: skip

EXPECTED = [
    (4, "new", []),
    (5, "new", []),
    (6, "review", ["Không có địa chỉ: tạm ghi vào Tỉnh Trà Vinh cho đến khi bổ sung."]),
    (7, "review", ["Chưa có loại hình và tên “Cơ sở Bánh tét Trà Cuôn” không cho biết loại hình."]),
    (
        8,
        "error",
        [
            # the registry's own message (ocop/producers catalogue), with the column named
            "Cột “Mã số thuế”: Mã số thuế gồm 10 chữ số, 10 chữ số-gạch ngang-3 chữ số "
            "(chi nhánh), hoặc 12 chữ số (số định danh cá nhân)."
        ],
    ),
    (9, "update", ["Cập nhật người đại diện, điện thoại của chủ thể đã có."]),
]


@pytest.fixture
def farm(db):
    return make_producer("Công ty TNHH Trà Vinh Farm", legal_form="company_llc")


def _outcomes(data: bytes, name: str) -> list[tuple[int, str, list[str]]]:
    plan = plan_file(data, name, Options(kind="producers"))
    return [(r.row, r.outcome, r.messages) for r in plan.rows]


def test_tcvn3_and_vni_cells_are_read_as_unicode(farm, province_office):
    data = xlsx(("Chu the", ROWS))
    assert _outcomes(data, "ct.xlsx") == EXPECTED
    import_commit(
        actor=province_office,
        data=data,
        filename="ct.xlsx",
        options=Options(kind="producers"),
        skip_errors=True,
    )
    coop = Producer.objects.get(name="HTX Dừa sáp Cầu Kè")
    assert coop.legal_form == "cooperative"
    assert coop.representative_name == "Nguyễn Văn Tư"
    assert coop.address_unit == legacy_unit("commune", "29326")  # xã Phong Phú
    assert Producer.objects.get(name="Cty CP Thực phẩm Cầu Kè").legal_form == "company_jsc"
    assert Producer.objects.get(name="Cơ sở Bánh tét Trà Cuôn").address_unit == legacy_unit(
        "commune", "29311"
    )  # xã Hòa Ân, typed "x· Hßa ¢n"
    assert Producer.objects.get(name="Hộ kinh doanh Trần Thị Hoa").address_unit == legacy_unit(
        "province", "84"
    )
    farm.refresh_from_db()
    assert (farm.representative_name, farm.phone) == ("Lê Văn Nam", "0909 123 456")
    assert farm.name == "Công ty TNHH Trà Vinh Farm"


def _csv(rows: list[list[object]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Excel writes it: base letters precomposed, tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + "".join(c for c in decomposed if c in tones))
    return "".join(out).encode("cp1258")


def test_csv_in_utf8_with_and_without_bom_and_in_windows_1258(farm):
    # TCVN3 cells cannot be written in Windows-1258 (their bytes mean other letters there), so
    # the CSV files carry the address in Unicode and the representative in VNI as typed.
    rows = [[_unicode_address(c) for c in row] for row in ROWS]
    text = _csv(rows)
    assert _outcomes(text.encode("utf-8"), "ct.csv") == EXPECTED
    assert _outcomes(b"\xef\xbb\xbf" + text.encode("utf-8"), "ct.csv") == EXPECTED
    assert _outcomes(_csv(rows, ";").encode("utf-8-sig"), "ct.csv") == EXPECTED
    without_vni = [[("Nguyễn Văn Tư" if c == "Nguyeãn Vaên Tö" else c) for c in r] for r in rows]
    assert _outcomes(_cp1258(_csv(without_vni)), "ct.csv") == EXPECTED


_TCVN3_ADDRESSES = {
    "x· Phong Phó, huyÖn CÇu KÌ, tØnh Trµ Vinh": "xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh",
    "TT CÇu KÌ, huyÖn CÇu KÌ": "TT Cầu Kè, huyện Cầu Kè",
    "x· Hßa ¢n, huyÖn CÇu KÌ": "xã Hòa Ân, huyện Cầu Kè",
    "x· Phong Phó, huyÖn CÇu KÌ": "xã Phong Phú, huyện Cầu Kè",
}


def _unicode_address(value: object) -> object:
    return _TCVN3_ADDRESSES.get(value, value) if isinstance(value, str) else value


@pytest.mark.office
def test_an_xls_file_from_excel_97_2003(farm, tmp_path: Path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed: make install"
    source = tmp_path / "ct.xlsx"
    source.write_bytes(xlsx(("Chu the", ROWS)))
    subprocess.run(  # noqa: S603 - a fixed local program on a file the test wrote
        [soffice, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = (tmp_path / "ct.xls").read_bytes()
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 (BIFF) workbook
    assert _outcomes(data, "ct.xls") == EXPECTED


def test_an_exported_register_names_units_by_code(province_office):
    """The register's own export (headers of ocop/producers) comes back: unit by its code,
    "Địa chỉ" as the street/hamlet, the legal form as its Vietnamese label."""
    rows = [
        ["Tên chủ thể", "Loại hình", "Địa chỉ", "Mã xã/phường", "Xã/Phường", "Tỉnh/Thành phố"],
        ["Hợp tác xã Dừa sáp Cầu Kè", "Hợp tác xã", "ấp Chợ", "29326", "Xã Phong Phú",
         "Tỉnh Vĩnh Long"],
        ["Hợp tác xã Bưởi", "Hợp tác xã", "", "99999", "Xã Không Có", "Tỉnh Vĩnh Long"],
    ]  # fmt: skip
    data = xlsx(("Chu the", rows))
    plan = plan_file(data, "chu-the.xlsx", Options(kind="producers"))
    assert [(r.outcome, r.messages) for r in plan.rows] == [
        ("new", []),
        ("error", ["Cột “Mã xã/phường”: không có xã/phường nào mã 99999."]),
    ]
    import_commit(
        actor=province_office,
        data=data,
        filename="chu-the.xlsx",
        options=Options(kind="producers"),
        skip_errors=True,
    )
    coop = Producer.objects.get(name="Hợp tác xã Dừa sáp Cầu Kè")
    assert (coop.address_unit, coop.address_detail, coop.legal_form) == (
        legacy_unit("commune", "29326"),
        "ấp Chợ",
        "cooperative",
    )
