"""The register of producers exported to XLSX and CSV (issue 11 item 7), as filtered on screen."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.producers.tables import PRODUCER_LIST
from ocop.testing import current_unit, legacy_unit, make_producer

pytestmark = pytest.mark.django_db

URL = reverse("producers:producer_list")
HEADERS = [
    "Tên chủ thể",
    "Loại hình",
    "Quy mô doanh nghiệp",
    "Mã số thuế",
    "Người đại diện",
    "Chức vụ",
    "Giới tính",
    "Dân tộc",
    "Khuyết tật",
    "Số định danh cá nhân",
    "Địa chỉ",
    "Mã xã/phường",
    "Xã/Phường",
    "Tỉnh/Thành phố",
    "Điện thoại",
    "Email",
    "Ngày thành lập",
    "Ngày đăng ký",
]
SENSITIVE_HEADERS = {"Giới tính", "Dân tộc", "Khuyết tật", "Số định danh cá nhân"}


@pytest.fixture
def two(db):
    """A cooperative in xã Cầu Kè; a household business on legacy xã Phong Thạnh (29329)."""
    coop = make_producer(
        "Hợp tác xã Dừa sáp Cầu Kè",
        tax_code="0300588569",
        representative_name="Thạch Thị Hạnh",
        representative_title="Giám đốc",
        representative_gender="female",
        representative_ethnicity="Khmer",
        representative_has_disability=False,
        representative_personal_id="084190000123",
        address_detail="Ấp Mỹ Văn",
        phone="0294 3855 123",
        email="htx@example.vn",
        founded_on=dt.date(2015, 3, 9),
        registered_on=dt.date(2020, 12, 31),
    )
    household = make_producer(
        "Hộ kinh doanh Bánh tét Trà Cuôn",
        unit=legacy_unit("commune", "29329"),
        legal_form="business_household",
        tax_code="084085000456",
        representative_name="Kim Sóc",
        representative_gender="male",
    )
    return coop, household


COOP_ROW = [
    "Hợp tác xã Dừa sáp Cầu Kè",
    "Hợp tác xã",
    "Không phải doanh nghiệp",
    "0300588569",
    "Thạch Thị Hạnh",
    "Giám đốc",
    "Nữ",
    "Khmer",
    "Không",
    "084190000123",
    "Ấp Mỹ Văn",
    "29308",
    "Xã Cầu Kè",
    "Tỉnh Vĩnh Long",
    "0294 3855 123",
    "htx@example.vn",
    # openpyxl reads a date cell back as a naive datetime
    dt.datetime(2015, 3, 9),  # noqa: DTZ001
    dt.datetime(2020, 12, 31),  # noqa: DTZ001
]
HOUSEHOLD_ROW = [
    "Hộ kinh doanh Bánh tét Trà Cuôn",
    "Hộ kinh doanh",
    "Không phải doanh nghiệp",
    "084085000456",
    "Kim Sóc",
    None,
    "Nam",
    None,
    None,
    None,
    None,
    "29329",
    "Xã Phong Thạnh, huyện Cầu Kè, tỉnh Trà Vinh",
    "Tỉnh Vĩnh Long",
    None,
    None,
    None,
    None,
]


def xlsx_rows(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return book, [list(row) for row in book.active.iter_rows(values_only=True)]


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads Vietnamese correctly
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def as_csv_text(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return str(value)


@time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_xlsx_export_has_vietnamese_headers_and_exact_cells(client, province_office, two):
    client.force_login(province_office)
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="chu-the-2026-12-01.xlsx"'
    book, rows = xlsx_rows(response)
    sheet = book.active
    assert sheet.title == "Danh sách chủ thể"
    # Vietnamese order: "Hộ kinh doanh" < "Hợp tác xã" (ô < ơ)
    assert rows == [HEADERS, HOUSEHOLD_ROW, COOP_ROW]
    founded = sheet.cell(row=3, column=HEADERS.index("Ngày thành lập") + 1)
    assert founded.is_date
    assert founded.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=1, column=1).font.bold is True


@time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_csv_export_equals_the_xlsx_row_for_row(client, province_office, two):
    client.force_login(province_office)
    response = client.get(URL, {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="chu-the-2026-12-01.csv"'
    rows = csv_rows(response)
    _book, xlsx = xlsx_rows(client.get(URL, {"export": "xlsx"}))
    assert rows == [[as_csv_text(v) for v in row] for row in xlsx]
    assert rows[2][HEADERS.index("Ngày thành lập")] == "09/03/2015"


def test_export_keeps_the_filters_and_the_order_on_screen(client, province_office, two):
    make_producer("Công ty TNHH Kẹo dừa", legal_form="company_llc", enterprise_size="small")
    make_producer("Hợp tác xã Bưởi", unit=current_unit("commune", "29461"))
    make_producer("HTX Hà Nội", unit=current_unit("commune", "00004"))  # out of scope
    client.force_login(province_office)
    cases = [
        ({}, ["Công ty TNHH Kẹo dừa", "Hộ kinh doanh Bánh tét Trà Cuôn", "Hợp tác xã Bưởi",
              "Hợp tác xã Dừa sáp Cầu Kè"]),
        ({"order": "-name"}, ["Hợp tác xã Dừa sáp Cầu Kè", "Hợp tác xã Bưởi",
                              "Hộ kinh doanh Bánh tét Trà Cuôn", "Công ty TNHH Kẹo dừa"]),
        ({"q": "hop tac xa"}, ["Hợp tác xã Bưởi", "Hợp tác xã Dừa sáp Cầu Kè"]),
        ({"legal_form": "company_llc"}, ["Công ty TNHH Kẹo dừa"]),
        ({"unit_code": "29461"}, ["Hợp tác xã Bưởi"]),
        ({"map_on": "date", "as_of": "2025-06-30", "unit_code": "29329"},
         ["Hộ kinh doanh Bánh tét Trà Cuôn"]),
    ]  # fmt: skip
    for params, expected in cases:
        on_screen = [p.name for p in client.get(URL, params).context["page"]]
        assert on_screen == expected, params
        _book, rows = xlsx_rows(client.get(URL, {**params, "export": "xlsx", "page": "2"}))
        assert [r[0] for r in rows[1:]] == expected, params
        assert [r[0] for r in csv_rows(client.get(URL, {**params, "export": "csv"}))[1:]] == (
            expected
        ), params


def test_export_holds_every_filtered_row_not_just_the_page(client, province_office):
    for i in range(30):
        make_producer(f"HTX số {i:02d}")
    client.force_login(province_office)
    assert len(client.get(URL).context["page"]) == 25
    _book, rows = xlsx_rows(client.get(URL, {"export": "xlsx"}))
    assert [r[0] for r in rows[1:]] == [f"HTX số {i:02d}" for i in range(30)]


@pytest.mark.parametrize("who", ["province_office", "commune_officer", "national_office"])
def test_office_roles_get_the_sensitive_columns(request, client, who, two):
    """policy.py: every office role (province, commune, national) sees sensitive fields."""
    client.force_login(request.getfixturevalue(who))
    _book, rows = xlsx_rows(client.get(URL, {"export": "xlsx", "q": "dua sap"}))
    assert rows == [HEADERS, COOP_ROW]


def test_producer_account_gets_the_sensitive_columns_of_its_own_producer(
    client, producer_user, two
):
    coop, _household = two
    make_producer("HTX của người khác", representative_personal_id="084190000999")
    with_link = make_producer("HTX Của Tôi", accounts=[producer_user], tax_code="084085000777")
    client.force_login(producer_user)
    rows = csv_rows(client.get(URL, {"export": "csv"}))
    assert rows[0] == HEADERS
    assert [r[0] for r in rows[1:]] == ["HTX Của Tôi"]
    assert rows[1][HEADERS.index("Mã số thuế")] == "084085000777"
    assert with_link.pk != coop.pk


def test_without_the_right_sensitive_columns_are_left_out_and_personal_ids_masked(
    rf, province_office, two
):
    """A register whose predicate refuses (as for a role the policy excludes): no gender,
    ethnicity, disability or personal ID column; a household's tax number (a personal ID)
    masked, a cooperative's shown."""
    refusing = dataclasses.replace(PRODUCER_LIST, sensitive_visible=lambda user: False)
    request = rf.get(URL, {"export": "csv"})
    request.user = province_office
    request.htmx = False
    rows = csv_rows(refusing.respond(request))
    assert rows[0] == [h for h in HEADERS if h not in SENSITIVE_HEADERS]
    tax = rows[0].index("Mã số thuế")
    assert [(r[0], r[tax]) for r in rows[1:]] == [
        ("Hộ kinh doanh Bánh tét Trà Cuôn", "***"),
        ("Hợp tác xã Dừa sáp Cầu Kè", "0300588569"),
    ]
    assert not SENSITIVE_HEADERS & set(refusing.headers(province_office, export=False))


def test_export_query_count_does_not_grow_with_rows(client, province_office):
    client.force_login(province_office)

    def export_queries(fmt):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, {"export": fmt, "q": "htx"})
            body = b"".join(response.streaming_content)
        return len(ctx.captured_queries), body

    for i in range(3):
        make_producer(f"HTX A{i}", unit=legacy_unit("commune", "29329"))
    few = {fmt: export_queries(fmt)[0] for fmt in ("xlsx", "csv")}
    for i in range(40):
        make_producer(f"HTX B{i}", unit=legacy_unit("commune", "29329") if i % 2 else None)
    many = {fmt: export_queries(fmt) for fmt in ("xlsx", "csv")}
    assert {fmt: n for fmt, (n, _body) in many.items()} == few
    assert few["csv"] <= 8
    assert many["csv"][1].decode("utf-8-sig").count("\n") == 1 + 43


def test_anonymous_is_sent_to_login_and_other_roles_refused(client, council_member, two):
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(council_member)
    assert client.get(URL, {"export": "xlsx"}).status_code == 403
    assert client.get(URL, {"export": "csv"}).status_code == 403


def test_unknown_export_format_is_refused_in_vietnamese(client, province_office, two):
    client.force_login(province_office)
    response = client.get(URL, {"export": "pdf"})
    assert response.status_code == 400
    assert response.content.decode() == "Không hỗ trợ xuất tệp định dạng “pdf”."


def test_list_page_offers_exports_that_keep_the_filters(client, province_office, two):
    client.force_login(province_office)
    html = client.get(URL, {"q": "dua", "legal_form": "cooperative", "page": "1"}).content.decode()
    assert 'href="?q=dua&amp;legal_form=cooperative&amp;export=xlsx"' in html
    assert 'href="?q=dua&amp;legal_form=cooperative&amp;export=csv"' in html
    partial = client.get(URL, {"q": "dua"}, HTTP_HX_REQUEST="true").content.decode()
    assert '<table class="compact" id="producer-table">' in partial
    assert 'href="?q=dua&amp;export=xlsx"' in partial
    assert "<html" not in partial
