"""A provincial products list as typed over the years: title rows, a two-row merged header, a
column-number row, abbreviations, legacy addresses, a repeated row, empty trailing rows."""

from __future__ import annotations

import hashlib
import json
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.core.errors import DomainError
from ocop.imports.models import ImportBatch, ImportedRecord, ReviewItem
from ocop.imports.plan import Options, plan_file
from ocop.imports.services import import_commit
from ocop.imports.tests.sheets import TITLE_TRA_VINH, xlsx
from ocop.producers.models import Producer
from ocop.products.models import Product
from ocop.testing import legacy_unit, make_producer

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
    [
        4,
        "Bánh tét lá cẩm",
        "Công ty trách nhiệm hữu hạn Trà Vinh Farm",
        None,
        "H. Cầu Kè",
        "6",
        None,
    ],
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
        merges={
            "SP OCOP": ["A1:C1", "A2:G2", "D4:E4", "A4:A5", "B4:B5", "C4:C5", "F4:F5", "G4:G5"]
        },
    )


EXPECTED = [
    (7, "new", []),
    (
        8,
        "review",
        [
            "Chưa có loại hình và tên “Cơ sở Mật ong Tư Hiền” không cho biết loại hình.",
            "Chưa có bộ sản phẩm. Gợi ý: bộ 4, Mật ong, mật khác và nông sản thực phẩm khác.",
        ],
    ),
    (9, "review", ["Địa chỉ “huyện Cầu Kè” không ghi xã: tạm ghi vào Huyện Cầu Kè."]),
    (10, "new", ["Cùng chủ thể với dòng 9."]),
    (11, "duplicate", ["Lặp lại y hệt dòng 7: bỏ qua."]),
    (12, "error", ["Cột “Tên sản phẩm”: để trống."]),
    (13, "error", ["Cột “Bộ SP”: “Bộ 99” không phải bộ sản phẩm theo QĐ 26/2026."]),
]


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Producer.objects.count(),
        Product.objects.count(),
        LogEntry.objects.count(),
        ImportBatch.objects.count(),
        ReviewItem.objects.count(),
    )


def test_preview_gives_every_row_its_outcome_with_the_column_named():
    plan = plan_file(products_file(), "sp.xlsx", Options(kind="products"))
    assert [(r.row, r.outcome, r.messages) for r in plan.rows] == EXPECTED
    assert plan.counts == {
        "new": 2, "update": 0, "unchanged": 0, "duplicate": 1, "review": 2, "error": 2,
    }  # fmt: skip
    # Unknown columns are listed once; the title rows give the context.
    assert plan.ignored == ["STT", "Ghi chú"]
    assert plan.context == {
        "province": "Tỉnh Trà Vinh (84)",
        "authority": "UBND tỉnh Trà Vinh",
        "period": "2019-2021",
    }
    assert [f for _h, f in plan.columns] == [
        "", "product_name", "producer_name", "commune", "district", "product_set", "",
    ]  # fmt: skip


def test_a_commit_with_errors_is_refused_and_changes_nothing(province_office):
    before = _counts()
    with pytest.raises(DomainError) as exc:
        import_commit(
            actor=province_office,
            data=products_file(),
            filename="sp.xlsx",
            options=Options(kind="products"),
        )
    assert exc.value.message == (
        "2 dòng có lỗi: chưa lưu gì. Hãy sửa, hoặc ghi với tùy chọn “bỏ qua các dòng lỗi”."
    )
    assert _counts() == before


def test_skip_errors_commits_exactly_the_committable_rows(province_office):
    data = products_file()
    result = import_commit(
        actor=province_office,
        data=data,
        filename="sp.xlsx",
        options=Options(kind="products"),
        skip_errors=True,
    )
    assert result.written == 4
    assert result.created == {"producers": 3, "products": 4, "decisions": 0}
    cau_ke = legacy_unit("district", "845")
    farm = Producer.objects.get(name="Công ty TNHH Trà Vinh Farm")
    assert farm.legal_form == "company_llc"
    assert farm.address_unit == cau_ke
    assert set(farm.products.values_list("name", flat=True)) == {
        "Bánh tét lá cẩm", "Bánh tét Trà Cuôn",
    }  # fmt: skip
    honey = Product.objects.get(name="Mật ong hoa nhãn")
    assert honey.product_set is None
    assert honey.producer.legal_form == "unknown"
    assert honey.producer.address_unit == legacy_unit("commune", "29326")
    coconut = Product.objects.get(name="Dừa sáp Cầu Kè")
    assert coconut.producer.legal_form == "cooperative"
    assert coconut.product_set.number == 1
    assert coconut.producer.address_unit == legacy_unit("commune", "29311")
    # the file is kept with its hash; every record remembers its row
    batch = ImportBatch.objects.get()
    assert batch.sha256 == hashlib.sha256(data).hexdigest()
    assert batch.created_by == province_office
    assert batch.file.read() == data
    assert sorted(set(ImportedRecord.objects.values_list("row", flat=True))) == [7, 8, 9, 10]
    assert ImportedRecord.objects.filter(row=10, object_id=farm.pk).get().action == "linked"
    # review rows are in the office's "to complete" queue
    queue = {(i.row, i.label): [r["code"] for r in i.reasons] for i in ReviewItem.objects.all()}
    assert queue == {
        (8, "Cơ sở Mật ong Tư Hiền"): ["legal_form"],
        (8, "Mật ong hoa nhãn"): ["product_set"],
        (9, "Công ty TNHH Trà Vinh Farm"): ["address_coarse"],
    }
    assert ReviewItem.objects.get(label="Mật ong hoa nhãn").suggestion == (
        "Gợi ý: bộ 4, Mật ong, mật khác và nông sản thực phẩm khác."
    )
    # the audit names the importing person on every record written
    entries = LogEntry.objects.filter(
        content_type__model__in=["producer", "product"], action=LogEntry.Action.CREATE
    )
    assert entries.count() == 7
    assert set(entries.values_list("actor__username", flat=True)) == {"tinh"}


def test_reimporting_the_same_file_changes_nothing(province_office):
    data = products_file()
    options = Options(kind="products")
    import_commit(
        actor=province_office, data=data, filename="sp.xlsx", options=options, skip_errors=True
    )
    before = _counts()
    again = import_commit(
        actor=province_office, data=data, filename="sp.xlsx", options=options, skip_errors=True
    )
    assert again.written == 0
    assert again.batch is None
    assert [r.outcome for r in again.plan.rows] == [
        "unchanged", "unchanged", "unchanged", "unchanged", "duplicate", "error", "error",
    ]  # fmt: skip
    assert _counts() == before


def test_a_registered_producer_is_linked_not_created_again(province_office):
    existing = make_producer("Hợp tác xã Dừa sáp Cầu Kè")
    plan = plan_file(products_file(), "sp.xlsx", Options(kind="products"))
    assert (plan.rows[0].outcome, plan.rows[0].messages) == (
        "new",
        ["Chủ thể đã có trong hệ thống: liên kết."],
    )
    import_commit(
        actor=province_office,
        data=products_file(),
        filename="sp.xlsx",
        options=Options(kind="products"),
        skip_errors=True,
    )
    assert Product.objects.get(name="Dừa sáp Cầu Kè").producer == existing
    assert Producer.objects.filter(duplicate_key=existing.duplicate_key).count() == 1


def test_out_of_scope_rows_are_errors(other_province_office):
    plan = plan_file(
        products_file(), "sp.xlsx", Options(kind="products"), actor=other_province_office
    )
    assert plan.rows[0].outcome == "error"
    assert plan.rows[0].messages[0].startswith("Cột “Địa chỉ”: ")


# --- the command ------------------------------------------------------------------------------


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_cli_dry_run_prints_the_json_and_exits_0(tmp_path: Path):
    path = tmp_path / "sp.xlsx"
    path.write_bytes(products_file())
    before = _counts()
    out, _err = _run("products", str(path), "--dry-run", "--format", "json")
    assert json.loads(out) == {
        "counts": {
            "new": 2,
            "update": 0,
            "unchanged": 0,
            "duplicate": 1,
            "review": 2,
            "error": 2,
        },
        "rows": [{"row": r, "outcome": o, "messages": m} for r, o, m in EXPECTED],
    }
    assert _counts() == before


def test_cli_commit_needs_an_actor(tmp_path: Path):
    path = tmp_path / "sp.xlsx"
    path.write_bytes(products_file())
    before = _counts()
    with pytest.raises(CommandError) as exc:
        _run("products", str(path), "--commit", "--skip-errors")
    assert exc.value.returncode == 2
    assert str(exc.value).startswith("Thiếu --actor TÊN_ĐĂNG_NHẬP")
    assert _counts() == before


def test_cli_commit_with_errors_is_refused_with_exit_1(tmp_path: Path, province_office):
    path = tmp_path / "sp.xlsx"
    path.write_bytes(products_file())
    before = _counts()
    with pytest.raises(CommandError) as exc:
        _run("products", str(path), "--commit", "--actor", "tinh")
    assert exc.value.returncode == 1
    assert _counts() == before


def test_cli_unreadable_file_exits_2(tmp_path: Path):
    path = tmp_path / "sp.xlsx"
    path.write_bytes(products_file()[:500])  # truncated
    with pytest.raises(CommandError) as exc:
        _run("products", str(path), "--dry-run")
    assert exc.value.returncode == 2
    assert str(exc.value) == ("Tệp bị hỏng hoặc không phải bảng tính mà hệ thống đọc được (XLSX).")


def test_cli_skip_errors_writes_the_error_file_beside_the_input(tmp_path: Path, province_office):
    path = tmp_path / "sp.xlsx"
    path.write_bytes(products_file())
    out, err = _run("products", str(path), "--commit", "--skip-errors", "--actor", "tinh")
    assert "Đã ghi 4 dòng." in out
    target = tmp_path / "sp.loi.xlsx"
    assert err.strip() == f"2 dòng có lỗi đã bỏ qua và được ghi vào {target}."
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows == [
        ("STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ / Xã", "Huyện", "Bộ SP", "Ghi chú", "Lỗi"),
        ("6", None, "HTX Rau sạch", "xã Phong Phú", "huyện Cầu Kè", "1", None,
         "Dòng 12: Cột “Tên sản phẩm”: để trống."),
        ("7", "Chuối sấy", "DNTN Tư Hiền", "xã Phong Phú", "huyện Cầu Kè", "Bộ 99", None,
         "Dòng 13: Cột “Bộ SP”: “Bộ 99” không phải bộ sản phẩm theo QĐ 26/2026."),
    ]  # fmt: skip
    assert Product.objects.count() == 4


def test_cli_column_option_maps_an_unknown_header(tmp_path: Path):
    rows = [["Mặt hàng", "Đơn vị"], ["Dừa sáp", "HTX Dừa sáp Cầu Kè"]]
    path = tmp_path / "x.xlsx"
    path.write_bytes(xlsx(("S", rows)))
    with pytest.raises(CommandError) as exc:
        _run("products", str(path), "--context", "province=84")
    assert exc.value.returncode == 2
    assert str(exc.value).startswith("Không tìm thấy dòng tiêu đề cột trong trang “S”")
    out, _err = _run(
        "products", str(path), "--column", "Mặt hàng=product_name", "--context", "province=84",
        "--format", "json",
    )  # fmt: skip
    assert json.loads(out)["rows"] == [
        {
            "row": 2,
            "outcome": "review",
            "messages": [
                "Không có địa chỉ: tạm ghi vào Tỉnh Trà Vinh cho đến khi bổ sung.",
                "Chưa có bộ sản phẩm. Gợi ý: bộ 1, Rau, củ, quả, hạt tươi.",
            ],
        }
    ]
