"""Dates typed as people type them (issue 9, item 10): dd/mm/yyyy in an English browser too.

A native ``type=date`` input follows the browser's language (mm/dd/yyyy in an en-US Chromium),
so "05/01/2026" typed by a Vietnamese official would be read as 1 May. Every date field is a
dd/mm/yyyy text box instead.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ocop.accounts.choices import Role
from ocop.producers.models import Producer
from ocop.testing import TEST_PASSWORD, current_unit, make_producer, make_user


@pytest.fixture
def english_page(browser, live_server, reference_data):
    context = browser.new_context(locale="en-US", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_date_typed_dd_mm_yyyy_in_an_english_browser_is_5_january(english_page):
    page = english_page
    assert page.evaluate("navigator.language") == "en-US"
    make_user("canbo.tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    producer = make_producer("HTX Dừa sáp Cầu Kè")

    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo.tinh")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Xin chào").wait_for()

    page.goto(f"/chu-the/{producer.pk}/sua/")
    field = page.get_by_label("Ngày thành lập")
    assert field.get_attribute("type") == "text"
    assert field.get_attribute("placeholder") == "dd/mm/yyyy"
    assert field.get_attribute("inputmode") == "numeric"
    field.click()
    page.keyboard.type("05/01/2026")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="HTX Dừa sáp Cầu Kè").wait_for()

    producer = Producer.objects.get(pk=producer.pk)
    assert producer.founded_on == dt.date(2026, 1, 5)

    page.goto(f"/chu-the/{producer.pk}/sua/")
    assert page.get_by_label("Ngày thành lập").input_value() == "05/01/2026"


def test_a_date_in_the_wrong_shape_is_refused_in_vietnamese(english_page):
    page = english_page
    make_user("canbo.tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    producer = make_producer("HTX Dừa sáp Cầu Kè")
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo.tinh")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Xin chào").wait_for()

    page.goto(f"/chu-the/{producer.pk}/sua/")
    page.get_by_label("Ngày thành lập").fill("01/13/2026")  # month 13: an mm/dd habit
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Hãy nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/01/2026.").wait_for()
    assert Producer.objects.get(pk=producer.pk).founded_on is None
