"""Unit detail page (both directions of lineage, coordinates, JSON), authorities page, the tag."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from ocop.accounts.choices import Role
from ocop.testing import current_unit, legacy_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return make_user("tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])


@pytest.fixture
def producer():
    return make_user("chuthe", role=Role.PRODUCER)


def _render_tag(unit):
    with translation.override("vi"):
        return " ".join(
            Template("{% load geo_units %}{% unit_with_lineage unit %}")
            .render(Context({"unit": unit}))
            .split()
        )


def test_unit_with_lineage_tag_shows_the_unit_as_written_and_today(settings):
    html = _render_tag(legacy_unit("commune", "29326"))
    assert '<span class="unit-as-written">xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh</span>' in html
    assert "(trước 01/07/2025)" in html
    assert '→ <span class="unit-today">xã Phong Thạnh, tỉnh Vĩnh Long</span>' in html


def test_unit_with_lineage_tag_for_a_split_commune_and_a_current_unit():
    html = _render_tag(legacy_unit("commune", "22978"))
    assert '<span class="unit-today">xã Phan Rí Cửa, xã Tuy Phong, tỉnh Lâm Đồng</span>' in html
    current = _render_tag(current_unit("commune", "29329"))
    assert current == (
        '<span class="unit-lineage"> <span class="unit-as-written">xã Phong Thạnh, '
        "tỉnh Vĩnh Long</span> </span>"
    )


@pytest.mark.parametrize("name", ["geo:unit_detail", "geo:authority_list"])
def test_pages_need_an_office_account(client, producer, name):
    url = reverse(name, args=[legacy_unit("district", "845").pk] if "detail" in name else [])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(producer)
    assert client.get(url).status_code == 403


def test_unit_detail_of_a_legacy_commune(client, office, django_assert_max_num_queries):
    client.force_login(office)
    unit = legacy_unit("commune", "29326")
    with translation.override("vi"), django_assert_max_num_queries(10):
        response = client.get(reverse("geo:unit_detail", args=[unit.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh" in html
    assert reverse("geo:unit_detail", args=[current_unit("commune", "29329").pk]) in html
    assert "9.811707, 106.099291" in html


def test_unit_detail_of_a_current_unit_lists_its_legacy_sources(client, office):
    client.force_login(office)
    unit = current_unit("commune", "29308")
    response = client.get(reverse("geo:unit_detail", args=[unit.pk]))
    html = " ".join(response.content.decode().split())
    for code in ("29308", "29311", "29314"):
        assert reverse("geo:unit_detail", args=[legacy_unit("commune", code).pk]) in html


def test_unit_detail_json_exposes_coordinates_and_lineage(client, office):
    client.force_login(office)
    unit = legacy_unit("commune", "29326")
    data = client.get(reverse("geo:unit_detail", args=[unit.pk]), {"format": "json"}).json()
    assert (data["code"], data["era"], data["latitude"], data["longitude"]) == (
        "29326",
        "legacy",
        "9.811707",
        "106.099291",
    )
    assert [p["code"] for p in data["parents"]] == ["845", "84"]
    assert [(c["code"], c["era"], c["latitude"]) for c in data["current"]] == [
        ("29329", "current", "9.821970")
    ]
    assert data["legacy_sources"] == []
    assert "not a computed polygon centroid" in data["coordinates_note"]


def test_unit_detail_of_an_unknown_unit_is_404(client, office):
    client.force_login(office)
    assert client.get(reverse("geo:unit_detail", args=[10**9])).status_code == 404


def test_authority_list_page(client, office, django_assert_max_num_queries):
    client.force_login(office)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("geo:authority_list"))
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert html.count("<tr>") == 796  # header + 795 authorities (every province)
    assert "UBND huyện Cầu Kè" in html
    assert "Bộ Nông nghiệp và Phát triển nông thôn" in html
