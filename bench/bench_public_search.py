"""Public search under load: ocop under gunicorn vs Datasette, the same rows, the same load.

ocop serves the national demo set (``ocop demo --scale national --seed 2026`` on SQLite, in
``var/bench/`` like the other benchmarks) under **gunicorn** with 2 workers and production
settings (``OCOP_DEBUG=0``: DEBUG off, no debug toolbar, a secret key; not
``OCOP_ENV=production``, whose HTTPS redirect and manifest static files a loopback run cannot
use), on 127.0.0.1. **Datasette** (``bench/requirements-datasette.txt``, installed by this
script into its own environment ``bench/.venv-datasette``) serves the very rows ocop's public
search serves, exported into ``var/bench/datasette-products.sqlite3`` with an FTS5 index on the
name (``tokenize="unicode61 remove_diacritics 2"``), as a new user would start it
(``datasette serve FILE``: one process).

Both are loaded by ``wrk`` (Debian's package; installed with apt-get when missing) on the loopback
address with the same threads, connections and duration (``CONNECTIONS``, ``DURATION``):

* ocop API: ``/api/v1/products?q=banh tet``
* ocop HTML: ``/?q=banh tet`` (the catalogue's results page)
* Datasette: ``/<db>/products.json?_search=banh+tet&_size=20``

and each ocop URL a second time with the public answer cache off
(``OCOP_PUBLIC_CACHE_SECONDS=0``): what every request costs when the data has just changed.
Before loading, each URL must answer 200 and the three must report the same number of hits.
Reports req/s, p50/p95/p99 and ocop/Datasette ratios. Writes
``bench/results/public_search.json``.

Each URL is first loaded for ``WARMUP`` seconds the same way (every gunicorn worker has answered
and filled its cache; a worker's very first request takes seconds). ocop keeps its database
connection between requests (``OCOP_CONN_MAX_AGE=600``, as a production deployment would).
The API's per-address rate limit stays on (one counter write per request) with a quota the load
cannot reach (``OCOP_API_RATE``): every request is counted, none is refused.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results" / "public_search.json"
VAR = ROOT / "var" / "bench"
DB = VAR / "ocop.sqlite3"
DATASETTE_DB = VAR / "datasette-products.sqlite3"
DATASETTE_VENV = BENCH / ".venv-datasette"
DATASETTE_REQUIREMENTS = BENCH / "requirements-datasette.txt"
WRK_SCRIPT = BENCH / "wrk_report.lua"
SEED = 2026
QUERY = "banh tet"
CONNECTIONS = 8
THREADS = 2
DURATION = 10  # seconds per URL
WORKERS = 2
WARMUP = 3  # seconds of the same load per URL before the measured run (warms every worker)


def ocop_env(*, cache: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "OCOP_DEBUG": "0",
            "OCOP_SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
            "OCOP_SSL_REDIRECT": "0",
            "OCOP_HSTS_SECONDS": "0",
            "OCOP_NUM_PROXIES": "0",
            "OCOP_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "OCOP_AUDIT_REQUIRE_ACTOR": "0",
            "OCOP_LOG_LEVEL": "ERROR",
            "OCOP_API_RATE": "100000000/min",
            # Persistent connections, as in production: a new SQLite connection per request
            # runs its PRAGMAs on every request (settings.py, OCOP_CONN_MAX_AGE).
            "OCOP_CONN_MAX_AGE": "600",
            "OCOP_VAR_DIR": str(VAR),
            "DATABASE_URL": f"sqlite:///{DB}",
        }
    )
    if not cache:
        env["OCOP_PUBLIC_CACHE_SECONDS"] = "0"
    return env


def ocop(*args: str) -> str:
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "ocop"), *args],
        env=ocop_env(),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def demo_products() -> int:
    con = sqlite3.connect(DB)
    try:
        return int(con.execute("SELECT COUNT(*) FROM products_product WHERE is_demo").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


def prepare_ocop() -> float:
    """The national demo set on SQLite (idempotent: a second run only checks it)."""
    VAR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ocop("migrate", "--no-input", "-v", "0")
    if demo_products() < 20_000:
        ocop("geo", "load")
        ocop("demo", "--scale", "national", "--seed", str(SEED))
    return time.perf_counter() - started


EXPORT = """
import json, sys
from ocop.catalogue.selectors import CatalogueQuery, attach_certificates, public_product_search
products = attach_certificates(list(public_product_search(CatalogueQuery())))
rows = [[p.pk, p.name, p.producer.name, p.product_set.name if p.product_set else None,
         p.star, p.certificate_number or "", p.certificate_status or "", p.updated_at.isoformat()]
        for p in products]
json.dump(rows, sys.stdout, ensure_ascii=False)
"""


def export_datasette_db() -> int:
    """The rows ocop's public search serves, in a SQLite file of their own with FTS5."""
    rows = json.loads(ocop("shell", "--no-imports", "-v", "0", "-c", EXPORT))
    DATASETTE_DB.unlink(missing_ok=True)
    con = sqlite3.connect(DATASETTE_DB)
    con.executescript(
        """
        CREATE TABLE products (
            id INTEGER PRIMARY KEY, name TEXT, producer_name TEXT, product_set_name TEXT,
            star INTEGER, certificate_number TEXT, certificate_status TEXT, updated_at TEXT
        );
        CREATE VIRTUAL TABLE products_fts USING fts5(
            name, content="products", content_rowid="id",
            tokenize="unicode61 remove_diacritics 2"
        );
        """
    )
    con.executemany("INSERT INTO products VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute("INSERT INTO products_fts (rowid, name) SELECT id, name FROM products")
    con.commit()
    con.close()
    return len(rows)


def ensure_datasette() -> str:
    """Datasette in its own environment (a benchmark-only dependency)."""
    exe = DATASETTE_VENV / "bin" / "datasette"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(DATASETTE_VENV)], check=True)
        subprocess.run(
            [DATASETTE_VENV / "bin" / "pip", "install", "-q", "-r", DATASETTE_REQUIREMENTS],
            check=True,
        )
    version = subprocess.run([str(exe), "--version"], check=True, capture_output=True, text=True)
    return version.stdout.strip()


def ensure_wrk() -> str:
    if shutil.which("wrk") is None:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return (out.stdout or out.stderr).splitlines()[0].strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server for {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not come up in {seconds} s")


@contextlib.contextmanager
def serving(cmd: list[str], env: dict[str, str], probe: str) -> Iterator[None]:
    process = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_up(probe, process)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def gunicorn(port: int, *, cache: bool) -> contextlib.AbstractContextManager[None]:
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi",
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    return serving(cmd, ocop_env(cache=cache), f"http://127.0.0.1:{port}/robots.txt")


def datasette(port: int) -> contextlib.AbstractContextManager[None]:
    cmd = [
        str(DATASETTE_VENV / "bin" / "datasette"),
        "serve",
        str(DATASETTE_DB),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    return serving(cmd, dict(os.environ), f"http://127.0.0.1:{port}/-/versions.json")


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
        return int(response.status), response.read()


def hits_api(body: bytes) -> int:
    return int(json.loads(body)["count"])


def hits_html(body: bytes) -> int:
    match = re.search(rb'id="results-heading">\s*([\d.]+)', body)
    if match is None:
        raise SystemExit("the results page shows no hit count")
    return int(match.group(1).replace(b".", b""))


def hits_datasette(body: bytes) -> int:
    return int(json.loads(body)["filtered_table_rows_count"])


def check(url: str, count: object) -> int:
    status, body = get(url)
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    hits = count(body)  # type: ignore[operator]
    load(url, seconds=WARMUP)
    return int(hits)


def load(url: str, *, seconds: int = DURATION) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "--threads",
            str(THREADS),
            "--connections",
            str(CONNECTIONS),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--script",
            str(WRK_SCRIPT),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(x for x in reversed(out.splitlines()) if x.startswith("{"))
    r = json.loads(line)
    errors = sum(r["errors"].values())
    if errors:
        raise SystemExit(f"{url}: {errors} errors under load ({r['errors']})")
    seconds = r["duration_us"] / 1e6
    return {
        "requests": r["requests"],
        "rps": round(r["requests"] / seconds, 1),
        "p50_ms": round(r["p50_us"] / 1000, 1),
        "p95_ms": round(r["p95_us"] / 1000, 1),
        "p99_ms": round(r["p99_us"] / 1000, 1),
        "max_ms": round(r["max_us"] / 1000, 1),
    }


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> int:
    prepare_s = prepare_ocop()
    exported = export_datasette_db()
    datasette_version = ensure_datasette()
    wrk_version = ensure_wrk()
    load_before = uptime()
    q = urllib.parse.quote(QUERY)
    api_path = f"/api/v1/products?q={q}"
    html_path = f"/?q={q.replace('%20', '+')}"
    ds_path = f"/{DATASETTE_DB.stem}/products.json?_search={q.replace('%20', '+')}&_size=20"

    results: dict[str, dict[str, float]] = {}
    hits: dict[str, int] = {}
    port = free_port()
    with datasette(port):
        url = f"http://127.0.0.1:{port}{ds_path}"
        hits["datasette"] = check(url, hits_datasette)
        results["datasette"] = load(url)
    for cache in (True, False):
        port = free_port()
        suffix = "" if cache else " (cache off)"
        with gunicorn(port, cache=cache):
            for name, path, count in (
                ("ocop API", api_path, hits_api),
                ("ocop HTML", html_path, hits_html),
            ):
                url = f"http://127.0.0.1:{port}{path}"
                hits[name + suffix] = check(url, count)
                results[name + suffix] = load(url)
    if len(set(hits.values())) != 1:
        raise SystemExit(f"the servers disagree on the hits of {QUERY!r}: {hits}")
    load_after = uptime()

    ds = results["datasette"]
    print(
        f"\nPublic search {QUERY!r} — {exported} public products, {hits['datasette']} hits; "
        f"wrk {THREADS} threads, {CONNECTIONS} connections, {DURATION} s each"
    )
    header = f"{'server':<28}{'req/s':>9}{'p50':>9}{'p95':>9}{'p99':>9}{'ratio':>8}"
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        r["ratio_rps"] = round(r["rps"] / ds["rps"], 2)
        print(
            f"{name:<28}{r['rps']:>9.1f}{r['p50_ms']:>7.1f}ms{r['p95_ms']:>7.1f}ms"
            f"{r['p99_ms']:>7.1f}ms{r['ratio_rps']:>7.2f}×"
        )
    print(f"load: before {load_before}\n      after  {load_after}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "public_search",
                "date": time.strftime("%Y-%m-%d %H:%M"),
                "machine": {
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                    "python": platform.python_version(),
                    "sqlite": sqlite3.sqlite_version,
                    "uptime_before": load_before,
                    "uptime_after": load_after,
                },
                "versions": {"datasette": datasette_version, "wrk": wrk_version},
                "query": QUERY,
                "public_products": exported,
                "hits": hits,
                "load": {
                    "tool": "wrk",
                    "threads": THREADS,
                    "connections": CONNECTIONS,
                    "duration_s": DURATION,
                    "warmup_s": WARMUP,
                },
                "ocop_conn_max_age_s": int(ocop_env()["OCOP_CONN_MAX_AGE"]),
                "gunicorn_workers": WORKERS,
                "urls": {"api": api_path, "html": html_path, "datasette": ds_path},
                "results": results,
                "prepare_s": round(prepare_s, 1),
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
