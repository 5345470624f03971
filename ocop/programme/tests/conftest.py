"""Fixtures of the programme tests: the hand-worked records of ``records.py``."""

from __future__ import annotations

import pytest

from ocop.programme.tests.records import build_records
from ocop.testing import make_user


@pytest.fixture
def national():
    return make_user("quocgia-test", role="national_office")


@pytest.fixture
def records(national):
    return build_records(national)
