"""Work queues on the home page: what waits for me, what is overdue, what expires soon."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ocop.evaluation.dossiers.services import (
    ReturnItemInput,
    dossier_document_add,
    dossier_receive,
    dossier_return,
    dossier_submit,
)
from ocop.evaluation.tests.dossier_kit import (
    D,
    commune_officer,
    doc,
    on_day,
    producer_with_product,
    province_office,
    ready_dossier,
)

pytestmark = pytest.mark.django_db


def queue_counts(html: str) -> dict[str, int]:
    rows = re.findall(r'data-queue="([a-z_]+)">.*?<td>\s*(?:<strong>)?(\d+)', html, flags=re.S)
    return {key: int(count) for key, count in rows}


@pytest.fixture
def dossiers(settings, tmp_path):
    """Three dossiers of xã Cầu Kè: one filed, one under the commune's check since 01/10/2026,
    one returned to its producer (with a lab report expiring on 20/11/2026)."""
    settings.MEDIA_ROOT = tmp_path
    xa = commune_officer()
    made = {}
    with on_day(D(2026, 10, 1)):
        for key, name in (("filed", "Mứt gừng"), ("review", "Kẹo dừa"), ("returned", "Bánh tét")):
            user, product = producer_with_product(f"chuthe.{key}", name)
            dossier = ready_dossier(user, product)
            dossier_document_add(
                actor=user,
                dossier=dossier,
                document=doc("lab_test", D(2025, 11, 20), D(2026, 11, 20), "kiem-nghiem.pdf"),
            )
            made[key] = (user, dossier_submit(actor=user, dossier=dossier))
        for key in ("review", "returned"):
            made[key] = (made[key][0], dossier_receive(actor=xa, dossier=made[key][1],
                                                       samples_received=5))  # fmt: skip
        dossier_return(
            actor=xa,
            dossier=made["returned"][1],
            items=[ReturnItemInput(target="other", reason="Thiếu chữ ký")],
        )
    return xa, made


def test_commune_officer_sees_waiting_and_overdue_counts(
    client, dossiers, django_assert_max_num_queries
):
    xa, _made = dossiers
    client.force_login(xa)
    # 15 working days from 01/10/2026 end on 22/10/2026: on 23/10 the dossier under check is
    # overdue; the returned one's clock is stopped.
    with on_day(D(2026, 10, 22)):
        assert queue_counts(client.get(reverse("core:home")).content.decode()) == {
            "to_receive": 1, "in_review": 1, "overdue": 0, "certificates_expiring": 0,
        }  # fmt: skip
    with on_day(D(2026, 10, 23)):
        client.force_login(xa)  # the idle session of the day before has lapsed
        with django_assert_max_num_queries(16):
            html = client.get(reverse("core:home")).content.decode()
    assert queue_counts(html) == {
        "to_receive": 1, "in_review": 1, "overdue": 1, "certificates_expiring": 0,
    }  # fmt: skip
    with on_day(D(2026, 10, 23)):
        listed = client.get(reverse("dossiers:dossier_list") + "?queue=overdue").content.decode()
    assert re.findall(r"<td>\s*(Kẹo dừa|Mứt gừng|Bánh tét)\s*</td>", listed) == ["Kẹo dừa"]


def test_producer_sees_its_returned_dossier_and_expiring_document(client, dossiers):
    _xa, made = dossiers
    user, _dossier = made["returned"]
    client.force_login(user)
    with on_day(D(2026, 10, 21)):  # the lab report expires on 20/11: 30 days ahead
        assert queue_counts(client.get(reverse("core:home")).content.decode()) == {
            "drafts": 0, "returned": 1, "expiring_documents": 1, "certificates_expiring": 0,
        }  # fmt: skip
    with on_day(D(2026, 10, 20)):  # 31 days ahead: not yet
        client.force_login(user)
        assert (
            queue_counts(client.get(reverse("core:home")).content.decode())["expiring_documents"]
            == 0
        )


def test_province_office_counts_forwarded_dossiers_only_in_its_province(client, dossiers):
    client.force_login(province_office())
    with on_day(D(2026, 10, 2)):
        assert queue_counts(client.get(reverse("core:home")).content.decode()) == {
            "forwarded": 0, "certificates_expiring": 0,
        }  # fmt: skip
