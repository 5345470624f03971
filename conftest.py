"""Project-wide pytest configuration: audit strictness, hypothesis profiles, shared fixtures."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=30, derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
_ = HealthCheck


@pytest.fixture(autouse=True)
def _audit_requires_actor(settings):
    """In tests, a write of an audited model with no actor fails (issue #2 item 6).

    Passwords are hashed with MD5 in tests only: PBKDF2's cost (≈ 1.5 s per account on a loaded
    2-core machine) dominated the set-up of tests that make users; production keeps PBKDF2.
    """
    settings.OCOP_AUDIT_REQUIRE_ACTOR = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once per test database (tests roll back around it)."""
    from ocop.testing import load_reference_data

    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def reference_data(transactional_db):
    """For transactional and browser tests: the flush after each test empties every table."""
    from ocop.testing import load_reference_data

    load_reference_data()


_DESELECTED_FOR_SQLITE: list[str] = []


def _database_is_postgresql() -> bool:
    from django.conf import settings as django_settings

    return "postgresql" in django_settings.DATABASES["default"]["ENGINE"]


def pytest_collection_modifyitems(config, items):
    """Race-condition tests (marked ``postgres``) need PostgreSQL's row locks.

    On SQLite they are deselected *out loud*: the summary says how many and how to run them
    (CI runs them on its PostgreSQL leg). They are never skipped silently.
    """
    if _database_is_postgresql():
        return
    keep, drop = [], []
    for item in items:
        (drop if item.get_closest_marker("postgres") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
        _DESELECTED_FOR_SQLITE.extend(item.nodeid for item in drop)


def pytest_terminal_summary(terminalreporter):
    if _database_is_postgresql():
        return
    count = f"{len(_DESELECTED_FOR_SQLITE)} " if _DESELECTED_FOR_SQLITE else ""
    terminalreporter.write_line(
        f"SQLite run: the {count}race-condition test(s) marked `postgres` are deselected; run "
        "them with DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres make test",
        yellow=True,
    )
