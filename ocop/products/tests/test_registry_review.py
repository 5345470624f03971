"""Issue #3 review: the kinds the issue names, photos that are not acceptable, and a producer
account reaching for someone else's product — each refused in Vietnamese with nothing saved."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from ocop.core.errors import PermissionDenied
from ocop.producers.forms import ProducerForm
from ocop.products.forms import ChannelForm, IPTitleForm
from ocop.products.models import Product, ProductPhoto, ProductSet
from ocop.products.services import ProductData, product_update
from ocop.testing import make_producer, make_product

pytestmark = pytest.mark.django_db


# --- the kinds named by issue #3 (Vietnamese labels written from the issue) -------------------


def _labels(form, field):
    with translation.override("vi"):
        return {str(label) for _value, label in form.base_fields[field].choices}


def test_every_legal_form_of_the_issue_is_offered():
    assert _labels(ProducerForm, "legal_form") == {
        "Hợp tác xã",
        "Liên hiệp hợp tác xã",
        "Tổ hợp tác",
        "Công ty TNHH",
        "Công ty cổ phần",
        "Doanh nghiệp tư nhân",
        "Trang trại",
        "Hộ sản xuất",
        "Hộ kinh doanh",
        "Hội (du lịch)",
        "Hiệp hội (du lịch)",
        "Trung tâm điều hành du lịch hoặc tổ chức tương đương",
        "Chưa rõ (bản ghi nhập từ dữ liệu cũ)",
    }


def test_every_channel_kind_of_the_issue_is_offered():
    assert _labels(ChannelForm, "kind") == {
        "Chuỗi siêu thị",
        "Chuỗi cửa hàng tiện lợi",
        "Điểm giới thiệu, bán sản phẩm OCOP",
        "Sàn thương mại điện tử",
        "Xuất khẩu",
        "Đại lý / bán buôn",
        "Khác",
    }


def test_every_ip_title_kind_of_the_issue_is_offered():
    assert _labels(IPTitleForm, "kind") == {
        "Đơn đăng ký nhãn hiệu (đã được chấp nhận)",
        "Nhãn hiệu đã được cấp văn bằng",
        "Quyền sử dụng chỉ dẫn địa lý",
        "Quyền sử dụng nhãn hiệu tập thể",
        "Quyền sử dụng nhãn hiệu chứng nhận",
        "Kiểu dáng công nghiệp",
        "Sáng chế",
        "Giải pháp hữu ích",
    }


# --- photos: anything but a sane JPEG/PNG/WebP/GIF is refused, and nothing is written ----------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _image(fmt: str, size=(40, 30), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format=fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # A 48 KB PNG declaring 20 000 × 20 000 px: Pillow's decompression-bomb guard must not
        # become a server error, and the photo must not be decoded.
        (
            "bom.png",
            _image("PNG", (20_000, 20_000), mode="1"),
            "Ảnh có hơn 60 megapixel. Hãy chọn ảnh nhỏ hơn.",
        ),
        # 8 000 × 8 000 = 64 MP: under Pillow's guard, over ours.
        (
            "lon.png",
            _image("PNG", (8_000, 8_000), mode="1"),
            "Ảnh có hơn 60 megapixel. Hãy chọn ảnh nhỏ hơn.",
        ),
        # A real image in a format the registry does not take.
        ("anh.bmp", _image("BMP"), "Tệp không phải là ảnh (JPEG, PNG, WebP hoặc GIF)."),
        # A truncated PNG (the header is fine, the data is cut).
        ("cut.png", _image("PNG", (400, 300))[:60], "Tệp không phải là ảnh (JPEG, PNG, WebP"),
        ("empty.jpg", b"", "Tập tin được gửi là rỗng."),  # Django's own check, in Vietnamese
    ],
)
def test_unacceptable_photo_is_refused_in_vietnamese_and_nothing_is_written(
    client, media, producer_user, name, content, message
):
    product = make_product("Dừa sáp", producer=make_producer(accounts=[producer_user]))
    client.force_login(producer_user)
    response = client.post(
        reverse("products:photo_create", args=[product.pk]),
        {"image": SimpleUploadedFile(name, content, "image/png")},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProductPhoto.objects.exists()
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_a_photo_of_exactly_5_mb_is_accepted(client, media, producer_user):
    product = make_product("Dừa sáp", producer=make_producer(accounts=[producer_user]))
    png = _image("PNG", (200, 100))
    exactly = png + b"\0" * (5 * 1024 * 1024 - len(png))  # trailing bytes after IEND are ignored
    client.force_login(producer_user)
    response = client.post(
        reverse("products:photo_create", args=[product.pk]),
        {"image": SimpleUploadedFile("vua.png", exactly, "image/png")},
    )
    assert response.status_code == 302
    assert ProductPhoto.objects.get().image.size == 5 * 1024 * 1024


# --- a producer account and someone else's product --------------------------------------------


def _form(producer, **over):
    data = {
        "name": "Bánh tét giả",
        "producer": producer.pk,
        "product_set": ProductSet.objects.get(number=6).pk,
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


def test_producer_opening_the_neighbours_product_gets_a_vietnamese_404_and_nothing_changes(
    client, producer_user, neighbour_user
):
    own = make_producer("HTX Dừa sáp Cầu Kè", accounts=[producer_user])
    neighbour = make_producer("HTX Bánh tét Trà Cuôn", accounts=[neighbour_user])
    theirs = make_product("Bánh tét", producer=neighbour, set_number=6)
    client.force_login(producer_user)
    url = reverse("products:product_update", args=[theirs.pk])
    for response in (client.get(url), client.post(url, _form(own))):
        assert response.status_code == 404
        assert "bạn không có quyền truy cập hồ sơ này" in response.content.decode()
    theirs.refresh_from_db()
    assert (theirs.name, theirs.producer_id) == ("Bánh tét", neighbour.pk)


def test_producer_cannot_hand_its_product_to_the_neighbour(client, producer_user, neighbour_user):
    own = make_producer("HTX Dừa sáp Cầu Kè", accounts=[producer_user])
    neighbour = make_producer("HTX Bánh tét Trà Cuôn", accounts=[neighbour_user])
    mine = make_product("Dừa sáp", producer=own, set_number=6)
    client.force_login(producer_user)
    response = client.post(
        reverse("products:product_update", args=[mine.pk]), _form(neighbour, name="Dừa sáp")
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    with pytest.raises(PermissionDenied) as err:
        product_update(
            actor=producer_user,
            product=mine,
            data=ProductData(
                name="Dừa sáp", producer=neighbour, origin_unit=mine.origin_unit,
                product_set=mine.product_set,
            ),
        )  # fmt: skip
    assert err.value.message == "Bạn không được thêm hoặc sửa sản phẩm của chủ thể này."
    mine.refresh_from_db()
    assert mine.producer_id == own.pk
    assert Product.objects.filter(producer=neighbour).count() == 0
