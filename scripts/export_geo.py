"""Export Vietnam's administrative units (current + legacy map, lineage) into ocop/geo/data/.

Run ONCE, by hand, from a throwaway venv -- never at application run time:

    python3.12 -m venv /tmp/geoexp
    /tmp/geoexp/bin/pip install -r scripts/requirements-geo-export.txt
    /tmp/geoexp/bin/python scripts/export_geo.py

Pinned sources (exact versions, checked at run time):

* vietnam-provinces==2026.9.0 (GPL-3.0-or-later, by Nguyễn Hồng Quân): NSO code list of the current
  map (34 provinces / 3,321 communes), an NSO snapshot of the pre-2025 map, and the official
  code-based old→new commune conversion table.  GPL: export-time only, never a run-time dependency.
* vietnamadminunits==1.0.4 (MIT, by Trần Ngọc Minh Hiếu): the pre-2025 map as it stood on
  30/06/2025, a key-based old→new conversion table, and coordinates.

The script cross-checks both sources, prints every discrepancy and exits non-zero when a pinned
count or a key fact does not hold.  It writes current_units.csv, legacy_units.csv,
lineage_communes.csv, lineage_districts.csv (island districts without communes → their đặc khu),
lineage_provinces.csv, ATTRIBUTION.md and manifest.json (with the pinned unit and lineage counts).
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import sys
import unicodedata
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

import vietnam_provinces as vp
import vietnamadminunits
from vietnam_provinces import Province, Ward
from vietnam_provinces import _province_conversion_2025 as vp_prov_conv
from vietnam_provinces import _ward_conversion_2025 as vp_ward_conv
from vietnam_provinces import legacy as vp_legacy

PINNED = {"vietnam-provinces": "2026.9.0", "vietnamadminunits": "1.0.4"}
LICENCES = {"vietnam-provinces": "GPL-3.0-or-later", "vietnamadminunits": "MIT"}
URLS = {
    "vietnam-provinces": "https://pypi.org/project/vietnam-provinces/2026.9.0/",
    "vietnamadminunits": "https://pypi.org/project/vietnamadminunits/1.0.4/",
}
EXPECTED_CURRENT = {"province": 34, "commune": 3321}
# The count pinned in the brief: the size of vietnam-provinces' legacy snapshot (NSO, 2025-01-04).
EXPECTED_VP_LEGACY = {"province": 63, "district": 696, "commune": 10051}
# The map actually in force on 30/06/2025 (official figure 10,035 communes; it is the set used by
# the official conversion table).  This is what legacy_units.csv contains -- see ATTRIBUTION.md.
EXPECTED_LEGACY = {"province": 63, "district": 696, "commune": 10035}

DATA_DIR = Path(__file__).resolve().parent.parent / "ocop" / "geo" / "data"
COLUMNS = ["level", "code", "name", "unit_type", "parent_code", "latitude", "longitude"]
# Longest first so that "Thành phố"/"Thị xã"/"Thị trấn" win over shorter words.
TYPE_WORDS = [
    "Thành phố",
    "Thị trấn",
    "Thị xã",
    "Đặc khu",
    "Phường",
    "Huyện",
    "Quận",
    "Tỉnh",
    "Xã",
]
ISLAND_DISTRICT_KEYS = {
    "huyenbachlongvi",
    "huyenconco",
    "huyenhoangsa",
    "huyenlyson",
    "huyencondao",
}

problems: list[str] = []


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def split_type(full_name: str) -> tuple[str, str]:
    """'Thành phố Hà Nội' -> ('Thành phố', 'Hà Nội'); type word matched case-insensitively."""
    full = nfc(full_name)
    for word in TYPE_WORDS:
        if full.casefold().startswith(word.casefold() + " "):
            return word, full[len(word) + 1 :].strip()
    msg = f"no administrative type word in {full_name!r}"
    raise ValueError(msg)


def fmt_coord(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def check(condition: bool, message: str) -> None:
    if not condition:
        problems.append(message)
        print("FAIL:", message)


def show(title: str, items: list, limit: int = 30) -> None:
    print(f"  {title}: {len(items)}")
    for item in items[:limit]:
        print("    ", item)
    if len(items) > limit:
        print(f"     ... and {len(items) - limit} more")


def va_rows(table: str) -> list[dict]:
    db = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(f"SELECT * FROM [{table}]")]  # noqa: S608


def va_converter() -> dict:
    path = Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


def verify_versions() -> dict[str, str]:
    licences = {}
    for package, version in PINNED.items():
        installed = metadata.version(package)
        check(installed == version, f"{package} is {installed}, expected {version}")
        meta = metadata.metadata(package)
        licence = meta.get("License-Expression") or ""
        classifiers = " ".join(meta.get_all("Classifier") or [])
        if not licence and "MIT License" in classifiers:
            licence = "MIT"
        check(licence == LICENCES[package], f"{package} licence is {licence!r}")
        licences[package] = licence
    return licences


# --------------------------------------------------------------------------- current map
def build_current(stats: dict) -> list[dict]:
    print("== Current map (since 01/07/2025)")
    va_cur = va_rows("admin_units")
    va_prov = {r["provinceCode"]: r for r in va_cur}
    va_ward = {r["wardCode"]: r for r in va_cur}
    rows = []
    for p in sorted(Province.iter_all(), key=lambda p: int(p.code)):
        code = f"{int(p.code):02d}"
        unit_type, name = split_type(p.name)
        ref = va_prov.get(code) or {}
        rows.append(
            {
                "level": "province",
                "code": code,
                "name": name,
                "unit_type": unit_type,
                "parent_code": "",
                "latitude": fmt_coord(ref.get("provinceLat")),
                "longitude": fmt_coord(ref.get("provinceLon")),
            }
        )
    for w in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
        code = f"{int(w.code):05d}"
        unit_type, name = split_type(w.name)
        ref = va_ward.get(code) or {}
        rows.append(
            {
                "level": "commune",
                "code": code,
                "name": name,
                "unit_type": unit_type,
                "parent_code": f"{int(w.province_code):02d}",
                "latitude": fmt_coord(ref.get("wardLat")),
                "longitude": fmt_coord(ref.get("wardLon")),
            }
        )
    counts = Counter(r["level"] for r in rows)
    for level, expected in EXPECTED_CURRENT.items():
        check(counts[level] == expected, f"current {level}: {counts[level]} != {expected}")

    # Cross-check with vietnamadminunits.admin_units
    mine = {r["code"]: r for r in rows if r["level"] == "commune"}
    provs = {r["code"]: r for r in rows if r["level"] == "province"}
    only_vp = sorted(set(mine) - set(va_ward))
    only_va = sorted(set(va_ward) - set(mine))
    name_diff, type_diff, parent_diff = [], [], []
    for code in sorted(set(mine) & set(va_ward)):
        ref = va_ward[code]
        va_type, va_name = split_type(ref["ward"])
        if va_name != mine[code]["name"]:
            name_diff.append((code, mine[code]["name"], va_name))
        if va_type != mine[code]["unit_type"]:
            type_diff.append((code, mine[code]["unit_type"], va_type))
        if ref["provinceCode"] != mine[code]["parent_code"]:
            parent_diff.append((code, mine[code]["parent_code"], ref["provinceCode"]))
    prov_diff = [
        (code, f"{r['unit_type']} {r['name']}", nfc(va_prov[code]["province"]))
        for code, r in provs.items()
        if code in va_prov and f"{r['unit_type']} {r['name']}" != nfc(va_prov[code]["province"])
    ]
    lowercase = [(f"{int(w.code):05d}", w.name) for w in Ward.iter_all() if w.name[:1].islower()]
    print("  vietnam-provinces vs vietnamadminunits (current):")
    show("commune codes only in vietnam-provinces", only_vp)
    show("commune codes only in vietnamadminunits", only_va)
    show("commune name differences (vietnam-provinces, vietnamadminunits)", name_diff)
    show("commune type differences", type_diff)
    show("commune parent differences", parent_diff)
    show("province name/type differences", prov_diff)
    show("type word written in lower case by vietnam-provinces (normalised)", lowercase)
    check(not only_vp and not only_va and not parent_diff, "current commune sets/parents differ")
    no_coord = [r["code"] for r in rows if not r["latitude"]]
    stats["current"] = {
        "counts": dict(counts),
        "only_vp": only_vp,
        "only_va": only_va,
        "name_diff": name_diff,
        "type_diff": type_diff,
        "parent_diff": parent_diff,
        "prov_diff": prov_diff,
        "lowercase": lowercase,
        "no_coord": no_coord,
    }
    return rows


# --------------------------------------------------------------------------- legacy map
def build_legacy(stats: dict) -> tuple[list[dict], dict]:
    print("== Legacy map (until 30/06/2025)")
    vp_p = {f"{int(p.code):02d}": p for p in vp_legacy.Province.iter_all()}
    vp_d = {f"{int(d.code):03d}": d for d in vp_legacy.District.iter_all()}
    vp_w = {f"{int(w.code):05d}": w for w in vp_legacy.Ward.iter_all()}
    vp_counts = {"province": len(vp_p), "district": len(vp_d), "commune": len(vp_w)}
    print("  vietnam-provinces legacy snapshot counts:", vp_counts)
    for level, expected in EXPECTED_VP_LEGACY.items():
        check(vp_counts[level] == expected, f"vp legacy {level}: {vp_counts[level]} != {expected}")

    va_leg = va_rows("admin_units_legacy")
    va_p, va_d, va_w = {}, {}, {}
    for r in va_leg:
        va_p.setdefault(r["provinceCode"], r)
        va_d.setdefault(r["districtCode"], r)
        if r["wardCode"]:
            check(r["wardCode"] not in va_w, f"duplicate legacy ward code {r['wardCode']}")
            va_w[r["wardCode"]] = r

    rows: list[dict] = []
    name_diff: list[tuple] = []
    type_diff: list[tuple] = []
    from_va: list[tuple] = []

    def add(level, code, va_full, vp_obj, parent, lat, lng):
        va_type, va_name = split_type(va_full)
        unit_type, name = va_type, va_name
        if vp_obj is None:
            from_va.append((level, code, f"{va_type} {va_name}"))
        else:
            vp_type, vp_name = split_type(vp_obj.name)
            if vp_type != va_type:
                type_diff.append((level, code, f"{vp_type} {vp_name}", f"{va_type} {va_name}"))
                from_va.append((level, code, f"{va_type} {va_name}"))
            else:
                name = vp_name
                if vp_name != va_name:
                    name_diff.append((level, code, vp_name, va_name))
        rows.append(
            {
                "level": level,
                "code": code,
                "name": name,
                "unit_type": unit_type,
                "parent_code": parent,
                "latitude": fmt_coord(lat),
                "longitude": fmt_coord(lng),
            }
        )

    for code in sorted(va_p):
        r = va_p[code]
        add("province", code, r["province"], vp_p.get(code), "", r["provinceLat"], r["provinceLon"])
    for code in sorted(va_d):
        r = va_d[code]
        parent = r["provinceCode"]
        if code in vp_d:
            vp_parent = f"{int(vp_d[code].province_code):02d}"
            check(vp_parent == parent, f"district {code} parent {vp_parent} vs {parent}")
        add(
            "district",
            code,
            r["district"],
            vp_d.get(code),
            parent,
            r["districtLat"],
            r["districtLon"],
        )
    for code in sorted(va_w):
        r = va_w[code]
        parent = r["districtCode"]
        if code in vp_w:
            vp_parent = f"{int(vp_w[code].district_code):03d}"
            check(vp_parent == parent, f"commune {code} parent {vp_parent} vs {parent}")
        add("commune", code, r["ward"], vp_w.get(code), parent, r["wardLat"], r["wardLon"])

    counts = Counter(r["level"] for r in rows)
    for level, expected in EXPECTED_LEGACY.items():
        check(counts[level] == expected, f"legacy {level}: {counts[level]} != {expected}")
    by_code = {(r["level"], r["code"]): r for r in rows}
    only_vp = [
        (code, vp_w[code].name, vp_d[f"{int(vp_w[code].district_code):03d}"].name)
        for code in sorted(set(vp_w) - set(va_w))
    ]
    only_va = [
        (code, va_w[code]["ward"], va_w[code]["district"]) for code in sorted(set(va_w) - set(vp_w))
    ]
    empty_districts = [
        (code, f"{r['unit_type']} {r['name']}")
        for code, r in ((r["code"], r) for r in rows if r["level"] == "district")
        if not any(w["parent_code"] == code for w in rows if w["level"] == "commune")
    ]
    print("  vietnam-provinces snapshot vs vietnamadminunits (legacy):")
    show("communes only in the vietnam-provinces snapshot (dissolved before 30/06/2025)", only_vp)
    show("communes only in vietnamadminunits (created in 2025 before 30/06/2025)", only_va)
    show("type differences (vietnamadminunits used)", type_diff)
    show("spelling differences (vietnam-provinces/NSO spelling used)", name_diff, limit=10)
    show("districts without communes", empty_districts)
    no_coord = [r["code"] for r in rows if not r["latitude"]]
    stats["legacy"] = {
        "counts": dict(counts),
        "vp_counts": vp_counts,
        "only_vp": only_vp,
        "only_va": only_va,
        "type_diff": type_diff,
        "name_diff": name_diff,
        "from_va": from_va,
        "empty_districts": empty_districts,
        "no_coord": no_coord,
    }
    return rows, by_code


# --------------------------------------------------------------------------- lineage
def build_lineage(stats: dict, legacy_by_code: dict, current_rows: list[dict]):
    print("== Lineage")
    cur_communes = {r["code"]: r for r in current_rows if r["level"] == "commune"}
    leg_communes = {code for (level, code) in legacy_by_code if level == "commune"}

    # vietnam-provinces: official code-based conversion table.
    vp_pairs: dict[tuple[str, str], bool] = {}
    ref_errors = []
    for old, entry in vp_ward_conv.OLD_TO_NEW.items():
        old_code = f"{old:05d}"
        legacy = legacy_by_code.get(("commune", old_code))
        if legacy:
            prov = legacy_by_code[("district", legacy["parent_code"])]["parent_code"]
            if (legacy["parent_code"], prov) != (
                f"{entry.old_ward.district_code:03d}",
                f"{entry.old_ward.province_code:02d}",
            ):
                ref_errors.append(
                    (
                        old_code,
                        f"table says district {entry.old_ward.district_code:03d} "
                        f"province {entry.old_ward.province_code:02d}",
                        f"map says district {legacy['parent_code']} province {prov}",
                    )
                )
        for new in entry.new_wards:
            vp_pairs[(old_code, f"{new.code:05d}")] = entry.old_ward.is_partly_merged

    # vietnamadminunits: key-based conversion table, resolved to codes through its own dataset.
    conv = va_converter()
    leg_key, dist_key = {}, {}
    for r in va_rows("admin_units_legacy"):
        key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        check(key not in leg_key, f"ambiguous legacy key {key}")
        leg_key[key] = r["wardCode"]
        dist_key[key] = r["districtCode"]
    new_key, prov_key = {}, {}
    for r in va_rows("admin_units"):
        check((r["provinceKey"], r["wardKey"]) not in new_key, f"ambiguous key {r['wardKey']}")
        new_key[(r["provinceKey"], r["wardKey"])] = r["wardCode"]
        prov_key[r["provinceKey"]] = r["provinceCode"]
    leg_prov_key = {r["provinceKey"]: r["provinceCode"] for r in va_rows("admin_units_legacy")}
    va_pairs: dict[tuple[str, str], bool] = {}
    islands: list[tuple[str, str]] = []
    for pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for nkey, olds in wards.items():
            for okey in olds:
                new = new_key[(pkey, nkey)]
                if leg_key[okey] is None:
                    islands.append((dist_key[okey], new))
                else:
                    va_pairs[(leg_key[okey], new)] = False
    for pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for okey, news in olds.items():
            for n in news:
                va_pairs[(leg_key[okey], new_key[(pkey, n["newWardKey"])])] = n["isDefaultNewWard"]

    only_vp = sorted(set(vp_pairs) - set(va_pairs))
    only_va = sorted(set(va_pairs) - set(vp_pairs))
    vp_olds = {o for o, _ in vp_pairs}
    supplement = sorted(p for p in va_pairs if p[0] not in vp_olds)
    print("  vietnam-provinces table vs vietnamadminunits table:")
    print(f"  pairs: vietnam-provinces {len(vp_pairs)}, vietnamadminunits {len(va_pairs)}")
    show("pairs only in vietnam-provinces", only_vp)
    show("pairs only in vietnamadminunits", only_va)
    show(
        "legacy communes missing from the vietnam-provinces table (taken from vietnamadminunits)",
        supplement,
    )
    show("parent references in the vietnam-provinces table contradicting the map", ref_errors)
    show("island districts without communes -> đặc khu (vietnamadminunits)", sorted(islands))

    lineage = []
    for (old, new), partly in sorted(vp_pairs.items()):
        notes = []
        if partly:
            notes.append("partly_merged")
        if va_pairs.get((old, new)):
            notes.append("default_successor")
        lineage.append({"legacy_code": old, "current_code": new, "note": ";".join(notes)})
    for old, new in supplement:
        note = "source=vietnamadminunits"
        lineage.append({"legacy_code": old, "current_code": new, "note": note})
    lineage.sort(key=lambda r: (r["legacy_code"], r["current_code"]))

    bad_old = sorted({r["legacy_code"] for r in lineage} - leg_communes)
    bad_new = sorted({r["current_code"] for r in lineage} - set(cur_communes))
    no_successor = sorted(leg_communes - {r["legacy_code"] for r in lineage})
    no_predecessor = sorted(set(cur_communes) - {r["current_code"] for r in lineage})
    check(not bad_old, f"lineage legacy codes not in legacy map: {bad_old}")
    check(not bad_new, f"lineage current codes not in current map: {bad_new}")
    check(not no_successor, f"legacy communes without successor: {no_successor}")
    island_codes = sorted(new for _, new in islands)
    check(no_predecessor == island_codes, f"current communes without predecessor: {no_predecessor}")

    # Province lineage derived from commune lineage (+ island districts).
    derived = set()
    for r in lineage:
        district = legacy_by_code[("commune", r["legacy_code"])]["parent_code"]
        old_prov = legacy_by_code[("district", district)]["parent_code"]
        derived.add((old_prov, cur_communes[r["current_code"]]["parent_code"]))
    for district, new in islands:
        derived.add(
            (
                legacy_by_code[("district", district)]["parent_code"],
                cur_communes[new]["parent_code"],
            )
        )
    per_old = defaultdict(set)
    for old, new in derived:
        per_old[old].add(new)
    check(all(len(v) == 1 for v in per_old.values()), f"legacy province split: {dict(per_old)}")
    check(len(per_old) == EXPECTED_LEGACY["province"], "not every legacy province has a successor")
    pc_pairs = {
        (f"{o:02d}", f"{n.code:02d}")
        for o, e in vp_prov_conv.OLD_TO_NEW.items()
        for n in e.new_provinces
    }
    va_prov_pairs = {
        (leg_prov_key[o], prov_key[n]) for n, olds in conv["DICT_PROVINCE"].items() for o in olds
    }
    prov_checks = {
        "only in vietnam-provinces province table": sorted(pc_pairs - derived),
        "missing from vietnam-provinces province table": sorted(derived - pc_pairs),
        "only in vietnamadminunits province table": sorted(va_prov_pairs - derived),
        "missing from vietnamadminunits province table": sorted(derived - va_prov_pairs),
    }
    for title, items in prov_checks.items():
        show(f"province pairs {title}", items)
    check(va_prov_pairs == derived, "vietnamadminunits province table disagrees")
    provinces = [{"legacy_code": o, "current_code": n} for o, n in sorted(derived)]
    stats["lineage"] = {
        "vp_pairs": len(vp_pairs),
        "va_pairs": len(va_pairs),
        "only_vp": only_vp,
        "only_va": only_va,
        "supplement": supplement,
        "ref_errors": ref_errors,
        "islands": sorted(islands),
        "prov_checks": prov_checks,
        "rows": len(lineage),
        "split": sum(1 for o in Counter(r["legacy_code"] for r in lineage).values() if o > 1),
    }
    districts = [{"legacy_code": d, "current_code": n} for d, n in sorted(islands)]
    return lineage, districts, provinces


# --------------------------------------------------------------------------- key facts
def check_key_facts(current: list[dict], legacy: list[dict], provinces: list[dict]) -> None:
    print("== Key facts")
    tv = sorted(
        f"{r['unit_type']} {r['name']}"
        for r in legacy
        if r["level"] == "district" and r["parent_code"] == "84"
    )
    print("  Trà Vinh (84) districts:", tv)
    expected_tv = sorted(
        [
            "Thành phố Trà Vinh",
            "Huyện Càng Long",
            "Huyện Cầu Kè",
            "Huyện Tiểu Cần",
            "Huyện Châu Thành",
            "Huyện Cầu Ngang",
            "Huyện Trà Cú",
            "Huyện Duyên Hải",
            "Thị xã Duyên Hải",
        ]
    )
    check(tv == expected_tv, f"Trà Vinh districts {tv}")
    succ = {p["legacy_code"]: p["current_code"] for p in provinces}
    for old in ("83", "84", "86"):
        check(succ.get(old) == "86", f"legacy province {old} -> {succ.get(old)}, expected 86")
    vl = [r for r in current if r["level"] == "province" and r["code"] == "86"]
    check(bool(vl) and vl[0]["name"] == "Vĩnh Long", f"current 86 is {vl}")
    n86 = sum(1 for r in current if r["level"] == "commune" and r["parent_code"] == "86")
    print("  current Vĩnh Long (86) communes:", n86)
    check(n86 == 124, f"current 86 has {n86} communes")
    reused = sorted(
        {r["code"] for r in current if r["level"] == "commune"}
        & {r["code"] for r in legacy if r["level"] == "commune"}
    )
    print("  commune codes present in both maps (same code, possibly different unit):", len(reused))


# --------------------------------------------------------------------------- output
def write_csv(name: str, fields: list[str], rows: list[dict]) -> None:
    with (DATA_DIR / name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: nfc(v) if isinstance(v, str) else v for k, v in row.items()})


def bullet(
    items: list, fmt=lambda x: " / ".join(map(str, x)) if isinstance(x, tuple) else x
) -> str:
    return "\n".join(f"  - {fmt(i)}" for i in items) if items else "  - (none)"


def write_attribution(stats: dict, licences: dict) -> None:
    cur, leg, lin = stats["current"], stats["legacy"], stats["lineage"]
    vp_row = (
        f"| [vietnam-provinces]({URLS['vietnam-provinces']}) (Nguyễn Hồng Quân,"
        f" data {vp.__data_version__}) | {PINNED['vietnam-provinces']}"
        f" | {licences['vietnam-provinces']} | current map codes, names, types, parents;"
        " NSO spelling of legacy names; commune lineage (official conversion table"
        f" `{vp_ward_conv.SOURCE}`) |"
    )
    va_row = (
        f"| [vietnamadminunits]({URLS['vietnamadminunits']}) (Trần Ngọc Minh Hiếu)"
        f" | {PINNED['vietnamadminunits']} | {licences['vietnamadminunits']}"
        " | legacy map membership and hierarchy as of 30/06/2025; all coordinates;"
        " cross-check of both maps and of the lineage; lineage of communes absent from the"
        " official table |"
    )
    text = f"""# Vietnamese administrative units — data attribution

Generated by `scripts/export_geo.py` (do not edit by hand; re-run the script instead).
Source packages are used **only at export time**; none of them is a run-time dependency.

## Sources

| Package | Version | Licence | Used for |
|---|---|---|---|
{vp_row}
{va_row}

Both packages state their upstream as the National Statistics Office's code list
(danhmuchanhchinh.nso.gov.vn; the current codes are those of QĐ 19/2025/QĐ-TTg).
vietnamadminunits additionally cites sapnhap.bando.com.vn and the Google Geocoding API.

Licence note: vietnam-provinces is GPL-3.0-or-later. The values taken from it are official state
codes and names (public administrative data), but whether the GPL reaches a derived data file is
a project decision; it is recorded here and the package is never installed at run time.

## Counts

- Current map: {cur["counts"]} (pinned 34 / 3321).
- Legacy map written: {leg["counts"]} (the map in force on 30/06/2025).
- vietnam-provinces legacy snapshot (NSO list of 2025-01-04): {leg["vp_counts"]}
  — pinned, but **not** used as the membership of `legacy_units.csv`, see below.

## Cross-check results

### Current map (vietnam-provinces vs vietnamadminunits)
- Commune codes only in one source: {len(cur["only_vp"])} / {len(cur["only_va"])};
  parent differences: {len(cur["parent_diff"])}.
- Type differences: {len(cur["type_diff"])}.
- Spelling differences (vietnam-provinces kept; mostly "oà/òa" tone placement):
{bullet(cur["name_diff"])}
- Province name/type differences (vietnam-provinces data is newer and is kept):
{bullet(cur["prov_diff"])}
- Type word written in lower case by vietnam-provinces (normalised to the capitalised word):
{bullet(cur["lowercase"])}

### Legacy map
The vietnam-provinces snapshot holds 10,051 communes, but it predates merges that took effect in
early 2025. vietnamadminunits holds 10,035 communes — the official pre-reform figure and exactly the
set used by the official old→new conversion table. `legacy_units.csv` therefore takes its
membership and hierarchy from vietnamadminunits, and the NSO spelling from vietnam-provinces
wherever the same code has the same type word there ({len(leg["name_diff"])} spelling differences,
e.g. "Hoà"/"Hòa").

- Communes in the vietnam-provinces snapshot but no longer in force on 30/06/2025
  ({len(leg["only_vp"])}, not exported):
{bullet(leg["only_vp"])}
- Communes in force on 30/06/2025 but missing from the vietnam-provinces snapshot
  ({len(leg["only_va"])}, exported from vietnamadminunits):
{bullet(leg["only_va"])}
- Units whose type changed in 2025 before 30/06/2025 (vietnamadminunits name/type used):
{bullet(leg["type_diff"])}
- Districts without any commune (island districts administered directly):
{bullet(leg["empty_districts"])}

### Lineage
- `lineage_communes.csv`: {lin["rows"]} pairs; {lin["split"]} legacy communes have more
  than one successor.
  Pairs come from the official code-based conversion table in vietnam-provinces
  ({lin["vp_pairs"]} pairs); the key-based table of vietnamadminunits ({lin["va_pairs"]} pairs)
  is the cross-check.
- `note`: `partly_merged` = the official table marks the legacy commune as only partly merged into
  its successors; `default_successor` = vietnamadminunits' default successor of a split commune;
  `source=vietnamadminunits` = pair absent from the official table, taken from vietnamadminunits.
- Pairs only in vietnam-provinces: {len(lin["only_vp"])};
  only in vietnamadminunits: {len(lin["only_va"])}.
{bullet(lin["only_vp"] + lin["only_va"])}
- Reading of those differences (checked by hand when this script was written): the pairs only in
  vietnamadminunits come from its name-keyed table confusing same-named communes (e.g. Phường 4 of
  Tân An 27691 vs Phường 4 of Kiến Tường 25462; Long Phú / Tân Long / Phú Hữu in legacy Sóc Trăng
  vs Hậu Giang), so the code-based official table is kept. Among the pairs only in
  vietnam-provinces, 01615→01648 and 02485→02494 face vietnamadminunits' 01651→01648 and
  02482→02494: both are kept (01651 and 02482 have no other successor) and this remains
  unresolved between the two sources.
- Legacy communes absent from the official table (lineage taken from vietnamadminunits):
{bullet(lin["supplement"])}
- Parent references in the official table that contradict the legacy map (the map is trusted):
{bullet(lin["ref_errors"])}
- `lineage_provinces.csv` is derived from commune lineage (every legacy province has exactly one
  successor). Differences with the packages' own province tables:
{bullet([f"{k}: {v}" for k, v in lin["prov_checks"].items() if v])}

## Known gaps

- Island districts with no communes (legacy district code → current đặc khu code), which have no
  row in `lineage_communes.csv`; they are written to `lineage_districts.csv`:
{bullet(lin["islands"])}
- Coordinates are the points given by vietnamadminunits (current map: source-provided centre;
  legacy map: Google-geocoded centre of the unit). They are approximate, not computed polygon
  centroids. Units without coordinates: current {len(cur["no_coord"])},
  legacy {len(leg["no_coord"])}.
- Several current codes reuse legacy codes for a different unit: key units by (map, level, code).
"""
    (DATA_DIR / "ATTRIBUTION.md").write_text(text, encoding="utf-8")


def main() -> int:
    licences = verify_versions()
    stats: dict = {}
    current = build_current(stats)
    legacy, legacy_by_code = build_legacy(stats)
    lineage, districts, provinces = build_lineage(stats, legacy_by_code, current)
    check_key_facts(current, legacy, provinces)
    if problems:
        print(f"\n{len(problems)} problem(s); nothing written.")
        return 1

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    write_csv("current_units.csv", COLUMNS, current)
    write_csv("legacy_units.csv", COLUMNS, legacy)
    lineage_fields = ["legacy_code", "current_code"]
    if any(r["note"] for r in lineage):
        lineage_fields.append("note")
    else:
        for r in lineage:
            del r["note"]
    write_csv("lineage_communes.csv", lineage_fields, lineage)
    write_csv("lineage_provinces.csv", ["legacy_code", "current_code"], provinces)
    write_csv("lineage_districts.csv", ["legacy_code", "current_code"], districts)
    write_attribution(stats, licences)

    files = [
        "current_units.csv",
        "legacy_units.csv",
        "lineage_communes.csv",
        "lineage_provinces.csv",
        "lineage_districts.csv",
        "ATTRIBUTION.md",
    ]
    used_for = {
        "vietnam-provinces": "current map; NSO spelling of legacy names; commune lineage",
        "vietnamadminunits": "legacy map membership; coordinates; cross-checks; lineage gaps",
    }
    manifest = {
        "data_version": (
            f"vietnam-provinces {PINNED['vietnam-provinces']} (data {vp.__data_version__})"
            f" + vietnamadminunits {PINNED['vietnamadminunits']}"
        ),
        "sources": [
            {
                "package": package,
                "version": version,
                "licence": licences[package],
                "url": URLS[package],
                "used_for": used_for[package],
            }
            for package, version in PINNED.items()
        ],
        "counts": {
            "current": stats["current"]["counts"],
            "legacy": stats["legacy"]["counts"],
        },
        "lineage_counts": {
            "communes": len(lineage),
            "districts": len(districts),
            "provinces": len(provinces),
        },
        "sha256": {f: hashlib.sha256((DATA_DIR / f).read_bytes()).hexdigest() for f in files},
        "generated_by": "scripts/export_geo.py",
    }
    (DATA_DIR / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print("\nWritten:", ", ".join([*files, "manifest.json"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
