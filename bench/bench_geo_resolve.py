"""Benchmark: resolving 20,000 free-text addresses vs an exact-code lookup of the same units.

The addresses are written from real units of both maps (legacy communes with their district and
province, current communes with their province) in five styles: full with diacritics and a hamlet
prefix; without diacritics; abbreviated (``X.``, ``H.``, ``TP``, ``P.7``); old tone placement
(``Hòa``) and no commas; the commune alone with ``--province`` context. Same run, same units:

- exact code, one query per record (``AdminUnit.objects.get(map, level, code)``);
- exact code, one bulk query then a dict lookup;
- the resolver: index build (three queries), then ``Resolver.resolve`` per address.

Standalone: ``python bench/bench_geo_resolve.py [--n 20000]``. Uses the database of the settings
(``DATABASE_URL`` / ``OCOP_VAR_DIR``): migrates it and loads the geo data when needed (idempotent,
like ``make run``). Prints a table and writes ``bench/results/bench_geo_resolve.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402 - after the path set-up of a standalone script

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from ocop.core.audit import acting_as_system  # noqa: E402
from ocop.core.text import fold  # noqa: E402
from ocop.geo.models import AdminUnit  # noqa: E402
from ocop.geo.resolver import ACCEPT, Resolver, build_index  # noqa: E402
from ocop.geo.services import geo_load  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "bench_geo_resolve.json"
LEGACY_LIST_DATE = dt.date(2024, 1, 1)
ABBREVIATIONS = {
    "xã": "X.",
    "phường": "P.",
    "thị trấn": "TT",
    "huyện": "H.",
    "quận": "Q.",
    "thị xã": "TX",
    "thành phố": "TP",
    "tỉnh": "T.",
    "đặc khu": "đặc khu",
}
OLD_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "uỷ": "ủy", "uý": "úy"}


def _old_tones(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for new, old in OLD_TONES.items():
        text = text.replace(new, old)
    return text


def _part(unit: AdminUnit, style: int) -> str:
    kind = unit.unit_type.lower()
    if style == 2:
        abbr = ABBREVIATIONS.get(kind, kind)
        return (
            f"{abbr}{unit.name}"
            if abbr.endswith(".") and unit.name.isdigit()
            else (f"{abbr} {unit.name}")
        )
    return f"{kind} {unit.name}"


def address(
    unit: AdminUnit, style: int, rng: random.Random
) -> tuple[str, str | None, dt.date | None]:
    """(text, --province, --as-of) for ``unit`` written in ``style`` 0–4.

    Style 4 is an office list: the commune column alone, the province and, for a list written
    before the reform, its date given once for the whole file.
    """
    chain = unit.chain
    hamlet = rng.choice(["ấp Chợ", "khóm 3", "thôn Đông", "số 12 đường Lê Lợi", "tổ 5"])
    if style == 4:
        as_of = LEGACY_LIST_DATE if unit.map.code == "legacy" else None
        return _part(unit, 0), unit.province.code if unit.province else None, as_of
    parts = [_part(u, style) for u in chain]
    if style in (0, 1):
        parts.insert(0, hamlet)
    text = ", ".join(parts)
    if style == 1:
        text = fold(text)
    if style == 3:
        text = _old_tones(" ".join(parts))
    return text, None, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    with acting_as_system():
        geo_load()
    rng = random.Random(args.seed)
    communes = list(
        AdminUnit.objects.filter(level="commune")
        .select_related("map", "parent__parent", "province")
        .order_by("pk")
    )
    units = [rng.choice(communes) for _ in range(args.n)]
    inputs = [address(u, i % 5, rng) for i, u in enumerate(units)]
    keys = [(u.map.code, u.level, u.code) for u in units]

    rows = []

    def record(variant: str, seconds: float, queries: int | None = None) -> None:
        rows.append(
            {
                "variant": variant,
                "seconds": round(seconds, 3),
                "us_per_record": round(seconds / args.n * 1e6, 1),
                "records_per_second": int(args.n / seconds) if seconds else None,
                "queries": queries,
            }
        )

    # 1. exact code, one query per record
    start = time.perf_counter()
    for map_code, level, code in keys:
        AdminUnit.objects.only("pk").get(map__code=map_code, level=level, code=code)
    record("exact code: one query per record", time.perf_counter() - start, args.n)

    # 2. exact code, one bulk query + dict
    start = time.perf_counter()
    table = {
        (m, level, code): pk
        for pk, m, level, code in AdminUnit.objects.values_list("pk", "map__code", "level", "code")
    }
    found = [table[k] for k in keys]
    record("exact code: bulk query + dict", time.perf_counter() - start, 1)
    assert found == [u.pk for u in units]

    # 3. the resolver
    start = time.perf_counter()
    index = build_index(("bench",))
    build_seconds = time.perf_counter() - start
    record("resolver: build the index", build_seconds, 3)
    resolver = Resolver(index)
    start = time.perf_counter()
    results = [
        resolver.resolve(text, province=province, as_of=as_of) for text, province, as_of in inputs
    ]
    resolve_seconds = time.perf_counter() - start
    record("resolver: resolve (index built)", resolve_seconds, 0)
    record("resolver: build + resolve", build_seconds + resolve_seconds, 3)

    by_style: dict[int, dict[str, int]] = {}
    wrong: list[tuple[tuple[str, str | None, dt.date | None], str, str, str]] = []
    for i, (unit, result) in enumerate(zip(units, results, strict=True)):
        stats = by_style.setdefault(i % 5, {"n": 0, "accepted_right": 0, "accepted_today": 0,
                                            "accepted_wrong": 0, "ambiguous": 0,
                                            "listed": 0})  # fmt: skip
        stats["n"] += 1
        best = result.best
        if best is not None:
            if best.unit.id == unit.pk:
                stats["accepted_right"] += 1
            elif best.unit.id in index.units[unit.pk].current_ids:
                stats["accepted_today"] += 1  # the same place on today's map (name kept)
            else:
                stats["accepted_wrong"] += 1
                if len(wrong) < 15:
                    wrong.append((inputs[i], unit.map.code, unit.code, best.unit.code))
        if result.ambiguous:
            stats["ambiguous"] += 1
        if any(m.unit.id == unit.pk for m in result.matches):
            stats["listed"] += 1
    style_names = {
        0: "full, diacritics, hamlet",
        1: "no diacritics",
        2: "abbreviated",
        3: "old tone placement, no commas",
        4: "commune only + --province (--as-of)",
    }

    print(f"Address resolution, {args.n:,} addresses ({connection.vendor}), seed {args.seed}")
    print(f"{'variant':42} {'seconds':>9} {'µs/record':>10} {'records/s':>10} {'queries':>8}")
    for row in rows:
        queries = row["queries"] if row["queries"] is not None else ""
        print(
            f"{row['variant']:42} {row['seconds']:>9} {row['us_per_record']:>10} "
            f"{row['records_per_second'] or '':>10} {queries:>8}"
        )
    print(f"\nQuality (accept = not ambiguous and confidence ≥ {ACCEPT}):")
    columns = ["n", "accepted_right", "accepted_today", "accepted_wrong", "ambiguous", "listed"]
    print(f"{'style':32} " + " ".join(f"{c:>14}" for c in columns))
    for style, stats in sorted(by_style.items()):
        print(f"{style_names[style]:32} " + " ".join(f"{stats[c]:>14}" for c in columns))
    for sample in wrong:
        print("  accepted another unit:", sample)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "geo_resolve",
                "n": args.n,
                "seed": args.seed,
                "database": connection.vendor,
                "python": platform.python_version(),
                "machine": platform.machine(),
                "rows": rows,
                "quality": {style_names[s]: v for s, v in sorted(by_style.items())},
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
