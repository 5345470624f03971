"""Race conditions on PostgreSQL: two commune officers receive dossiers of two new products of
the same commune at the same moment; each product gets its own serial and receipt number."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from ocop.evaluation.dossiers.models import Dossier, ProductSerial
from ocop.evaluation.dossiers.services import (
    dossier_document_add,
    dossier_receive,
    dossier_submit,
)
from ocop.evaluation.tests.dossier_kit import (
    D,
    commune_officer,
    doc,
    on_day,
    producer_with_product,
    ready_dossier,
)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_receipts_give_distinct_serials(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dossiers = []
    with on_day(D(2026, 10, 1)):
        for i, name in enumerate(("Mứt gừng", "Kẹo dừa")):
            user, product = producer_with_product(f"chuthe{i}", name)
            dossier = ready_dossier(user, product)
            dossier_document_add(actor=user, dossier=dossier, document=doc())
            dossiers.append(dossier_submit(actor=user, dossier=dossier))
    officers = [commune_officer(f"xa{i}") for i in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def receive(officer, dossier) -> None:
        try:
            barrier.wait(5)
            dossier_receive(actor=officer, dossier=dossier, samples_received=5, on=D(2026, 10, 2))
            outcomes.append("received")
        except Exception as exc:
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=receive, args=(officers[i], dossiers[i])) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)

    assert outcomes == ["received", "received"]
    assert sorted(ProductSerial.objects.values_list("serial", flat=True)) == [1, 2]
    assert sorted(Dossier.objects.values_list("commune_receipt_number", flat=True)) == [
        "01/PĐK-86-29308-2026",
        "02/PĐK-86-29308-2026",
    ]
