"""Item 5: address resolution from free text (expected units read in ocop/geo/data/*.csv)."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from django.core.management import call_command

from ocop.geo import resolver
from ocop.geo.resolver import (
    ACCEPT,
    AMBIGUITY_MARGIN,
    CANDIDATE,
    NOTE_NOT_IN_LEGACY,
    REVIEW,
    Resolver,
    parse,
)
from ocop.geo.services import DATA_DIR

pytestmark = pytest.mark.django_db

D2022 = dt.date(2022, 3, 1)
D2026 = dt.date(2026, 3, 1)

# (text, --province, --as-of, expected top match (era, level, code))
RESOLVED = [
    # legacy, full, with diacritics, hamlet prefix
    (
        "ấp Chợ, xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh",
        None,
        None,
        ("legacy", "commune", "29326"),
    ),
    # without diacritics and without commas
    ("ap Cho xa Phong Phu huyen Cau Ke tinh Tra Vinh", None, None, ("legacy", "commune", "29326")),
    (
        "AP CHO, XA PHONG PHU, HUYEN CAU KE, TINH TRA VINH",
        None,
        None,
        ("legacy", "commune", "29326"),
    ),
    ("Phong Phú, Cầu Kè, Trà Vinh", None, None, ("legacy", "commune", "29326")),
    ("Xã Phong Phú, Huyện Cầu Kè, Tỉnh Trà Vinh", None, D2022, ("legacy", "commune", "29326")),
    # abbreviations, old tone placement (Hòa), new tone placement (Hoà)
    ("X. Hòa Ân, H. Cầu Kè, T. Trà Vinh", None, None, ("legacy", "commune", "29311")),
    ("xã Hoà Ân, huyện Cầu Kè", None, None, ("legacy", "commune", "29311")),
    ("x. Hoa An, h. Cau Ke", None, None, ("legacy", "commune", "29311")),
    ("TT Cầu Kè, H. Cầu Kè, Trà Vinh", None, None, ("legacy", "commune", "29308")),
    ("thị trấn Cầu Kè, huyện Cầu Kè, tỉnh Trà Vinh", None, None, ("legacy", "commune", "29308")),
    ("P.7, TP. Trà Vinh", None, None, ("legacy", "commune", "29254")),
    ("Phường 7, Thành phố Trà Vinh, Trà Vinh", None, None, ("legacy", "commune", "29254")),
    ("khóm 2, P1, Tp Trà Vinh", None, None, ("legacy", "commune", "29239")),
    ("so 5 duong 30/4, khom 2, phuong 1, tp tra vinh", None, None, ("legacy", "commune", "29239")),
    ("Phường 07, Quận 5, TP.HCM", None, None, ("legacy", "commune", "27316")),
    ("P7 Q5 TPHCM", None, None, ("legacy", "commune", "27316")),
    (
        "123 Nguyễn Huệ, phường 1, thành phố Vĩnh Long, tỉnh Vĩnh Long",
        None,
        None,
        ("legacy", "commune", "29551"),
    ),
    ("xã Long Đức, thành phố Trà Vinh, tỉnh Trà Vinh", None, None, ("legacy", "commune", "29263")),
    ("huyện Cầu Kè, tỉnh Trà Vinh", None, None, ("legacy", "district", "845")),
    ("H. Cầu Kè", None, None, ("legacy", "district", "845")),
    ("TX Duyên Hải, Trà Vinh", None, None, ("legacy", "district", "851")),
    ("huyện Duyên Hải, tỉnh Trà Vinh", None, None, ("legacy", "district", "850")),
    ("huyen Quan Hoa, Thanh Hoa", None, None, ("legacy", "district", "385")),
    ("huyện Châu Thành, Trà Vinh", None, None, ("legacy", "district", "847")),
    ("tỉnh Trà Vinh", None, None, ("legacy", "province", "84")),
    # a bare name: the province wins over the city named like it (listed below it, 0.85)
    ("Trà Vinh", None, None, ("legacy", "province", "84")),
    ("Ben Tre", None, None, ("legacy", "province", "83")),
    # current names
    ("xã Phong Thạnh, tỉnh Vĩnh Long", None, None, ("current", "commune", "29329")),
    ("xa phong thanh, vinh long", None, None, ("current", "commune", "29329")),
    ("phường Long Đức, tỉnh Vĩnh Long", None, None, ("current", "commune", "29263")),
    ("ấp Chợ, xã Cầu Kè, tỉnh Vĩnh Long", None, D2026, ("current", "commune", "29308")),
    ("phường Nguyệt Hóa, Vĩnh Long", None, None, ("current", "commune", "29254")),
    ("An Hội, Vĩnh Long", None, None, ("current", "commune", "28777")),
    # province context instead of the province in the text (office lists)
    ("xã Cầu Kè", "86", None, ("current", "commune", "29308")),
    ("Long Đức", "86", None, ("current", "commune", "29263")),
    ("Long Đức", "84", D2022, ("legacy", "commune", "29263")),
    ("xã Tân Hòa", "86", None, ("current", "commune", "29371")),
    ("xa Tan Hoa, huyen Tieu Can", "86", D2022, ("legacy", "commune", "29371")),
]

# (text, --province, --as-of, codes that must all be among the matches)
AMBIGUOUS = [
    ("xã Phong Phú", None, None, {("legacy", "05158"), ("legacy", "22978"), ("legacy", "29326")}),
    ("Phong Phu", None, None, {("legacy", "05158"), ("legacy", "29326"), ("current", "19828")}),
    ("xã Tân Hòa", None, None, {("current", "29371"), ("current", "25531"), ("legacy", "05935")}),
    ("Châu Thành", "86", None, {("current", "29374"), ("legacy", "831"), ("legacy", "847")}),
    ("Thạnh Phú, Bến Tre", None, None, {("legacy", "837"), ("current", "29182")}),
]


def _top(result):
    top = result.matches[0]
    return (top.unit.era, top.unit.level, top.unit.code)


@pytest.fixture(scope="module")
def geo_resolver(django_db_blocker):
    with django_db_blocker.unblock():
        return Resolver()


@pytest.mark.parametrize(("text", "province", "as_of", "expected"), RESOLVED)
def test_address_resolves_to_the_expected_unit(geo_resolver, text, province, as_of, expected):
    result = geo_resolver.resolve(text, province=province, as_of=as_of)
    assert _top(result) == expected
    assert result.ambiguous is False
    assert result.note == ""
    assert result.best is not None
    assert result.best.confidence >= ACCEPT


@pytest.mark.parametrize(("text", "province", "as_of", "expected"), AMBIGUOUS)
def test_ambiguous_text_returns_every_candidate_and_no_best(
    geo_resolver, text, province, as_of, expected
):
    result = geo_resolver.resolve(text, province=province, as_of=as_of)
    assert result.ambiguous is True
    assert result.best is None
    assert expected <= {(m.unit.era, m.unit.code) for m in result.matches}


def test_at_least_thirty_realistic_addresses_are_covered():
    assert len(RESOLVED) + len(AMBIGUOUS) >= 30
    assert any(t.isascii() for t, *_ in RESOLVED)
    assert any(p for _t, p, *_ in RESOLVED)


def test_a_name_from_an_older_merger_is_reported_not_in_the_pre_2025_list(geo_resolver):
    # TP Bến Tre had no Phường 3 on 30/06/2025 (legacy_units.csv: 829 has phường 6, 7, 8, …)
    result = geo_resolver.resolve("Phường 3, TP Bến Tre, tỉnh Bến Tre")
    assert result.note == NOTE_NOT_IN_LEGACY
    assert result.unmatched == "3"
    assert result.ambiguous is True
    assert result.best is None
    assert _top(result) == ("legacy", "district", "829")
    candidates = [(m.unit.code, m.unit.full_name, m.confidence) for m in result.matches[1:]]
    assert ("28777", "Phường An Hội", CANDIDATE) in candidates
    with (DATA_DIR / "legacy_units.csv").open(encoding="utf-8") as fh:
        in_city = [r["code"] for r in csv.DictReader(fh) if r["parent_code"] == "829"]
    assert sorted(code for code, _name, _c in candidates) == sorted(in_city)  # all offered
    assert {c for _code, _name, c in candidates} == {CANDIDATE}


def test_confidence_thresholds_are_fixed():
    assert (ACCEPT, REVIEW, AMBIGUITY_MARGIN, CANDIDATE) == (0.85, 0.5, 0.1, 0.3)


@pytest.mark.parametrize(
    ("text", "province", "confidence"),
    [
        ("xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh", None, 1.0),  # every level named
        ("Phong Phú, Cầu Kè, Trà Vinh", None, 0.95),  # no type word
        ("xã Phong Thạnh, Cầu Kè, Vĩnh Long", None, 0.95),  # current commune, legacy district
        ("xã Phong Phú, tỉnh Trà Vinh", None, 0.9),  # legacy commune without its district
        ("xã Phong Phú", "84", 0.9),  # province from the context, no district
        ("xã Phong Phú", "86", 0.85),  # the context is the new 86, across the reform
        ("xã Phong Phú", None, 0.8),  # name alone: below ACCEPT
        ("thị trấn Cầu Kè, tỉnh Vĩnh Long", None, 0.85),  # legacy unit, new province
        ("xã Cầu Kè, huyện Cầu Kè, tỉnh Trà Vinh", None, 0.95),  # new commune, old parents
    ],
)
def test_confidence_of_typical_inputs(geo_resolver, text, province, confidence):
    result = geo_resolver.resolve(text, province=province)
    assert result.matches[0].confidence == confidence


def test_era_follows_as_of_when_both_maps_name_the_same_place(geo_resolver):
    # xã Long Đức (legacy 29263, TP Trà Vinh) became phường Long Đức (current 29263)
    now = geo_resolver.resolve("Long Đức", province="86")
    then = geo_resolver.resolve("Long Đức", province="84", as_of=D2022)
    assert [(m.unit.era, m.unit.full_name) for m in now.matches] == [("current", "Phường Long Đức")]
    assert [(m.unit.era, m.unit.full_name) for m in then.matches] == [("legacy", "Xã Long Đức")]


def test_parse_splits_parts_and_recognises_hamlets():
    parts = parse("ấp Chợ xã Phong Phú H. Cầu Kè, TP.HCM, P.7")
    assert [(p.type_key, p.name_key, p.subcommune) for p in parts] == [
        (None, "ap cho", True),
        ("xa", "phong phu", False),
        ("huyen", "cau ke", False),
        ("thanh pho", "ho chi minh", False),
        ("phuong", "7", False),
    ]
    # "Phương" (a name) is not "phường" (a type word) when written with diacritics
    assert [(p.type_key, p.name_key) for p in parse("Phương Thạnh, Cầu Kè")] == [
        (None, "phuong thanh"),
        (None, "cau ke"),
    ]


def test_resolve_command_prints_the_json_of_the_issue(capsys):
    call_command("geo", "resolve", "ấp Chợ, xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh")
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "matches": [
            {
                "code": "29326",
                "name": "Xã Phong Phú",
                "level": "commune",
                "era": "legacy",
                "parents": [
                    {"code": "845", "name": "Huyện Cầu Kè", "level": "district"},
                    {"code": "84", "name": "Tỉnh Trà Vinh", "level": "province"},
                ],
                "current": [{"code": "29329", "name": "Xã Phong Thạnh"}],
                "confidence": 1.0,
            }
        ],
        "ambiguous": False,
    }


def test_resolve_command_with_context_and_note(capsys):
    call_command("geo", "resolve", "Long Đức", "--province", "84", "--as-of", "01/03/2022")
    data = json.loads(capsys.readouterr().out)
    assert [(m["era"], m["code"], m["current"]) for m in data["matches"]] == [
        ("legacy", "29263", [{"code": "29263", "name": "Phường Long Đức"}])
    ]
    call_command("geo", "resolve", "Phường 3, TP Bến Tre, tỉnh Bến Tre")
    data = json.loads(capsys.readouterr().out)
    assert (data["ambiguous"], data["note"], data["unmatched"]) == (True, NOTE_NOT_IN_LEGACY, "3")


def test_index_is_cached_per_data_version_and_rebuilt_after_a_reload():
    from ocop.testing import as_system

    first = resolver.resolver_index()
    assert resolver.resolver_index() is first
    with as_system():
        call_command("geo", "load", "--force")
    second = resolver.resolver_index()
    assert second is not first
    assert second.version != first.version
