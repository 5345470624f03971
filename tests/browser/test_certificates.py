"""Issue #8: an official records a recognition decision for two products; the QR address of one
certificate tells the public "còn hiệu lực", then "hết hiệu lực" once the clock passes its last
day, and "đã thu hồi" after a revocation."""

from __future__ import annotations

import datetime as dt

import time_machine
from playwright.sync_api import expect

from ocop.accounts.choices import Role
from ocop.certification.models import Certificate
from ocop.certification.selectors import certificate_public_url
from ocop.testing import current_unit, make_producer, make_product, make_user
from tests.browser.test_registry import log_in


def test_decision_certificates_and_public_status(page, live_server, settings):
    settings.OCOP_PUBLIC_BASE_URL = live_server.url
    with time_machine.travel(dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC), tick=True):
        make_user(
            "canbo.tinh",
            role=Role.PROVINCE_OFFICE,
            units=[current_unit("province", "86")],
            full_name="Nguyễn Thị Lan",
        )
        producer = make_producer()
        make_product("Dừa sáp Cầu Kè", producer=producer)
        make_product("Kẹo dừa sáp", producer=producer, set_number=7)
        log_in(page, "canbo.tinh")

        page.get_by_role("link", name="Giấy chứng nhận", exact=True).first.click()
        page.get_by_role("button", name="Ghi nhận quyết định").click()
        page.locator("#id_number").fill("152/QĐ-UBND")
        page.locator("#id_signed_on").fill("20/06/2026")
        page.get_by_label("Cơ quan ban hành").select_option(
            label="UBND tỉnh Vĩnh Long (từ 01/07/2025)"
        )
        page.locator("#id_signer_name").fill("Lê Văn Bảy")
        page.locator('select[name="sp-0-product"]').select_option(label="Dừa sáp Cầu Kè")
        page.locator('select[name="sp-0-star"]').select_option(label="4★")
        page.locator('input[name="sp-0-score"]').fill("78,5")
        page.locator('select[name="sp-1-product"]').select_option(label="Kẹo dừa sáp")
        page.locator('select[name="sp-1-star"]').select_option(label="3★")
        page.get_by_role("button", name="Ghi nhận quyết định").click()
        page.get_by_text("Đã ghi nhận quyết định 152/QĐ-UBND: cấp 2 giấy chứng nhận.").wait_for()
        expect(page.locator("#annex tbody tr")).to_have_count(2)
        assert Certificate.objects.count() == 2

        cert = Certificate.objects.get(product__name="Dừa sáp Cầu Kè")
        qr_url = certificate_public_url(cert)
        assert qr_url.startswith(live_server.url)
        public = page.context.browser.new_context(locale="vi-VN").new_page()
        public.goto(qr_url)
        expect(public.locator(".verify-badge")).to_have_text("Còn hiệu lực")
        expect(public.get_by_text("Dừa sáp Cầu Kè", exact=True)).to_be_visible()
        expect(public.get_by_text("20/06/2029")).to_be_visible()

    with time_machine.travel(dt.datetime(2029, 6, 21, 3, 0, tzinfo=dt.UTC), tick=True):
        public.reload()
        expect(public.locator(".verify-badge")).to_have_text("Hết hiệu lực")

    with time_machine.travel(dt.datetime(2026, 12, 1, 4, 0, tzinfo=dt.UTC), tick=True):
        public.reload()
        expect(public.locator(".verify-badge")).to_have_text("Còn hiệu lực")
        page.goto(f"/giay-chung-nhan/{cert.pk}/")
        page.get_by_role("button", name="Thu hồi").click()
        page.get_by_label("Số, ký hiệu quyết định thu hồi").fill("09/QĐ-UBND")
        page.locator("#id_signed_on").fill("01/12/2026")
        page.get_by_label("Căn cứ thu hồi (Điều 8.1)").select_option(value="dd")
        page.get_by_label("Lý do").fill("Cơ sở ngừng sản xuất sản phẩm")
        page.get_by_label("Ngày có kết luận").fill("28/11/2026")
        page.get_by_role("button", name="Ghi nhận thu hồi").click()
        page.get_by_text("Đã ghi nhận quyết định thu hồi 09/QĐ-UBND.").wait_for()
        public.reload()
        expect(public.locator(".verify-badge")).to_have_text("Đã thu hồi")
        other = Certificate.objects.get(product__name="Kẹo dừa sáp")
        public.goto(certificate_public_url(other))
        expect(public.locator(".verify-badge")).to_have_text("Còn hiệu lực")
