"""An official registers a producer and its product, finds it typed without diacritics, and sees
its creation in the history; a producer account sees its own products and not its neighbour's."""

from __future__ import annotations

from playwright.sync_api import expect

from ocop.accounts.choices import Role
from ocop.products.models import Product
from ocop.testing import TEST_PASSWORD, current_unit, make_producer, make_product, make_user


def log_in(page, username: str) -> None:
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Xin chào").wait_for()


def test_official_registers_producer_and_product_then_finds_it(page):
    make_user(
        "canbo.tinh",
        role=Role.PROVINCE_OFFICE,
        units=[current_unit("province", "86")],
        full_name="Nguyễn Thị Lan",
    )
    make_product("Bánh phồng Sơn Đốc")  # another product in the province: the search must drop it
    log_in(page, "canbo.tinh")

    page.get_by_role("link", name="Chủ thể", exact=True).first.click()
    page.get_by_role("button", name="Đăng ký chủ thể").click()
    page.locator("#id_name").fill("Hợp tác xã Bánh tét Trà Cuôn")
    page.get_by_label("Loại hình tổ chức").select_option(label="Hợp tác xã")
    page.get_by_label("Mã số thuế / mã số đăng ký").fill("0300588568")  # wrong check digit
    page.get_by_label("Mã xã/phường").fill("29416")
    page.get_by_label("Người đại diện theo pháp luật").fill("Thạch Thị Hạnh")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Mã số thuế 0300588568 không hợp lệ: sai chữ số kiểm tra.").wait_for()

    page.get_by_label("Mã số thuế / mã số đăng ký").fill("0300588569")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã đăng ký chủ thể.").wait_for()
    assert page.get_by_role("heading", name="Hợp tác xã Bánh tét Trà Cuôn").is_visible()

    page.get_by_role("button", name="Thêm sản phẩm").click()
    page.locator("#id_name").fill("Bánh tét Trà Cuôn")
    page.get_by_label("Bộ sản phẩm").select_option(label="6. Chế biến từ gạo, ngũ cốc (I.3.b)")
    page.get_by_label("Trạng thái").select_option(label="Đang sản xuất")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã đăng ký sản phẩm.").wait_for()
    assert Product.objects.get(name="Bánh tét Trà Cuôn").origin_unit.code == "29416"

    page.get_by_role("link", name="Sản phẩm", exact=True).first.click()
    expect(page.locator("#product-table tbody tr")).to_have_count(2)
    page.get_by_role("searchbox").fill("banh tet tra cuon")
    page.get_by_role("button", name="Lọc").click()
    rows = page.locator("#product-table tbody tr")
    expect(rows).to_have_count(1)
    assert "q=banh%20tet%20tra%20cuon" in page.url
    rows.first.get_by_role("link", name="Bánh tét Trà Cuôn").click()

    page.get_by_role("link", name="Lịch sử thay đổi").click()
    history = page.locator("#history tbody tr")
    expect(history).to_have_count(1)  # the creation, and nothing else yet
    row = history.first
    assert row.locator(".actor").inner_text() == "Nguyễn Thị Lan"
    assert "Bánh tét Trà Cuôn" in row.inner_text()


def test_producer_account_sees_own_products_only(page):
    owner = make_user("chuthe.1", role=Role.PRODUCER, full_name="Võ Thanh Bình")
    neighbour = make_user("chuthe.2", role=Role.PRODUCER)
    mine = make_producer("HTX Dừa sáp Cầu Kè", accounts=[owner])
    theirs = make_producer("HTX Kẹo dừa Mỏ Cày", accounts=[neighbour])
    make_product("Dừa sáp Cầu Kè", producer=mine)
    other = make_product("Kẹo dừa sầu riêng", producer=theirs)

    log_in(page, "chuthe.1")
    page.get_by_role("link", name="Sản phẩm", exact=True).first.click()
    expect(page.locator("#product-table tbody a")).to_have_text(["Dừa sáp Cầu Kè"])
    page.get_by_role("searchbox").fill("keo dua")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_text("Không có sản phẩm nào phù hợp.").wait_for()
    response = page.goto(f"/san-pham/{other.pk}/")
    assert response.status == 404
    expect(page.locator("main")).to_contain_text("bạn không có quyền truy cập hồ sơ này")
    response = page.goto(f"/san-pham/{other.pk}/sua/")
    assert response.status == 404
