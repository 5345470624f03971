"""A producer fills the self-assessment (Mẫu số 02) of a set-7 product and watches the total, the
star and the suggestions for the next star change as options are ticked; the draft is saved.

Figures worked by hand from QĐ 26/2026 Phụ lục II, bộ 7 (see ocop/criteria/tests/
test_engine_golden.py, SET7_MID: 63 points, 3★; 4★ misses 2.1, 2.3 and 5.1).
"""

from __future__ import annotations

from ocop.criteria.models import AnswerSheet
from ocop.criteria.tests.test_engine_golden import SET7_MID
from ocop.testing import TEST_PASSWORD, make_producer, make_product, make_user


def tick(page, code: str, position: int) -> None:
    page.locator(f'input[name="a_{code}"][value="{position}"]').check()


def wait_total(page, text: str) -> None:
    page.locator('[data-testid="total"]').filter(has_text=text).wait_for()


def test_producer_fills_a_self_assessment_and_sees_star_and_gap_change(page):
    user = make_user("chuthe.1", role="producer", full_name="Trần Văn Gừng")
    producer = make_producer("HTX Mứt gừng Cầu Kè", accounts=[user])
    make_product("Mứt gừng dẻo", producer=producer, set_number=7)

    page.goto("/bo-tieu-chi/tu-danh-gia/")
    page.get_by_label("Tên đăng nhập").fill("chuthe.1")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Bắt đầu tự đánh giá").click()

    page.get_by_role("heading", name="Báo cáo tự đánh giá về sản phẩm").wait_for()
    assert page.get_by_text("HTX Mứt gừng Cầu Kè").first.is_visible()  # Part I from the registry
    wait_total(page, "0,00")
    assert page.get_by_test_id("provisional").is_visible()

    # No separate "has a story" box: the story follows the answer to 5.1 (ticked below).
    assert page.locator('input[name="has_story"]').count() == 0
    for code, position in SET7_MID.items():
        tick(page, code, position)
    wait_total(page, "63,00")
    assert page.get_by_test_id("star").inner_text() == "3★"
    assert page.get_by_test_id("provisional").count() == 0
    gap = page.get_by_test_id("gap")
    assert "Để đạt 4★ cần thêm ít nhất 7 điểm:" in gap.inner_text()
    assert "2.1" in gap.inner_text()
    assert "4★: tiêu chí 5.1 cần 5 điểm (hiện có 3)" in page.get_by_test_id("unmet").inner_text()

    # Follow the suggestions: 2.1 → option 4 (+1), 2.3 → option 3 (+1), 5.1 → option 5 (+2),
    # then 4.3 → option 5 (+3): 63 + 7 = 70 → 4★, and the suggestions now aim at 5★.
    tick(page, "2.1", 4)
    tick(page, "2.3", 3)
    tick(page, "5.1", 5)
    wait_total(page, "67,00")
    assert page.get_by_test_id("star").inner_text() == "3★"
    assert "Để đạt 4★ cần thêm ít nhất 3 điểm:" in gap.inner_text()
    tick(page, "4.3", 5)
    wait_total(page, "70,00")
    assert page.get_by_test_id("star").inner_text() == "4★"
    assert "Để đạt 5★" in page.get_by_test_id("gap").inner_text()

    page.get_by_label("Mô tả").first.fill("Gừng mua của 12 hộ trong xã Cầu Kè")
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.get_by_text("Đã lưu bản nháp tự đánh giá.").wait_for()
    wait_total(page, "70,00")
    assert page.locator('input[name="a_4.3"][value="5"]').is_checked()

    stored = AnswerSheet.objects.get(self_assessment__product__name="Mứt gừng dẻo")
    assert (stored.total, stored.star, stored.complete) == (70, 4, True)
    assert stored.answers.get(criterion__code="1.1").description == (
        "Gừng mua của 12 hộ trong xã Cầu Kè"
    )

    page.get_by_role("link", name="Bản in").click()
    page.get_by_role("heading", name="BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM").wait_for()
    assert page.get_by_text("Tự đánh giá: 4★").is_visible()
