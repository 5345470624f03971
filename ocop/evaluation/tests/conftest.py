from __future__ import annotations

import pytest

from ocop.accounts.choices import Role
from ocop.testing import current_unit, make_user


@pytest.fixture
def province_office(db):
    return make_user("tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])


@pytest.fixture
def other_province_office(db):
    return make_user("hanoi", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "01")])


@pytest.fixture
def commune_officer(db):
    return make_user("xa", role=Role.COMMUNE_OFFICER, units=[current_unit("commune", "29308")])


@pytest.fixture
def national_office(db):
    return make_user("quocgia", role=Role.NATIONAL_OFFICE)


@pytest.fixture
def producer_user(db):
    return make_user("chuthe", role=Role.PRODUCER)
