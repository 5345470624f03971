"""The register of products exported to XLSX and CSV (issue 11 item 7), as filtered on screen."""

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

from ocop.certification.services import ResultInput, decision_record
from ocop.geo.models import Authority
from ocop.products.models import Channel, IPTitle, ProductSet
from ocop.products.tables import PRODUCT_LIST
from ocop.testing import (
    as_system,
    current_unit,
    legacy_unit,
    make_producer,
    make_product,
    make_user,
)

pytestmark = pytest.mark.django_db

URL = reverse("products:product_list")
HEADERS = [
    "Tên sản phẩm",
    "Tên chủ thể",
    "Mã số thuế chủ thể",
    "Bộ sản phẩm",
    "Mã xã/phường",
    "Xã/Phường",
    "Tỉnh/Thành phố",
    "Trạng thái",
    "Siêu thị",
    "Nhãn hiệu",
    "Hạng sao",
    "Tình trạng chứng nhận",
    "Số giấy chứng nhận",
]
CANDY_ROW = [
    "Kẹo dừa",
    "Hợp tác xã Dừa sáp Cầu Kè",
    "0300588569",
    "7. Chế biến từ rau, củ, quả, hạt",
    "29308",
    "Xã Cầu Kè",
    "Tỉnh Vĩnh Long",
    "Đang sản xuất",
    "Có",
    "Không",
    4,
    "Còn hiệu lực",
    "001/2026/GCN-OCOP-86",
]
RICE_ROW = [
    "Gạo thơm",
    "Hộ kinh doanh Gạo Trà Cú",
    "084085000456",
    "3. Gạo, ngũ cốc, hạt sơ chế khác",
    "29329",
    "Xã Phong Thạnh, huyện Cầu Kè, tỉnh Trà Vinh",
    "Tỉnh Vĩnh Long",
    "Nháp",
    "Không",
    "Có",
    None,  # never certified
    None,
    None,
]


@pytest.fixture
def two(db):
    coop = make_producer("Hợp tác xã Dừa sáp Cầu Kè", tax_code="0300588569")
    household = make_producer(
        "Hộ kinh doanh Gạo Trà Cú",
        legal_form="business_household",
        tax_code="084085000456",  # a household's tax number is the owner's personal ID
        unit=current_unit("commune", "29461"),
    )
    candy = make_product("Kẹo dừa", producer=coop, set_number=7, status="active")
    rice = make_product(
        "Gạo thơm",
        producer=household,
        set_number=3,
        status="draft",
        origin_unit=legacy_unit("commune", "29329"),
    )
    with as_system():
        Channel.objects.create(product=candy, kind="supermarket", partner_name="Co.opmart")
        IPTitle.objects.create(producer=household, kind="trademark_registration", number="4-1")
    province = current_unit("province", "86")
    decision_record(
        actor=make_user("ghi", role="province_office", units=[province]),
        kind="recognition", number="15/QĐ-UBND", signed_on=dt.date(2026, 6, 20),
        authority=Authority.objects.get(name="UBND tỉnh Vĩnh Long", unit=province),
        province=province, items=[ResultInput(product=candy, star=4)],
    )  # fmt: skip
    candy.refresh_from_db()
    return candy, rice


def as_csv(row):
    """A row as CSV gives it back: text, numbers as digits, empty cells empty."""
    return ["" if v is None else str(v) for v in row]


def xlsx_rows(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return book, [list(row) for row in book.active.iter_rows(values_only=True)]


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_xlsx_and_csv_exports_hold_the_exact_rows(client, province_office, two):
    client.force_login(province_office)
    response = client.get(URL, {"export": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="san-pham-2026-12-01.xlsx"'
    book, rows = xlsx_rows(response)
    assert book.active.title == "Danh sách sản phẩm"
    assert rows == [HEADERS, RICE_ROW, CANDY_ROW]  # Vietnamese order: Gạo < Kẹo
    response = client.get(URL, {"export": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="san-pham-2026-12-01.csv"'
    # CSV is text: numbers as digits, empty cells empty
    assert csv_rows(response) == [as_csv(row) for row in rows]


def test_on_screen_headers_are_the_exported_ones(client, province_office, two):
    client.force_login(province_office)
    html = client.get(URL).content.decode()
    export_only = {"Mã số thuế chủ thể", "Mã xã/phường", "Số giấy chứng nhận"}
    on_screen = [h for h in HEADERS if h not in export_only]
    assert "".join(f'<th scope="col">{h}</th>' for h in on_screen) in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"order": "-name"}, ["Kẹo dừa", "Gạo thơm"]),
        ({"status": "draft"}, ["Gạo thơm"]),
        ({"has_trademark": "no"}, ["Kẹo dừa"]),
        ({"channel_kind": "supermarket"}, ["Kẹo dừa"]),
        ({"legal_form": "business_household"}, ["Gạo thơm"]),
        ({"q": "keo"}, ["Kẹo dừa"]),
        ({"map_on": "date", "as_of": "2025-06-30", "unit_code": "29329"}, ["Gạo thơm"]),
    ],
)
def test_exports_keep_the_filters_on_screen(client, province_office, two, params, expected):
    client.force_login(province_office)
    assert [p.name for p in client.get(URL, params).context["page"]] == expected
    _book, rows = xlsx_rows(client.get(URL, {**params, "export": "xlsx"}))
    assert [r[0] for r in rows[1:]] == expected
    assert [r[0] for r in csv_rows(client.get(URL, {**params, "export": "csv"}))[1:]] == expected


def test_product_set_filter(client, province_office, two):
    client.force_login(province_office)
    params = {"product_set": ProductSet.objects.get(number=3).pk, "export": "csv"}
    assert [r[0] for r in csv_rows(client.get(URL, params))[1:]] == ["Gạo thơm"]


def test_commune_officer_and_own_producer_see_the_tax_number(
    client, commune_officer, producer_user, two
):
    """policy.py: office roles, and a producer's own accounts, see a personal-ID tax number."""
    candy, _rice = two
    own = make_producer(
        "HTX Của Tôi",
        accounts=[producer_user],
        tax_code="084085000777",
        unit=current_unit("commune", "29461"),  # xã Trà Cú: outside the commune officer's area
    )
    make_product("Bánh pía", producer=own)
    client.force_login(commune_officer)  # xã Cầu Kè: the candy only
    assert csv_rows(client.get(URL, {"export": "csv"})) == [HEADERS, as_csv(CANDY_ROW)]
    client.force_login(producer_user)
    rows = csv_rows(client.get(URL, {"export": "csv"}))
    assert [(r[0], r[2]) for r in rows[1:]] == [("Bánh pía", "084085000777")]
    assert candy.producer_id != own.pk


def test_without_the_right_a_personal_id_tax_number_is_masked(rf, province_office, two):
    refusing = dataclasses.replace(PRODUCT_LIST, sensitive_visible=lambda user: False)
    request = rf.get(URL, {"export": "csv"})
    request.user = province_office
    request.htmx = False
    rows = csv_rows(refusing.respond(request))
    assert [(r[0], r[2]) for r in rows[1:]] == [("Gạo thơm", "***"), ("Kẹo dừa", "0300588569")]


def test_export_query_count_does_not_grow_with_rows(client, province_office):
    client.force_login(province_office)
    producer = make_producer()

    def export_queries(fmt):
        with CaptureQueriesContext(connection) as ctx:
            body = b"".join(client.get(URL, {"export": fmt}).streaming_content)
        return len(ctx.captured_queries), body

    def add(n, start):
        for i in range(start, start + n):
            product = make_product(f"Sản phẩm {i:02d}", producer=producer)
            with as_system():
                Channel.objects.create(product=product, kind="supermarket", partner_name="X")

    add(2, 0)
    few = {fmt: export_queries(fmt)[0] for fmt in ("xlsx", "csv")}
    add(40, 2)
    many = {fmt: export_queries(fmt) for fmt in ("xlsx", "csv")}
    assert {fmt: n for fmt, (n, _body) in many.items()} == few
    assert few["csv"] <= 8
    lines = many["csv"][1].decode("utf-8-sig").splitlines()
    assert len(lines) == 43
    assert lines[1].endswith(",Có,Không,,,")  # never certified: star, status, number empty


def test_anonymous_is_sent_to_login_and_other_roles_refused(client, council_member, two):
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(council_member)
    assert client.get(URL, {"export": "xlsx"}).status_code == 403
