"""The programme dashboard and report at national scale vs raw SQL aggregates of the same figures.

In one run, interleaved: the dashboard page (HTTP GET through the whole stack, national office),
the programme report's JSON (``programme_figures`` + serialisation, as ``ocop report programme``
does) and the raw SQL aggregate queries that count the same headline figures (products rated in
the period by the rank of their latest recognition, producers by legal form) — 3 warm-up + 20
measured rounds each; p50/p95. The SQL's counts are checked against the report's, so the
comparison is between two ways of computing the *same* numbers.

Data: ``ocop demo --scale national --seed 2026`` in the dedicated databases of
``bench_registry_search``. Writes ``bench/results/programme.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from bench_registry_search import database_label, national_data_set, run_child, summary

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "programme.json"
USERNAME = "quocgia"
WARMUP_ROUNDS = 3
MEASURED_ROUNDS = 20
PERIOD = "2022-2025"

# rated-in-period/v1 in SQL, for records with full dates (the national set has no others):
# products with a recognition in the period known by the as-of date, counted once at the rank of
# their latest recognition unless its certificate was revoked by then; place = the commune of
# origin (or the re-pointed current commune) among the units grouped under the province.
RAW_BY_RANK = """
WITH known AS (
  SELECT r.product_id, r.star, r.potential_5,
         COALESCE(r.round_year, {year}) AS y,
         ROW_NUMBER() OVER (PARTITION BY r.product_id ORDER BY d.signed_on DESC, r.id DESC) AS n,
         CASE WHEN rd.id IS NOT NULL AND (rd.signed_on IS NULL OR rd.signed_on <= %s)
              THEN 1 ELSE 0 END AS revoked
  FROM certification_result r
  JOIN certification_decision d ON d.id = r.decision_id
  JOIN products_product p ON p.id = r.product_id
  LEFT JOIN certification_certificate c ON c.result_id = r.id
  LEFT JOIN certification_decision rd ON rd.id = c.revocation_decision_id
  WHERE d.kind IN ('recognition', 'result_approval') AND d.signed_on <= %s
    AND (r.star >= 3 OR r.potential_5)
    AND COALESCE(p.current_unit_id, p.origin_unit_id) IN ({units})
)
SELECT CASE WHEN k.potential_5 THEN 'potential_5' ELSE CAST(k.star AS TEXT) END, COUNT(*)
FROM known k
WHERE k.n = 1 AND k.revoked = 0
  AND EXISTS (SELECT 1 FROM known k2 WHERE k2.product_id = k.product_id AND k2.y BETWEEN %s AND %s)
GROUP BY 1 ORDER BY 1
"""


def measure(backend: str) -> dict[str, object]:
    prepare_s = national_data_set()
    import datetime as dt

    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from ocop.accounts.models import User
    from ocop.geo.selectors import units_grouped_under
    from ocop.products.models import Product
    from ocop.programme.selectors import programme_figures, report_params

    user = User.objects.get(username=USERNAME)
    busiest = (
        Product.objects.values("producer__address_province_id", "producer__address_province__code")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    province_id = busiest["producer__address_province_id"]
    code = busiest["producer__address_province__code"]
    as_of = dt.date(2026, 6, 30)
    params = report_params(period_code=PERIOD, unit_code=code, map_name="current", as_of=as_of)
    client = Client()
    client.force_login(user)
    url = reverse("reports:programme_dashboard")
    query = {"period": PERIOD, "map": "current", "unit": code, "as_of": "30/06/2026"}
    year_sql = (
        "CAST(strftime('%%Y', d.signed_on) AS INTEGER)"
        if connection.vendor == "sqlite"
        else "CAST(EXTRACT(YEAR FROM d.signed_on) AS INTEGER)"
    )
    unit_ids = units_grouped_under(params.unit, on="current")
    raw_sql = RAW_BY_RANK.format(year=year_sql, units=",".join(str(int(u)) for u in unit_ids))

    def dashboard() -> float:
        t0 = time.perf_counter()
        response = client.get(url, query)
        elapsed = time.perf_counter() - t0
        if response.status_code != 200:
            raise SystemExit(f"dashboard answered {response.status_code}")
        return elapsed

    def report() -> float:
        t0 = time.perf_counter()
        json.dumps(programme_figures(user=None, params=params).as_json())
        return time.perf_counter() - t0

    def raw() -> tuple[float, dict[str, int]]:
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(raw_sql, [as_of, as_of, 2022, 2025])
            ranks = dict(cursor.fetchall())
            cursor.execute(
                "SELECT pr.legal_form, COUNT(DISTINCT pr.id) FROM producers_producer pr "
                "JOIN products_product p ON p.producer_id = pr.id "
                "WHERE pr.address_province_id = %s GROUP BY 1",
                [province_id],
            )
            cursor.fetchall()
        return time.perf_counter() - t0, ranks

    for _ in range(WARMUP_ROUNDS):
        dashboard()
        report()
        raw()
    times: dict[str, list[float]] = {"dashboard": [], "report": [], "raw_sql": []}
    ranks: dict[str, int] = {}
    for _ in range(MEASURED_ROUNDS):
        times["dashboard"].append(dashboard())
        times["report"].append(report())
        elapsed, ranks = raw()
        times["raw_sql"].append(elapsed)
    figures = programme_figures(user=None, params=params)
    ours = {
        "3": figures.value("products.rated.by_star.3"),
        "4": figures.value("products.rated.by_star.4"),
        "5": figures.value("products.rated.by_star.5"),
        "potential_5": figures.value("products.rated.potential_5"),
    }
    stats = {name: summary(values) for name, values in times.items()}
    return {
        "backend": backend,
        "database": database_label(connection),
        "province": code,
        "products_in_province": busiest["n"],
        "rated_total": figures.value("products.rated.total"),
        "by_rank_report": ours,
        "by_rank_raw_sql": {k: ranks.get(k, 0) for k in ours},
        "measured_rounds": MEASURED_ROUNDS,
        **stats,
        "ratio_report_to_sql_p50": round(
            stats["report"]["p50_ms"] / max(stats["raw_sql"]["p50_ms"], 0.001), 1
        ),
        "prepare_s": round(prepare_s, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgres"])
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.backend:
        Path(args.out).write_text(json.dumps(measure(args.backend), ensure_ascii=False))
        return 0
    rows = [
        run_child(backend, script=__file__, name="programme") for backend in ("sqlite", "postgres")
    ]
    print(f"\nProgramme dashboard and report — {MEASURED_ROUNDS} measured rounds each")
    for r in rows:
        print(
            f"{r['database']:<22} province {r['province']} ({r['rated_total']} rated)  "
            f"dashboard p50 {r['dashboard']['p50_ms']:.1f} ms  "
            f"report p50 {r['report']['p50_ms']:.1f} ms  "
            f"raw SQL p50 {r['raw_sql']['p50_ms']:.1f} ms"
            f"  same counts: {r['by_rank_report'] == r['by_rank_raw_sql']}"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "programme",
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
