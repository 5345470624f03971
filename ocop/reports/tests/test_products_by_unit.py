"""``reports:products_by_unit`` and ``ocop report products-by-unit``: products per place on today's
map or the one in force on a date; rows add up to the total (issue #4 item 6).

A product of legacy xã Phong Phú (huyện Cầu Kè, tỉnh Trà Vinh) counts under Trà Vinh as of 2022
and under xã Phong Thạnh, tỉnh Vĩnh Long (86) today; one of legacy xã Ngãi Tứ (split into xã Ngãi
Tứ and phường Cái Vồn) counts once, in the undetermined row under Vĩnh Long; one in phường Ba Đình
(Hà Nội, 01) is out of the Vĩnh Long office's scope.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.testing import current_unit, legacy_unit, make_producer, make_product, make_user

pytestmark = pytest.mark.django_db

URL = "reports:products_by_unit"
UNDETERMINED = "Chưa xác định xã (đơn vị cũ bị chia tách)"


@pytest.fixture
def products(db):
    producer = make_producer()
    make_product("Dừa sáp", producer=producer, origin_unit=legacy_unit("commune", "29326"))
    make_product("Khoai lang", producer=producer, origin_unit=legacy_unit("commune", "29764"))
    make_product("Bánh tét", producer=producer, origin_unit=current_unit("commune", "29308"))
    make_product("Cốm", producer=make_producer("HTX Hà Nội", unit=current_unit("commune", "00004")))


def user(role: str, *units) -> object:
    return make_user(f"u-{role}-{len(units)}", role=role, units=list(units))


def table(html: str) -> list[list[str]]:
    body = re.search(r'<table class="compact" id="report">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    ]


def total(html: str) -> str:
    match = re.search(r'id="report-total">([^<]*)<', html)
    assert match
    return match.group(1)


def test_who_may_see_the_report(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    for role in (Role.PRODUCER, Role.COUNCIL_MEMBER, Role.ADVISORY_MEMBER):
        client.force_login(user(role))
        assert client.get(reverse(URL)).status_code == 403
    for role, units in (
        (Role.PROVINCE_OFFICE, [current_unit("province", "86")]),
        (Role.COMMUNE_OFFICER, [current_unit("commune", "29308")]),
        (Role.NATIONAL_OFFICE, []),
    ):
        client.force_login(user(role, *units))
        response = client.get(reverse(URL))
        assert response.status_code == 200
        assert f'href="{reverse(URL)}"' in response.content.decode()  # in the navigation


def test_province_office_report_on_both_maps(client, products, django_assert_max_num_queries):
    client.force_login(user(Role.PROVINCE_OFFICE, current_unit("province", "86")))
    with django_assert_max_num_queries(12):
        html = client.get(reverse(URL), {"map_on": "date", "as_of": "2022-06-01"}).content.decode()
    assert "Đơn vị hành chính có hiệu lực ngày 01/06/2022 (trước 01/07/2025)." in html
    assert table(html) == [["Tỉnh Trà Vinh", "2"], ["Tỉnh Vĩnh Long", "1"]]
    assert total(html) == "3"
    html = client.get(reverse(URL), {"map_on": "current", "level": "commune"}).content.decode()
    assert table(html) == [
        ["Tỉnh Vĩnh Long", "Xã Cầu Kè", "1"],
        ["Tỉnh Vĩnh Long", "Xã Phong Thạnh", "1"],
        ["Tỉnh Vĩnh Long", UNDETERMINED, "1"],
    ]
    assert total(html) == "3"


def test_a_date_is_required_for_the_dated_map(client):
    client.force_login(user(Role.NATIONAL_OFFICE))
    html = client.get(reverse(URL), {"map_on": "date"}).content.decode()
    assert "Hãy nhập ngày để xác định bản đồ đơn vị hành chính." in html
    assert 'id="report"' not in html


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", "products-by-unit", *args, stdout=out)
    return out.getvalue()


def test_command_json_on_both_maps(products):
    then = json.loads(run("--on", "2022-06-01", "--level", "province"))
    assert then["map"] == "legacy"
    assert [(r["province_code"], r["unit"], r["count"]) for r in then["rows"]] == [
        ("01", "Thành phố Hà Nội", 1),
        ("84", "Tỉnh Trà Vinh", 2),
        ("86", "Tỉnh Vĩnh Long", 1),
    ]
    now = json.loads(run("--on", "current", "--level", "commune"))
    assert now["map"] == "2025"
    assert [(r["unit_code"], r["unit"], r["undetermined"], r["count"]) for r in now["rows"]] == [
        ("00004", "Phường Ba Đình", "", 1),
        ("29308", "Xã Cầu Kè", "", 1),
        ("29329", "Xã Phong Thạnh", "", 1),
        ("", UNDETERMINED, "split", 1),
    ]
    assert now["rows"][3]["province_code"] == "86"
    for report in (then, now):
        assert sum(r["count"] for r in report["rows"]) == report["total"] == 4


def test_command_csv_and_user_scope(products):
    make_user("canbo.hanoi", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "01")])
    lines = list(
        csv.DictReader(
            io.StringIO(run("--level", "province", "--format", "csv", "--user", "canbo.hanoi"))
        )
    )
    assert lines == [
        {
            "province_code": "01",
            "province": "Thành phố Hà Nội",
            "unit_code": "01",
            "unit": "Thành phố Hà Nội",
            "undetermined": "",
            "count": "1",
        }
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--on", "hôm qua"), "“hôm qua” không phải “current” cũng không phải một ngày"),
        (("--user", "khong-co"), "No active user “khong-co”."),
    ],
)
def test_command_refuses_bad_input(products, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_total_row_is_labelled_as_a_sum_not_as_points(client):
    from ocop.accounts.choices import Role
    from ocop.testing import current_unit, make_user

    office = make_user("tong", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    client.force_login(office)
    body = client.get(
        reverse("reports:products_by_unit"), {"on": "current", "level": "province"}
    ).content.decode()
    assert "Tổng cộng" in body
    assert "Tổng điểm" not in body
