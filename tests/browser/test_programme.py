"""Issue 12: the office opens the programme dashboard for legacy Trà Vinh 2019–2021 as of
21/02/2022, clicks the 4-star figure and lands on the list of exactly those products."""

from __future__ import annotations

from playwright.sync_api import expect

from ocop.accounts.choices import Role
from ocop.programme.tests.records import build_records
from ocop.testing import current_unit, make_user
from tests.browser.test_registry import log_in


def test_click_a_figure_and_see_exactly_its_records(page):
    build_records(make_user("quocgia-test", role=Role.NATIONAL_OFFICE))
    make_user("canbo.tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    log_in(page, "canbo.tinh")
    page.get_by_role("link", name="Chương trình OCOP", exact=True).first.click()
    page.get_by_label("Giai đoạn").select_option(value="2019-2021")
    page.get_by_label("Bản đồ").select_option(value="legacy")
    page.get_by_label("Mã tỉnh hoặc mã xã").fill("84")
    page.get_by_label("Ngày", exact=True).fill("21/02/2022")
    page.get_by_role("button", name="Xem").click()
    total = page.locator('#kpis [data-figure="products.rated.total"]')
    expect(total).to_have_text("10")
    four = page.locator('a[data-figure="products.rated.by_star.4"]')
    expect(four).to_have_text("2")
    four.click()
    expect(page.locator("#figure-filter")).to_be_visible()
    rows = page.locator("#product-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Kẹo dừa")
    expect(rows.nth(1)).to_contain_text("Mắm ba khía")
