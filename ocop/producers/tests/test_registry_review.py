"""Issue #3 review: bad input on the edit page changes nothing; a duplicate name on edit needs
confirmation; the producer itself sees its sensitive fields and its edit form keeps them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ocop.producers.models import Producer
from ocop.producers.tests.test_producers import form_data
from ocop.testing import make_producer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"tax_code": "0300588568"}, "Mã số thuế 0300588568 không hợp lệ: sai chữ số kiểm tra."),
        ({"tax_code": "0100109106-000"}, "Mã số chi nhánh kết thúc bằng số thứ tự từ 001"),
        ({"address_unit_code": "99999"}, "Không có xã/phường nào mang mã “99999”"),
        ({"representative_personal_id": "08619001234"}, "Số định danh cá nhân gồm đúng 12"),
    ],
)
def test_bad_input_on_the_edit_page_changes_nothing(client, producer_user, over, message):
    producer = make_producer("HTX Cũ", tax_code="0300588569", accounts=[producer_user])
    before = Producer.objects.filter(pk=producer.pk).values().get()
    client.force_login(producer_user)
    response = client.post(
        reverse("producers:producer_update", args=[producer.pk]),
        form_data(name="HTX Mới", **over),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Producer.objects.filter(pk=producer.pk).values().get() == before


def test_another_producers_duplicate_name_on_edit_needs_confirmation(client, province_office):
    make_producer("Công ty trách nhiệm hữu hạn Trà Vinh Farm", legal_form="company_llc")
    mine = make_producer("Công ty TNHH Cầu Kè", legal_form="company_llc")
    client.force_login(province_office)
    url = reverse("producers:producer_update", args=[mine.pk])
    data = form_data(name="Cty TNHH Trà Vinh Farm", legal_form="company_llc", tax_code="")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Chủ thể này có thể đã được đăng ký" in response.content.decode()
    mine.refresh_from_db()
    assert mine.name == "Công ty TNHH Cầu Kè"
    assert client.post(url, {**data, "confirm_not_duplicate": "on"}).status_code == 302
    mine.refresh_from_db()
    assert mine.name == "Cty TNHH Trà Vinh Farm"


def test_the_producer_itself_sees_and_keeps_its_sensitive_fields(client, producer_user):
    producer = make_producer(
        "Hộ kinh doanh Thạch Thị Hạnh",
        legal_form="business_household",
        representative_ethnicity="Khmer",
        representative_personal_id="086190012345",
        accounts=[producer_user],
    )
    client.force_login(producer_user)
    detail = client.get(reverse("producers:producer_detail", args=[producer.pk])).content.decode()
    assert "Khmer" in detail
    assert "086190012345" in detail
    edit = client.get(reverse("producers:producer_update", args=[producer.pk])).content.decode()
    assert 'name="representative_ethnicity"' in edit
    assert 'value="Khmer"' in edit
