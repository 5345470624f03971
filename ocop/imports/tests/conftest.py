"""Users around the demo province (86: the new Vĩnh Long, which took in Trà Vinh, legacy 84)."""

from __future__ import annotations

import pytest

from ocop.accounts.choices import Role
from ocop.testing import current_unit, make_user


@pytest.fixture
def province_office(db):
    return make_user(
        "tinh",
        role=Role.PROVINCE_OFFICE,
        units=[current_unit("province", "86")],
        full_name="Nguyễn Thị Lan",
    )


@pytest.fixture
def other_province_office(db):
    return make_user("hanoi", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "01")])


@pytest.fixture
def producer_user(db):
    return make_user("chuthe", role=Role.PRODUCER)
