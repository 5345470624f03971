"""The public catalogue: front door, search and filters, product and producer pages, sharing."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from ocop.catalogue.seo import producer_url, product_url, slug_for
from ocop.catalogue.tests.conftest import make_public_product
from ocop.testing import as_system, current_unit, legacy_unit, make_producer, make_product

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    body = response.content.decode()
    return re.findall(r'<h3>\s*<a href="[^"]+">([^<]+)</a>', body)


def test_anonymous_visitor_gets_the_catalogue_at_the_front_door(client, public_setup):
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "catalogue/home.html"
    assert _names(response) == ["Kẹo dừa sầu riêng"]


def test_staff_home_moved_to_its_own_path_and_login_follows_it(client, settings):
    assert reverse("core:home") == "/lam-viec/"
    assert settings.LOGIN_REDIRECT_URL == "core:home"
    response = client.get("/lam-viec/")
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dang-nhap/?next=/lam-viec/"


def test_search_ignores_diacritics_case_and_tone_placement(client, public_setup):
    make_public_product("Bánh phồng Sơn Đốc", producer=public_setup["producer"])
    make_public_product("Trà Hoà Bình", producer=public_setup["producer"])
    assert _names(client.get("/", {"q": "keo dua"})) == ["Kẹo dừa sầu riêng"]
    assert _names(client.get("/", {"q": "KẸO DỪA"})) == ["Kẹo dừa sầu riêng"]
    assert _names(client.get("/", {"q": "son doc"})) == ["Bánh phồng Sơn Đốc"]
    assert _names(client.get("/", {"q": "hòa"})) == ["Trà Hoà Bình"]


def test_drafts_are_never_listed_nor_shown(client, public_setup):
    draft = public_setup["draft"]
    assert _names(client.get("/", {"q": "nhap"})) == []
    url = reverse("catalogue:product_detail", kwargs={"slug": slug_for(draft.name), "pk": draft.pk})
    assert client.get(url).status_code == 404


def test_filters_by_product_set_legal_form_and_channel(client, public_setup):
    coop = make_producer("HTX Gạo Tam Bình")
    make_public_product("Gạo ST25", producer=coop, set_number=3)
    rice_set = client.get("/", {"bo": _set_pk(3)})
    assert _names(rice_set) == ["Gạo ST25"]
    assert _names(client.get("/", {"loai_hinh": "cooperative"})) == ["Gạo ST25"]
    from ocop.products.models import Channel

    with as_system():
        Channel.objects.create(
            product=public_setup["keo"], kind="supermarket", partner_name="Co.opmart"
        )
    assert _names(client.get("/", {"kenh": "supermarket"})) == ["Kẹo dừa sầu riêng"]
    assert _names(client.get("/", {"kenh": "export"})) == []


def _set_pk(number: int) -> int:
    from ocop.products.models import ProductSet

    return ProductSet.objects.get(number=number).pk


def test_province_and_commune_filters_on_todays_map(client, public_setup):
    hanoi = make_producer("HTX Hà Nội", unit=current_unit("commune", "00004"))
    make_public_product("Trà sen Tây Hồ", producer=hanoi)
    vinh_long = current_unit("province", "86")
    assert _names(client.get("/", {"tinh": vinh_long.pk})) == ["Kẹo dừa sầu riêng"]
    cau_ke = current_unit("commune", "29308")
    response = client.get("/", {"tinh": vinh_long.pk, "xa": cau_ke.pk})
    assert _names(response) == ["Kẹo dừa sầu riêng"]
    assert 'name="xa"' in response.content.decode()
    other_commune = current_unit("commune", "29416")
    assert _names(client.get("/", {"tinh": vinh_long.pk, "xa": other_commune.pk})) == []


def test_old_province_name_finds_products_of_the_legacy_province(client, public_setup):
    """Trà Vinh merged into Vĩnh Long on 01/07/2025: its name still finds its products, and only
    them — not those of the old Vĩnh Long or Bến Tre inside today's Vĩnh Long."""
    ben_tre_commune = current_unit("commune", "28903")  # a commune of the former Bến Tre
    ben_tre = make_producer("Cơ sở Bến Tre", unit=ben_tre_commune)
    make_public_product("Kẹo dừa Bến Tre", producer=ben_tre)
    old_tra_vinh = legacy_unit("province", "84")
    assert _names(client.get("/", {"noi": "Trà Vinh"})) == ["Kẹo dừa sầu riêng"]
    assert _names(client.get("/", {"noi": "tra vinh"})) == ["Kẹo dừa sầu riêng"]
    assert _names(client.get("/", {"tinh": old_tra_vinh.pk})) == ["Kẹo dừa sầu riêng"]
    assert _names(client.get("/", {"noi": "Bến Tre"})) == ["Kẹo dừa Bến Tre"]
    assert sorted(_names(client.get("/", {"noi": "Vĩnh Long"}))) == [
        "Kẹo dừa Bến Tre",
        "Kẹo dừa sầu riêng",
    ]
    assert _names(client.get("/", {"noi": "Atlantis"})) == []


def test_sorting_and_pagination(client, public_setup):
    producer = public_setup["producer"]
    for i in range(30):
        make_public_product(f"Bánh số {i:02d}", producer=producer)
    first = client.get("/", {"q": "banh so"})
    assert _names(first)[:2] == ["Bánh số 00", "Bánh số 01"]
    assert len(_names(first)) == 24
    second = client.get("/", {"q": "banh so", "page": 2})
    assert _names(second) == [f"Bánh số {i:02d}" for i in range(24, 30)]
    reverse_order = client.get("/", {"q": "banh so", "sap_xep": "-name"})
    assert _names(reverse_order)[0] == "Bánh số 29"


def test_bad_filter_value_gets_a_vietnamese_message(client, public_setup):
    response = client.get("/", {"sao": "9", "q": "keo"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in body
    assert _names(response) == ["Kẹo dừa sầu riêng"]


def test_home_query_count_does_not_grow_with_results(
    client, public_setup, django_assert_max_num_queries
):
    for i in range(20):
        make_public_product(f"Sản phẩm {i}", producer=public_setup["producer"])
    with django_assert_max_num_queries(12):
        response = client.get("/")
    assert len(_names(response)) == 21


def test_product_page_shows_what_the_public_needs(client, public_setup):
    keo = public_setup["keo"]
    response = client.get(product_url(keo))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Kẹo dừa sầu riêng</h1>" in body
    assert "Kẹo dừa thơm vị sầu riêng." in body
    assert producer_url(keo.producer) in body
    assert "xã Cầu Kè, tỉnh Vĩnh Long" in body
    assert '<meta property="og:title" content="Kẹo dừa sầu riêng">' in body
    assert (
        '<meta property="og:image" content="http://testserver/static/ocop/og-default.png">' in body
    )
    assert f'<link rel="canonical" href="http://testserver{product_url(keo)}">' in body
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body).group(1)
    )
    assert data["@type"] == "Product"
    assert data["name"] == "Kẹo dừa sầu riêng"
    assert data["manufacturer"]["name"] == "Hộ kinh doanh Kẹo dừa Bà Tư"


def test_product_url_is_canonical_with_a_readable_slug(client, public_setup):
    keo = public_setup["keo"]
    assert product_url(keo) == f"/san-pham-ocop/keo-dua-sau-rieng-{keo.pk}/"
    wrong = f"/san-pham-ocop/ten-cu-{keo.pk}/"
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == product_url(keo)


def test_producer_page_hides_contacts_without_consent_and_shows_them_with_it(client, public_setup):
    producer = public_setup["producer"]
    body = client.get(producer_url(producer)).content.decode()
    assert "0987 654 321" not in body
    assert "batu.secret@example.vn" not in body
    assert "Kẹo dừa sầu riêng" in body
    assert "Bánh tráng dừa nháp" not in body
    import datetime as dt

    with as_system():
        producer.contact_consent = True
        producer.contact_consent_on = dt.date(2026, 1, 5)
        producer.save()
    body = client.get(producer_url(producer)).content.decode()
    assert "0987 654 321" in body
    assert "batu.secret@example.vn" in body
    assert "Ấp Bí Mật 7" in body


def test_producer_without_public_product_has_no_public_page(client):
    producer = make_producer("HTX Chưa có sản phẩm")
    make_product("Sản phẩm nháp", producer=producer, status="draft")
    assert client.get(producer_url(producer)).status_code == 404


def test_sitemap_lists_canonical_urls_of_public_records_only(client, public_setup):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    body = response.content.decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", body)
    assert locs == [
        "http://testserver/",
        f"http://testserver{product_url(public_setup['keo'])}",
        f"http://testserver{producer_url(public_setup['producer'])}",
    ]


def test_robots_txt_points_to_the_sitemap_and_keeps_staff_pages_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /lam-viec/" in body
    assert "Disallow: /chu-the/" in body
    assert "Disallow: /san-pham/\n" in body


def test_public_pages_are_cacheable_and_answer_304(client, public_setup):
    url = product_url(public_setup["keo"])
    first = client.get(url)
    assert "public" in first["Cache-Control"]
    assert "max-age=300" in first["Cache-Control"]
    etag = first["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    since = first["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": since}).status_code == 304
    with as_system():
        public_setup["keo"].story = "Câu chuyện mới."
        public_setup["keo"].save()
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_staff_pages_are_not_publicly_cacheable(client, public_setup):
    response = client.get("/lam-viec/")
    assert "public" not in response.get("Cache-Control", "")


def test_pages_work_without_javascript_and_are_printable(client, public_setup):
    body = client.get("/").content.decode()
    assert "<script" not in body  # the search is a plain GET form
    assert re.search(r'<form method="get"\s+action="/"', body)
    product_body = client.get(product_url(public_setup["keo"])).content.decode()
    assert re.findall(r"<script[^>]*>", product_body) == ['<script type="application/ld+json">']
    css = (
        __import__("pathlib").Path(__file__).parents[3] / "static/ocop/catalogue.css"
    ).read_text()
    assert "@media print" in css


# --- certificates: what is public and its live status -----------------------------------------


def test_unrecognised_products_are_never_public(client, public_setup):
    """An active product without a certificate, and one approved at ≥ 90 points that awaits the
    national 5★ decision (no certificate, QĐ 26/2026 Điều 7), stay private."""
    import datetime as dt

    from ocop.catalogue.tests.conftest import recognise  # noqa: F401 - same office and actor
    from ocop.certification.services import ResultInput, decision_record
    from ocop.geo.models import Authority

    active = make_product(
        "Mật ong chưa công nhận", producer=public_setup["producer"], status="active"
    )
    potential = make_product(
        "Tiềm năng năm sao", producer=public_setup["producer"], status="active"
    )
    from ocop.accounts.models import User

    actor = User.objects.get(username="catalogue-root")
    province = current_unit("province", "86")
    decision_record(
        actor=actor,
        kind="result_approval",
        number="99/QĐ-UBND",
        signed_on=dt.date(2026, 6, 2),
        authority=Authority.objects.filter(unit=province, valid_to__isnull=True).order_by("pk")[0],
        province=province,
        items=[ResultInput(product=potential, star=None, potential_5=True)],
    )
    assert _names(client.get("/", {"q": "mat ong"})) == []
    assert _names(client.get("/", {"q": "tiem nang"})) == []
    for product in (active, potential):
        assert client.get(product_url(product)).status_code == 404
        assert client.get(f"/api/v1/products/{product.pk}").status_code == 404


def test_star_filter_and_order_follow_the_current_certificate(client, public_setup):
    three = make_public_product("Bánh ba sao", producer=public_setup["producer"], star=3)
    assert _names(client.get("/", {"sao": "4"})) == ["Kẹo dừa sầu riêng"]
    assert _names(client.get("/", {"sao": "3"})) == ["Bánh ba sao"]
    assert _names(client.get("/", {"sap_xep": "-star"})) == ["Kẹo dừa sầu riêng", "Bánh ba sao"]
    assert _names(client.get("/", {"sap_xep": "name"})) == ["Bánh ba sao", "Kẹo dừa sầu riêng"]
    # an upgrade supersedes the 3★ certificate: the product now counts as 4★
    from ocop.catalogue.tests.conftest import recognise

    recognise(three, star=4, signed_on=__import__("datetime").date(2026, 7, 1))
    assert sorted(_names(client.get("/", {"sao": "4"}))) == ["Bánh ba sao", "Kẹo dừa sầu riêng"]


def test_product_page_links_to_the_verification_page_with_live_status(client, public_setup):
    import time_machine

    from ocop.certification.models import Certificate

    keo = public_setup["keo"]
    certificate = Certificate.objects.get(product=keo)
    with time_machine.travel("2026-12-01 10:00 +0700", tick=False):
        body = client.get(product_url(keo)).content.decode()
        assert certificate.number in body
        assert f'href="/xac-thuc/{certificate.number}"' in body
        assert "còn hiệu lực" in body
        assert "01/06/2029" in body  # 36 months from 01/06/2026, inclusive (Điều 4.3)
    with time_machine.travel("2029-06-02 10:00 +0700", tick=False):
        body = client.get(product_url(keo)).content.decode()
        assert "hết hiệu lực" in body
        assert "còn hiệu lực" not in body
        # a product that held a certificate stays public, with its live status
        assert _names(client.get("/", {"q": "keo"})) == ["Kẹo dừa sầu riêng"]
