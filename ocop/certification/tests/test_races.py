"""Certificate numbers are assigned without races (PostgreSQL row locks)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from ocop.certification.models import Certificate
from ocop.certification.services import ResultInput, decision_record
from ocop.geo.models import Authority
from ocop.testing import current_unit, make_producer, make_product, make_user


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_get_distinct_consecutive_numbers(reference_data):
    province = current_unit("province", "86")
    offices = [make_user(f"tinh{i}", role="province_office", units=[province]) for i in range(4)]
    producer = make_producer()
    products = [make_product(f"Sản phẩm {i}", producer=producer) for i in range(8)]
    authority = Authority.objects.get(name="UBND tỉnh Vĩnh Long", unit=province)
    barrier = threading.Barrier(4)
    errors: list[str] = []

    def record(i: int) -> None:
        try:
            barrier.wait(5)
            decision_record(
                actor=offices[i], kind="recognition", number=f"{i + 1}/QĐ-UBND",
                signed_on=dt.date(2026, 7, 1), authority=authority, province=province,
                items=[ResultInput(product=products[2 * i], star=3),
                       ResultInput(product=products[2 * i + 1], star=4)],
            )  # fmt: skip
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert numbers == [f"{n:03d}/2026/GCN-OCOP-86" for n in range(1, 9)]
