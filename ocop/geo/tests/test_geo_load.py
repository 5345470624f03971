from __future__ import annotations

import pytest
from django.core.management import call_command

from ocop.geo.models import AdminUnit, UnitLineage

pytestmark = pytest.mark.django_db


def _count(map_code: str, level: str) -> int:
    return AdminUnit.objects.filter(map__code=map_code, level=level).count()


def test_current_map_has_34_provinces_and_3321_communes():
    assert _count("2025", "province") == 34
    assert _count("2025", "commune") == 3321
    assert _count("2025", "district") == 0


def test_geo_load_twice_changes_nothing(capsys):
    before = (AdminUnit.objects.count(), UnitLineage.objects.count())
    call_command("geo", "load")
    call_command("geo", "load", "--force")
    assert (AdminUnit.objects.count(), UnitLineage.objects.count()) == before
    out = capsys.readouterr().out
    assert "already loaded, skipped" in out
    assert "commune=3321, province=34" in out


def test_codes_repeat_across_maps_but_not_within_one():
    new = AdminUnit.objects.get(map__code="2025", level="province", code="86")
    old = AdminUnit.objects.get(map__code="legacy", level="province", code="86")
    assert new.name == "Vĩnh Long"
    assert old.name == "Vĩnh Long"
    assert new.pk != old.pk
    assert new.valid_from.isoformat() == "2025-07-01"
    assert old.valid_to.isoformat() == "2025-06-30"
    assert old.valid_from is None  # unknown, never invented


def test_unique_constraint_on_level_code_map():
    from django.db import IntegrityError, transaction

    unit = AdminUnit.objects.filter(map__code="2025", level="commune").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        AdminUnit.objects.create(
            map=unit.map, level="commune", code=unit.code, name="Trùng", unit_type="Xã"
        )


def test_new_vinh_long_has_124_communes():
    assert (
        AdminUnit.objects.filter(
            map__code="2025", level="commune", province__code="86", province__map__code="2025"
        ).count()
        == 124
    )
