from __future__ import annotations

import pytest
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.testing import current_unit, make_user

pytestmark = pytest.mark.django_db

ROLE_LABELS = {
    Role.PROVINCE_OFFICE: "Cơ quan quản lý OCOP cấp tỉnh",
    Role.COMMUNE_OFFICER: "Cán bộ cấp xã",
    Role.COUNCIL_MEMBER: "Thành viên Hội đồng",
    Role.ADVISORY_MEMBER: "Thành viên Tổ tư vấn",
    Role.PRODUCER: "Chủ thể OCOP",
    Role.NATIONAL_OFFICE: "Cơ quan OCOP Trung ương",
}


def test_home_requires_login(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", list(ROLE_LABELS))
def test_home_page_is_vietnamese_for_each_role(client, role):
    user = make_user(f"u-{role}", role=role, full_name="Người Thử")
    client.force_login(user)
    body = client.get(reverse("core:home")).content.decode()
    assert '<html lang="vi"' in body
    assert "Xin chào, Người Thử" in body
    assert ROLE_LABELS[role] in body


def test_navigation_follows_the_role(client):
    office = make_user("office", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    council = make_user("council", role=Role.COUNCIL_MEMBER)
    client.force_login(office)
    assert reverse("geo:unit_list") in client.get(reverse("core:home")).content.decode()
    client.force_login(council)
    assert reverse("geo:unit_list") not in client.get(reverse("core:home")).content.decode()


def test_unit_list_permissions(client):
    url = reverse("geo:unit_list")
    assert client.get(url).status_code == 302
    client.force_login(make_user("p", role=Role.PRODUCER))
    assert client.get(url).status_code == 403
    client.force_login(make_user("x", role=Role.COMMUNE_OFFICER))
    response = client.get(url, {"q": "cau ke", "level": "commune"})
    assert response.status_code == 200
    assert "Xã Cầu Kè" in response.content.decode()


def test_dates_and_numbers_use_vietnamese_formats():
    import datetime as dt
    from decimal import Decimal

    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.date_format(dt.date(2025, 7, 1), "SHORT_DATE_FORMAT") == "01/07/2025"
        assert formats.number_format(Decimal("1234.5"), 1, use_l10n=True, force_grouping=True) == (
            "1.234,5"
        )


def test_not_found_and_forbidden_pages_are_vietnamese(client, settings):
    settings.DEBUG = False
    client.force_login(make_user("p2", role=Role.PRODUCER))
    not_found = client.get("/khong-co-trang-nay/")
    assert not_found.status_code == 404
    assert "Không tìm thấy trang" in not_found.content.decode()
    forbidden = client.get(reverse("geo:unit_list"))
    assert forbidden.status_code == 403
    assert "Không có quyền truy cập" in forbidden.content.decode()


def test_expired_form_page_is_vietnamese():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()
