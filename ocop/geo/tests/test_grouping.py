"""Foundation of item 6: grouping records by place on either map."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from ocop.geo.selectors import (
    REASON_NO_COMMUNE,
    REASON_SPLIT,
    GroupKey,
    group_key_for_unit,
    group_keys_for_units,
    grouping_units,
)
from ocop.testing import current_unit, legacy_unit

pytestmark = pytest.mark.django_db

AS_OF_2022 = dt.date(2022, 6, 1)


def test_grouping_units_are_those_of_the_map_in_force():
    assert grouping_units(on=AS_OF_2022).count() == 63
    assert grouping_units(on="current").count() == 34
    assert grouping_units(on=dt.date(2025, 7, 1)).count() == 34
    assert grouping_units(on="current", level="commune").count() == 3321
    assert grouping_units(on=dt.date(2025, 6, 30), level="commune").count() == 10035


def test_a_record_on_legacy_cau_ke_counts_under_tra_vinh_then_and_vinh_long_now():
    cau_ke = legacy_unit("district", "845")
    then = group_key_for_unit(cau_ke, on=AS_OF_2022)
    now = group_key_for_unit(cau_ke, on="current")
    tra_vinh, vinh_long = legacy_unit("province", "84"), current_unit("province", "86")
    assert then == GroupKey(tra_vinh.pk, tra_vinh.pk)
    assert now == GroupKey(vinh_long.pk, vinh_long.pk)


def test_commune_grouping_on_todays_map():
    vinh_long = current_unit("province", "86")
    phong_phu = legacy_unit("commune", "29326")  # → xã Phong Thạnh only
    keys = group_keys_for_units(
        [phong_phu.pk, legacy_unit("district", "845").pk, current_unit("commune", "29308").pk],
        on="current",
        level="commune",
    )
    assert keys[phong_phu.pk] == GroupKey(current_unit("commune", "29329").pk, vinh_long.pk)
    # a district covers several current communes: one undetermined row under the province
    assert keys[legacy_unit("district", "845").pk] == GroupKey(None, vinh_long.pk, REASON_SPLIT)
    cau_ke_now = current_unit("commune", "29308")
    assert keys[cau_ke_now.pk] == GroupKey(cau_ke_now.pk, vinh_long.pk)


def test_a_split_legacy_commune_counts_once_under_its_current_province():
    # xã Phong Phú (Tuy Phong, legacy Bình Thuận 60) → current 22972 and 22978, province 68
    split = legacy_unit("commune", "22978")
    lam_dong = current_unit("province", "68")
    key = group_key_for_unit(split, on="current", level="commune")
    assert key == GroupKey(None, lam_dong.pk, REASON_SPLIT)
    as_of = group_key_for_unit(split, on=AS_OF_2022, level="commune")
    assert as_of == GroupKey(split.pk, split.province_id)
    assert group_key_for_unit(split, on=AS_OF_2022, level="province").unit_id == split.province_id


def test_a_record_naming_only_a_province_is_counted_once_without_commune():
    tra_vinh = legacy_unit("province", "84")
    vinh_long = current_unit("province", "86")
    assert group_key_for_unit(tra_vinh, on="current", level="commune") == GroupKey(
        None, vinh_long.pk, REASON_NO_COMMUNE
    )
    assert group_key_for_unit(tra_vinh, on=AS_OF_2022, level="commune") == GroupKey(
        None, tra_vinh.pk, REASON_NO_COMMUNE
    )


def test_current_units_reported_as_of_a_legacy_date_go_back_through_lineage():
    cau_ke_now = current_unit("commune", "29308")  # from TT Cầu Kè, Hòa Ân, Châu Điền
    tra_vinh = legacy_unit("province", "84")
    assert group_key_for_unit(cau_ke_now, on=AS_OF_2022) == GroupKey(tra_vinh.pk, tra_vinh.pk)


def test_every_row_adds_up_to_the_total_in_few_queries(django_assert_max_num_queries):
    """All 104 legacy communes + 9 districts of Trà Vinh and all 124 communes of new Vĩnh Long."""
    from ocop.geo.models import AdminUnit

    units = list(
        AdminUnit.objects.filter(
            map__code="legacy", province__code="84", province__map__code="legacy"
        )
        .exclude(level="province")
        .values_list("pk", flat=True)
    ) + list(
        AdminUnit.objects.filter(
            map__code="2025", level="commune", province__code="86"
        ).values_list("pk", flat=True)
    )
    records = units * 80  # ~19,000 records naming these units
    assert len(units) == 104 + 9 + 124
    for on in ("current", AS_OF_2022):
        for level in ("province", "commune"):
            with django_assert_max_num_queries(2):
                keys = group_keys_for_units(set(records), on=on, level=level)
            rows = Counter(keys[r] for r in records)
            assert sum(rows.values()) == len(records)
            assert set(keys) == set(units)
    # as of 2022 the same records fall in the three legacy provinces merged into the new 86
    by_province = Counter(keys[r].province_id for r in records)
    legacy_ids = {legacy_unit("province", code).pk for code in ("83", "84", "86")}
    assert legacy_ids <= set(by_province) <= legacy_ids | {None}
