"""A superuser is outside the role scheme: every page opens and every list shows every record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ocop.testing import current_unit, make_producer, make_product, make_user

pytestmark = pytest.mark.django_db

PAGES = [
    "core:home",
    "accounts:profile",
    "accounts:user_list",
    "geo:unit_list",
    "geo:authority_list",
    "producers:producer_list",
    "producers:producer_create",
    "products:product_list",
    "products:product_create",
    "criteria:edition_list",
    "criteria:self_assessment_list",
    "reports:products_by_unit",
]


@pytest.mark.parametrize("url_name", PAGES)
def test_superuser_opens_every_page(client, url_name):
    client.force_login(make_user("root", is_superuser=True, full_name="Quản trị"))
    assert client.get(reverse(url_name)).status_code == 200


def test_superuser_lists_records_of_every_province(client):
    hanoi = make_producer("HTX Hà Nội", unit=current_unit("commune", "00004"))
    make_product("Trà sen Tây Hồ", producer=hanoi)
    make_product("Dừa sáp Cầu Kè")  # province 86
    client.force_login(make_user("root", is_superuser=True))
    body = client.get(reverse("products:product_list")).content.decode()
    assert "Trà sen Tây Hồ" in body
    assert "Dừa sáp Cầu Kè" in body
