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


@pytest.fixture(autouse=True)
def _audit_requires_actor() -> None:
    """Override the root conftest's audit fixture for these pure tests.

    The engine touches no audited model, and the root fixture needs pytest-django's ``settings``
    fixture, which does not exist under ``-p no:django`` (the way these tests must also run).
    """
