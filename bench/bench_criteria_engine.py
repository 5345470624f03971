"""Benchmark: the criteria engine on 100,000 member sheets (QĐ 26/2026, all 26 product sets).

Compares, on the same random answer sets:

- a plain Python loop adding the same Decimal points (lookup table, no checks);
- ``score_member`` (checks every answer, totals by part and group);
- ``score`` (a council of one: band, minimums per star, policies — a full result);
- ``score`` + ``next_star_gap`` (the exact smallest change to the next star).

Standalone (pure engine, no database): ``python bench/bench_criteria_engine.py [--n 100000]``.
Prints a table and writes ``bench/results/bench_criteria_engine.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ocop.criteria.engine import (  # noqa: E402 - after the path set-up of a standalone script
    ENGINE_VERSION,
    DossierFlags,
    Sheet,
    load_all_sheets,
    next_star_gap,
    score,
    score_member,
)

EDITION_DIR = ROOT / "ocop" / "criteria" / "editions" / "26-2026"
RESULTS = ROOT / "bench" / "results" / "bench_criteria_engine.json"


def random_answers(sheet: Sheet, rng: random.Random, case: int | None) -> dict[str, int]:
    answers = {}
    for crit in sheet.criteria:
        positions = [o.position for o in crit.options_for(case)]
        if crit.allows_none(case):
            positions.append(0)
        answers[crit.code] = rng.choice(positions)
    return answers


def timed(label: str, fn, items) -> tuple[str, float, object]:
    start = time.perf_counter()
    last = None
    for item in items:
        last = fn(item)
    return label, time.perf_counter() - start, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="member sheets (default 100000)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    sheets = load_all_sheets(EDITION_DIR)
    rng = random.Random(args.seed)
    work = []
    for i in range(args.n):
        sheet = sheets[i % len(sheets)]
        case = 1 if sheet.has_cases else None
        work.append((sheet, random_answers(sheet, rng, case), DossierFlags(case=case)))

    # The baseline: the same Decimal points from a prepared table, added in a loop.
    tables = {
        sheet.set_no: {
            c.code: {0: Decimal(0), **{o.position: o.points for o in c.options}}
            for c in sheet.criteria
        }
        for sheet in sheets
    }

    def plain(item) -> Decimal:
        sheet, answers, _flags = item
        table = tables[sheet.set_no]
        total = Decimal(0)
        for code, position in answers.items():
            total += table[code][position]
        return total

    def member(item) -> Decimal:
        sheet, answers, flags = item
        return score_member(sheet, answers, flags).total

    def full(item) -> Decimal:
        sheet, answers, flags = item
        return score(sheet, answers, flags).total

    def with_gap(item) -> Decimal:
        sheet, answers, flags = item
        outcome = score(sheet, answers, flags)
        next_star_gap(sheet, answers, flags)
        return outcome.total

    # Same totals everywhere: the benchmark compares equal work.
    for item in work[:200]:
        assert plain(item) == member(item) == full(item)

    runs = [
        timed("plain Decimal loop", plain, work),
        timed("engine: score_member", member, work),
        timed("engine: score (band, minimums)", full, work),
        timed("engine: score + next_star_gap", with_gap, work),
    ]
    base = runs[0][1]
    rows = []
    print(f"Criteria engine {ENGINE_VERSION} — {args.n:,} member sheets, QĐ 26/2026 sets 1–26")
    print(f"{'variant':<34} {'seconds':>9} {'µs/sheet':>10} {'sheets/s':>11} {'× plain':>8}")
    for label, seconds, _ in runs:
        per = seconds / args.n * 1e6
        rows.append(
            {
                "variant": label,
                "seconds": round(seconds, 3),
                "us_per_sheet": round(per, 2),
                "sheets_per_second": round(args.n / seconds),
                "ratio_to_plain": round(seconds / base, 1),
            }
        )
        print(
            f"{label:<34} {seconds:>9.2f} {per:>10.1f} {args.n / seconds:>11,.0f} "
            f"{seconds / base:>8.1f}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "criteria_engine",
                "n": args.n,
                "seed": args.seed,
                "engine_version": ENGINE_VERSION,
                "python": platform.python_version(),
                "machine": platform.machine(),
                "rows": rows,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"written {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
