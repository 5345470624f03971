"""The public verification page (issue #8 item 7): no login, truthful, cacheable, nothing hidden."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from ocop.certification.services import ResultInput, certificate_revoke, decision_record
from ocop.geo.models import Authority
from ocop.testing import current_unit, make_producer, make_product, make_user

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


@pytest.fixture
def certificate():
    province = current_unit("province", "86")
    office = make_user("office86", role="province_office", units=[province])
    producer = make_producer(
        "Hộ kinh doanh Thạch Thị Hạnh",
        legal_form="business_household",
        representative_name="Thạch Thị Hạnh",
        representative_gender="female",
        representative_ethnicity="Khmer",
        tax_code="084190012345",
    )
    product = make_product("Bánh tét Trà Cuôn", producer=producer, set_number=6)
    authority = Authority.objects.get(name="UBND tỉnh Vĩnh Long", unit=province)
    decision = decision_record(
        actor=office, kind="recognition", number="152/QĐ-UBND", signed_on=dt.date(2026, 6, 20),
        authority=authority, province=province, items=[ResultInput(product=product, star=4)],
    )  # fmt: skip
    return decision.certificates.get(), office


@time_machine.travel(NOW, tick=False)
def test_anyone_sees_the_live_status_without_login(client, certificate):
    cert, _office = certificate
    url = reverse("catalogue:certificate_verify", args=[cert.number])
    assert url == "/xac-thuc/001/2026/GCN-OCOP-86"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Còn hiệu lực" in html
    assert "Bánh tét Trà Cuôn" in html
    assert "Hộ kinh doanh Thạch Thị Hạnh" in html
    assert "152/QĐ-UBND" in html
    assert "ngày 20/06/2026" in html
    assert "20/06/2029" in html
    assert "UBND tỉnh Vĩnh Long" in html
    assert "4 sao" in html
    # The sensitive-field policy: no gender, ethnicity or personal ID in public.
    for hidden in ("Khmer", "084190012345", "Nữ", "female"):
        assert hidden not in html
    assert "no-cache" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


@time_machine.travel(NOW, tick=False)
def test_conditional_get_and_revocation_flips_at_once(client, certificate):
    cert, office = certificate
    url = reverse("catalogue:certificate_verify", args=[cert.number])
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    certificate_revoke(
        actor=office, certificates=[cert], number="9/QĐ-UBND", signed_on=dt.date(2026, 12, 1),
        ground="c", reason="Vi phạm an toàn thực phẩm", concluded_on=dt.date(2026, 11, 28),
        province=cert.decision.province,
    )  # fmt: skip
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Đã thu hồi" in response.content.decode()
    assert "9/QĐ-UBND" in response.content.decode()


def test_time_moves_the_status(client, certificate):
    cert, _office = certificate
    url = reverse("catalogue:certificate_verify", args=[cert.number])
    with time_machine.travel(dt.datetime(2029, 6, 20, 9, tzinfo=dt.UTC), tick=False):
        assert "Sắp hết hiệu lực" in client.get(url).content.decode()
    with time_machine.travel(dt.datetime(2029, 6, 21, 9, tzinfo=dt.UTC), tick=False):
        assert "Hết hiệu lực" in client.get(url).content.decode()


def test_unknown_number_gets_a_clear_page(client):
    response = client.get(reverse("catalogue:certificate_verify", args=["000/2020/XYZ"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không có giấy chứng nhận OCOP mang số này" in html
    assert "000/2020/XYZ" in html


def test_search_form_redirects_to_the_number(client):
    response = client.get(reverse("catalogue:certificate_search"), {"so": " 001/2026/GCN-OCOP-86 "})
    assert response.status_code == 302
    assert response["Location"] == "/xac-thuc/001/2026/GCN-OCOP-86"
    assert client.get(reverse("catalogue:certificate_search")).status_code == 200
