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


# --- item 1: counts by level and era, pinned, loud failure --------------------------------------


def test_geo_load_prints_counts_by_era_and_level_with_the_pinned_ones(capsys):
    call_command("geo", "load")
    out = capsys.readouterr().out
    assert (
        "  legacy: commune=10035, district=696, province=63 "
        "(pinned: commune=10035, district=696, province=63)"
    ) in out
    assert "  current: commune=3321, province=34 (pinned: commune=3321, province=34)" in out
    assert "  lineage: communes=10567, districts=5, provinces=63" in out
    # 34 current + 63 legacy provincial committees, 696 legacy district committees, 2 ministries
    assert "  issuing authorities: 795" in out


def _tampered_copy(tmp_path, edit):
    import json
    import shutil

    from ocop.geo.services import DATA_DIR

    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    edit(copy, manifest)
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return copy


def _snapshot():
    from ocop.geo.models import Authority, ReferenceDataVersion

    return (
        AdminUnit.objects.count(),
        UnitLineage.objects.count(),
        Authority.objects.count(),
        list(ReferenceDataVersion.objects.values_list("version", "content_hash", "loaded_at")),
    )


def test_geo_load_fails_loudly_and_saves_nothing_when_pinned_counts_differ(tmp_path):
    from django.core.management.base import CommandError

    def edit(copy, manifest):
        manifest["counts"]["legacy"]["commune"] = 10051

    copy = _tampered_copy(tmp_path, edit)
    before = _snapshot()
    with pytest.raises(CommandError) as exc:
        call_command("geo", "load", "--data-dir", str(copy))
    assert "differ from the pinned counts" in str(exc.value)
    assert "'commune': 10051" in str(exc.value)
    assert "nothing was saved" in str(exc.value)
    assert _snapshot() == before


def test_geo_load_fails_when_pinned_lineage_counts_differ(tmp_path):
    from ocop.core.errors import DomainError
    from ocop.geo.services import geo_load
    from ocop.testing import as_system

    def edit(copy, manifest):
        manifest["lineage_counts"]["districts"] = 4

    copy = _tampered_copy(tmp_path, edit)
    before = _snapshot()
    with as_system(), pytest.raises(DomainError, match="Lineage counts"):
        geo_load(data_dir=copy)
    assert _snapshot() == before


def test_geo_load_fails_when_a_data_file_was_edited_by_hand(tmp_path):
    from ocop.core.errors import DomainError
    from ocop.geo.services import geo_load
    from ocop.testing import as_system

    def edit(copy, manifest):
        path = copy / "legacy_units.csv"
        path.write_text(
            path.read_text(encoding="utf-8").replace("Cầu Kè,Huyện", "Cầu Kè Mới,Huyện"),
            encoding="utf-8",
        )

    copy = _tampered_copy(tmp_path, edit)
    before = _snapshot()
    with as_system(), pytest.raises(DomainError, match=r"legacy_units\.csv does not match"):
        geo_load(data_dir=copy, force=True)
    assert _snapshot() == before
    assert AdminUnit.objects.get(map__code="legacy", level="district", code="845").name == "Cầu Kè"
