"""Registry search at national scale: the staff product list with a diacritic-free query vs the
detail page of one product — both HTTP GETs through the whole Django stack (test Client:
middleware, session, auth, templates) as the same logged-in user, interleaved in the same run,
20 warm-up + 200 measured requests each; p50/p95 and their ratio, on SQLite and PostgreSQL.

Data: ``ocop migrate``, ``ocop geo load``, ``ocop demo --scale national --seed 2026`` into a
dedicated database per engine (``var/bench/`` for SQLite; ``OCOP_BENCH_POSTGRES_URL`` for
PostgreSQL, default ``postgres://postgres@127.0.0.1:5432/ocop_bench``, created when missing).
Writes ``bench/results/registry_search.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "registry_search.json"
WARMUP = 20
MEASURED = 200
QUERY = "banh tet"  # "Bánh tét …" typed without diacritics
SEED = 2026
USERNAME = "quocgia"  # the national office's demo account: sees every province
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/ocop_bench"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(times: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(times, 50) * 1000, 2),
        "p95_ms": round(percentile(times, 95) * 1000, 2),
        "mean_ms": round(statistics.fmean(times) * 1000, 2),
        "max_ms": round(max(times) * 1000, 2),
    }


def database_label(connection: object) -> str:
    vendor = getattr(connection, "vendor", "")
    if vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"  # type: ignore[attr-defined]
    version = int(getattr(connection, "pg_version", 0))
    return f"PostgreSQL {version // 10000}.{version % 10000}"


# --- child: one engine -----------------------------------------------------------------------


def national_data_set() -> float:
    """In a benchmark's child process: set Django up on the child's database and build (or
    update) the national demo data set; the seconds it took."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("geo", "load", verbosity=0)
    call_command("demo", "--scale", "national", "--seed", str(SEED), verbosity=0)
    return time.perf_counter() - started


def measure(backend: str) -> dict[str, object]:
    prepare_s = national_data_set()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from ocop.accounts.models import User
    from ocop.producers.models import Producer
    from ocop.products.models import Product

    user = User.objects.get(username=USERNAME)
    product = Product.objects.filter(is_demo=True).order_by("pk")[10_000]
    client = Client()
    client.force_login(user)
    list_url = reverse("products:product_list")
    detail_url = reverse("products:product_detail", args=[product.pk])

    def get(url: str, params: dict[str, str] | None = None) -> float:
        t0 = time.perf_counter()
        response = client.get(url, params or {})
        elapsed = time.perf_counter() - t0
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return elapsed

    from ocop.products.selectors import product_list, product_search

    matches = product_search(product_list(user=user), q=QUERY).count()
    for _ in range(WARMUP):
        get(list_url, {"q": QUERY})
        get(detail_url)
    list_times: list[float] = []
    detail_times: list[float] = []
    for _ in range(MEASURED):
        list_times.append(get(list_url, {"q": QUERY}))
        detail_times.append(get(detail_url))
    list_s, detail_s = summary(list_times), summary(detail_times)
    return {
        "backend": backend,
        "database": database_label(connection),
        "products": Product.objects.count(),
        "producers": Producer.objects.count(),
        "query": QUERY,
        "matches": matches,
        "user": USERNAME,
        "detail_product": product.name,
        "warmup": WARMUP,
        "measured": MEASURED,
        "list": list_s,
        "detail": detail_s,
        "ratio_p50": round(list_s["p50_ms"] / detail_s["p50_ms"], 2),
        "ratio_p95": round(list_s["p95_ms"] / detail_s["p95_ms"], 2),
        "prepare_s": round(prepare_s, 1),
    }


# --- parent: both engines --------------------------------------------------------------------


def ensure_postgres_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def run_child(backend: str, *, script: str = __file__, name: str = "registry_search") -> dict:
    """Run ``script --backend B`` in a child process on the engine's bench database; its JSON.

    Shared by the other national-scale benchmarks (same databases, same environment).
    """
    env = dict(os.environ)
    env.update(
        {
            "OCOP_DEBUG": "0",
            "OCOP_ALLOWED_HOSTS": "testserver",
            "OCOP_AUDIT_REQUIRE_ACTOR": "0",
            "OCOP_LOG_LEVEL": "ERROR",
        }
    )
    if backend == "sqlite":
        var = ROOT / "var" / "bench"
        var.mkdir(parents=True, exist_ok=True)
        env["OCOP_VAR_DIR"] = str(var)
        env["DATABASE_URL"] = f"sqlite:///{var / 'ocop.sqlite3'}"
    else:
        url = os.environ.get("OCOP_BENCH_POSTGRES_URL", DEFAULT_PG)
        ensure_postgres_database(url)
        env["DATABASE_URL"] = url
        env["OCOP_VAR_DIR"] = str(ROOT / "var" / "bench-pg")
    out = ROOT / "bench" / "results" / f".{name}_{backend}.json"
    out.parent.mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, script, "--backend", backend, "--out", str(out)],
        env=env,
        cwd=ROOT,
        check=True,
    )
    data: dict[str, object] = json.loads(out.read_text())
    out.unlink()
    return data


def print_table(rows: list[dict]) -> None:
    print(f"\nRegistry search — {MEASURED} measured requests each (after {WARMUP} warm-up)")
    header = (
        f"{'database':<22}{'products':>9}{'matches':>9}"
        f"{'list p50':>10}{'list p95':>10}{'detail p50':>12}{'detail p95':>12}"
        f"{'ratio p50':>11}{'ratio p95':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['database']:<22}{r['products']:>9}{r['matches']:>9}"
            f"{r['list']['p50_ms']:>8.1f}ms{r['list']['p95_ms']:>8.1f}ms"
            f"{r['detail']['p50_ms']:>10.1f}ms{r['detail']['p95_ms']:>10.1f}ms"
            f"{r['ratio_p50']:>11.2f}{r['ratio_p95']:>11.2f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgres"])
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.backend:
        Path(args.out).write_text(json.dumps(measure(args.backend), ensure_ascii=False))
        return 0
    rows = [run_child(backend) for backend in ("sqlite", "postgres")]
    print_table(rows)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "registry_search",
                "date": time.strftime("%Y-%m-%d %H:%M"),
                "machine": {
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                    "python": platform.python_version(),
                },
                "results": rows,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
