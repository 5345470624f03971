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
    """In tests, a write of an audited model with no actor fails (issue #2 item 6)."""
    settings.OCOP_AUDIT_REQUIRE_ACTOR = True


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


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` (race conditions, row locks) fail loudly elsewhere, never skip."""
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.fail(
                "this test needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres"
            )
