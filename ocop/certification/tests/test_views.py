"""Staff pages: registers with filters, detail, recording, revocation; the permission matrix."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from ocop.certification.models import Certificate, Decision, NumberTemplate
from ocop.certification.services import ResultInput, decision_record
from ocop.testing import current_unit, make_producer, make_product, make_user

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def users(office):
    return {
        "office": office,
        "other": make_user(
            "office01", role="province_office", units=[current_unit("province", "01")]
        ),
        "commune": make_user(
            "xa", role="commune_officer", units=[current_unit("commune", "29308")]
        ),
        "council": make_user("hoidong", role="council_member"),
        "national": make_user("quocgia", role="national_office"),
    }


@pytest.fixture
def recorded(office, ubnd_vinh_long, province, two_products):
    coconut, candy = two_products
    return decision_record(
        actor=office, kind="recognition", number="15/QĐ-UBND", signed_on=D(2026, 6, 20),
        authority=ubnd_vinh_long, province=province,
        items=[ResultInput(product=coconut, star=4), ResultInput(product=candy, star=3)],
    )  # fmt: skip


def _decision_post(authority, product, number="20/QĐ-UBND"):
    data = {
        "kind": "recognition",
        "number": number,
        "signed_on": "20/06/2026",
        "authority": str(authority.pk),
        "signer_name": "Lê Văn B",
        "signer_title": "Phó Chủ tịch",
        "summary": "",
        "date_precision": "day",
        "sp-TOTAL_FORMS": "2",
        "sp-INITIAL_FORMS": "0",
        "sp-MIN_NUM_FORMS": "0",
        "sp-MAX_NUM_FORMS": "200",
    }
    for i in range(2):
        data |= {
            f"sp-{i}-product": "",
            f"sp-{i}-star": "",
            f"sp-{i}-edition": "26-2026",
            f"sp-{i}-process": "26-2026",
            f"sp-{i}-rating_kind": "first",
        }
    data |= {"sp-0-product": str(product.pk), "sp-0-star": "3", "sp-0-score": "65,5"}
    return data


@time_machine.travel(TODAY, tick=False)
def test_record_decision_matrix(client, users, ubnd_vinh_long, two_products):
    url = reverse("certification:decision_create")
    data = _decision_post(ubnd_vinh_long, two_products[0])
    assert client.post(url, data).status_code == 302  # anonymous → login
    for role in ("commune", "council"):
        client.force_login(users[role])
        assert client.post(url, data).status_code == 403
    client.force_login(users["other"])  # right role, other province: the product is no choice
    assert client.post(url, data).status_code == 200
    assert Certificate.objects.count() == 0
    client.force_login(users["office"])
    response = client.post(url, data)
    assert response.status_code == 302
    cert = Certificate.objects.get()
    assert (cert.number, cert.star, str(cert.score)) == ("001/2026/GCN-OCOP-86", 3, "65.50")


@time_machine.travel(TODAY, tick=False)
def test_record_decision_bad_input_shows_vietnamese_and_saves_nothing(
    client, users, ubnd_vinh_long, ubnd_tra_vinh, two_products
):
    client.force_login(users["office"])
    url = reverse("certification:decision_create")
    data = _decision_post(ubnd_tra_vinh, two_products[0])  # abolished on 30/06/2025
    response = client.post(url, data)
    assert response.status_code == 200
    assert "UBND tỉnh Trà Vinh không còn (hoặc chưa) hoạt động vào ngày 20/06/2026" in (
        response.content.decode()
    )
    data = _decision_post(ubnd_vinh_long, two_products[0])
    data["sp-0-star"] = ""
    response = client.post(url, data)
    assert "chỉ công nhận sản phẩm đạt từ 3 đến 5 sao" in response.content.decode()
    assert (Decision.objects.count(), Certificate.objects.count()) == (0, 0)


@time_machine.travel(TODAY, tick=False)
def test_revoke_matrix_and_bad_input(client, users, recorded):
    cert = recorded.certificates.order_by("number").first()
    url = reverse("certification:certificate_revoke")
    data = {
        "numbers": cert.number,
        "number": "99/QĐ-UBND",
        "signed_on": "25/11/2026",
        "ground": "b",
        "reason": "Không còn đáp ứng tiêu chí theo kết luận kiểm tra",
        "concluded_on": "20/11/2026",
    }
    assert client.post(url, data).status_code == 302
    assert "/tai-khoan/dang-nhap/" in client.post(url, data)["Location"]
    for role in ("commune", "council"):
        client.force_login(users[role])
        assert client.post(url, data).status_code == 403
    client.force_login(users["other"])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Không tìm thấy giấy chứng nhận nào bạn được xem" in response.content.decode()
    cert.refresh_from_db()
    assert cert.revocation_decision_id is None
    client.force_login(users["office"])
    assert client.post(url, data).status_code == 302
    cert.refresh_from_db()
    assert cert.revocation_decision.number == "99/QĐ-UBND"
    again = client.post(url, data | {"number": "100/QĐ-UBND"})
    assert again.status_code == 200
    assert f"Giấy chứng nhận {cert.number} đã bị thu hồi." in again.content.decode()
    assert Decision.objects.filter(kind="revocation").count() == 1


@time_machine.travel(TODAY, tick=False)
def test_rerating_and_number_template_matrix(client, users, recorded, province):
    cert = recorded.certificates.order_by("number").first()
    url = reverse("certification:rerating_filed", args=[cert.pk])
    for role in ("commune", "council"):
        client.force_login(users[role])
        assert client.post(url, {"filed_on": "01/12/2026"}).status_code == 403
    client.force_login(users["other"])
    assert client.post(url, {"filed_on": "01/12/2026"}).status_code == 404
    cert.refresh_from_db()
    assert cert.rerating_filed_on is None
    client.force_login(users["office"])
    assert client.post(url, {"filed_on": "01/12/2026"}).status_code == 302
    cert.refresh_from_db()
    assert cert.rerating_filed_on == D(2026, 12, 1)

    url = reverse("certification:number_template")
    client.force_login(users["commune"])
    assert client.post(url, {"template": "{NNN}-{T}"}).status_code == 403
    client.force_login(users["office"])
    response = client.post(url, {"template": "{T}-{BAD}"})
    assert "Mẫu số có ký hiệu không hợp lệ: {BAD}." in response.content.decode()
    assert not NumberTemplate.objects.exists()
    assert client.post(url, {"template": "{NNN}-{T}"}).status_code == 302
    assert NumberTemplate.objects.get(province=province).template == "{NNN}-{T}"


@time_machine.travel(TODAY, tick=False)
def test_register_filters_and_scope(client, users, recorded):
    url = reverse("certification:certificate_list")
    client.force_login(users["office"])
    html = client.get(url).content.decode()
    assert "001/2026/GCN-OCOP-86" in html
    assert "002/2026/GCN-OCOP-86" in html
    html = client.get(url, {"star": "4"}).content.decode()
    assert "001/2026/GCN-OCOP-86" in html
    assert "002/2026/GCN-OCOP-86" not in html
    assert "Còn hiệu lực" in html
    html = client.get(url, {"status": "expired"}).content.decode()
    assert "GCN-OCOP-86" not in html
    html = client.get(url, {"expiring_within": "30"}).content.decode()
    assert "GCN-OCOP-86" not in html
    html = client.get(url, {"unit_code": "84", "map_on": "date", "as_of": "01/01/2025"}).content
    assert "GCN-OCOP-86" in html.decode()  # xã Cầu Kè lay in tỉnh Trà Vinh (84) then
    client.force_login(users["other"])
    assert "GCN-OCOP-86" not in client.get(url).content.decode()
    client.force_login(users["council"])
    assert client.get(url).status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_register_query_count_does_not_grow(client, users, recorded, django_assert_max_num_queries):
    client.force_login(users["office"])
    url = reverse("certification:certificate_list")
    with django_assert_max_num_queries(12):
        client.get(url)
    producer = make_producer("Hợp tác xã Thêm")
    items = [
        ResultInput(product=make_product(f"Sản phẩm {i}", producer=producer), star=3)
        for i in range(6)
    ]
    decision_record(
        actor=users["office"], kind="recognition", number="30/QĐ-UBND", signed_on=D(2026, 7, 1),
        authority=recorded.authority, province=recorded.province, items=items,
    )  # fmt: skip
    with django_assert_max_num_queries(12):
        client.get(url)
    with django_assert_max_num_queries(12):
        client.get(reverse("certification:decision_list"))


@time_machine.travel(TODAY, tick=False)
def test_detail_pages(client, users, recorded):
    cert = recorded.certificates.order_by("number").first()
    client.force_login(users["office"])
    html = client.get(reverse("certification:certificate_detail", args=[cert.pk])).content
    html = html.decode()
    assert "Còn hiệu lực" in html
    assert "20/06/2029" in html
    assert reverse("catalogue:certificate_verify", args=[cert.number]) in html
    assert "UBND tỉnh Vĩnh Long" in html  # competent to revoke
    html = client.get(reverse("certification:decision_detail", args=[recorded.pk])).content
    assert "Dừa sáp Cầu Kè" in html.decode()
    assert "Kẹo dừa sáp" in html.decode()
    client.force_login(users["other"])
    assert (
        client.get(reverse("certification:certificate_detail", args=[cert.pk])).status_code == 404
    )
