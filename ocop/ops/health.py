"""Readiness checks: each returns ``(ok, detail)``; ``/readyz`` lists them all.

Kept cheap: one ``SELECT 1``, the migration plan (computed until it is first found empty, then
remembered for the life of the process: migrations are only ever applied while it is stopped
or before it is restarted), and one indexed ``MAX(seen_at)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max
from django.utils import timezone

Check = tuple[bool, str]

_migrations_known_applied = False


def check_database() -> Check:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, connections[DEFAULT_DB_ALIAS].vendor


def check_migrations() -> Check:
    global _migrations_known_applied
    if _migrations_known_applied:
        return True, "0 unapplied"
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:5])
        return False, f"{len(plan)} unapplied: {names}"
    _migrations_known_applied = True
    return True, "0 unapplied"


def check_worker() -> Check:
    from ocop.ops.models import WorkerHeartbeat

    limit = int(settings.OCOP_WORKER_SILENT_SECONDS)
    seen = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
    if seen is None:
        return False, "no heartbeat: is `ocop worker` running?"
    age = (timezone.now() - seen) / dt.timedelta(seconds=1)
    if age > limit:
        return False, f"last heartbeat {age:.0f} s ago (limit {limit} s)"
    return True, f"last heartbeat {age:.0f} s ago"


CHECKS: dict[str, Callable[[], Check]] = {
    "database": check_database,
    "migrations": check_migrations,
    "worker": check_worker,
}


def run_checks() -> dict[str, dict[str, object]]:
    """Every check, in order; once the database is unreachable the others are not attempted."""
    results: dict[str, dict[str, object]] = {}
    database_ok = True
    for name, check in CHECKS.items():
        if not database_ok:
            results[name] = {"ok": False, "detail": "not checked: the database is unreachable"}
            continue
        try:
            ok, detail = check()
        except Exception as exc:
            ok, detail = False, f"{type(exc).__name__}: {exc}".strip()[:300]
        results[name] = {"ok": ok, "detail": detail}
        if name == "database" and not ok:
            database_ok = False
    return results
