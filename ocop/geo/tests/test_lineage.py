"""Item 2: any unit resolves to today's unit(s); any current unit lists its legacy sources."""

from __future__ import annotations

import csv

import pytest

from ocop.geo.selectors import unit_current_successors, unit_legacy_sources
from ocop.geo.services import DATA_DIR
from ocop.testing import current_unit, legacy_unit

pytestmark = pytest.mark.django_db

TRA_VINH_DISTRICTS = ["842", "844", "845", "846", "847", "848", "849", "850", "851"]


def _codes(units):
    return sorted(u.code for u in units)


def test_tra_vinh_has_nine_legacy_districts():
    tra_vinh = legacy_unit("province", "84")
    assert _codes(tra_vinh.children.all()) == TRA_VINH_DISTRICTS


@pytest.mark.parametrize("code", TRA_VINH_DISTRICTS)
def test_every_legacy_district_of_tra_vinh_resolves_into_province_86(code):
    successors = unit_current_successors(legacy_unit("district", code))
    assert successors
    assert {(u.map.code, u.level, u.province.code) for u in successors} == {
        ("2025", "commune", "86")
    }


def test_every_legacy_commune_of_tra_vinh_resolves_into_province_86():
    tra_vinh = legacy_unit("province", "84")
    communes = [u for d in tra_vinh.children.all() for u in d.children.all()]
    with (DATA_DIR / "legacy_units.csv").open(encoding="utf-8") as fh:
        in_file = [
            r
            for r in csv.DictReader(fh)
            if r["level"] == "commune" and r["parent_code"] in TRA_VINH_DISTRICTS
        ]
    assert len(communes) == len(in_file) == 104
    for commune in communes:
        successors = unit_current_successors(commune)
        assert successors, commune
        assert {u.province.code for u in successors} == {"86"}, commune


def test_legacy_communes_of_tra_vinh_map_as_the_data_file_says():
    """Every commune of Trà Vinh: the successors equal the rows of lineage_communes.csv."""
    with (DATA_DIR / "lineage_communes.csv").open(encoding="utf-8") as fh:
        pairs = [(r["legacy_code"], r["current_code"]) for r in csv.DictReader(fh)]
    tra_vinh = legacy_unit("province", "84")
    for district in tra_vinh.children.all():
        for commune in district.children.all():
            expected = sorted(new for old, new in pairs if old == commune.code)
            assert _codes(unit_current_successors(commune)) == expected


@pytest.mark.parametrize(
    ("legacy_code", "expected"),
    [
        # (legacy commune, today's commune(s)) read in lineage_communes.csv
        ("29326", [("29329", "Xã Phong Thạnh")]),  # xã Phong Phú, Cầu Kè
        ("29311", [("29308", "Xã Cầu Kè")]),  # xã Hòa Ân, Cầu Kè
        ("29308", [("29308", "Xã Cầu Kè")]),  # thị trấn Cầu Kè
        ("29338", [("29335", "Xã Tam Ngãi")]),  # xã Thạnh Phú, Cầu Kè
    ],
)
def test_named_communes_map_to_the_right_new_communes(legacy_code, expected):
    successors = unit_current_successors(legacy_unit("commune", legacy_code))
    assert [(u.code, u.full_name) for u in successors] == expected


def test_a_split_commune_lists_every_successor():
    # xã Phong Phú (Tuy Phong, legacy Bình Thuận) was split between two current communes
    successors = unit_current_successors(legacy_unit("commune", "22978"))
    assert _codes(successors) == ["22972", "22978"]


def test_island_district_without_communes_resolves_to_its_dac_khu():
    successors = unit_current_successors(legacy_unit("district", "755"))  # huyện Côn Đảo
    assert [(u.code, u.unit_type, u.name) for u in successors] == [("26732", "Đặc khu", "Côn Đảo")]
    assert legacy_unit("district", "755") in unit_legacy_sources(current_unit("commune", "26732"))


def test_legacy_province_resolves_to_the_current_province():
    assert [
        (u.map.code, u.code) for u in unit_current_successors(legacy_unit("province", "84"))
    ] == [("2025", "86")]


def test_current_unit_resolves_to_itself_and_lists_its_legacy_sources():
    vinh_long = current_unit("province", "86")
    assert unit_current_successors(vinh_long) == [vinh_long]
    assert [(u.map.code, u.name) for u in unit_legacy_sources(vinh_long)] == [
        ("legacy", "Bến Tre"),
        ("legacy", "Trà Vinh"),
        ("legacy", "Vĩnh Long"),
    ]
    cau_ke = current_unit("commune", "29308")
    assert [u.full_name for u in unit_legacy_sources(cau_ke)] == [
        "Thị trấn Cầu Kè",
        "Xã Châu Điền",
        "Xã Hòa Ân",
    ]
    assert unit_legacy_sources(legacy_unit("commune", "29326")) == []
