"""Writes on administrative reference data: loading the pinned official lists."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from ocop.core.errors import DomainError
from ocop.core.text import fold, sort_key
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminMap, AdminUnit, ReferenceDataVersion, UnitLineage

DATA_DIR = Path(__file__).resolve().parent / "data"
DATASET = "geo"

# The two official lists (ARCHITECTURE.md: a unit code is unique only within its map).
MAPS: dict[str, dict[str, Any]] = {
    "legacy": {
        "name": "Danh mục đơn vị hành chính trước 01/07/2025",
        "legal_reference": "Danh mục và mã số các đơn vị hành chính Việt Nam (trước sắp xếp 2025)",
        "valid_from": None,  # unknown: stored as unknown, never invented
        "valid_to": dt.date(2025, 6, 30),
        "file": "legacy_units.csv",
    },
    "2025": {
        "name": "Danh mục đơn vị hành chính từ 01/07/2025 (QĐ 19/2025/QĐ-TTg)",
        "legal_reference": "Quyết định số 19/2025/QĐ-TTg ngày 30/6/2025",
        "valid_from": dt.date(2025, 7, 1),
        "valid_to": None,
        "file": "current_units.csv",
    },
}
LEVEL_ORDER = [UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE]


@dataclass
class GeoLoadResult:
    version: str
    skipped: bool
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def _manifest() -> dict[str, Any]:
    return json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))


def _content_hash() -> str:
    digest = hashlib.sha256()
    for name in sorted(p.name for p in DATA_DIR.iterdir() if p.suffix in (".csv", ".json")):
        digest.update(name.encode())
        digest.update((DATA_DIR / name).read_bytes())
    return digest.hexdigest()


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _dec(value: str) -> Decimal | None:
    return Decimal(value).quantize(Decimal("0.000001")) if value else None


def geo_counts() -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = {}
    for row in AdminUnit.objects.values("map__code", "level").order_by():
        era = "current" if row["map__code"] == "2025" else row["map__code"]
        counts.setdefault(era, Counter())[row["level"]] += 1
    return {era: dict(c) for era, c in counts.items()}


def geo_load(*, force: bool = False) -> GeoLoadResult:
    """Load the pinned official lists and lineage (idempotent; skipped when already loaded).

    Fails loudly, saving nothing, when the loaded counts differ from those pinned in
    ``data/manifest.json`` for the pinned package versions.
    """
    manifest = _manifest()
    version = manifest["data_version"]
    content_hash = _content_hash()
    loaded = ReferenceDataVersion.objects.filter(dataset=DATASET).first()
    if loaded and loaded.content_hash == content_hash and not force:
        return GeoLoadResult(version=version, skipped=True, counts=geo_counts())

    with transaction.atomic():
        for map_code, meta in MAPS.items():
            _load_map(map_code, meta, version)
        _load_lineage()
        counts = geo_counts()
        expected = manifest["counts"]
        if counts != expected:
            raise DomainError(
                f"Administrative unit counts {counts} differ from the pinned counts {expected}"
            )
        ReferenceDataVersion.objects.update_or_create(
            dataset=DATASET, defaults={"version": version, "content_hash": content_hash}
        )
    return GeoLoadResult(version=version, skipped=False, counts=counts)


def _load_map(map_code: str, meta: dict[str, Any], version: str) -> None:
    admin_map, _created = AdminMap.objects.get_or_create(
        code=map_code,
        defaults={
            "name": meta["name"],
            "legal_reference": meta["legal_reference"],
            "valid_from": meta["valid_from"],
            "valid_to": meta["valid_to"],
        },
    )
    if admin_map.data_version != version:
        admin_map.data_version = version
        admin_map.save()
    rows = _rows(meta["file"])
    existing = {(u.level, u.code): u for u in AdminUnit.objects.filter(map=admin_map)}
    by_key: dict[tuple[str, str], AdminUnit] = dict(existing)
    # Parents first, so children can point to them.
    for level in LEVEL_ORDER:
        to_create, to_update = [], []
        for row in rows:
            if row["level"] != level:
                continue
            key = (level, row["code"])
            parent = None
            if row["parent_code"]:
                parent_level = LEVEL_ORDER[LEVEL_ORDER.index(level) - 1]
                if level == UnitLevel.COMMUNE and map_code == "2025":
                    parent_level = UnitLevel.PROVINCE
                parent = by_key[(parent_level, row["parent_code"])]
            province = None
            if parent is not None:
                province = parent if parent.level == UnitLevel.PROVINCE else parent.province
            values = {
                "name": row["name"],
                "unit_type": row["unit_type"],
                "parent": parent,
                "province": province,
                "valid_from": meta["valid_from"],
                "valid_to": meta["valid_to"],
                "latitude": _dec(row.get("latitude", "")),
                "longitude": _dec(row.get("longitude", "")),
            }
            unit = by_key.get(key)
            if unit is None:
                unit = AdminUnit(map=admin_map, level=level, code=row["code"], **values)
                to_create.append(unit)
            else:
                changed = False
                for attr, value in values.items():
                    if getattr(unit, attr) != value:
                        setattr(unit, attr, value)
                        changed = True
                if changed:
                    to_update.append(unit)
            unit.name_folded = fold(unit.full_name)
            unit.sort_key = sort_key(unit.name)
            by_key[key] = unit
        AdminUnit.objects.bulk_create(to_create, batch_size=2000)
        if to_update:
            AdminUnit.objects.bulk_update(
                to_update,
                [
                    "name",
                    "unit_type",
                    "parent",
                    "province",
                    "valid_from",
                    "valid_to",
                    "latitude",
                    "longitude",
                    "name_folded",
                    "sort_key",
                ],
                batch_size=2000,
            )
        # Provinces point to themselves, so "the province of a unit" is one column for all.
        if level == UnitLevel.PROVINCE:
            for unit in by_key.values():
                if unit.level == UnitLevel.PROVINCE and unit.province_id != unit.pk:
                    unit.province = unit
            AdminUnit.objects.bulk_update(
                [u for u in by_key.values() if u.level == UnitLevel.PROVINCE], ["province"]
            )


def _load_lineage() -> None:
    legacy = {
        (u.level, u.code): u.pk for u in AdminUnit.objects.filter(map__code="legacy").only("pk")
    }
    current = {
        (u.level, u.code): u.pk for u in AdminUnit.objects.filter(map__code="2025").only("pk")
    }
    wanted: set[tuple[int, int]] = set()
    notes: dict[tuple[int, int], str] = {}
    for file_name, level in (
        ("lineage_communes.csv", UnitLevel.COMMUNE),
        ("lineage_provinces.csv", UnitLevel.PROVINCE),
    ):
        for row in _rows(file_name):
            pair = (legacy[(level, row["legacy_code"])], current[(level, row["current_code"])])
            wanted.add(pair)
            notes[pair] = row.get("note") or ""
    have = set(UnitLineage.objects.values_list("source_id", "target_id"))
    UnitLineage.objects.bulk_create(
        [UnitLineage(source_id=s, target_id=t, note=notes[(s, t)]) for s, t in wanted - have],
        batch_size=5000,
    )
    stale = have - wanted
    for s, t in stale:
        UnitLineage.objects.filter(source_id=s, target_id=t).delete()
