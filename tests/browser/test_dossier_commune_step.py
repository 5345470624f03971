"""Issue 9's walk-through in real Chromium, each person in their own browser session:

a producer files a first-time dossier with evidence → the commune officer receives it and
returns one item → the producer answers only that item and resubmits → the commune assesses it
(Mẫu 03) and forwards it → the provincial office finds it under the next open round.

The day is frozen at 01/10/2026: a commune proposal that day falls into provincial round 02/2026
(proposals before 30/10, decided before 30/12; QĐ 26/2026 Điều 5.1).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from ocop.evaluation.dossiers.models import Dossier, DossierDocument
from ocop.evaluation.tests.dossier_kit import (
    PDF_BYTES,
    commune_officer,
    complete_self_assessment,
    producer_with_product,
    province_office,
)
from ocop.testing import TEST_PASSWORD


@pytest.fixture
def frozen_day(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The browser runs on the real clock: a session cookie with no expiry date keeps it valid.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    moment = dt.datetime(2026, 10, 1, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=True):
        yield


def session(browser, live_server, username: str):
    """A separate browser context (own cookies) logged in as ``username``."""
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Xin chào").wait_for()
    return context, page


def pdf(name: str) -> dict[str, object]:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


def test_dossier_goes_from_the_producer_through_the_commune_to_a_provincial_round(
    browser, live_server, reference_data, frozen_day
):
    user, product = producer_with_product("chuthe.1", "Mứt gừng dẻo")
    complete_self_assessment(product, user)
    commune_officer("canbo.xa")
    province_office("canbo.tinh")

    # 1. The producer opens a first-time dossier (Mẫu 01 prefilled) and attaches evidence.
    producer_ctx, producer = session(browser, live_server, "chuthe.1")
    producer.goto(f"/ho-so/nop-moi/?product={product.pk}")
    expect(producer.get_by_label("Đơn vị đăng ký")).to_have_value("HTX Mứt gừng dẻo")
    producer.get_by_label("Lần đăng ký đánh giá").select_option(label="Lần đầu")
    producer.get_by_role("button", name="Tạo hồ sơ").click()
    producer.get_by_text("Đã tạo hồ sơ; hãy đính kèm tài liệu minh chứng.").wait_for()
    dossier = Dossier.objects.get(product=product)
    for kind, name, issued, expires in (
        ("Giấy chứng nhận đăng ký kinh doanh", "dang-ky-kinh-doanh.pdf", "01/03/2024", ""),
        ("Giấy chứng nhận an toàn thực phẩm", "attp.pdf", "10/01/2025", "10/01/2028"),
    ):
        producer.get_by_role("button", name="Đính kèm giấy tờ").click()
        producer.get_by_label("Loại giấy tờ").select_option(label=kind)
        producer.get_by_label("Ngày cấp").fill(issued)
        producer.get_by_label("Hiệu lực đến").fill(expires)
        producer.locator('input[name="file"]').set_input_files(pdf(name))
        producer.get_by_role("button", name="Lưu").click()
        producer.get_by_text("Đã đính kèm giấy tờ.").wait_for()
    expect(producer.get_by_test_id("documents").locator("tbody tr")).to_have_count(2)
    producer.get_by_role("button", name="Nộp cho UBND xã").click()
    producer.get_by_text("Đã nộp hồ sơ cho UBND xã.").wait_for()
    expect(producer.get_by_test_id("status")).to_have_text("Đã nộp cho UBND xã")

    # 2. The commune officer sees it waiting on the home page, receives it, returns one item.
    commune_ctx, commune = session(browser, live_server, "canbo.xa")
    waiting = commune.locator('[data-queue="to_receive"]')
    expect(waiting).to_contain_text("Hồ sơ đã nộp, chờ UBND xã tiếp nhận")
    expect(waiting.locator("td").nth(1)).to_have_text("1")
    waiting.get_by_role("link").click()
    commune.get_by_role("link", name=f"#{dossier.pk}").click()
    expect(commune.get_by_label("Số sản phẩm mẫu đã nhận")).to_have_value("5")
    commune.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    commune.get_by_text("Đã tiếp nhận hồ sơ").wait_for()
    expect(commune.get_by_test_id("commune-receipt")).to_contain_text("01/PĐK-86-29308-2026")
    expect(commune.get_by_test_id("ocop-code")).to_have_text("86-29308-1-2026")
    # 15 working days from 01/10/2026 (Thursday), the day of receipt not counted: 22/10/2026.
    expect(commune.get_by_test_id("clock")).to_have_text("Hạn đến 22/10/2026")
    food_safety = DossierDocument.objects.get(dossier=dossier, kind="food_safety")
    commune.get_by_role("button", name="Trả lại để bổ sung").click()
    commune.locator('select[name="target_1"]').select_option(label="Một giấy tờ trong hồ sơ")
    commune.locator('select[name="document_1"]').select_option(value=str(food_safety.pk))
    commune.locator('input[name="reason_1"]').fill("Bản sao chưa có chứng thực")
    commune.get_by_role("button", name="Trả lại cho chủ thể").click()
    commune.get_by_text("Đã trả hồ sơ cho chủ thể kèm các nội dung cần bổ sung.").wait_for()
    expect(commune.get_by_test_id("clock")).to_have_text(
        "Tạm dừng trong thời gian trả lại; còn 15 ngày làm việc."
    )

    # 3. The producer sees exactly that item, answers it with a new copy, and resubmits.
    producer.goto("/lam-viec/")
    returned = producer.locator('[data-queue="returned"]')
    expect(returned.locator("td").nth(1)).to_have_text("1")
    producer.goto(dossier.get_absolute_url())
    items = producer.get_by_test_id("item")
    expect(items).to_have_count(1)
    expect(items).to_contain_text("Bản sao chưa có chứng thực")
    producer.get_by_role("link", name="Trả lời nội dung này").click()
    producer.get_by_label("Nội dung trả lời").fill("Nộp bản sao có chứng thực")
    producer.get_by_label("Loại giấy tờ").select_option(label="Giấy chứng nhận an toàn thực phẩm")
    producer.get_by_label("Ngày cấp").fill("10/01/2025")
    producer.get_by_label("Hiệu lực đến").fill("10/01/2028")
    producer.locator('input[name="file"]').set_input_files(pdf("attp-chung-thuc.pdf"))
    producer.get_by_role("button", name="Lưu câu trả lời").click()
    producer.get_by_text("Đã lưu câu trả lời.").wait_for()
    producer.get_by_role("button", name="Nộp lại hồ sơ").click()
    producer.get_by_text("Đã nộp lại hồ sơ.").wait_for()
    # The two first documents stayed as they were; the answer added the third.
    expect(producer.get_by_test_id("documents").locator("tbody tr")).to_have_count(3)

    # 4. The commune assesses the four topics (Mẫu 03) and forwards the dossier.
    commune.goto(dossier.get_absolute_url())
    commune.get_by_role("button", name="Đánh giá (Mẫu 03)").click()
    commune.get_by_label("1. Về sử dụng nguyên liệu địa phương").fill("Gừng của 12 hộ trong xã")
    commune.get_by_label("2. Về sử dụng lao động địa phương").fill("8 trên 9 lao động ở xã")
    commune.get_by_label("3. Nguồn gốc ý tưởng sản phẩm").fill("Nghề truyền thống")
    commune.get_by_label("4. Bản sắc/trí tuệ địa phương").fill("Cách sên mứt truyền thống")
    commune.get_by_label("Người ký", exact=True).fill("Lê Văn Xã")
    commune.get_by_role("button", name="Lưu").click()
    commune.get_by_text("Đã lưu báo cáo đánh giá của UBND xã (Mẫu 03).").wait_for()
    with commune.expect_download() as download:
        commune.get_by_role("link", name="Báo cáo Mẫu 03 (DOCX)").click()
    assert download.value.suggested_filename == f"mau-03-ho-so-{dossier.pk}.docx"
    commune.get_by_role("button", name="Chuyển lên tỉnh").click()
    commune.get_by_text("Đã chuyển hồ sơ lên tỉnh.").wait_for()
    expect(commune.get_by_test_id("suggested-round")).to_have_text("Đợt 02/2026")

    # 5. The provincial office sees it in the next open round and accepts it there.
    province_ctx, province = session(browser, live_server, "canbo.tinh")
    expect(province.locator('[data-queue="forwarded"] td').nth(1)).to_have_text("1")
    province.goto("/ho-so/tiep-nhan-cap-tinh/")
    round_2 = province.get_by_test_id("round-02-2026")
    expect(round_2.get_by_role("heading")).to_contain_text("Đợt 02/2026")
    expect(round_2).to_contain_text("Mứt gừng dẻo")
    round_2.get_by_role("link", name=f"#{dossier.pk}").click()
    province.get_by_role("button", name="Tiếp nhận vào đợt đánh giá").click()
    province.get_by_role("button", name="Lưu").click()
    province.get_by_text("Đã tiếp nhận hồ sơ vào đợt đánh giá.").wait_for()
    expect(province.get_by_test_id("round")).to_contain_text("Đợt 02/2026")

    dossier.refresh_from_db()
    assert (dossier.status, dossier.round.number, dossier.round.year) == ("in_round", "02", 2026)
    for context in (producer_ctx, commune_ctx, province_ctx):
        context.close()
