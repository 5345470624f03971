"""A certificates list on one flat sheet, as the office kept it for 2019–2021: product, producer,
address, stars written several ways, round year and decision on one row."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry

from ocop.certification.models import Certificate, Decision, Result
from ocop.core.errors import DomainError
from ocop.imports.models import ImportedRecord, ReviewItem
from ocop.imports.plan import Options, plan_file
from ocop.imports.services import import_commit
from ocop.imports.tests.sheets import TITLE_TRA_VINH, xlsx
from ocop.producers.models import Producer
from ocop.products.models import Product
from ocop.testing import legacy_unit

pytestmark = pytest.mark.django_db

# 05/11/2021 as Excel stores a date typed into a cell formatted as a number
SERIAL_5_11_2021 = (dt.date(2021, 11, 5) - dt.date(1899, 12, 30)).days

HEADER = [
    "STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Xếp hạng", "Năm đánh giá",
    "Quyết định công nhận", "Ngày QĐ", "Phân nhóm",
]  # fmt: skip
ROWS = [
    [1, "Dừa sáp Cầu Kè", "HTX Dừa sáp Cầu Kè", "ấp Chợ, xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh",
     "4 sao", 2020, "612/QĐ-UBND ngày 30/3/2021", None, "1"],
    [2, "Bánh tét Trà Cuôn", "Công ty TNHH Trà Vinh Farm", "xã Hòa Ân, huyện Cầu Kè", "3★", 2020,
     "612/QĐ-UBND ngày 30/3/2021", None, "6"],
    [3, "Bánh tét lá cẩm", "Công ty trách nhiệm hữu hạn Trà Vinh Farm", "X. Hòa Ân, H. Cầu Kè", "3",
     2021, "1234/QĐ-UBND", SERIAL_5_11_2021, 6],
    [4, "Mật ong hoa nhãn", "Cơ sở Mật ong Tư Hiền", "xã Phong Phú, huyện Cầu Kè",
     "tiềm năng 5 sao", 2021, "1234/QĐ-UBND", "05/11/2021", "Bộ 4"],
    [5, "Chuối sấy dẻo", "HTX Nông nghiệp Phong Phú", "xã Phong Phú, huyện Cầu Kè", "3 SAO", None,
     "2345/QĐ-UBND", None],
    [6, "Trà mãng cầu", "HTX Trà mãng cầu", "xã Phong Phú, huyện Cầu Kè", "2 sao", 2021,
     "1234/QĐ-UBND", "05/11/2021", "12"],
    [7, "Rượu đế", "DNTN Rượu Tư Hiền", "xã Phong Phú, huyện Cầu Kè", "nhiều sao", 2021,
     "1234/QĐ-UBND", "05/11/2021", "14"],
    [1, "Dừa sáp Cầu Kè", "HTX Dừa sáp Cầu Kè", "ấp Chợ, xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh",
     "4 sao", 2020, "612/QĐ-UBND ngày 30/3/2021", None, "1"],
]  # fmt: skip


def certificates_file() -> bytes:
    return xlsx(("DS OCOP 2019-2021", [*TITLE_TRA_VINH, HEADER, *ROWS, [], []]))


EXPECTED = [
    (5, "new", []),
    (6, "new", []),
    (7, "new", ["Cùng chủ thể với dòng 6."]),
    (8, "review", ["Chưa có loại hình và tên “Cơ sở Mật ong Tư Hiền” không cho biết loại hình."]),
    (
        9,
        "review",
        [
            "Chưa có bộ sản phẩm. Gợi ý: bộ 7, Chế biến từ rau, củ, quả, hạt.",
            "Không rõ ngày quyết định: ghi theo giai đoạn 2019–2021 của tệp.",
        ],
    ),
    (10, "error", ["Cột “Xếp hạng”: chỉ sản phẩm đạt từ 3 đến 5 sao được công nhận."]),
    (11, "error", ["Cột “Xếp hạng”: không đọc được “nhiều sao” thành số sao."]),
    (12, "duplicate", ["Lặp lại y hệt dòng 5: bỏ qua."]),
]


def _counts() -> tuple[int, ...]:
    return (
        Producer.objects.count(),
        Product.objects.count(),
        Decision.objects.count(),
        Certificate.objects.count(),
        LogEntry.objects.count(),
        ReviewItem.objects.count(),
    )


def test_preview_of_a_flat_certificates_list():
    plan = plan_file(certificates_file(), "ds.xlsx", Options(kind="certificates"))
    assert [(r.row, r.outcome, r.messages) for r in plan.rows] == EXPECTED
    assert plan.ignored == ["STT"]


def test_commit_creates_producers_products_one_decision_per_number_and_date(province_office):
    before = _counts()
    with pytest.raises(DomainError):
        import_commit(
            actor=province_office,
            data=certificates_file(),
            filename="ds.xlsx",
            options=Options(kind="certificates"),
        )
    assert _counts() == before

    result = import_commit(
        actor=province_office,
        data=certificates_file(),
        filename="ds.xlsx",
        options=Options(kind="certificates"),
        skip_errors=True,
    )
    assert result.created == {"producers": 4, "products": 5, "decisions": 3}
    decisions = {
        (d.number, d.signed_on, d.date_precision, d.date_until): d for d in Decision.objects.all()
    }
    assert set(decisions) == {
        ("612/QĐ-UBND", dt.date(2021, 3, 30), "day", None),
        ("1234/QĐ-UBND", dt.date(2021, 11, 5), "day", None),
        ("2345/QĐ-UBND", dt.date(2019, 1, 1), "period", dt.date(2021, 12, 31)),
    }
    first = decisions[("612/QĐ-UBND", dt.date(2021, 3, 30), "day", None)]
    assert first.authority.name == "UBND tỉnh Trà Vinh"
    assert first.is_legacy is True
    assert first.source == "ds.xlsx, dòng 5, 6"
    stars = {
        r.product.name: (r.star, r.potential_5, r.round_year, r.edition)
        for r in Result.objects.select_related("product")
    }
    assert stars == {
        "Dừa sáp Cầu Kè": (4, False, 2020, "1048-2019"),
        "Bánh tét Trà Cuôn": (3, False, 2020, "1048-2019"),
        "Bánh tét lá cẩm": (3, False, 2021, "1048-2019"),
        "Mật ong hoa nhãn": (4, True, 2021, "1048-2019"),
        "Chuối sấy dẻo": (3, False, None, "1048-2019"),
    }
    # the round year and the decision date are separate: 2020 round, decision 30/03/2021
    coconut = Certificate.objects.get(product__name="Dừa sáp Cầu Kè")
    assert (coconut.round_year, coconut.valid_from) == (2020, dt.date(2021, 3, 30))
    assert coconut.valid_until == dt.date(2024, 3, 30)  # 36 months (QĐ 26/2026 Điều 4.3)
    # a period-only decision invents no date: no validity start
    banana = Certificate.objects.get(product__name="Chuối sấy dẻo")
    assert (banana.valid_from, banana.valid_until) == (None, None)
    # "Công ty TNHH …" and "Công ty trách nhiệm hữu hạn …" are one producer
    assert Producer.objects.filter(name__icontains="Trà Vinh Farm").count() == 1
    farm = Producer.objects.get(name="Công ty TNHH Trà Vinh Farm")
    assert farm.address_unit == legacy_unit("commune", "29311")
    queue = sorted((i.row, i.content_type.model) for i in ReviewItem.objects.all())
    assert queue == [(8, "producer"), (9, "decision"), (9, "product")]
    assert ImportedRecord.objects.filter(row=5).count() == 3  # producer, product, decision


def test_reimporting_the_certificates_list_changes_nothing(province_office):
    options = Options(kind="certificates")
    data = certificates_file()
    import_commit(
        actor=province_office, data=data, filename="ds.xlsx", options=options, skip_errors=True
    )
    before = _counts()
    again = import_commit(
        actor=province_office, data=data, filename="ds.xlsx", options=options, skip_errors=True
    )
    assert again.written == 0
    assert [r.outcome for r in again.plan.rows] == [
        "unchanged", "unchanged", "unchanged", "unchanged", "unchanged", "error", "error",
        "duplicate",
    ]  # fmt: skip
    assert again.plan.rows[0].messages == [
        "Chủ thể đã có trong hệ thống: liên kết.",
        "Sản phẩm đã có trong hệ thống: liên kết.",
        "Giấy chứng nhận đã có trong hệ thống: không thay đổi.",
    ]
    assert _counts() == before


def test_an_existing_product_gets_its_new_certificate_as_an_update(province_office):
    options = Options(kind="certificates")
    import_commit(
        actor=province_office,
        data=certificates_file(),
        filename="ds.xlsx",
        options=options,
        skip_errors=True,
    )
    later = xlsx(
        (
            "2024",
            [
                ["UBND TỈNH TRÀ VINH"],
                ["DANH SÁCH SẢN PHẨM OCOP NĂM 2024"],
                ["Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Hạng sao", "Số quyết định"],
                ["Dừa sáp Cầu Kè", "Hợp tác xã Dừa sáp Cầu Kè", "xã Phong Phú, huyện Cầu Kè",
                 "4", "99/QĐ-UBND ngày 2/4/2024"],
            ],
        )
    )  # fmt: skip
    plan = plan_file(later, "2024.xlsx", options)
    assert [(r.outcome, r.messages) for r in plan.rows] == [
        (
            "update",
            ["Chủ thể đã có trong hệ thống: liên kết.", "Sản phẩm đã có trong hệ thống: liên kết."],
        )
    ]
    import_commit(actor=province_office, data=later, filename="2024.xlsx", options=options)
    new = Certificate.objects.get(decision__number="99/QĐ-UBND")
    assert new.supersedes == Certificate.objects.get(
        decision__number="612/QĐ-UBND", product__name="Dừa sáp Cầu Kè"
    )
    assert Product.objects.filter(name="Dừa sáp Cầu Kè").count() == 1


def test_certificates_without_an_authority_are_errors():
    rows = [["Tên sản phẩm", "Chủ thể", "Hạng sao", "Số QĐ"],
            ["Dừa sáp", "HTX Dừa sáp Cầu Kè", "4", "612/QĐ-UBND ngày 30/3/2021"]]  # fmt: skip
    plan = plan_file(
        xlsx(("S", rows)), "x.xlsx", Options(kind="certificates", context={"province": "84"})
    )
    assert [(r.outcome, r.messages) for r in plan.rows] == [
        (
            "error",
            [
                "Không rõ cơ quan ban hành: dòng tiêu đề không ghi (cho biết --context "
                "authority='UBND tỉnh …')."
            ],
        )
    ]
    plan = plan_file(
        xlsx(("S", rows)),
        "x.xlsx",
        Options(
            kind="certificates",
            context={"province": "84", "authority": "Ủy ban nhân dân tỉnh Trà Vinh"},
        ),
    )
    assert [r.outcome for r in plan.rows] == ["review"]  # no address: the province, to complete
