"""Issue #4 items 4 and 6 for producers: the address as written and today's unit(s), re-pointing a
producer on a split legacy commune, and filtering the list by place on either map.

Real units (ocop/geo/data): legacy xã Ngãi Tứ (29764, huyện Tam Bình, tỉnh Vĩnh Long) was split
into today's xã Ngãi Tứ (29767) and phường Cái Vồn (29770), both in the new Vĩnh Long (86);
legacy xã Phong Phú (29326, huyện Cầu Kè, tỉnh Trà Vinh) passed whole into xã Phong Thạnh (29329).
"""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.core.errors import DomainError, PermissionDenied
from ocop.producers.models import Producer
from ocop.producers.selectors import producer_list
from ocop.producers.services import ProducerData, producer_repoint_unit, producer_update
from ocop.testing import current_unit, legacy_unit, make_producer, make_user

pytestmark = pytest.mark.django_db

SPLIT_NGAI_TU = "29764"  # legacy xã Ngãi Tứ → 29767 xã Ngãi Tứ + 29770 phường Cái Vồn
NGAI_TU_NOW, CAI_VON = "29767", "29770"


def text_of(html: str, element_id: str) -> str:
    """The visible text of the element with ``element_id`` (tags dropped, spaces collapsed)."""
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
def split_producer(db):
    return make_producer("HTX Khoai lang Ngãi Tứ", unit=legacy_unit("commune", SPLIT_NGAI_TU))


# --- pages show the unit as written and today's unit(s) -----------------------------------------


def test_detail_shows_the_address_as_written_and_today(client, province_office):
    producer = make_producer("HTX Dừa Phong Phú", unit=legacy_unit("commune", "29326"))
    client.force_login(province_office)
    html = client.get(reverse("producers:producer_detail", args=[producer.pk])).content.decode()
    assert text_of(html, "producer-unit") == (
        "xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh (trước 01/07/2025) → "
        "xã Phong Thạnh, tỉnh Vĩnh Long"
    )
    assert "Xác định xã/phường hiện hành" not in html  # a single successor: nothing to choose


def test_detail_of_a_split_unit_lists_every_successor_and_offers_the_choice(
    client, province_office, split_producer
):
    client.force_login(province_office)
    url = reverse("producers:producer_detail", args=[split_producer.pk])
    html = client.get(url).content.decode()
    assert text_of(html, "producer-unit") == (
        "xã Ngãi Tứ, huyện Tam Bình, tỉnh Vĩnh Long (trước 01/07/2025) → "
        "phường Cái Vồn, xã Ngãi Tứ, tỉnh Vĩnh Long"
    )
    assert reverse("producers:producer_repoint", args=[split_producer.pk]) in html


def test_list_rows_show_lineage_with_successors_fetched_in_bulk(client, province_office):
    legacy_codes = ["29326", SPLIT_NGAI_TU, "29323", "29329", "29332", "29335", "29338", "29317"]

    def page_queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("producers:producer_list"), HTTP_HX_REQUEST="true")
        return len(ctx.captured_queries), response.content.decode()

    client.force_login(province_office)
    make_producer("HTX A0", unit=legacy_unit("commune", "29326"))
    few, _html = page_queries()
    for i in range(30):
        code = legacy_codes[i % len(legacy_codes)]
        unit = legacy_unit("commune", code) if i % 3 else current_unit("commune", "29308")
        make_producer(f"HTX B{i:02d}", unit=unit)
    many, html = page_queries()
    assert many == few <= 10  # the successors of a whole page: one query
    assert "xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh" in html
    assert '→ <span class="unit-today">xã Phong Thạnh, tỉnh Vĩnh Long</span>' in html


# --- visibility follows lineage until re-pointed, then the chosen unit only -----------------------


def test_split_unit_is_seen_by_every_successor_until_repointed(
    province_office, other_province_office, ngai_tu_officer, cai_von_officer, split_producer
):
    def seers() -> set[str]:
        users = (province_office, other_province_office, ngai_tu_officer, cai_von_officer)
        return {
            u.username for u in users if producer_list(user=u).filter(pk=split_producer.pk).exists()
        }

    assert seers() == {"tinh", "xa.ngaitu", "phuong.caivon"}
    producer_repoint_unit(
        actor=ngai_tu_officer,
        producer=split_producer,
        current_unit=current_unit("commune", CAI_VON),
    )
    assert seers() == {"tinh", "phuong.caivon"}
    split_producer.refresh_from_db()
    assert split_producer.address_unit == legacy_unit("commune", SPLIT_NGAI_TU)  # as written
    assert split_producer.current_unit == current_unit("commune", CAI_VON)
    assert split_producer.address_province == current_unit("province", "86")
    entry = (
        LogEntry.objects.get_for_object(split_producer).filter(action=LogEntry.Action.UPDATE).get()
    )
    assert entry.actor == ngai_tu_officer
    assert "current_unit" in entry.changes_dict


def test_repointing_page_saves_the_choice_and_shows_it(client, province_office, split_producer):
    client.force_login(province_office)
    url = reverse("producers:producer_repoint", args=[split_producer.pk])
    form_html = client.get(url).content.decode()
    assert "phường Cái Vồn, tỉnh Vĩnh Long" in form_html
    assert "xã Ngãi Tứ, tỉnh Vĩnh Long" in form_html
    response = client.post(
        url, {"current_unit": current_unit("commune", NGAI_TU_NOW).pk}, follow=True
    )
    html = response.content.decode()
    assert "Chủ thể nay thuộc Xã Ngãi Tứ." in html
    assert text_of(html, "producer-unit") == (
        "xã Ngãi Tứ, huyện Tam Bình, tỉnh Vĩnh Long (trước 01/07/2025) → "
        "xã Ngãi Tứ, tỉnh Vĩnh Long văn phòng đã xác định xã"
    )


def test_repoint_permission_matrix(
    client,
    producer_user,
    national_office,
    other_province_office,
    commune_officer,
    cai_von_officer,
    split_producer,
):
    url = reverse("producers:producer_repoint", args=[split_producer.pk])
    data = {"current_unit": current_unit("commune", CAI_VON).pk}
    response = client.post(url, data)  # anonymous
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    for wrong_role in (producer_user, national_office):
        client.force_login(wrong_role)
        assert client.post(url, data).status_code == 403
    for out_of_scope in (other_province_office, commune_officer):  # Hà Nội; xã Cầu Kè
        client.force_login(out_of_scope)
        assert client.post(url, data).status_code == 404
    split_producer.refresh_from_db()
    assert split_producer.current_unit is None
    assert not LogEntry.objects.get_for_object(split_producer).filter(action=LogEntry.Action.UPDATE)
    client.force_login(cai_von_officer)
    assert client.post(url, data).status_code == 302
    split_producer.refresh_from_db()
    assert split_producer.current_unit == current_unit("commune", CAI_VON)


def test_repoint_service_refuses_wrong_roles(producer_user, national_office, split_producer):
    for actor in (producer_user, national_office):
        with pytest.raises(PermissionDenied):
            producer_repoint_unit(
                actor=actor, producer=split_producer, current_unit=current_unit("commune", CAI_VON)
            )
    split_producer.refresh_from_db()
    assert split_producer.current_unit is None


def test_a_unit_that_is_not_a_successor_is_refused_in_vietnamese(
    client, province_office, split_producer
):
    client.force_login(province_office)
    url = reverse("producers:producer_repoint", args=[split_producer.pk])
    response = client.post(url, {"current_unit": current_unit("commune", "29308").pk})
    assert response.status_code == 200
    assert (
        "Xã Cầu Kè không phải là một trong các xã/phường hiện hành tiếp nhận địa bàn của "
        "xã Ngãi Tứ, huyện Tam Bình, tỉnh Vĩnh Long. "
        "Hãy chọn một trong: Phường Cái Vồn, Xã Ngãi Tứ."
    ) in response.content.decode()
    response = client.post(url, {"current_unit": "999999999"})
    assert "Hãy chọn một trong các xã/phường được liệt kê." in response.content.decode()
    split_producer.refresh_from_db()
    assert split_producer.current_unit is None
    assert not LogEntry.objects.get_for_object(split_producer).filter(action=LogEntry.Action.UPDATE)


def test_a_unit_with_a_single_successor_has_nothing_to_choose(province_office):
    producer = make_producer("HTX Dừa Phong Phú", unit=legacy_unit("commune", "29326"))
    with pytest.raises(DomainError, match="chỉ chuyển vào một đơn vị hiện hành"):
        producer_repoint_unit(
            actor=province_office, producer=producer, current_unit=current_unit("commune", "29329")
        )
    producer.refresh_from_db()
    assert producer.current_unit is None


def test_changing_the_address_drops_the_choice(province_office, split_producer):
    producer_repoint_unit(
        actor=province_office,
        producer=split_producer,
        current_unit=current_unit("commune", CAI_VON),
    )
    split_producer.refresh_from_db()
    producer_update(
        actor=province_office,
        producer=split_producer,
        data=ProducerData(
            name=split_producer.name,
            legal_form=split_producer.legal_form,
            address_unit=current_unit("commune", "29308"),
        ),
        confirm_not_duplicate=True,
    )
    split_producer.refresh_from_db()
    assert split_producer.current_unit is None
    assert split_producer.address_unit == current_unit("commune", "29308")


# --- the list filter by place, on either map ---------------------------------------------------


@pytest.fixture
def spread(db, province_office):
    """Producers written on either map, one re-pointed (names say where)."""
    made = {
        "Phong Phú cũ": make_producer("HTX Phong Phú cũ", unit=legacy_unit("commune", "29326")),
        "Cầu Kè mới": make_producer("HTX Cầu Kè mới", unit=current_unit("commune", "29308")),
        "Ngãi Tứ cũ": make_producer("HTX Ngãi Tứ cũ", unit=legacy_unit("commune", SPLIT_NGAI_TU)),
        "Ngãi Tứ cũ → Cái Vồn": make_producer(
            "HTX Ngãi Tứ cũ → Cái Vồn", unit=legacy_unit("commune", SPLIT_NGAI_TU)
        ),
        "Ba Đình": make_producer("HTX Ba Đình", unit=current_unit("commune", "00004")),
    }
    producer_repoint_unit(
        actor=province_office,
        producer=made["Ngãi Tứ cũ → Cái Vồn"],
        current_unit=current_unit("commune", CAI_VON),
    )
    return made


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # a legacy province as of 2022: records whose unit as written lies in it
        (
            {"map_on": "date", "as_of": "2022-06-01", "unit_code": "84"},
            ["Cầu Kè mới", "Phong Phú cũ"],
        ),
        (
            {"map_on": "date", "as_of": "2022-06-01", "unit_code": "86"},
            ["Ngãi Tứ cũ", "Ngãi Tứ cũ → Cái Vồn"],
        ),
        (
            {"map_on": "date", "as_of": "2022-06-01", "unit_code": SPLIT_NGAI_TU},
            ["Ngãi Tứ cũ", "Ngãi Tứ cũ → Cái Vồn"],
        ),
        # today's province: through lineage or re-pointing
        (
            {"map_on": "current", "unit_code": "86"},
            ["Cầu Kè mới", "Ngãi Tứ cũ", "Ngãi Tứ cũ → Cái Vồn", "Phong Phú cũ"],
        ),
        ({"unit_code": "01"}, ["Ba Đình"]),
        ({"unit_code": CAI_VON}, ["Ngãi Tứ cũ → Cái Vồn"]),
        ({"unit_code": "29329"}, ["Phong Phú cũ"]),
        ({"map_on": "date", "as_of": "2025-07-01", "unit_code": "29329"}, ["Phong Phú cũ"]),
        (
            {"province": "CURRENT_86"},
            ["Cầu Kè mới", "Ngãi Tứ cũ", "Ngãi Tứ cũ → Cái Vồn", "Phong Phú cũ"],
        ),
    ],
)
def test_list_filter_by_place_on_either_map(client, national_office, spread, params, expected):
    if params.get("province") == "CURRENT_86":
        params = {"province": current_unit("province", "86").pk}
    client.force_login(national_office)
    response = client.get(reverse("producers:producer_list"), params)
    assert response.context["form"].errors == {}
    names = sorted(p.name.removeprefix("HTX ") for p in response.context["page"])
    assert names == sorted(expected)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"unit_code": "99999"}, "Không có tỉnh hoặc xã nào mang mã “99999” trên bản đồ đã chọn."),
        (
            {"map_on": "date", "unit_code": "84"},
            "Hãy nhập ngày để xác định bản đồ đơn vị hành chính.",
        ),
        # tỉnh Trà Vinh (84) no longer exists on today's map
        ({"unit_code": "84"}, "Không có tỉnh hoặc xã nào mang mã “84” trên bản đồ đã chọn."),
        (
            {"map_on": "date", "as_of": "2024-01-01", "province": "CURRENT_86"},
            "Danh sách này là các tỉnh hiện hành: với bản đồ trước 01/07/2025, hãy nhập mã tỉnh.",
        ),
    ],
)
def test_list_filter_errors_are_shown_in_vietnamese(
    client, national_office, spread, params, message
):
    if params.get("province") == "CURRENT_86":
        params = {**params, "province": current_unit("province", "86").pk}
    client.force_login(national_office)
    response = client.get(reverse("producers:producer_list"), params)
    assert message in response.content.decode()
    assert len(response.context["page"]) == len(spread)  # an invalid filter filters nothing


def test_filtered_list_query_count(client, national_office, spread, django_assert_max_num_queries):
    client.force_login(national_office)
    with django_assert_max_num_queries(14):
        response = client.get(
            reverse("producers:producer_list"),
            {"map_on": "date", "as_of": "2022-06-01", "unit_code": "84"},
            HTTP_HX_REQUEST="true",
        )
    assert len(response.context["page"]) == 2
    assert Producer.objects.count() == 5
