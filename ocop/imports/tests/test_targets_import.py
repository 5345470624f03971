"""The import kind ``targets`` (issue 12 item 1): a province's target sheet, bad rows named by
column, all or nothing, and a re-import that changes nothing.

The sheet is the legacy Trà Vinh plan for 2022–2025 (legacy map: codes 84, 29326 Phong Phú of
huyện Cầu Kè) and one target of today's Vĩnh Long for 2026–2030.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry as AuditLog
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.core.errors import DomainError
from ocop.imports.choices import BatchStatus, ImportKind
from ocop.imports.models import ImportBatch, ImportedRecord
from ocop.imports.plan import Options, plan_file
from ocop.imports.services import import_commit
from ocop.imports.tests.sheets import xlsx
from ocop.programme.models import Target
from ocop.testing import current_unit, make_user

pytestmark = pytest.mark.django_db

TITLE = [
    ["UBND TỈNH TRÀ VINH", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["KẾ HOẠCH CHỈ TIÊU CHƯƠNG TRÌNH OCOP GIAI ĐOẠN 2022 - 2025"],
    [],
]
HEADER = [
    "STT",
    "Đơn vị",
    "Mã đơn vị",
    "Chỉ tiêu",
    "Giá trị chỉ tiêu",
    "Đơn vị tính",
    "Căn cứ",
    "Ghi chú",
]
NEW = "Sản phẩm mới được công nhận lần đầu"
GOOD = [
    [1, "Tỉnh Trà Vinh", "84", NEW, 100, "sản phẩm", "Nghị quyết 16-NQ/TU", "Ít nhất 100"],
    [2, "Tỉnh Trà Vinh", "84", "Tỷ lệ chủ thể là hợp tác xã", "35,5%", "%", "NQ 16-NQ/TU", ""],
    [3, "Xã Phong Phú", "29326", "Xã có sản phẩm chủ lực", "1", "xã", "NQ 16-NQ/TU", ""],
    [4, "Xã Hòa Ân", None, "Xã có sản phẩm OCOP", 1, "xã", "NQ 16-NQ/TU", ""],
]
BAD = [
    [5, "Xã Không Có Thật", None, NEW, 5, "sản phẩm", "", ""],
    [6, "Tỉnh Trà Vinh", "84", "Sản phẩm theo bộ sản phẩm", 10, "sản phẩm", "", ""],
    [7, "Tỉnh Trà Vinh", "84", "Sản phẩm tiềm năng 5 sao", "năm", "sản phẩm", "", ""],
    [8, "Tỉnh Trà Vinh", "84", "Chủ thể có sản phẩm được công nhận", -3, "chủ thể", "", ""],
    [9, "Tỉnh Trà Vinh", "84", "Số xã nông thôn mới", 10, "xã", "", ""],
]


def sheet(rows):
    return xlsx(("Chỉ tiêu", [*TITLE, HEADER, *rows]))


@pytest.fixture
def office(db):
    return make_user(
        "tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")], full_name="Lan"
    )


def plan(data, actor, **context):
    return plan_file(data, "chi-tieu.xlsx", Options(kind="targets", context=context), actor=actor)


def test_preview_names_the_column_of_each_bad_row(office):
    result = plan(sheet(GOOD + BAD), office)
    by_row = {r.row: r for r in result.rows}
    # header on row 4: data from row 5 (GOOD) to row 13 (BAD)
    assert [by_row[n].outcome for n in range(5, 9)] == ["new"] * 4
    assert [by_row[n].outcome for n in range(9, 14)] == ["error"] * 5
    assert by_row[9].messages == [
        "Cột “Đơn vị”: không có tỉnh hay xã nào tên “Xã Không Có Thật” trên bản đồ áp dụng "
        "trước 01/07/2025."
    ]
    assert by_row[10].messages == [
        "Cột “Chỉ tiêu”: “Sản phẩm theo bộ sản phẩm” không phải là chỉ tiêu được giao."
    ]
    assert by_row[11].messages == ["Cột “Giá trị chỉ tiêu”: không đọc được “năm” thành số."]
    assert by_row[12].messages == ["Cột “Giá trị chỉ tiêu”: chỉ tiêu là số từ 0 trở lên."]
    assert by_row[13].messages == [
        "Cột “Chỉ tiêu”: không có chỉ tiêu nào tên “Số xã nông thôn mới”."
    ]
    assert result.context["period"] == "2022-2025"
    assert Target.objects.count() == 0


def test_commit_refuses_bad_rows_then_writes_and_reimport_changes_nothing(office):
    with pytest.raises(DomainError, match="5 dòng có lỗi"):
        import_commit(
            actor=office,
            data=sheet(GOOD + BAD),
            filename="chi-tieu.xlsx",
            options=Options(kind="targets"),
        )
    assert Target.objects.count() == 0
    assert not ImportBatch.objects.exists()

    data = sheet(GOOD)
    result = import_commit(
        actor=office, data=data, filename="chi-tieu.xlsx", options=Options(kind="targets")
    )
    assert result.written == 4
    assert result.created["targets"] == 4
    got = {
        (t.indicator.key, t.unit.map.code, t.unit.code, t.period.code): t.value
        for t in Target.objects.select_related("indicator", "unit__map", "period")
    }
    assert got == {
        ("products.rated.new", "legacy", "84", "2022-2025"): Decimal("100.00"),
        ("producers.cooperative_share", "legacy", "84", "2022-2025"): Decimal("35.50"),
        ("communes.with_key_product", "legacy", "29326", "2022-2025"): Decimal("1.00"),
        ("communes.with_product", "legacy", "29311", "2022-2025"): (Decimal("1.00")),
    }
    new = Target.objects.get(indicator__key="products.rated.new")
    assert (new.source, new.note) == ("Nghị quyết 16-NQ/TU", "Ít nhất 100")
    assert ImportedRecord.objects.filter(batch=result.batch, action="created").count() == 4

    audits = AuditLog.objects.count()
    again = import_commit(
        actor=office, data=data, filename="chi-tieu.xlsx", options=Options(kind="targets")
    )
    assert again.written == 0
    assert again.batch is None
    assert {r.outcome for r in again.plan.rows} == {"unchanged"}
    assert AuditLog.objects.count() == audits
    assert ImportBatch.objects.count() == 1

    changed = [list(r) for r in GOOD]
    changed[0][4] = "120"
    third = import_commit(
        actor=office, data=sheet(changed), filename="chi-tieu.xlsx", options=Options(kind="targets")
    )
    assert [r.outcome for r in third.plan.rows] == ["update", "unchanged", "unchanged", "unchanged"]
    assert third.plan.rows[0].messages == [
        "Sản phẩm mới được công nhận lần đầu, Tỉnh Trà Vinh, Giai đoạn 2022–2025: 120 "
        "(đã ghi: 100)."
    ]
    new.refresh_from_db()
    assert new.value == Decimal("120.00")
    assert Target.objects.count() == 4


def test_period_column_picks_the_map_and_scope_is_checked(office):
    data = xlsx(
        (
            "Sheet1",
            [
                ["Địa phương", "Mã ĐVHC", "Giai đoạn", "Chỉ tiêu", "Mục tiêu"],
                ["Tỉnh Vĩnh Long", "86", "2026-2030", "Xã có sản phẩm chủ lực", 124],
                ["Tỉnh Trà Vinh", "84", "2026 - 2030", NEW, 50],  # no Trà Vinh on today's map
                ["Thành phố Hà Nội", "01", "2026-2030", NEW, 50],  # another province
                ["Tỉnh Vĩnh Long", "86", "2031-2035", NEW, 50],
            ],
        )
    )
    result = plan(data, office)
    rows = result.rows
    assert [r.outcome for r in rows] == ["new", "error", "error", "error"]
    assert rows[1].messages == [
        "Cột “Mã ĐVHC”: không có tỉnh hay xã nào mã 84 trên bản đồ hiện nay "
        "(bản đồ của giai đoạn chỉ tiêu)."
    ]
    assert rows[2].messages[0].startswith("Cột “Địa phương”: Thành phố Hà Nội")
    assert rows[3].messages[0].startswith("Cột “Giai đoạn”: “2031-2035” không phải là giai đoạn")
    assert result.targets[2].unit_id == current_unit("province", "86").pk


def test_commune_officer_may_not_set_targets(office):
    officer = make_user("xa", role=Role.COMMUNE_OFFICER, units=[current_unit("commune", "29308")])
    result = plan(sheet(GOOD[:1]), officer)
    assert result.rows[0].outcome == "error"
    assert result.rows[0].messages[0] == (
        "Chỉ văn phòng OCOP cấp tỉnh hoặc trung ương giao chỉ tiêu."
    )


def test_cli_and_web_flow(office, client, tmp_path, capsys):
    path = tmp_path / "chi-tieu.xlsx"
    path.write_bytes(sheet(GOOD))
    call_command("import", "targets", str(path), "--format", "json")
    assert Target.objects.count() == 0  # a dry run
    path.write_bytes(sheet(GOOD + BAD))
    with pytest.raises(CommandError):
        call_command("import", "targets", str(path), "--commit", "--actor", "tinh")
    assert Target.objects.count() == 0

    client.force_login(office)
    upload = SimpleUploadedFile("chi-tieu.xlsx", sheet(GOOD))
    response = client.post(reverse("imports:batch_list"), {"kind": "targets", "file": upload})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.progress_total) == (ImportKind.TARGETS, 4)
    page = client.get(response["Location"]).content.decode()
    assert "Giá trị chỉ tiêu" in page
    fields = {"sheet": "Chỉ tiêu", "col_1": "unit", "col_2": "unit_code", "col_3": "indicator",
              "col_4": "target_value", "col_6": "target_source", "col_7": "note"}  # fmt: skip
    client.post(reverse("imports:batch_detail", args=[batch.pk]), fields)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED
    assert [r["outcome"] for r in batch.preview["rows"]] == ["new"] * 4
    assert Target.objects.count() == 0
    client.post(reverse("imports:batch_commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    assert Target.objects.count() == 4
