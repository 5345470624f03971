"""A demo official logs in, sees the Vietnamese home page, changes something audited, and sees
it on the history page with their name."""

from __future__ import annotations

import re

from ocop.accounts.choices import Role
from ocop.testing import TEST_PASSWORD, current_unit, make_user


def test_official_logs_in_edits_profile_and_sees_history(page):
    make_user(
        "canbo.tinh",
        role=Role.PROVINCE_OFFICE,
        units=[current_unit("province", "86")],
        full_name="Nguyễn Thị Lan",
    )
    page.goto("/lam-viec/")
    assert "/tai-khoan/dang-nhap/" in page.url
    page.get_by_label("Tên đăng nhập").fill("canbo.tinh")
    page.get_by_label("Mật khẩu").fill("wrong-password")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").filter(has_text="Sai tên đăng nhập hoặc mật khẩu").is_visible()

    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Xin chào, Nguyễn Thị Lan").wait_for()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_text("Cơ quan quản lý OCOP cấp tỉnh").is_visible()
    assert page.get_by_text("Tỉnh Vĩnh Long").is_visible()

    page.goto("/tai-khoan/ho-so/")
    page.get_by_label("Điện thoại").fill("0294 3855 123")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu thông tin cá nhân.").wait_for()

    page.get_by_role("link", name="Lịch sử thay đổi").click()
    row = page.locator("#history tbody tr").first
    assert row.locator(".actor").inner_text() == "Nguyễn Thị Lan"
    assert re.search(r"0294 3855 123", row.inner_text())
    assert re.match(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", row.locator("td").first.inner_text())
