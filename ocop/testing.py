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
    load_criteria_reference_data()
    _load_registry_reference_data()
    _load_programme_reference_data()
    _load_calendar_reference_data()


def _load_registry_reference_data() -> None:
    """The product sets of QĐ 26/2026 (data migration products.0002), again after a flush."""
    from ocop.products.reference import product_sets_load

    product_sets_load()


def _load_programme_reference_data() -> None:
    """Periods, counting rules and indicators (data migration programme.0002), after a flush."""
    from ocop.programme.reference import reference_load

    reference_load()


def _load_calendar_reference_data() -> None:
    """The working-day calendar (data migration evaluation.0002), again after a flush."""
    from ocop.evaluation.reference import calendar_seed

    calendar_seed()


def load_criteria_reference_data() -> None:
    """The criteria editions the data migrations load (re-loadable after a flush)."""
    from django.apps import apps

    from ocop.criteria.loader import current_pins, load_pins

    load_pins(apps, current_pins())


# --- registry (producers and products) -------------------------------------------------------


def make_producer(
    name: str = "Hợp tác xã Dừa sáp Cầu Kè",
    *,
    unit: AdminUnit | None = None,
    accounts: list[User] | None = None,
    **extra: Any,
) -> Any:
    """A producer in xã Cầu Kè (86) unless ``unit`` says otherwise; written as ``system``."""
    from ocop.producers.models import Producer, ProducerAccount
    from ocop.producers.selectors import unit_current_province

    unit = unit or current_unit("commune", "29308")
    extra.setdefault("legal_form", "cooperative")
    with as_system():
        producer = Producer.objects.create(
            name=name, address_unit=unit, address_province=unit_current_province(unit), **extra
        )
        for user in accounts or []:
            ProducerAccount.objects.create(producer=producer, user=user)
    return producer


def make_product(
    name: str = "Dừa sáp Cầu Kè", *, producer: Any = None, set_number: int = 1, **extra: Any
) -> Any:
    """A product of ``producer`` (a new one by default) in product set ``set_number``."""
    from ocop.products.models import Product, ProductSet

    producer = producer or make_producer()
    extra.setdefault("origin_unit", producer.address_unit)
    with as_system():
        return Product.objects.create(
            name=name,
            producer=producer,
            product_set=ProductSet.objects.get(number=set_number),
            **extra,
        )
