"""/healthz and /readyz (issue 14 item 5): JSON, and 503 naming the failing check."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from ocop.ops.models import WorkerHeartbeat

ROOT = Path(__file__).resolve().parents[3]
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any query here would raise "Database access not allowed".
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def _beat(seconds_ago: float) -> None:
    seen = timezone.now() - dt.timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="ocop-1", pid=4242, started_at=seen, seen_at=seen
    )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_readyz_is_ready_with_a_recent_heartbeat(client, settings):
    settings.OCOP_WORKER_SILENT_SECONDS = 120
    _beat(seconds_ago=119)
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert set(body["checks"]) == {"database", "migrations", "worker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["migrations"]["detail"] == "0 unapplied"
    assert body["checks"]["worker"]["detail"] == "last heartbeat 119 s ago"


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_readyz_names_a_silent_worker(client, settings):
    settings.OCOP_WORKER_SILENT_SECONDS = 120
    _beat(seconds_ago=121)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["failing"] == ["worker"]
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["worker"] == {
        "ok": False,
        "detail": "last heartbeat 121 s ago (limit 120 s)",
    }


@pytest.mark.django_db
def test_readyz_names_a_worker_that_never_started(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_writes_its_heartbeat(client):
    assert client.get("/readyz").status_code == 503
    call_command(
        "worker", batch=True, no_startup_delay=True, reload=False, worker_id="w-test", verbosity=0
    )
    heartbeat = WorkerHeartbeat.objects.get()
    assert heartbeat.worker_id == "w-test"
    assert heartbeat.pid == os.getpid()
    assert client.get("/readyz").status_code == 200


def test_readyz_names_an_unreachable_database(tmp_path):
    """A real process whose database refuses connections (nothing listens on port 1)."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client; c = Client(HTTP_HOST='127.0.0.1');"
        "r = c.get('/readyz'); h = c.get('/healthz');"
        "print(json.dumps({'status': r.status_code, 'body': r.json(), 'healthz': h.status_code}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": "postgres://ocop@127.0.0.1:1/ocop",
        "OCOP_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_REPLICA_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["healthz"] == 200
    assert out["status"] == 503
    body = out["body"]
    assert body["failing"] == ["database", "migrations", "worker"]
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["detail"].startswith("OperationalError")
    assert body["checks"]["worker"]["detail"] == "not checked: the database is unreachable"
