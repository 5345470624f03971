"""Production settings pass Django's deployment checks (`ocop check --deploy`)."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = {
        **os.environ,
        "OCOP_ENV": "production",
        "OCOP_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-value-0123456789",
        "OCOP_ALLOWED_HOSTS": "ocop.example.gov.vn",
        "OCOP_VAR_DIR": str(tmp_path),
    }
    # Browser tests in the same worker allow async-unsafe ORM calls; production never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "ocop", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "OCOP_ENV": "production", "OCOP_VAR_DIR": str(tmp_path)}
    env.pop("OCOP_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "ocop", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "OCOP_SECRET_KEY must be set in production" in result.stderr


# --- The systemd units, run as written (issue 14 item 4) ---------------------------------------

DEPLOY = ROOT / "deploy"
# Where deploy/install.sh puts things, and where they are in this checkout.
INSTALL_PATHS = {
    "/opt/ocop/venv/bin/": str(Path(sys.executable).parent) + "/",
    "/opt/ocop/app": str(ROOT),
}


def unit_command(unit: str) -> list[str]:
    """The ``ExecStart=`` of a unit file, with the install paths mapped onto this checkout."""
    lines = (DEPLOY / unit).read_text(encoding="utf-8").splitlines()
    (exec_start,) = [line.split("=", 1)[1] for line in lines if line.startswith("ExecStart=")]
    for installed, here in INSTALL_PATHS.items():
        exec_start = exec_start.replace(installed, here)
    return shlex.split(exec_start)


def unit_environment(unit: str) -> dict[str, str]:
    """The unit's own ``Environment=`` lines, with /run/ocop mapped by the caller."""
    env = {}
    for line in (DEPLOY / unit).read_text(encoding="utf-8").splitlines():
        if line.startswith("Environment="):
            key, value = line.split("=", 1)[1].split("=", 1)
            env[key] = value
    return env


def test_the_units_run_the_installed_commands():
    assert unit_command("ocop-web.service") == [
        str(Path(sys.executable).parent / "gunicorn"),
        "--config",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
    ]
    assert unit_command("ocop-worker.service")[1:] == [
        "worker", "--no-reload", "--queue-name", "default", "--interval", "1",
    ]  # fmt: skip
    assert unit_command("ocop-daily.service") == [str(ROOT / "deploy" / "daily.sh")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gunicorn_and_the_worker_run_as_the_units_start_them(tmp_path, reference_data):
    """gunicorn and ``ocop worker`` from the unit files' ExecStart, on PostgreSQL, production
    settings: a page, the health endpoints, a task run by the worker, metrics, check --deploy."""
    from django.db import connection

    from ocop.ops.tasks import probe

    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    port = _free_port()
    run_dir = tmp_path / "run"
    env = {
        **os.environ,
        "OCOP_ENV": "production",
        "OCOP_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-value-0123456789",
        "OCOP_ALLOWED_HOSTS": "127.0.0.1",
        "OCOP_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": database_url,
        "OCOP_BIND": f"127.0.0.1:{port}",
        "OCOP_WEB_WORKERS": "2",
        "OCOP_WORKER_HEARTBEAT_SECONDS": "1",
    }
    for unit in ("ocop-web.service", "ocop-worker.service"):
        for key, value in unit_environment(unit).items():
            env[key] = value.replace("/run/ocop", str(run_dir))
    for key in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_REPLICA_URL", "OCOP_REDIS_URL"):
        env.pop(key, None)
    ocop = [sys.executable, "-m", "ocop"]
    started = time.monotonic()
    subprocess.run([*ocop, "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)

    print(f"collectstatic {time.monotonic() - started:.1f} s")
    logs = {name: (tmp_path / f"{name}.log").open("w") for name in ("web", "worker")}
    web = subprocess.Popen(
        unit_command("ocop-web.service"), cwd=ROOT, env=env,
        stdout=logs["web"], stderr=subprocess.STDOUT,
    )  # fmt: skip
    worker = subprocess.Popen(
        unit_command("ocop-worker.service"), cwd=ROOT, env=env,
        stdout=logs["worker"], stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    # As nginx forwards a request that reached it over TLS.
    proxy = {"X-Forwarded-Proto": "https", "X-Request-ID": "deploy-test-1"}
    try:
        assert _wait_for(lambda: _get(f"{base}/healthz")[0] == 200, 60), (
            tmp_path / "web.log"
        ).read_text()
        status, headers, body = _get(f"{base}/", **proxy)
        assert status == 200
        assert headers["X-Request-ID"] == "deploy-test-1"
        assert "OCOP" in body.decode()

        # The worker's heartbeat makes the server ready.
        assert _wait_for(lambda: _get(f"{base}/readyz", **proxy)[0] == 200, 60), (
            _get(f"{base}/readyz", **proxy)[2].decode() + (tmp_path / "worker.log").read_text()
        )

        # A task enqueued here is run by the worker process.
        result = probe.enqueue("deploy-test")

        def finished() -> bool:
            result.refresh()
            return result.is_finished

        assert _wait_for(finished, 60), (tmp_path / "worker.log").read_text()
        assert result.status == "SUCCESSFUL", [e.traceback for e in result.errors]
        note, ran_in = result.return_value.split(" ")
        assert note == "deploy-test"
        assert ran_in == f"{socket.gethostname()}:{worker.pid}"

        # Metrics from both gunicorn workers, summed through the multiprocess directory.
        status, _headers, body = _get(f"{base}/metrics", **proxy)
        assert status == 200
        text = body.decode()
        assert 'ocop_http_request_duration_seconds_count{method="GET",view="catalogue:home"}' in (
            text
        )
        assert "ocop_task_queue_length" in text
    finally:
        for process in (web, worker):
            process.terminate()
        for process in (web, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs.values():
            log.close()

    check = subprocess.run(
        [*ocop, "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no issues" in check.stdout


def test_daily_script_keeps_the_newest_backups(tmp_path):
    """deploy/daily.sh: reminders, a backup, then retention — with a stand-in ``ocop``."""
    calls = tmp_path / "calls.txt"
    fake = tmp_path / "ocop"
    fake.write_text(
        "#!/usr/bin/env bash\n"
        f'echo "$*" >> {calls}\n'
        'if [ "$1" = backup ]; then mkdir -p "$3" && echo ok > "$3/manifest.json"; fi\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    backups = tmp_path / "backups"
    for day in range(1, 6):
        (backups / f"ocop-202611{day:02d}-013000").mkdir(parents=True)
    (backups / "keep-me").mkdir()  # not named by the script: never touched
    env = {
        **os.environ,
        "OCOP": str(fake),
        "OCOP_BACKUP_DIR": str(backups),
        "OCOP_BACKUP_KEEP": "3",
    }
    result = subprocess.run(
        [str(DEPLOY / "daily.sh")], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = calls.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "reminders send"
    assert lines[1].startswith(f"backup --output {backups}/ocop-")
    assert lines[1].endswith(".partial")
    left = sorted(p.name for p in backups.iterdir())
    # Today's backup (renamed from .partial) and the two newest of November's.
    assert len(left) == 4
    assert left[:3] == ["keep-me", "ocop-20261104-013000", "ocop-20261105-013000"]
    assert left[3].startswith("ocop-2026")
    assert left[3] > "ocop-20261105-013000"
    assert (backups / left[3] / "manifest.json").exists()


def test_daily_script_refuses_a_bad_retention(tmp_path):
    env = {**os.environ, "OCOP": "false", "OCOP_BACKUP_DIR": str(tmp_path), "OCOP_BACKUP_KEEP": "0"}
    result = subprocess.run(
        [str(DEPLOY / "daily.sh")], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "OCOP_BACKUP_KEEP" in result.stdout
