"""Race conditions on PostgreSQL: two offices register the same tax number at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from ocop.accounts.choices import Role
from ocop.core.errors import DomainError
from ocop.producers.models import Producer
from ocop.producers.services import ProducerData, producer_register
from ocop.testing import current_unit, make_user


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_with_one_tax_number_leave_one_producer(reference_data):
    unit = current_unit("commune", "29308")
    offices = [
        make_user(f"tinh{i}", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
        for i in range(2)
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def register(actor, name: str) -> None:
        data = ProducerData(
            name=name, legal_form="cooperative", address_unit=unit, tax_code="0300588569"
        )
        try:
            barrier.wait(5)  # both have passed the page's duplicate check; now both save
            producer_register(actor=actor, data=data, confirm_not_duplicate=True)
            outcomes.append("saved")
        except DomainError as exc:
            outcomes.append(exc.message)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=register, args=(offices[0], "Hợp tác xã A")),
        threading.Thread(target=register, args=(offices[1], "Hợp tác xã B")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)

    assert sorted(outcomes) == ["Mã số thuế 0300588569 đã thuộc về một chủ thể khác.", "saved"]
    assert Producer.objects.filter(tax_code="0300588569").count() == 1
