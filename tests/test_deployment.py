"""Production settings pass Django's deployment checks (`ocop check --deploy`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
