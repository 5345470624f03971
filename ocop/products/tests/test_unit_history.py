"""Issue #4 items 4 and 6 for products: the commune of origin as written and today's unit(s),
re-pointing, the list filter on either map, and products counted by place on either map.

Real units (ocop/geo/data): legacy xã Ngãi Tứ (29764, huyện Tam Bình, tỉnh Vĩnh Long) was split
into today's xã Ngãi Tứ (29767) and phường Cái Vồn (29770), both in the new Vĩnh Long (86);
legacy xã Phong Phú (29326, huyện Cầu Kè, tỉnh Trà Vinh) passed whole into xã Phong Thạnh (29329);
today's xã Cầu Kè (29308) took legacy thị trấn Cầu Kè, xã Hòa Ân and xã Châu Điền (Trà Vinh);
today's phường Ba Đình (00004, Hà Nội) took several legacy phường of quận Ba Đình.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.core.errors import PermissionDenied
from ocop.geo.models import AdminUnit
from ocop.products.models import Product, ProductSet
from ocop.products.selectors import product_counts_by_unit, product_list
from ocop.products.services import product_repoint_unit
from ocop.testing import (
    as_system,
    current_unit,
    legacy_unit,
    make_producer,
    make_product,
    make_user,
)

pytestmark = pytest.mark.django_db

SPLIT_NGAI_TU = "29764"
NGAI_TU_NOW, CAI_VON = "29767", "29770"
AS_OF_2022 = dt.date(2022, 6, 1)
UNDETERMINED = "Chưa xác định xã (đơn vị cũ bị chia tách)"
MERGED = "Chưa xác định xã (đơn vị mới gồm nhiều xã cũ)"


def text_of(html: str, element_id: str) -> str:
    match = re.search(rf'<(\w+)[^>]*id="{element_id}"[^>]*>(.*?)</\1>\s*(?:<br|</dd>)', html, re.S)
    assert match, element_id
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(2)).split())


@pytest.fixture
def ngai_tu_officer(db):
    return make_user(
        "xa.ngaitu", role=Role.COMMUNE_OFFICER, units=[current_unit("commune", NGAI_TU_NOW)]
    )


@pytest.fixture
def cai_von_officer(db):
    return make_user(
        "phuong.caivon", role=Role.COMMUNE_OFFICER, units=[current_unit("commune", CAI_VON)]
    )


@pytest.fixture
def split_product(db):
    """A product from legacy xã Ngãi Tứ, made by a producer in today's xã Cầu Kè."""
    producer = make_producer("HTX Cầu Kè", unit=current_unit("commune", "29308"))
    return make_product(
        "Khoai lang Ngãi Tứ", producer=producer, origin_unit=legacy_unit("commune", SPLIT_NGAI_TU)
    )


def test_detail_shows_the_commune_of_origin_as_written_and_today(client, province_office):
    product = make_product(
        "Dừa sáp", producer=make_producer(), origin_unit=legacy_unit("commune", "29326")
    )
    client.force_login(province_office)
    html = client.get(reverse("products:product_detail", args=[product.pk])).content.decode()
    assert text_of(html, "product-unit") == (
        "xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh (trước 01/07/2025) → "
        "xã Phong Thạnh, tỉnh Vĩnh Long"
    )


def test_list_rows_show_lineage_with_successors_fetched_in_bulk(client, province_office):
    producer = make_producer()
    codes = ["29326", SPLIT_NGAI_TU, "29323", "29332", "29317"]

    def page_queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("products:product_list"), HTTP_HX_REQUEST="true")
        return len(ctx.captured_queries), response.content.decode()

    client.force_login(province_office)
    make_product("SP 00", producer=producer, origin_unit=legacy_unit("commune", "29326"))
    few, _html = page_queries()
    for i in range(30):
        make_product(
            f"SP {i + 1:02d}", producer=producer, origin_unit=legacy_unit("commune", codes[i % 5])
        )
    many, html = page_queries()
    assert many == few <= 11
    assert "xã Ngãi Tứ, huyện Tam Bình, tỉnh Vĩnh Long" in html
    assert '→ <span class="unit-today">phường Cái Vồn, xã Ngãi Tứ, tỉnh Vĩnh Long</span>' in html


def test_split_origin_is_seen_by_every_successor_until_repointed(
    province_office,
    other_province_office,
    ngai_tu_officer,
    cai_von_officer,
    commune_officer,
    split_product,
):
    def seers() -> set[str]:
        users = (
            province_office,
            other_province_office,
            ngai_tu_officer,
            cai_von_officer,
            commune_officer,
        )
        return {
            u.username for u in users if product_list(user=u).filter(pk=split_product.pk).exists()
        }

    # xã Cầu Kè's officer sees it through the producer's address
    assert seers() == {"tinh", "xa", "xa.ngaitu", "phuong.caivon"}
    product_repoint_unit(
        actor=cai_von_officer,
        product=split_product,
        current_unit=current_unit("commune", NGAI_TU_NOW),
    )
    assert seers() == {"tinh", "xa", "xa.ngaitu"}
    split_product.refresh_from_db()
    assert split_product.origin_unit == legacy_unit("commune", SPLIT_NGAI_TU)
    assert split_product.current_unit == current_unit("commune", NGAI_TU_NOW)
    entry = (
        LogEntry.objects.get_for_object(split_product).filter(action=LogEntry.Action.UPDATE).get()
    )
    assert entry.actor == cai_von_officer


def test_repoint_permission_matrix(
    client, producer_user, national_office, other_province_office, province_office, split_product
):
    url = reverse("products:product_repoint", args=[split_product.pk])
    data = {"current_unit": current_unit("commune", CAI_VON).pk}
    response = client.post(url, data)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    for wrong_role in (producer_user, national_office):
        client.force_login(wrong_role)
        assert client.post(url, data).status_code == 403
    client.force_login(other_province_office)
    assert client.post(url, data).status_code == 404
    split_product.refresh_from_db()
    assert split_product.current_unit is None
    client.force_login(province_office)
    response = client.post(url, data, follow=True)
    assert "Xã nơi sản xuất của sản phẩm nay là Phường Cái Vồn." in response.content.decode()
    split_product.refresh_from_db()
    assert split_product.current_unit == current_unit("commune", CAI_VON)


def test_the_producer_account_cannot_repoint_through_the_service(producer_user, split_product):
    with as_system():
        split_product.producer.account_links.create(user=producer_user)
    with pytest.raises(PermissionDenied):
        product_repoint_unit(
            actor=producer_user,
            product=split_product,
            current_unit=current_unit("commune", CAI_VON),
        )
    split_product.refresh_from_db()
    assert split_product.current_unit is None


def test_a_unit_that_is_not_a_successor_is_refused_in_vietnamese(
    client, province_office, split_product
):
    client.force_login(province_office)
    url = reverse("products:product_repoint", args=[split_product.pk])
    response = client.post(url, {"current_unit": current_unit("commune", "29329").pk})
    assert (
        "Xã Phong Thạnh không phải là một trong các xã/phường hiện hành tiếp nhận địa bàn của "
        "xã Ngãi Tứ, huyện Tam Bình, tỉnh Vĩnh Long."
    ) in response.content.decode()
    split_product.refresh_from_db()
    assert split_product.current_unit is None
    assert not LogEntry.objects.get_for_object(split_product).filter(action=LogEntry.Action.UPDATE)


# --- products by place on either map -----------------------------------------------------------


@pytest.fixture
def five(db, province_office):
    """Five products (hand-placed): see the module docstring for the units."""
    producer = make_producer()
    made = {
        "phong_phu": make_product(
            "P1", producer=producer, origin_unit=legacy_unit("commune", "29326")
        ),
        "ngai_tu": make_product(
            "P2", producer=producer, origin_unit=legacy_unit("commune", SPLIT_NGAI_TU)
        ),
        "ngai_tu_cai_von": make_product(
            "P3", producer=producer, origin_unit=legacy_unit("commune", SPLIT_NGAI_TU)
        ),
        "cau_ke_now": make_product(
            "P4", producer=producer, origin_unit=current_unit("commune", "29308")
        ),
        "ba_dinh": make_product(
            "P5", producer=make_producer("HTX Hà Nội", unit=current_unit("commune", "00004"))
        ),
    }
    product_repoint_unit(
        actor=province_office,
        product=made["ngai_tu_cai_von"],
        current_unit=current_unit("commune", CAI_VON),
    )
    return made


def rows(counts) -> list[tuple[str, str, int]]:
    return [(r.province.full_name if r.province else "", r.label, r.count) for r in counts.rows]


def test_counts_by_province_as_of_2022_and_today(five):
    then = product_counts_by_unit(user=None, on=AS_OF_2022, level="province")
    assert rows(then) == [
        ("Thành phố Hà Nội", "Thành phố Hà Nội", 1),
        ("Tỉnh Trà Vinh", "Tỉnh Trà Vinh", 2),  # legacy Phong Phú and today's Cầu Kè
        ("Tỉnh Vĩnh Long", "Tỉnh Vĩnh Long", 2),  # the old Vĩnh Long (legacy 86)
    ]
    assert then.rows[2].unit == legacy_unit("province", "86")
    now = product_counts_by_unit(user=None, on="current", level="province")
    assert rows(now) == [
        ("Thành phố Hà Nội", "Thành phố Hà Nội", 1),
        ("Tỉnh Vĩnh Long", "Tỉnh Vĩnh Long", 4),
    ]
    assert now.rows[1].unit == current_unit("province", "86")
    for counts in (then, now):
        assert sum(r.count for r in counts.rows) == counts.total == 5


def test_counts_by_commune_as_of_2022_and_today(five):
    then = product_counts_by_unit(user=None, on=AS_OF_2022, level="commune")
    assert rows(then) == [
        # today's phường Ba Đình took several legacy phường: no single legacy commune
        ("Thành phố Hà Nội", MERGED, 1),
        ("Tỉnh Trà Vinh", "Xã Phong Phú", 1),
        ("Tỉnh Trà Vinh", MERGED, 1),  # today's xã Cầu Kè took three legacy communes
        ("Tỉnh Vĩnh Long", "Xã Ngãi Tứ", 2),  # as written, re-pointed or not
    ]
    now = product_counts_by_unit(user=None, on="current", level="commune")
    assert rows(now) == [
        ("Thành phố Hà Nội", "Phường Ba Đình", 1),
        ("Tỉnh Vĩnh Long", "Phường Cái Vồn", 1),  # re-pointed
        ("Tỉnh Vĩnh Long", "Xã Cầu Kè", 1),
        ("Tỉnh Vĩnh Long", "Xã Phong Thạnh", 1),  # legacy Phong Phú, through lineage
        ("Tỉnh Vĩnh Long", UNDETERMINED, 1),  # legacy Ngãi Tứ, split, not re-pointed: once
    ]
    assert now.rows[3].unit == current_unit("commune", "29329")
    for counts in (then, now):
        assert sum(r.count for r in counts.rows) == counts.total == 5


def test_counts_are_scoped_to_the_user(
    five, province_office, other_province_office, cai_von_officer
):
    assert product_counts_by_unit(user=province_office, on="current", level="province").total == 4
    hanoi = product_counts_by_unit(user=other_province_office, on=AS_OF_2022, level="province")
    assert rows(hanoi) == [("Thành phố Hà Nội", "Thành phố Hà Nội", 1)]
    # phường Cái Vồn sees the product re-pointed to it and the one not yet re-pointed
    cai_von = product_counts_by_unit(user=cai_von_officer, on="current", level="commune")
    assert rows(cai_von) == [
        ("Tỉnh Vĩnh Long", "Phường Cái Vồn", 1),
        ("Tỉnh Vĩnh Long", UNDETERMINED, 1),
    ]


def test_counts_take_a_few_queries_for_many_products(django_assert_max_num_queries):
    """Hundreds of products on hundreds of units of both maps: the same handful of queries."""
    producer = make_producer()
    product_set = ProductSet.objects.get(number=1)
    legacy = list(
        AdminUnit.objects.filter(map__code="legacy", level="commune", province__code="84")[:150]
    )
    current = list(AdminUnit.objects.filter(map__code="2025", level="commune")[:150])
    units = legacy + current
    products = [
        Product(
            name=f"SP {i}",
            producer=producer,
            origin_unit=units[i % len(units)],
            product_set=product_set,
        )
        for i in range(900)
    ]
    for product in products:
        product.compute_text_columns()
    with as_system():
        Product.objects.bulk_create(products)
    for on in (AS_OF_2022, "current"):
        for level in ("province", "commune"):
            with django_assert_max_num_queries(5):
                counts = product_counts_by_unit(user=None, on=on, level=level)
            assert counts.total == 900
            assert sum(r.count for r in counts.rows) == 900


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"map_on": "date", "as_of": "2022-06-01", "unit_code": "84"}, ["P1", "P4"]),
        ({"map_on": "date", "as_of": "2022-06-01", "unit_code": "86"}, ["P2", "P3"]),
        ({"unit_code": "86"}, ["P1", "P2", "P3", "P4"]),
        ({"unit_code": CAI_VON}, ["P3"]),
        ({"unit_code": "29308"}, ["P4"]),
        ({"map_on": "date", "as_of": "2022-06-01", "unit_code": "29326"}, ["P1"]),
    ],
)
def test_list_filter_by_place_on_either_map(client, national_office, five, params, expected):
    client.force_login(national_office)
    response = client.get(reverse("products:product_list"), params)
    assert response.context["form"].errors == {}
    assert sorted(p.name for p in response.context["page"]) == expected
