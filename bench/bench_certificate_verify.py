"""Public certificate verification at national scale: the verification page of one certificate
(anonymous, as a buyer scanning the QR code) vs the staff product detail page (logged in) —
both HTTP GETs through the whole Django stack, interleaved in the same run, 20 warm-up + 200
measured requests each; p50/p95 and their ratio, on SQLite and PostgreSQL.

Data: as ``bench_registry_search`` (``ocop demo --scale national --seed 2026``, which also adds
≈ 7,000 certificates), in the same dedicated databases. Writes
``bench/results/certificate_verify.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from bench_registry_search import (
    MEASURED,
    WARMUP,
    database_label,
    national_data_set,
    run_child,
    summary,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "certificate_verify.json"
USERNAME = "quocgia"


def measure(backend: str) -> dict[str, object]:
    prepare_s = national_data_set()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from ocop.accounts.models import User
    from ocop.certification.models import Certificate

    certificate = Certificate.objects.filter(is_demo=True).order_by("pk")[3_000]
    staff = Client()
    staff.force_login(User.objects.get(username=USERNAME))
    public = Client()
    verify_url = reverse("catalogue:certificate_verify", args=[certificate.number])
    detail_url = reverse("products:product_detail", args=[certificate.product_id])

    def get(client: Client, url: str) -> float:
        t0 = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - t0
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return elapsed

    for _ in range(WARMUP):
        get(public, verify_url)
        get(staff, detail_url)
    verify_times: list[float] = []
    detail_times: list[float] = []
    for _ in range(MEASURED):
        verify_times.append(get(public, verify_url))
        detail_times.append(get(staff, detail_url))
    verify_s, detail_s = summary(verify_times), summary(detail_times)
    return {
        "backend": backend,
        "database": database_label(connection),
        "certificates": Certificate.objects.count(),
        "certificate": certificate.number,
        "warmup": WARMUP,
        "measured": MEASURED,
        "verify": verify_s,
        "detail": detail_s,
        "ratio_p50": round(verify_s["p50_ms"] / detail_s["p50_ms"], 2),
        "ratio_p95": round(verify_s["p95_ms"] / detail_s["p95_ms"], 2),
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
        run_child(backend, script=__file__, name="certificate_verify")
        for backend in ("sqlite", "postgres")
    ]
    print(f"\nCertificate verification — {MEASURED} measured requests each (after {WARMUP})")
    for r in rows:
        print(
            f"{r['database']:<22}{r['certificates']:>8} certificates  "
            f"verify p50 {r['verify']['p50_ms']:.1f} ms p95 {r['verify']['p95_ms']:.1f} ms  "
            f"detail p50 {r['detail']['p50_ms']:.1f} ms p95 {r['detail']['p95_ms']:.1f} ms  "
            f"ratio p50 {r['ratio_p50']:.2f} p95 {r['ratio_p95']:.2f}"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "certificate_verify",
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
