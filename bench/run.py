"""Runner for ``make bench``: discover and run every ``bench/bench_*.py`` in its own process.

Interface of a benchmark script (see bench/README.md): it runs on its own with
``python bench/bench_<name>.py``, prepares whatever data it needs, prints a result table to
stdout, writes its figures as JSON to ``bench/results/<name>.json`` and exits non-zero on failure.

Usage: ``python bench/run.py [NAME ...]`` (names without the ``bench_`` prefix; default: all).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def discover(names: list[str]) -> list[Path]:
    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    if names:
        wanted = {n.removeprefix("bench_").removesuffix(".py") for n in names}
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in wanted]
        missing = wanted - {s.stem.removeprefix("bench_") for s in scripts}
        if missing:
            raise SystemExit(f"unknown benchmark(s): {', '.join(sorted(missing))}")
    return scripts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument(
        "--timeout", type=int, default=20 * 60, help="seconds allowed per benchmark (default 1200)"
    )
    args = parser.parse_args()
    (BENCH_DIR / "results").mkdir(exist_ok=True)
    summary: list[tuple[str, str, float]] = []
    for script in discover(args.names):
        print(f"\n=== {script.stem} ===", flush=True)
        started = time.perf_counter()
        try:
            rc = subprocess.run(
                [sys.executable, str(script)], cwd=ROOT, timeout=args.timeout, check=False
            ).returncode
            status = "ok" if rc == 0 else f"failed (exit {rc})"
        except subprocess.TimeoutExpired:
            status = f"timed out after {args.timeout} s"
        summary.append((script.stem, status, time.perf_counter() - started))
    print("\n=== summary ===")
    for name, status, seconds in summary:
        print(f"{name:<40} {status:<24} {seconds:8.1f} s")
    return 0 if all(status == "ok" for _, status, _ in summary) else 1


if __name__ == "__main__":
    sys.exit(main())
