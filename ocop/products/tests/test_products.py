"""Products: search, sorting, photos, channels and IP titles, scope and the permission matrix."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ocop.core.errors import DomainError
from ocop.products.models import Channel, IPTitle, Product, ProductPhoto, ProductSet
from ocop.products.selectors import (
    product_has_trademark,
    product_in_supermarket,
    product_list,
    products_with_flags,
)
from ocop.products.services import ProductData, channel_add, ip_title_add, product_create
from ocop.testing import as_system, current_unit, make_producer, make_product

pytestmark = pytest.mark.django_db

HANOI_COMMUNE = "00004"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def own(producer_user):
    return make_producer("HTX Dừa sáp Cầu Kè", accounts=[producer_user])


@pytest.fixture
def neighbour(neighbour_user):
    return make_producer("HTX Bánh tét Trà Cuôn", accounts=[neighbour_user])


def product_form(producer, **over):
    data = {
        "name": "Kẹo dừa sáp",
        "producer": producer.pk,
        "product_set": ProductSet.objects.get(number=7).pk,
        "origin_unit_code": "",
        "origin_unit_map": "current",
        "status": "active",
        "description": "",
        "story": "",
        "specification": "",
        "packaging": "",
        "legacy_code": "",
    }
    data.update(over)
    return data


def png_bytes(size=(800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


# --- search and sorting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("banh tet tra cuon", ["Bánh tét Trà Cuôn"]),
        ("BANH TÉT", ["Bánh tét Trà Cuôn"]),
        ("dua", ["Dừa sáp Cầu Kè", "Đường hoa dừa", "Kẹo dừa"]),
        ("duong", ["Đường hoa dừa"]),
        ("hoa", ["Đường hoa dừa", "Trà Hòa Thuận"]),
        ("hoà thuận", ["Trà Hòa Thuận"]),
        ("xyz", []),
    ],
)
def test_search_ignores_diacritics_case_and_tone_placement(client, province_office, q, expected):
    for name in (
        "Bánh tét Trà Cuôn",
        "Dừa sáp Cầu Kè",
        "Kẹo dừa",
        "Đường hoa dừa",
        "Trà Hòa Thuận",
    ):
        make_product(name)
    client.force_login(province_office)
    response = client.get(reverse("products:product_list"), {"q": q})
    assert [p.name for p in response.context["page"]] == expected


def test_product_list_is_in_vietnamese_order(
    client, province_office, django_assert_max_num_queries
):
    expected = [
        "Bánh ít",
        "Bánh phồng",
        "Bánh tét",
        "Bưởi",
        "Chả cá",
        "Cốm dẹp",
        "Dừa",
        "Đường",
        "Ép chuối",
        "Ổi",
        "Ớt",
        "Ươi",
    ]
    producer = make_producer()
    for name in reversed(expected):
        make_product(name, producer=producer)
    client.force_login(province_office)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("products:product_list"))
    assert [p.name for p in response.context["page"]] == expected
    response = client.get(reverse("products:product_list"), {"order": "-name"})
    assert [p.name for p in response.context["page"]] == list(reversed(expected))


def test_list_query_count_does_not_grow_with_rows(
    client, province_office, django_assert_max_num_queries
):
    producer = make_producer()
    for i in range(30):
        product = make_product(f"Sản phẩm {i}", producer=producer)
        with as_system():
            Channel.objects.create(product=product, kind="supermarket", partner_name="Co.opmart")
    client.force_login(province_office)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("products:product_list"), HTTP_HX_REQUEST="true")
    assert len(response.context["page"]) == 25
    assert "Siêu thị" in response.content.decode()


def test_filters(client, province_office):
    coop = make_producer("HTX A")
    company = make_producer("Công ty TNHH B", legal_form="company_llc", enterprise_size="small")
    rice = make_product("Gạo", producer=coop, set_number=3, status="active")
    candy = make_product("Kẹo", producer=company, set_number=7, status="draft")
    with as_system():
        Channel.objects.create(product=candy, kind="ecommerce", partner_name="Sàn X")
        IPTitle.objects.create(producer=coop, kind="trademark_registration", number="4-1")
    client.force_login(province_office)
    url = reverse("products:product_list")

    def names(**params):
        return [p.name for p in client.get(url, params).context["page"]]

    assert names(legal_form="company_llc") == ["Kẹo"]
    assert names(product_set=ProductSet.objects.get(number=3).pk) == ["Gạo"]
    assert names(status="draft") == ["Kẹo"]
    assert names(channel_kind="ecommerce") == ["Kẹo"]
    assert names(has_trademark="yes") == ["Gạo"]
    assert names(has_trademark="no") == ["Kẹo"]
    assert names(province=current_unit("province", "86").pk) == ["Gạo", "Kẹo"]
    assert names(province=current_unit("province", "01").pk) == []
    assert rice.pk != candy.pk


# --- scope -------------------------------------------------------------------------------------


def test_producer_sees_own_products_and_not_the_neighbours(client, own, neighbour, producer_user):
    mine = make_product("Dừa sáp", producer=own)
    theirs = make_product("Bánh tét", producer=neighbour)
    client.force_login(producer_user)
    response = client.get(reverse("products:product_list"))
    assert [p.name for p in response.context["page"]] == ["Dừa sáp"]
    assert client.get(reverse("products:product_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("products:product_detail", args=[theirs.pk])).status_code == 404


def test_office_scope_and_roles_without_registry_access(
    client, province_office, other_province_office, council_member
):
    product = make_product("Dừa sáp")
    assert list(product_list(user=province_office)) == [product]
    assert list(product_list(user=other_province_office)) == []
    client.force_login(council_member)
    assert client.get(reverse("products:product_list")).status_code == 403


# --- bad input: producer editing someone else's product, unknown unit, files --------------------


def test_producer_cannot_edit_the_neighbours_product(client, own, neighbour, producer_user):
    theirs = make_product("Bánh tét", producer=neighbour)
    client.force_login(producer_user)
    response = client.post(
        reverse("products:product_update", args=[theirs.pk]),
        product_form(own, name="Bánh tét giả"),
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.name, theirs.producer_id) == ("Bánh tét", neighbour.pk)


def test_producer_cannot_create_a_product_for_the_neighbour(client, own, neighbour, producer_user):
    client.force_login(producer_user)
    response = client.post(reverse("products:product_create"), product_form(neighbour))
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Product.objects.exists()
    with pytest.raises(DomainError):
        product_create(
            actor=producer_user,
            data=ProductData(
                name="X", producer=neighbour, origin_unit=neighbour.address_unit,
                product_set=ProductSet.objects.get(number=1),
            ),
        )  # fmt: skip
    assert not Product.objects.exists()


def test_unknown_origin_unit_is_refused(client, own, province_office):
    client.force_login(province_office)
    response = client.post(
        reverse("products:product_create"), product_form(own, origin_unit_code="12")
    )
    assert "Không có xã/phường nào mang mã “12”" in response.content.decode()
    assert not Product.objects.exists()


def test_tourism_only_forms_register_tourism_products_only(province_office):
    association = make_producer("Hội Du lịch Cù lao", legal_form="association")
    data = ProductData(
        name="Kẹo", producer=association, origin_unit=association.address_unit,
        product_set=ProductSet.objects.get(number=7),
    )  # fmt: skip
    with pytest.raises(DomainError) as err:
        product_create(actor=province_office, data=data)
    assert "chỉ được đăng ký sản phẩm dịch vụ du lịch cộng đồng" in err.value.message
    tour = product_create(
        actor=province_office,
        data=ProductData(
            name="Du lịch Cù lao", producer=association, origin_unit=association.address_unit,
            product_set=ProductSet.objects.get(number=26),
        ),
    )  # fmt: skip
    assert tour.product_set.number == 26


def test_photo_is_validated_and_thumbnailed(client, own, producer_user):
    product = make_product("Dừa sáp", producer=own)
    client.force_login(producer_user)
    url = reverse("products:photo_create", args=[product.pk])
    text = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(url, {"image": text})
    assert "Tệp không phải là ảnh (JPEG, PNG, WebP hoặc GIF)" in response.content.decode()
    big = SimpleUploadedFile("to.png", png_bytes() + b"0" * (5 * 1024 * 1024), "image/png")
    response = client.post(url, {"image": big})
    assert "Ảnh lớn hơn 5 MB" in response.content.decode()
    assert not ProductPhoto.objects.exists()
    good = SimpleUploadedFile("dua.png", png_bytes(), content_type="image/png")
    response = client.post(url, {"image": good, "caption": "Trái dừa"})
    assert response.status_code == 302
    photo = ProductPhoto.objects.get()
    with Image.open(photo.thumbnail.path) as thumb:
        assert thumb.size == (320, 240)
        assert thumb.format == "JPEG"
    assert LogEntry.objects.get_for_object(photo).get().actor == producer_user


# --- channels and IP titles --------------------------------------------------------------------


def test_supermarket_and_trademark_selectors(province_office):
    product = make_product("Dừa sáp")
    other = make_product("Kẹo", producer=product.producer)
    assert not product_in_supermarket(product)
    assert not product_has_trademark(product)
    channel_add(
        actor=province_office, product=product, kind="supermarket", partner_name="Co.opmart",
        contract_start=dt.date(2025, 1, 1), contract_end=dt.date(2026, 12, 31),
    )  # fmt: skip
    assert product_in_supermarket(product, on=dt.date(2026, 6, 1))
    assert not product_in_supermarket(product, on=dt.date(2027, 1, 1))
    ip_title_add(
        actor=province_office, producer=product.producer, product=None,
        kind="trademark_registration", number="4-0412345-000",
        granted_on=dt.date(2020, 1, 1), valid_until=dt.date(2030, 1, 1),
    )  # fmt: skip
    assert product_has_trademark(product, on=dt.date(2026, 1, 1))  # the producer's mark
    assert product_has_trademark(other, on=dt.date(2026, 1, 1))
    assert not product_has_trademark(product, on=dt.date(2031, 1, 1))
    flags = {
        p.name: (p.in_supermarket, p.has_trademark)
        for p in products_with_flags(Product.objects.all(), on=dt.date(2026, 6, 1))
    }
    assert flags == {"Dừa sáp": (True, True), "Kẹo": (False, True)}


def test_channel_dates_must_be_ordered(province_office):
    product = make_product()
    with pytest.raises(DomainError):
        channel_add(
            actor=province_office, product=product, kind="export", partner_name="X",
            contract_start=dt.date(2026, 1, 1), contract_end=dt.date(2025, 1, 1),
        )  # fmt: skip
    assert not Channel.objects.exists()


def test_channel_with_proof_document(client, own, producer_user):
    product = make_product(producer=own)
    client.force_login(producer_user)
    response = client.post(
        reverse("products:channel_create", args=[product.pk]),
        {
            "kind": "supermarket",
            "partner_name": "Co.opmart Trà Vinh",
            "contract_start": "2025-01-01",
            "contract_end": "2026-12-31",
            "proof_document": SimpleUploadedFile("hop-dong.pdf", b"%PDF-1.4"),
        },
    )
    assert response.status_code == 302
    channel = Channel.objects.get()
    assert channel.proof_document.name.endswith("hop-dong.pdf")
    assert (channel.contract_start, channel.contract_end) == (
        dt.date(2025, 1, 1),
        dt.date(2026, 12, 31),
    )


# --- permission matrix on every data-changing view ----------------------------------------------


def _matrix(client, url, data, *, denied, out_of_scope, allowed, changed):
    """anonymous → login; wrong role → 403; right role out of scope → 404; in scope → 302."""
    assert changed() == 0
    response = client.post(url, data)
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]
    for user in denied:
        client.force_login(user)
        assert client.post(url, data).status_code == 403
    for user in out_of_scope:
        client.force_login(user)
        assert client.post(url, data).status_code == 404
    assert changed() == 0
    client.force_login(allowed)
    assert client.post(url, data).status_code == 302
    assert changed() == 1


@pytest.fixture
def scoped(own):
    return make_product("Dừa sáp", producer=own)


def test_product_create_matrix(
    client, own, national_office, council_member, other_province_office, province_office
):
    url = reverse("products:product_create")
    client.force_login(other_province_office)
    response = client.post(url, product_form(own))
    assert response.status_code == 200  # the producer is not among the choices
    assert not Product.objects.exists()
    client.logout()
    _matrix(
        client, url, product_form(own),
        denied=[national_office, council_member], out_of_scope=[],
        allowed=province_office, changed=lambda: Product.objects.count(),
    )  # fmt: skip


def test_product_update_matrix(
    client, scoped, own, national_office, neighbour_user, other_province_office, producer_user
):
    url = reverse("products:product_update", args=[scoped.pk])
    _matrix(
        client, url, product_form(own, name="Dừa sáp loại 1"),
        denied=[national_office], out_of_scope=[neighbour_user, other_province_office],
        allowed=producer_user,
        changed=lambda: Product.objects.filter(name="Dừa sáp loại 1").count(),
    )  # fmt: skip


def test_channel_create_matrix(
    client, scoped, national_office, neighbour_user, other_province_office, commune_officer
):
    url = reverse("products:channel_create", args=[scoped.pk])
    _matrix(
        client, url, {"kind": "export", "partner_name": "Nhà nhập khẩu"},
        denied=[national_office], out_of_scope=[neighbour_user, other_province_office],
        allowed=commune_officer, changed=lambda: Channel.objects.count(),
    )  # fmt: skip


def test_product_iptitle_create_matrix(
    client, scoped, national_office, neighbour_user, other_province_office, province_office
):
    url = reverse("products:product_iptitle_create", args=[scoped.pk])
    _matrix(
        client, url, {"kind": "patent", "number": "1-0001"},
        denied=[national_office], out_of_scope=[neighbour_user, other_province_office],
        allowed=province_office, changed=lambda: IPTitle.objects.filter(product=scoped).count(),
    )  # fmt: skip


def test_producer_iptitle_create_matrix(
    client, own, national_office, neighbour_user, other_province_office, producer_user
):
    url = reverse("products:producer_iptitle_create", args=[own.pk])
    _matrix(
        client, url, {"kind": "gi_use_right", "title": "Dừa sáp Cầu Kè"},
        denied=[national_office], out_of_scope=[neighbour_user, other_province_office],
        allowed=producer_user,
        changed=lambda: IPTitle.objects.filter(producer=own, product=None).count(),
    )  # fmt: skip


def test_photo_create_matrix(
    client, scoped, national_office, neighbour_user, other_province_office, province_office
):
    url = reverse("products:photo_create", args=[scoped.pk])

    class Fresh(dict):
        def items(self):  # a new upload object for every post
            return {"image": SimpleUploadedFile("a.png", png_bytes(), "image/png")}.items()

    _matrix(
        client, url, Fresh(),
        denied=[national_office], out_of_scope=[neighbour_user, other_province_office],
        allowed=province_office, changed=lambda: ProductPhoto.objects.count(),
    )  # fmt: skip


def test_creation_is_audited_and_visible_in_history(client, own, province_office):
    client.force_login(province_office)
    client.post(reverse("products:product_create"), product_form(own))
    product = Product.objects.get()
    assert product.origin_unit == own.address_unit
    entry = LogEntry.objects.get_for_object(product).get()
    assert entry.actor == province_office
    response = client.get(reverse("core:object_history", args=["products.product", product.pk]))
    assert "Nguyễn Thị Lan" in response.content.decode()
