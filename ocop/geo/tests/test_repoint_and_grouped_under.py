"""Issue #4 items 4 and 6 in geo: today's units in bulk, re-pointing choices, "grouped under"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template

from ocop.core.errors import DomainError
from ocop.geo.selectors import (
    parse_group_on,
    unit_check_repoint,
    unit_current_successors,
    unit_repoint_choices,
    units_current_successors,
    units_grouped_under,
)
from ocop.testing import current_unit, legacy_unit

pytestmark = pytest.mark.django_db


def codes(units) -> list[str]:
    return [u.code for u in units]


def test_bulk_successors_equal_one_by_one_in_one_query(django_assert_num_queries):
    units = [
        legacy_unit("commune", "29764"),  # split
        legacy_unit("commune", "29326"),  # whole
        legacy_unit("district", "845"),  # huyện Cầu Kè
        legacy_unit("district", "318"),  # an island district without communes → its đặc khu
        legacy_unit("province", "84"),
        current_unit("commune", "29308"),
    ]
    for unit in units:
        unit.map  # noqa: B018 - the unit's map is read, as list pages select it
    with django_assert_num_queries(1):
        bulk = units_current_successors(units)
    for unit in units:
        assert codes(bulk[unit.pk]) == codes(unit_current_successors(unit)), unit
    assert codes(bulk[units[0].pk]) == ["29770", "29767"]  # phường Cái Vồn, xã Ngãi Tứ
    assert codes(bulk[units[2].pk]) == ["29317", "29308", "29329", "29335"]  # Vietnamese order
    assert codes(bulk[units[3].pk]) == ["11948"]
    assert codes(bulk[units[4].pk]) == ["86"]


def test_repoint_choices_only_for_split_legacy_units():
    assert codes(unit_repoint_choices(legacy_unit("commune", "29764"))) == ["29770", "29767"]
    assert unit_repoint_choices(legacy_unit("commune", "29326")) == []  # one successor
    assert unit_repoint_choices(current_unit("commune", "29308")) == []  # already current
    assert len(unit_repoint_choices(legacy_unit("district", "845"))) == 4  # huyện Cầu Kè → 4 xã


def test_repoint_check_names_the_allowed_choices_in_vietnamese():
    with pytest.raises(DomainError) as caught:
        unit_check_repoint(legacy_unit("commune", "29764"), current_unit("commune", "29308"))
    assert caught.value.message == (
        "Xã Cầu Kè không phải là một trong các xã/phường hiện hành tiếp nhận địa bàn của "
        "xã Ngãi Tứ, huyện Tam Bình, tỉnh Vĩnh Long. "
        "Hãy chọn một trong: Phường Cái Vồn, Xã Ngãi Tứ."
    )
    unit_check_repoint(legacy_unit("commune", "29764"), current_unit("commune", "29767"))


def test_units_grouped_under_a_province_on_either_map():
    tra_vinh = legacy_unit("province", "84")
    then = set(units_grouped_under(tra_vinh, on=dt.date(2022, 6, 1)))
    assert legacy_unit("commune", "29326").pk in then
    assert legacy_unit("district", "845").pk in then
    assert (
        current_unit("commune", "29308").pk in then
    )  # today's xã Cầu Kè: all its sources in Trà Vinh
    assert legacy_unit("commune", "29764").pk not in then  # old Vĩnh Long
    vinh_long = current_unit("province", "86")
    now = set(units_grouped_under(vinh_long, on="current"))
    assert {
        legacy_unit("commune", "29326").pk,
        legacy_unit("commune", "29764").pk,
        tra_vinh.pk,
    } <= now
    assert current_unit("commune", "00004").pk not in now
    cai_von = set(units_grouped_under(current_unit("commune", "29770"), on="current"))
    # legacy xã Mỹ Hòa (29815) passed whole into phường Cái Vồn; legacy Ngãi Tứ and Cái Vồn
    # were split: their records count in the undetermined row, not under Cái Vồn
    assert cai_von == {current_unit("commune", "29770").pk, legacy_unit("commune", "29815").pk}


def test_units_grouped_under_refuses_a_unit_of_the_other_map():
    with pytest.raises(DomainError, match="không thuộc danh mục đơn vị hành chính có hiệu lực"):
        units_grouped_under(legacy_unit("province", "84"), on="current")


def test_parse_group_on():
    assert parse_group_on("current") == "current"
    assert parse_group_on("2022-06-01") == dt.date(2022, 6, 1)
    assert parse_group_on("01/06/2022") == dt.date(2022, 6, 1)
    with pytest.raises(DomainError):
        parse_group_on("2022")


def test_tag_shows_the_chosen_unit_only():
    template = Template("{% load geo_units %}{% unit_with_lineage unit chosen=chosen %}")
    html = template.render(
        Context(
            {"unit": legacy_unit("commune", "29764"), "chosen": current_unit("commune", "29767")}
        )
    )
    text = " ".join(html.split())
    assert '→ <span class="unit-today">xã Ngãi Tứ, tỉnh Vĩnh Long</span>' in text
    assert "văn phòng đã xác định xã" in text
    assert "Cái Vồn" not in text
