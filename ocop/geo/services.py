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
from ocop.geo.choices import AuthorityKind, UnitLevel
from ocop.geo.models import (
    AdminMap,
    AdminUnit,
    Authority,
    ReferenceDataVersion,
    UnitLineage,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DATASET = "geo"
LEGACY_MAP_CODE = "legacy"
CURRENT_MAP_CODE = "2025"

# Issuing authorities are generated for every province that can hold certificates: each current
# province, the legacy provinces and districts that passed into it, and the two ministries.
# Bump the version when the generation changes so that `geo load` regenerates them.
AUTHORITIES_VERSION = "2-all-provinces"
MINISTRY_MARD = "Bộ Nông nghiệp và Phát triển nông thôn"
MINISTRY_MAE = "Bộ Nông nghiệp và Môi trường"
# NQ 176/2025/QH15 merged MARD and MONRE into the Ministry of Agriculture and Environment, which
# operates from 01/03/2025 (NĐ 35/2025/NĐ-CP); see docs/adr/0003-administrative-units.md.
MINISTRY_MERGER_DATE = dt.date(2025, 3, 1)

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
    expected: dict[str, dict[str, int]] = field(default_factory=dict)
    lineage_counts: dict[str, int] = field(default_factory=dict)
    authorities: int = 0


def _data_dir(data_dir: Path | None) -> Path:
    return Path(data_dir) if data_dir is not None else DATA_DIR


def _manifest(data_dir: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    return result


def _content_hash(data_dir: Path) -> str:
    digest = hashlib.sha256(AUTHORITIES_VERSION.encode())
    for name in sorted(p.name for p in data_dir.iterdir() if p.suffix in (".csv", ".json")):
        digest.update(name.encode())
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()


def _rows(data_dir: Path, name: str) -> list[dict[str, str]]:
    with (data_dir / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _dec(value: str) -> Decimal | None:
    return Decimal(value).quantize(Decimal("0.000001")) if value else None


def _check_files(data_dir: Path, manifest: dict[str, Any]) -> None:
    """Every data file must have the hash the manifest pins (a hand edit fails loudly)."""
    for name, expected in sorted(manifest.get("sha256", {}).items()):
        path = data_dir / name
        actual = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"
        if actual != expected:
            raise DomainError(
                f"Data file {name} does not match the pinned manifest "
                f"(sha256 {actual[:12]}…, pinned {expected[:12]}…); nothing was saved."
            )


def geo_counts() -> dict[str, dict[str, int]]:
    """Units loaded, by era (``legacy``/``current``) and level."""
    counts: dict[str, Counter[str]] = {}
    for row in AdminUnit.objects.values("map__code", "level").order_by():
        era = "current" if row["map__code"] == CURRENT_MAP_CODE else row["map__code"]
        counts.setdefault(era, Counter())[row["level"]] += 1
    return {era: dict(c) for era, c in counts.items()}


def geo_lineage_counts() -> dict[str, int]:
    """Lineage pairs loaded, by the level of the legacy unit (communes, districts, provinces)."""
    counts = Counter(
        UnitLineage.objects.values_list("source__level", flat=True).order_by().iterator()
    )
    return {
        f"{level}s": counts[level]
        for level in (UnitLevel.COMMUNE, UnitLevel.DISTRICT, UnitLevel.PROVINCE)
    }


def geo_load(*, force: bool = False, data_dir: Path | None = None) -> GeoLoadResult:
    """Load the pinned official lists, lineage and issuing authorities.

    Idempotent; skipped when the same data is already loaded. Fails loudly, saving nothing,
    when a data file differs from the hash pinned in ``manifest.json`` or when the loaded unit
    or lineage counts differ from the counts pinned there for the pinned package versions.
    ``data_dir`` (default: the committed ``ocop/geo/data``) exists for tests and re-exports.
    """
    directory = _data_dir(data_dir)
    manifest = _manifest(directory)
    version = manifest["data_version"]
    expected = manifest["counts"]
    expected_lineage = manifest.get("lineage_counts", {})
    content_hash = _content_hash(directory)
    loaded = ReferenceDataVersion.objects.filter(dataset=DATASET).first()
    if loaded and loaded.content_hash == content_hash and not force:
        return GeoLoadResult(
            version=version,
            skipped=True,
            counts=geo_counts(),
            expected=expected,
            lineage_counts=geo_lineage_counts(),
            authorities=Authority.objects.count(),
        )

    _check_files(directory, manifest)
    with transaction.atomic():
        for map_code, meta in MAPS.items():
            _load_map(directory, map_code, meta, version)
        _load_lineage(directory)
        counts = geo_counts()
        if counts != expected:
            raise DomainError(
                f"Administrative unit counts {counts} differ from the pinned counts {expected}; "
                "nothing was saved."
            )
        lineage_counts = geo_lineage_counts()
        if expected_lineage and lineage_counts != expected_lineage:
            raise DomainError(
                f"Lineage counts {lineage_counts} differ from the pinned counts "
                f"{expected_lineage}; nothing was saved."
            )
        authorities = _load_authorities()
        ReferenceDataVersion.objects.update_or_create(
            dataset=DATASET, defaults={"version": version, "content_hash": content_hash}
        )
    return GeoLoadResult(
        version=version,
        skipped=False,
        counts=counts,
        expected=expected,
        lineage_counts=lineage_counts,
        authorities=authorities,
    )


def _load_map(data_dir: Path, map_code: str, meta: dict[str, Any], version: str) -> None:
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
    rows = _rows(data_dir, meta["file"])
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
                if level == UnitLevel.COMMUNE and map_code == CURRENT_MAP_CODE:
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


def _load_lineage(data_dir: Path) -> None:
    legacy = {
        (u.level, u.code): u.pk
        for u in AdminUnit.objects.filter(map__code=LEGACY_MAP_CODE).only("pk", "level", "code")
    }
    current = {
        (u.level, u.code): u.pk
        for u in AdminUnit.objects.filter(map__code=CURRENT_MAP_CODE).only("pk", "level", "code")
    }
    wanted: set[tuple[int, int]] = set()
    notes: dict[tuple[int, int], str] = {}
    # (file, level of the legacy unit, level of the current unit)
    files = (
        ("lineage_communes.csv", UnitLevel.COMMUNE, UnitLevel.COMMUNE),
        # Island districts without communes → their đặc khu (a commune-level unit today).
        ("lineage_districts.csv", UnitLevel.DISTRICT, UnitLevel.COMMUNE),
        ("lineage_provinces.csv", UnitLevel.PROVINCE, UnitLevel.PROVINCE),
    )
    for file_name, source_level, target_level in files:
        if not (data_dir / file_name).exists():
            continue
        for row in _rows(data_dir, file_name):
            pair = (
                legacy[(source_level, row["legacy_code"])],
                current[(target_level, row["current_code"])],
            )
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


def _committee_name(unit: AdminUnit) -> str:
    """``UBND tỉnh Trà Vinh``, ``UBND huyện Cầu Kè``, ``UBND thành phố Trà Vinh`` (unit data)."""
    return f"UBND {unit.unit_type.lower()} {unit.name}"


def _upsert_authority(
    *, name: str, kind: str, unit: AdminUnit | None, values: dict[str, Any]
) -> Authority:
    authority = Authority.objects.filter(name=name, unit=unit).first()
    if authority is None:
        return Authority.objects.create(name=name, kind=kind, unit=unit, **values)
    changed = authority.kind != kind
    authority.kind = kind
    for attr, value in values.items():
        if getattr(authority, attr) != value:
            setattr(authority, attr, value)
            changed = True
    if changed:
        authority.save()
    return authority


def _load_authorities() -> int:
    """The bodies OCOP certificates of the demo region name, generated from the unit data.

    For every current province: its People's Committee (from 01/07/2025),
    the People's Committees of the legacy provinces that passed into it and of their legacy
    districts (until 30/06/2025), each succeeded — for OCOP powers, QĐ 1489/QĐ-TTg moved the
    district's 3★ role to the province — by today's provincial committee; and the two ministries.
    Returns the number of authorities.
    """
    legacy_end = MAPS[LEGACY_MAP_CODE]["valid_to"]
    current_start = MAPS[CURRENT_MAP_CODE]["valid_from"]
    mae = _upsert_authority(
        name=MINISTRY_MAE,
        kind=AuthorityKind.MINISTRY,
        unit=None,
        values={"valid_from": MINISTRY_MERGER_DATE, "valid_to": None, "successor": None},
    )
    _upsert_authority(
        name=MINISTRY_MARD,
        kind=AuthorityKind.MINISTRY,
        unit=None,
        values={
            "valid_from": None,
            "valid_to": MINISTRY_MERGER_DATE - dt.timedelta(days=1),
            "successor": mae,
        },
    )
    provinces = AdminUnit.objects.filter(
        map__code=CURRENT_MAP_CODE, level=UnitLevel.PROVINCE
    ).order_by("code")
    for province in provinces:
        today = _upsert_authority(
            name=_committee_name(province),
            kind=AuthorityKind.PROVINCIAL_COMMITTEE,
            unit=province,
            values={"valid_from": current_start, "valid_to": None, "successor": None},
        )
        legacy_provinces = AdminUnit.objects.filter(
            level=UnitLevel.PROVINCE, successor_links__target=province
        ).order_by("code")
        for old in legacy_provinces:
            _upsert_authority(
                name=_committee_name(old),
                kind=AuthorityKind.PROVINCIAL_COMMITTEE,
                unit=old,
                values={"valid_from": None, "valid_to": legacy_end, "successor": today},
            )
            for district in old.children.filter(level=UnitLevel.DISTRICT).order_by("code"):
                _upsert_authority(
                    name=_committee_name(district),
                    kind=AuthorityKind.DISTRICT_COMMITTEE,
                    unit=district,
                    values={"valid_from": None, "valid_to": legacy_end, "successor": today},
                )
    return Authority.objects.count()
