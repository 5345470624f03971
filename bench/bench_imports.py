"""Benchmark: importing a 20,000-row products spreadsheet — dry run and commit timed separately —
against openpyxl's own read-only parse of the same file, in the same run, with peak memory.

The file is written the way a province keeps it (title rows, a header with an unknown "STT"
column, producers repeated over their products, addresses "xã …, huyện …, tỉnh …" of legacy
communes, the product set given as a number on most rows and missing on every tenth row, which
makes those rows ``review`` rows). Producers: ``--n / 3``, spread over the communes of the
legacy provinces that now form Vĩnh Long (86), imported by a provincial officer of 86.

Phases, one after the other in one process:

1. openpyxl ``load_workbook(read_only=True, data_only=True)`` and iterating every row's values;
2. ``plan_file`` — the dry run (read, legacy-encoding check, header and columns, addresses
   through the resolver, producer/product matching, outcomes);
3. ``import_commit`` — the commit in one transaction through ``producer_register`` /
   ``product_create`` (validation, scope checks, audit rows), with ``ImportedRecord`` and
   ``ReviewItem`` rows.

Peak memory: the process's maximum resident set size after each phase (it only grows, so the
figure after phase 2 is the larger of phases 1–2), and Python's own peak allocation of the
openpyxl parse (``tracemalloc``, in a separate untimed pass).

Standalone: ``python bench/bench_imports.py [--n 20000]``. Uses its own SQLite database
(``OCOP_VAR_DIR=var/bench-imports``, emptied of imported records at each run). Prints a table
and writes ``bench/results/bench_imports.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("OCOP_VAR_DIR", str(ROOT / "var" / "bench-imports"))
# as in production: no query log (DEBUG keeps the last 9,000 queries and formats each one)
os.environ.setdefault("OCOP_DEBUG", "0")

import django  # noqa: E402 - after the path set-up of a standalone script

django.setup()

import openpyxl  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from ocop.accounts.choices import Role  # noqa: E402
from ocop.accounts.models import User  # noqa: E402
from ocop.core.audit import acting_as_system  # noqa: E402
from ocop.geo.models import AdminUnit  # noqa: E402
from ocop.geo.services import geo_load  # noqa: E402
from ocop.imports.plan import Options, plan_file  # noqa: E402
from ocop.imports.services import import_commit  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "bench_imports.json"
FORMS = ["HTX", "Công ty TNHH", "Cty CP", "DNTN", "Hộ kinh doanh", "Tổ hợp tác"]
WORDS = ["Dừa", "Bưởi", "Mật ong", "Bánh tét", "Chuối", "Gạo", "Tôm", "Cá", "Trà", "Rượu",
         "Nước mắm", "Khô", "Mứt", "Xoài", "Nhãn", "Sen", "Lúa", "Cói", "Tre", "Hoa"]  # fmt: skip
PLACES = ["Phú", "Hòa", "Thạnh", "Long", "An", "Bình", "Tân", "Mỹ", "Đông", "Tây", "Hưng"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def build_file(n: int, seed: int) -> bytes:
    rng = random.Random(seed)
    legacy_provinces = list(
        AdminUnit.objects.filter(
            map__code="legacy", level="province", successor_links__target__code="86"
        ).distinct()
    )
    communes = list(
        AdminUnit.objects.filter(map__code="legacy", level="commune", province__in=legacy_provinces)
        .select_related("parent", "province")
        .order_by("pk")
    )
    producers = []
    for i in range(max(1, n // 3)):
        unit = rng.choice(communes)
        name = f"{rng.choice(FORMS)} {rng.choice(WORDS)} {rng.choice(PLACES)} {i + 1}"
        address = (
            f"ấp {rng.randint(1, 9)}, {unit.unit_type.lower()} {unit.name}, "
            f"{unit.parent.unit_type.lower()} {unit.parent.name}, "
            f"{unit.province.unit_type.lower()} {unit.province.name}"
        )
        producers.append((name, address))
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("San pham")
    ws.append(["UBND TỈNH VĨNH LONG"])
    ws.append(["DANH SÁCH SẢN PHẨM"])
    ws.append(["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Bộ sản phẩm"])
    for i in range(n):
        name, address = producers[i % len(producers)]
        product = f"{rng.choice(WORDS)} {rng.choice(PLACES)} loại {i + 1}"
        product_set = "" if i % 10 == 9 else str(rng.randint(1, 25))
        ws.append([i + 1, product, name, address, product_set])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def openpyxl_parse(data: bytes) -> int:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    count = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def clean() -> None:
    """Remove what an earlier run imported (the database is the benchmark's own)."""
    from auditlog.models import LogEntry

    from ocop.imports.models import ImportBatch, ImportedRecord, ReviewItem
    from ocop.producers.models import Producer
    from ocop.products.models import Product

    ReviewItem.objects.all().delete()
    ImportedRecord.objects.all().delete()
    ImportBatch.objects.all().delete()
    Product.objects.all().delete()
    Producer.objects.all().delete()
    LogEntry.objects.all().delete()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--commit-rows",
        type=int,
        default=None,
        help="commit only the file's first N rows (default: all); every record goes through "
        "the registry services (validation, duplicate check, audit row)",
    )
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    with acting_as_system():
        geo_load()
        clean()
        actor = User.objects.filter(username="bench.tinh").first()
        if actor is None:
            actor = User.objects.create_user(
                username="bench.tinh", password=None, role=Role.PROVINCE_OFFICE
            )
        actor.units.set(AdminUnit.objects.filter(map__code="2025", level="province", code="86"))
    data = build_file(args.n, args.seed)
    options = Options(kind="products")
    rows: list[dict[str, object]] = []

    def record(phase: str, seconds: float, extra: dict[str, object]) -> None:
        rows.append(
            {
                "phase": phase,
                "seconds": round(seconds, 2),
                "rows_per_second": int(args.n / seconds) if seconds else None,
                "max_rss_mb_after": round(_rss_mb(), 1),
                **extra,
            }
        )

    # Python's allocation peak of openpyxl's parse alone (cheap to trace).
    tracemalloc.start()
    openpyxl_parse(data)
    parse_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    start = time.perf_counter()
    parsed = openpyxl_parse(data)
    record("openpyxl read-only parse", time.perf_counter() - start,
           {"rows": parsed, "python_peak_mb": round(parse_peak / 2**20, 1)})  # fmt: skip

    start = time.perf_counter()
    plan = plan_file(data, "bench.xlsx", options, actor=actor)
    record("dry run (plan_file)", time.perf_counter() - start, {"counts": plan.counts})

    full_bytes = len(data)
    commit_n = args.commit_rows or args.n
    if commit_n < args.n:
        data = build_file(commit_n, args.seed)
        plan = plan_file(data, "bench.xlsx", options, actor=actor)
    start = time.perf_counter()
    result = import_commit(actor=actor, data=data, filename="bench.xlsx", options=options)
    seconds = time.perf_counter() - start
    record(f"commit (import_commit, {commit_n} rows)", seconds,
           {"written": result.written, "created": result.created})  # fmt: skip
    rows[-1]["rows_per_second"] = round(commit_n / seconds, 1) if seconds else None

    parse_s = rows[0]["seconds"]
    print(f"{args.n} product rows, {full_bytes / 2**20:.1f} MB xlsx, {connection.vendor}")
    print(f"{'phase':<40} {'seconds':>9} {'rows/s':>8} {'× parse':>8} {'max RSS MB':>11}")
    for row in rows:
        ratio = float(row["seconds"]) / float(parse_s) if parse_s else 0  # type: ignore[arg-type]
        print(
            f"{row['phase']:<40} {row['seconds']:>9} {row['rows_per_second']:>8} "
            f"{ratio:>8.1f} {row['max_rss_mb_after']:>11}"
        )
    print("dry-run counts:", rows[1]["counts"])
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "imports",
                "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "machine": {
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine(),
                    "cpus": os.cpu_count(),
                    "database": connection.vendor,
                },
                "n": args.n,
                "commit_rows": commit_n,
                "file_bytes": full_bytes,
                "load_average": os.getloadavg(),
                "phases": rows,
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return 0 if result.written == len(plan.committable) else 1


if __name__ == "__main__":
    sys.exit(main())
