"""Shared fixtures for the criteria engine tests (pure Python: no database, no Django)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocop.criteria.engine import Sheet, load_sheet

EDITIONS = Path(__file__).resolve().parent.parent / "editions"

# The hypothesis profiles ("ci": few, derandomized examples; "dev") are registered in the root
# conftest.py and chosen by HYPOTHESIS_PROFILE.


def sheet_26(set_no: int) -> Sheet:
    return load_sheet(EDITIONS / "26-2026", set_no)


def sheet_148(set_no: int) -> Sheet:
    return load_sheet(EDITIONS / "148-2023", set_no)


def top_answers(sheet: Sheet, case: int | None = None) -> dict[str, int]:
    """Every criterion at its highest-point option (within the sheet's case)."""
    return {
        c.code: max(c.options_for(case), key=lambda o: o.points).position for c in sheet.criteria
    }


@pytest.fixture(scope="session")
def editions_dir() -> Path:
    return EDITIONS


def _django_active(config: pytest.Config) -> bool:
    return config.pluginmanager.hasplugin("django")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under ``-p no:django`` only the pure engine tests are collected here."""
    name = collection_path.name
    if not _django_active(config) and name.startswith("test_") and name.endswith(".py"):
        return not name.startswith("test_engine_")
    return None


@pytest.fixture(autouse=True)
def _audit_requires_actor(request: pytest.FixtureRequest) -> None:
    """Override the root conftest's audit fixture so the engine tests also run without Django.

    The root fixture needs pytest-django's ``settings`` fixture, which does not exist under
    ``-p no:django`` (the way the engine tests must also run); with Django the audit stays strict.
    """
    if _django_active(request.config):
        request.getfixturevalue("settings").OCOP_AUDIT_REQUIRE_ACTOR = True
