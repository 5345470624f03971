"""An official uploads a province's spreadsheet, maps an unknown column, reads the preview and
commits; the records are created and the row to complete is in the queue."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from ocop.accounts.choices import Role
from ocop.imports.tests.sheets import xlsx
from ocop.products.models import Product
from ocop.testing import current_unit, make_user
from tests.browser.test_registry import log_in


def test_upload_map_preview_and_commit(page, tmp_path: Path):
    make_user("canbo.tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    path = tmp_path / "san-pham-2021.xlsx"
    path.write_bytes(
        xlsx(
            (
                "SP",
                [
                    ["UBND TỈNH TRÀ VINH"],
                    ["STT", "Mặt hàng", "Chủ thể", "Địa chỉ", "Bộ SP"],
                    [1, "Dừa sáp Cầu Kè", "HTX Dừa sáp Cầu Kè", "xã Phong Phú, huyện Cầu Kè", "1"],
                    [2, "Mật ong hoa nhãn", "Cơ sở Mật ong Tư Hiền", "xã Phong Phú, huyện Cầu Kè",
                     None],
                ],
            )
        )
    )  # fmt: skip
    log_in(page, "canbo.tinh")
    page.get_by_role("link", name="Nhập dữ liệu").first.click()
    page.get_by_label("Tệp liệt kê").select_option(label="Sản phẩm")
    page.get_by_label("Bảng tính (.xlsx, .xls, .csv)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra các cột").click()
    page.get_by_role("heading", name="san-pham-2021.xlsx").wait_for()

    # The import does not know "Mặt hàng": without it there is no product name.
    page.get_by_role("button", name="Kiểm tra các dòng").click()
    expect(page.locator("#batch-error")).to_contain_text("Thiếu cột: “Tên sản phẩm”.")
    page.get_by_label("Mặt hàng").select_option(label="Tên sản phẩm")
    page.get_by_role("button", name="Kiểm tra các dòng").click()

    preview = page.locator("#preview")
    expect(preview).to_contain_text("Các cột bỏ qua: “STT”")
    expect(preview.locator("tr.outcome-new")).to_have_count(1)
    expect(preview.locator("tr.outcome-review")).to_contain_text(
        "Chưa có bộ sản phẩm. Gợi ý: bộ 4, Mật ong, mật khác và nông sản thực phẩm khác."
    )
    assert Product.objects.count() == 0  # nothing is saved by a preview

    page.get_by_role("button", name="Xác nhận và lưu").click()
    page.get_by_text("Đã lưu dữ liệu của tệp.").wait_for()
    assert sorted(Product.objects.values_list("name", flat=True)) == [
        "Dừa sáp Cầu Kè",
        "Mật ong hoa nhãn",
    ]
    page.get_by_role("link", name="Bản ghi cần bổ sung").click()
    expect(page.get_by_role("link", name="Mật ong hoa nhãn")).to_be_visible()
