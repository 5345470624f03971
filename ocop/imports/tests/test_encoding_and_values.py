"""Legacy encodings and values as offices write them (no database). Expected Unicode written by
hand from the TCVN3 (ABC) and VNI code tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ocop.imports import encoding
from ocop.imports.values import (
    DecisionRef,
    Stars,
    ValueProblem,
    legal_form_from_text,
    parse_date,
    parse_decision,
    parse_score,
    parse_stars,
    suggest_product_set,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Hîp t¸c x· Dõa s¸p CÇu KÌ", "Hợp tác xã Dừa sáp Cầu Kè"),
        ("x· Phong Phó, huyÖn CÇu KÌ, tØnh Trµ Vinh", "xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh"),
        ("Tªn s¶n phÈm", "Tên sản phẩm"),
        ("§Þa chØ", "Địa chỉ"),
        ("N¨m ®¸nh gi¸", "Năm đánh giá"),
        ("Sè quyÕt ®Þnh", "Số quyết định"),
        ("HîP T¸C X·", "HỢP TÁC XÃ"),  # .VnTimeH: the small letters' codes drawn as capitals
    ],
)
def test_tcvn3_text_is_converted(typed, expected):
    assert encoding.detect(typed) == (encoding.TCVN3, True)
    assert encoding.to_unicode_column([typed]) == [expected]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Hôïp taùc xaõ", "Hợp tác xã"),
        ("Coâng ty TNHH Traø Vinh Farm", "Công ty TNHH Trà Vinh Farm"),
        ("Nguyeãn Vaên Tö", "Nguyễn Văn Tư"),
        ("Naêm 2021", "Năm 2021"),
    ],
)
def test_vni_text_is_converted(typed, expected):
    assert encoding.detect(typed) == (encoding.VNI, True)
    assert encoding.to_unicode_column([typed]) == [expected]


@pytest.mark.parametrize(
    "text", ["Hợp tác xã Dừa sáp", "Cà phê", "Café Trà Vinh", "Green Foods", "Mật ong hoa nhãn"]
)
def test_unicode_and_plain_text_is_left_alone(text):
    assert encoding.to_unicode_column([text]) == [text]


def test_an_ambiguous_cell_follows_its_column():
    # "Phó" reads as Unicode ("Phó") and as TCVN3 ("Phú"): the column's other cells decide.
    assert encoding.to_unicode_column(["x· Phong Phó", "Phó"]) == ["xã Phong Phú", "Phú"]
    assert encoding.to_unicode_column(["Phó Giám đốc", "Phó"]) == ["Phó Giám đốc", "Phó"]


def test_decomposed_text_is_nfc():
    assert encoding.to_unicode_column(["Tra\u0300 Vinh"]) == ["Trà Vinh"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("3", Stars(3)),
        ("3 sao", Stars(3)),
        ("3★", Stars(3)),
        ("4 SAO", Stars(4)),
        ("★★★★", Stars(4)),
        ("Ba sao", Stars(3)),
        (5.0, Stars(5)),
        ("tiềm năng 5 sao", Stars(4, potential_5=True)),
        ("Tiềm năng 5★", Stars(4, potential_5=True)),
        ("", None),
    ],
)
def test_stars_in_every_notation(written, expected):
    assert parse_stars(written) == expected


@pytest.mark.parametrize("written", ["6 sao", "nhiều sao", "3-4 sao", "0"])
def test_impossible_stars_are_refused(written):
    with pytest.raises(ValueProblem):
        parse_stars(written)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("30/3/2021", dt.date(2021, 3, 30)),
        ("30/03/2021", dt.date(2021, 3, 30)),
        ("1/2/21", dt.date(2021, 2, 1)),
        ("05-11-2021", dt.date(2021, 11, 5)),
        (44285, dt.date(2021, 3, 30)),
        ("44285", dt.date(2021, 3, 30)),
        (dt.datetime(2021, 3, 30, 0, 0), dt.date(2021, 3, 30)),  # noqa: DTZ001 - a cell value
        ("ngày 30 tháng 3 năm 2021", dt.date(2021, 3, 30)),
    ],
)
def test_dates_as_written(written, expected):
    assert parse_date(written) == expected


@pytest.mark.parametrize("written", ["31/2/2021", "hôm qua", 12])
def test_bad_dates_are_refused(written):
    with pytest.raises(ValueProblem):
        parse_date(written)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("612/QĐ-UBND ngày 30/3/2021", DecisionRef("612/QĐ-UBND", dt.date(2021, 3, 30))),
        ("QĐ số 1234/QĐ-UBND, ngày 05/11/2020", DecisionRef("1234/QĐ-UBND", dt.date(2020, 11, 5))),
        (
            "Quyết định số 612/QĐ-UBND ngày 30 tháng 3 năm 2021",
            DecisionRef("612/QĐ-UBND", dt.date(2021, 3, 30)),
        ),
        ("2345/QĐ-UBND", DecisionRef("2345/QĐ-UBND", None)),
    ],
)
def test_decision_text_is_split(written, expected):
    assert parse_decision(written) == expected


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("HTX Dừa sáp Cầu Kè", "cooperative"),
        ("Hợp tác xã Nông nghiệp Phong Phú", "cooperative"),
        ("Công ty TNHH Trà Vinh Farm", "company_llc"),
        ("Cty CP Thực phẩm Cầu Kè", "company_jsc"),
        ("DNTN Rượu Tư Hiền", "private_enterprise"),
        ("Hộ kinh doanh Trần Thị Hoa", "business_household"),
        ("Hộ SXKD Nguyễn Văn Bé", "production_household"),
        ("Cơ sở Bánh tét Trà Cuôn", ""),
        ("Nguyễn Văn Bé", None),
    ],
)
def test_legal_form_from_the_name(name, form):
    assert legal_form_from_text(name) == form


def test_scores_and_set_suggestions():
    assert parse_score("78,5") == Decimal("78.50")
    assert parse_score(91) == Decimal("91.00")
    with pytest.raises(ValueProblem):
        parse_score("105")
    assert suggest_product_set("Mật ong hoa nhãn") == 4
    assert suggest_product_set("Bánh tét Trà Cuôn") == 6
    assert suggest_product_set("Khăn rằn") is None
