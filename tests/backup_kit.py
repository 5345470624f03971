"""Helpers for the backup tests: run ``ocop`` against a chosen database, fresh databases,
``dumpdata`` compared record by record, media compared by hash."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ocop(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    full.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    full.pop("OCOP_AUDIT_REQUIRE_ACTOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "ocop", *args],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        check=False,
    )
    if check:
        assert result.returncode == 0, f"ocop {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def sqlite_env(tmp: Path, name: str) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{tmp / f'{name}.sqlite3'}",
        "OCOP_MEDIA_ROOT": str(tmp / f"media-{name}"),
        "OCOP_VAR_DIR": str(tmp / f"var-{name}"),
    }


@contextlib.contextmanager
def fresh_postgres(tmp: Path, name: str) -> Iterator[dict[str, str]]:
    """A new PostgreSQL database on the test server, dropped afterwards."""
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    dbname = f"ocop_bk_{name}_{uuid.uuid4().hex[:8]}"
    params = {
        "host": db.get("HOST") or "127.0.0.1",
        "port": int(db.get("PORT") or 5432),
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as conn:
        conn.execute(f'CREATE DATABASE "{dbname}"')
    password = f":{params['password']}" if params["password"] else ""
    url = f"postgres://{params['user']}{password}@{params['host']}:{params['port']}/{dbname}"
    try:
        yield {
            "DATABASE_URL": url,
            "OCOP_MEDIA_ROOT": str(tmp / f"media-{name}"),
            "OCOP_VAR_DIR": str(tmp / f"var-{name}"),
        }
    finally:
        with psycopg.connect(**params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def dump(env: dict[str, str], tmp: Path, name: str) -> dict[tuple[str, str], str]:
    """``ocop dumpdata`` of every record (sessions, axes and the cache's data version aside),
    keyed by (model, pk); each record canonical JSON (PostgreSQL's jsonb reorders keys: the
    values are compared)."""
    out = tmp / f"dump-{name}.jsonl"
    ocop(env, "dumpdata", "--all", "--format", "jsonl", "-e", "sessions", "-e", "axes",
         "-e", "catalogue.dataversion", "-o", str(out))  # fmt: skip
    records = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        records[(item["model"], str(item["pk"]))] = json.dumps(item, sort_keys=True)
    return records


def media(env: dict[str, str]) -> dict[str, str]:
    root = Path(env["OCOP_MEDIA_ROOT"])
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def restore_entries(before: dict, after: dict) -> list[dict]:
    """The records ``after`` has and ``before`` lacks (a restore adds one audit entry)."""
    return [json.loads(after[key]) for key in sorted(set(after) - set(before))]
