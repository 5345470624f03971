"""Item 3: issuing authorities loaded from the unit data; successor for revocation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import translation

from ocop.core.errors import DomainError
from ocop.geo.choices import AuthorityKind
from ocop.geo.models import Authority
from ocop.geo.selectors import authority_successor_for_revocation
from ocop.testing import current_unit, legacy_unit

pytestmark = pytest.mark.django_db


def _authority(name, unit=None):
    return Authority.objects.get(name=name, unit=unit)


def test_authorities_of_every_province_are_loaded():
    by_kind = {kind: Authority.objects.filter(kind=kind).count() for kind in AuthorityKind.values}
    assert by_kind == {
        "provincial_committee": 34 + 63,  # today's provinces + the legacy ones
        "district_committee": 696,  # every legacy district
        "commune_committee": 0,
        "ministry": 2,
        "other": 0,
    }
    region = Authority.objects.filter(successor__unit=current_unit("province", "86"))
    # Bến Tre, Trà Vinh, Vĩnh Long (legacy) and their 9 + 9 + 8 legacy districts
    assert region.filter(kind="provincial_committee").count() == 3
    assert region.filter(kind="district_committee").count() == 26
    tra_vinh = _authority("UBND tỉnh Trà Vinh", legacy_unit("province", "84"))
    new = _authority("UBND tỉnh Vĩnh Long", current_unit("province", "86"))
    old = _authority("UBND tỉnh Vĩnh Long", legacy_unit("province", "86"))
    assert (tra_vinh.valid_from, tra_vinh.valid_to, tra_vinh.successor) == (
        None,
        dt.date(2025, 6, 30),
        new,
    )
    assert (new.valid_from, new.valid_to, new.successor) == (dt.date(2025, 7, 1), None, None)
    assert old.successor == new
    cau_ke = _authority("UBND huyện Cầu Kè", legacy_unit("district", "845"))
    assert (cau_ke.kind, cau_ke.valid_to, cau_ke.successor) == (
        "district_committee",
        dt.date(2025, 6, 30),
        new,
    )
    assert _authority("UBND thành phố Trà Vinh", legacy_unit("district", "842"))
    assert _authority("UBND thị xã Duyên Hải", legacy_unit("district", "851"))
    assert _authority("UBND huyện Duyên Hải", legacy_unit("district", "850"))


def test_ministries_and_their_merger():
    mard = _authority("Bộ Nông nghiệp và Phát triển nông thôn")
    mae = _authority("Bộ Nông nghiệp và Môi trường")
    assert (mard.kind, mard.valid_to, mard.successor) == ("ministry", dt.date(2025, 2, 28), mae)
    assert (mae.valid_from, mae.valid_to, mae.successor) == (dt.date(2025, 3, 1), None, None)


def test_loading_again_creates_no_duplicate():
    before = sorted(Authority.objects.values_list("pk", "name", "successor_id"))
    call_command("geo", "load", "--force")
    assert sorted(Authority.objects.values_list("pk", "name", "successor_id")) == before


def test_revocation_of_a_legacy_district_3_star_goes_to_todays_provincial_committee():
    cau_ke = _authority("UBND huyện Cầu Kè", legacy_unit("district", "845"))
    today = authority_successor_for_revocation(cau_ke, on=dt.date(2026, 6, 1))
    assert (today.name, today.unit.map.code, today.unit.code) == (
        "UBND tỉnh Vĩnh Long",
        "2025",
        "86",
    )
    then = authority_successor_for_revocation(cau_ke, on=dt.date(2024, 5, 1))
    assert (then.name, then.unit.map.code, then.unit.code) == ("UBND tỉnh Trà Vinh", "legacy", "84")


def test_revocation_of_a_legacy_provincial_certificate_and_of_a_current_one():
    ben_tre = _authority("UBND tỉnh Bến Tre", legacy_unit("province", "83"))
    new = _authority("UBND tỉnh Vĩnh Long", current_unit("province", "86"))
    assert authority_successor_for_revocation(ben_tre, on=dt.date(2026, 1, 1)) == new
    assert authority_successor_for_revocation(new, on=dt.date(2026, 1, 1)) == new


def test_revocation_of_a_5_star_follows_the_ministry_merger():
    mard = _authority("Bộ Nông nghiệp và Phát triển nông thôn")
    mae = _authority("Bộ Nông nghiệp và Môi trường")
    assert authority_successor_for_revocation(mard, on=dt.date(2026, 6, 1)) == mae
    assert authority_successor_for_revocation(mard, on=dt.date(2024, 6, 1)) == mard
    with translation.override("vi"), pytest.raises(DomainError) as exc:
        authority_successor_for_revocation(mae, on=dt.date(2024, 6, 1))
    assert exc.value.message == (
        "Không có cơ quan kế thừa Bộ Nông nghiệp và Môi trường còn hiệu lực vào ngày 01/06/2024."
    )


def test_revocation_of_a_legacy_district_anywhere_goes_to_its_province_today():
    # Authorities are loaded for every province: UBND quận Ba Đình (Hà Nội, abolished with the
    # districts on 01/07/2025) is succeeded for revocation by today's Hà Nội committee.
    ba_dinh = _authority("UBND quận Ba Đình", legacy_unit("district", "001"))
    today = authority_successor_for_revocation(ba_dinh, on=dt.date(2026, 1, 1))
    assert today == _authority("UBND thành phố Hà Nội", current_unit("province", "01"))
    then = authority_successor_for_revocation(ba_dinh, on=dt.date(2024, 1, 1))
    assert then == _authority("UBND thành phố Hà Nội", legacy_unit("province", "01"))
