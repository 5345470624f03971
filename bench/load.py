"""``make load``: load and soak test under gunicorn + PostgreSQL + the national data set.

Never part of ``make test`` or CI (issue 14 item 7). Traffic goes to the loopback address only.

1. **Load**: gunicorn started with deploy/ocop-web.service's command (production settings, as
   behind nginx), then ``wrk`` at fixed concurrency for ``LOAD_SECONDS`` (default 60) against
   the public catalogue, a certificate's verification page and a staff list (signed in as the
   demo provincial officer). Reports req/s, p50/p95/p99 and errors (any non-2xx/3xx counts).
2. **Soak**: ``SOAK_TASKS`` (default 10,000) reminder deliveries enqueued, two workers started
   with deploy/ocop-worker.service's command; every task must finish exactly once: each writes
   one certificate event, which is counted per reminder, and each task row names one worker.

Environment: ``LOAD_DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/ocop_load; made
with ``ocop demo --scale national`` when empty), ``LOAD_CONNECTIONS`` (16), ``LOAD_SECONDS``,
``SOAK_TASKS``. Figures go to bench/results/load.json and, by hand, docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ocop_load")
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", 16))
SECONDS = int(os.environ.get("LOAD_SECONDS", 60))
SOAK_TASKS = int(os.environ.get("SOAK_TASKS", 10_000))
VAR = ROOT / "var" / "load"


def unit_command(unit: str) -> list[str]:
    text = (ROOT / "deploy" / unit).read_text(encoding="utf-8")
    (line,) = [x for x in text.splitlines() if x.startswith("ExecStart=")]
    line = line.split("=", 1)[1].replace("/opt/ocop/venv/bin/", f"{BIN}/")
    return shlex.split(line.replace("/opt/ocop/app", str(ROOT)))


def environment(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "OCOP_ENV": "production",
        "OCOP_SECRET_KEY": "load-test-" + "s" * 50,
        "OCOP_ALLOWED_HOSTS": "127.0.0.1",
        "OCOP_VAR_DIR": str(VAR),
        "DATABASE_URL": DATABASE_URL,
        "OCOP_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PROMETHEUS_MULTIPROC_DIR": str(VAR / "metrics"),
        **extra,
    }
    env.pop("DATABASE_REPLICA_URL", None)
    return env


def ocop(*args: str, env: dict[str, str], capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "ocop", *args], cwd=ROOT, env=env, check=True,
        capture_output=capture, text=True,
    )  # fmt: skip
    return result.stdout if capture else ""


def django_eval(code: str, env: dict[str, str]) -> str:
    script = "import django; django.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE":
        "config.settings"}, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip


def prepare(env: dict[str, str]) -> dict[str, str]:
    VAR.mkdir(parents=True, exist_ok=True)
    ocop("migrate", "--no-input", "-v", "0", env=env)
    count = django_eval(
        "from ocop.producers.models import Producer; print(Producer.objects.count())", env
    )
    if int(count) < 5000:
        ocop("geo", "load", env=env)
        ocop("demo", "--scale", "national", env=env)
    ocop("collectstatic", "--no-input", "-v", "0", env=env)
    facts = django_eval(
        """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from ocop.accounts.models import User
from ocop.certification.models import Certificate
user = User.objects.get(username="canbo.tinh")
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
cert = Certificate.objects.filter(revocation_decision__isnull=True).order_by("pk").first()
print(json.dumps({"session": store.session_key, "certificate": cert.number}))
""",
        env,
    )
    return json.loads(facts.splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(base: str) -> None:
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz")


def wrk(url: str, *headers: str) -> dict[str, float]:
    report = str(ROOT / "bench" / "wrk_report.lua")
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "10s",
            "-s", report, "-H", "X-Forwarded-Proto: https"]  # fmt: skip
    for h in headers:
        args += ["-H", h]
    out = subprocess.run([*args, url], check=True, capture_output=True, text=True).stdout
    raw = json.loads(out.strip().splitlines()[-1])
    errors = sum(raw["errors"].values())
    return {
        "requests": raw["requests"],
        "req_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": errors,
    }


def load(env: dict[str, str], facts: dict[str, str]) -> dict[str, dict[str, float]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    web_env = {**env, "OCOP_BIND": f"127.0.0.1:{port}"}
    log = (VAR / "gunicorn.log").open("w")
    web = subprocess.Popen(unit_command("ocop-web.service"), cwd=ROOT, env=web_env,
                           stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        wait_healthy(base)
        number = facts["certificate"]
        targets = {
            "public catalogue /": (f"{base}/", ()),
            "verification /xac-thuc/…": (f"{base}/xac-thuc/{number}", ()),
            "staff list /giay-chung-nhan/": (
                f"{base}/giay-chung-nhan/",
                (f"Cookie: sessionid={facts['session']}",),
            ),
        }
        results = {}
        for name, (url, headers) in targets.items():
            # Check the page answers 200 before timing it (a redirect to login would be fast).
            extra = dict(h.split(": ", 1) for h in headers)
            req = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **extra})  # noqa: S310
            with urllib.request.urlopen(req, timeout=30) as r:  # noqa: S310 - loopback
                assert r.status == 200, (name, r.status)
                assert r.url == url, (name, r.url)
            results[name] = wrk(url, *headers)
            print(f"{name:32} {results[name]}", flush=True)
        return results
    finally:
        web.terminate()
        web.wait(timeout=60)
        log.close()


def soak(env: dict[str, str]) -> dict[str, float]:
    prepare_code = f"""
import datetime as dt
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from ocop.certification.models import Certificate, CertificateEvent, Reminder
from ocop.certification.reminders import MILESTONES
from ocop.certification.tasks import deliver_reminder
SOAK_DAY = dt.date(2099, 1, 1)
Reminder.objects.filter(due_on=SOAK_DAY).delete()
CertificateEvent.objects.filter(on=SOAK_DAY).delete()
DBTaskResult.objects.all().delete()
certs = list(Certificate.objects.order_by("pk").values_list("pk", flat=True))
pairs = [(c, m.code) for m in MILESTONES for c in certs][:{SOAK_TASKS}]
assert len(pairs) == {SOAK_TASKS}, len(pairs)
reminders = Reminder.objects.bulk_create(
    [Reminder(certificate_id=c, milestone=m, due_on=SOAK_DAY) for c, m in pairs]
)
with transaction.atomic():
    for r in reminders:
        deliver_reminder.enqueue(r.pk)
print(DBTaskResult.objects.filter(status="READY").count())
"""
    enqueued = int(django_eval(prepare_code, env).splitlines()[-1])
    assert enqueued == SOAK_TASKS, enqueued
    started = time.monotonic()
    workers = [
        subprocess.Popen(unit_command("ocop-worker.service"), cwd=ROOT, env=env,
                         stdout=(VAR / f"worker{i}.log").open("w"), stderr=subprocess.STDOUT)
        for i in range(2)
    ]  # fmt: skip
    check = """
from django_tasks_db.models import DBTaskResult
print(DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).count())
"""
    try:
        while int(django_eval(check, env).splitlines()[-1]) > 0:
            time.sleep(5)
    finally:
        elapsed = time.monotonic() - started
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(timeout=300)
    verify = """
import datetime as dt, json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from ocop.certification.models import CertificateEvent
SOAK_DAY = dt.date(2099, 1, 1)
events = CertificateEvent.objects.filter(on=SOAK_DAY, kind="reminder")
per_reminder = events.values("certificate_id", "note").annotate(n=Count("id"))
claims = [len(w) for w in DBTaskResult.objects.values_list("worker_ids", flat=True)]
print(json.dumps({
    "successful": DBTaskResult.objects.filter(status="SUCCESSFUL").count(),
    "failed": DBTaskResult.objects.filter(status="FAILED").count(),
    "events": events.count(),
    "reminders_with_more_than_one_event": sum(1 for r in per_reminder if r["n"] > 1),
    "tasks_claimed_more_than_once": sum(1 for n in claims if n != 1),
    "workers": len({w for ws in DBTaskResult.objects.values_list("worker_ids", flat=True)
                    for w in ws}),
}))
"""
    figures = json.loads(django_eval(verify, env).splitlines()[-1])
    figures["seconds"] = round(elapsed, 1)
    figures["tasks_per_s"] = round(SOAK_TASKS / elapsed, 1)
    print(f"soak: {figures}", flush=True)
    assert figures["successful"] == SOAK_TASKS, figures
    assert figures["events"] == SOAK_TASKS, figures
    assert figures["reminders_with_more_than_one_event"] == 0, figures
    assert figures["tasks_claimed_more_than_once"] == 0, figures
    return figures


def main() -> int:
    env = environment()
    load_avg = os.getloadavg()
    print(f"load average before: {load_avg}", flush=True)
    facts = prepare(env)
    results: dict[str, object] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores",
        "load_average_before": load_avg,
        "connections": CONNECTIONS,
        "seconds": SECONDS,
    }
    if os.environ.get("LOAD_SKIP_HTTP") != "1":
        results["http"] = load(env, facts)
    if os.environ.get("LOAD_SKIP_SOAK") != "1":
        results["soak"] = soak(env)
    results["load_average_after"] = os.getloadavg()
    out = ROOT / "bench" / "results" / "load.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    errors = sum(r["errors"] for r in results.get("http", {}).values())  # type: ignore[union-attr]
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
