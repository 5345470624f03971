"""The producers' other exported columns (issue 11 round trip): size, the representative's title
and personal data, founding and registration dates — read as offices and the export write them."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop.imports.plan import Options, plan_file
from ocop.imports.services import import_commit
from ocop.imports.tests.sheets import xlsx
from ocop.producers.models import Producer
from ocop.testing import make_producer

pytestmark = pytest.mark.django_db

HEADER = [
    "Tên chủ thể", "Loại hình", "Quy mô DN", "Người đại diện", "Chức vụ", "Giới tính", "Dân tộc",
    "Khuyết tật", "Số CCCD", "Mã xã/phường", "Ngày thành lập", "Ngày đăng ký",
]  # fmt: skip


def _file(*rows):
    return xlsx(("Chu the", [HEADER, *rows]))


def test_details_are_read_and_written(province_office):
    data = _file(
        [
            "Công ty TNHH Trà Vinh Farm",
            "Công ty TNHH",
            "doanh nghiệp nhỏ",
            "Lê Văn Nam",
            "Giám đốc",
            "NAM",
            "Kinh",
            "không",
            "084 085 000 456",
            "29308",
            "01/06/2018",
            dt.date(2018, 6, 15),
        ],
        [
            "Hộ kinh doanh Kim Sóc",
            "Hộ kinh doanh",
            None,
            "Kim Sóc",
            None,
            "Nữ",
            "Khmer",
            "x",
            None,
            "29308",
            None,
            None,
        ],
    )
    result = import_commit(
        actor=province_office, data=data, filename="chu-the.xlsx", options=Options("producers")
    )
    assert result.plan.counts["new"] == 2
    farm = Producer.objects.get(name="Công ty TNHH Trà Vinh Farm")
    assert (
        farm.enterprise_size,
        farm.representative_title,
        farm.representative_gender,
        farm.representative_ethnicity,
        farm.representative_has_disability,
        farm.representative_personal_id,
        farm.founded_on,
        farm.registered_on,
    ) == ("small", "Giám đốc", "male", "Kinh", False, "084085000456", dt.date(2018, 6, 1),
          dt.date(2018, 6, 15))  # fmt: skip
    household = Producer.objects.get(name="Hộ kinh doanh Kim Sóc")
    # empty cells leave the defaults: size "not an enterprise", no ID, no dates
    assert (
        household.enterprise_size,
        household.representative_gender,
        household.representative_has_disability,
        household.representative_personal_id,
        household.founded_on,
    ) == ("not_applicable", "female", True, "", None)


def test_bad_details_are_errors_naming_the_column(province_office):
    data = _file(
        [
            "HTX Dừa sáp",
            "HTX",
            "rất lớn",
            None,
            None,
            "ông",
            None,
            "có lẽ",
            "12345",
            "29308",
            "01/06/2020",
            "01/06/2019",
        ],
    )
    plan = plan_file(data, "chu-the.xlsx", Options("producers"), actor=province_office)
    [row] = plan.rows
    assert row.outcome == "error"
    assert row.messages[0].startswith("Cột “Quy mô DN”: “rất lớn” không phải là một trong: ")
    assert row.messages[1:] == [
        "Cột “Giới tính”: “ông” không phải là một trong: Nữ, Nam, Khác, Không khai.",
        "Cột “Khuyết tật”: “có lẽ” không phải “Có” hay “Không”.",
        "Cột “Số CCCD”: Số định danh cá nhân gồm đúng 12 chữ số.",
        "Cột “Ngày đăng ký”: 01/06/2019 trước ngày thành lập 01/06/2020.",
    ]


def test_a_registered_producer_gets_the_details_it_lacks(province_office):
    make_producer("Hợp tác xã Dừa sáp Cầu Kè", tax_code="0300588569")
    data = _file(
        [
            "Hợp tác xã Dừa sáp Cầu Kè",
            "Hợp tác xã",
            None,
            None,
            "Giám đốc",
            None,
            None,
            None,
            None,
            "29308",
            "09/03/2015",
            None,
        ],
    )
    result = import_commit(
        actor=province_office, data=data, filename="chu-the.xlsx", options=Options("producers")
    )
    [row] = result.plan.rows
    assert (row.outcome, row.messages) == (
        "update",
        ["Cập nhật chức vụ, ngày thành lập của chủ thể đã có."],
    )
    producer = Producer.objects.get()
    assert (producer.representative_title, producer.founded_on) == ("Giám đốc", dt.date(2015, 3, 9))
