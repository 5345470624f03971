"""An official filters the register of producers on screen (htmx) and downloads what she sees."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from playwright.sync_api import expect

from ocop.accounts.choices import Role
from ocop.testing import TEST_PASSWORD, current_unit, make_producer, make_user


def test_export_buttons_download_the_rows_filtered_on_screen(page):
    make_user("canbo.tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    make_producer("Hợp tác xã Dừa sáp Cầu Kè", tax_code="0300588569")
    make_producer("Hợp tác xã Bưởi Trà Cú", unit=current_unit("commune", "29461"))
    make_producer("Công ty TNHH Kẹo dừa", legal_form="company_llc", enterprise_size="small")

    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo.tinh")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Chủ thể", exact=True).first.click()
    expect(page.locator("#producer-table tbody tr")).to_have_count(3)

    page.get_by_role("searchbox").fill("dua")  # htmx swaps the table and its export buttons
    expect(page.locator("#producer-table tbody a")).to_have_text(
        ["Công ty TNHH Kẹo dừa", "Hợp tác xã Dừa sáp Cầu Kè"]
    )
    with page.expect_download() as info:
        page.get_by_role("button", name="Xuất Excel (XLSX)").click()
    download = info.value
    assert download.suggested_filename.startswith("chu-the-")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    names = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert names == ["Công ty TNHH Kẹo dừa", "Hợp tác xã Dừa sáp Cầu Kè"]

    with page.expect_download() as info:
        page.get_by_role("button", name="Xuất CSV").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Tên chủ thể", "Loại hình", "Quy mô doanh nghiệp", "Mã số thuế"]
    assert [r[0] for r in rows[1:]] == names
