"""Test kit shared by the apps' tests: users by role, the reference data, the actor."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from ocop.accounts.models import User
from ocop.core.audit import acting_as_system
from ocop.geo.models import AdminUnit

TEST_PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test fixture password


@contextlib.contextmanager
def as_system() -> Iterator[Any]:
    with acting_as_system() as user:
        yield user


def make_user(
    username: str, *, role: str = "", units: list[AdminUnit] | None = None, **extra: Any
) -> User:
    with as_system():
        user = User.objects.create_user(
            username=username, password=TEST_PASSWORD, role=role, **extra
        )
        if units:
            user.units.set(units)
    return user


def current_unit(level: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(map__code="2025", level=level, code=code)


def legacy_unit(level: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(map__code="legacy", level=level, code=code)


def load_reference_data() -> None:
    """What `ocop migrate` + `ocop geo load` give an empty database (and data migrations)."""
    from ocop.geo.models import AdminUnit
    from ocop.geo.services import geo_load

    with as_system():
        if not AdminUnit.objects.exists():
            geo_load(force=True)
