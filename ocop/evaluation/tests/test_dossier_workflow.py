"""A first-time dossier through the commune step to a provincial round (services, in order).

October 2026 on the seeded calendar has no holiday: working days are Monday–Friday. The
deadlines below are counted by hand (the day of receipt or resubmission is not counted).
"""

from __future__ import annotations

import pytest

from ocop.evaluation.dossiers import selectors as ds
from ocop.evaluation.dossiers.choices import DossierStatus, EventKind
from ocop.evaluation.dossiers.models import ProductSerial
from ocop.evaluation.dossiers.services import (
    AssessmentData,
    ReturnItemInput,
    commune_assessment_save,
    dossier_assign_round,
    dossier_document_add,
    dossier_forward,
    dossier_receive,
    dossier_resubmit,
    dossier_return,
    dossier_submit,
    supplement_item_answer,
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

ASSESSMENT = AssessmentData(
    raw_material="Gừng mua của 12 hộ trong xã",
    local_labour="9 lao động, 8 người thường trú tại xã",
    idea_origin="Nghề truyền thống của xã",
    local_identity="Cách sên mứt gừng truyền thống",
    signer_name="Lê Văn Xã",
    signer_title="Chủ tịch",
)


def test_first_dossier_from_filing_to_a_provincial_round(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user, product = producer_with_product()
    xa, tinh = commune_officer(), province_office()
    with on_day(D(2026, 10, 1)):
        dossier = ready_dossier(user, product)
        dossier_document_add(actor=user, dossier=dossier, document=doc())
        food = dossier_document_add(
            actor=user,
            dossier=dossier,
            document=doc("food_safety", D(2025, 1, 10), D(2028, 1, 10), "attp.pdf"),
        )
    assert (dossier.commune.code, dossier.province.code) == ("29308", "86")
    assert dossier.samples_declared == 5
    assert dossier.self_assessment is not None

    with on_day(D(2026, 10, 5)):
        dossier = dossier_submit(actor=user, dossier=dossier)
    assert (dossier.status, dossier.filed_on) == (DossierStatus.SUBMITTED, D(2026, 10, 5))
    assert (dossier.edition, dossier.process, dossier.completion_deadline) == (
        "26-2026",
        "26-2026",
        None,
    )

    with on_day(D(2026, 10, 6)):
        dossier = dossier_receive(actor=xa, dossier=dossier, samples_received=5)
    assert dossier.status == DossierStatus.COMMUNE_REVIEW
    assert dossier.commune_receipt_number == "01/PĐK-86-29308-2026"
    assert ProductSerial.objects.get(product=product).serial == 1
    assert ds.dossier_ocop_code(dossier) == "86-29308-1-2026"
    clock = ds.dossier_commune_clock(dossier)
    assert (clock.deadline, clock.remaining, clock.paused) == (D(2026, 10, 27), 15, False)

    with on_day(D(2026, 10, 8)):
        request = dossier_return(
            actor=xa,
            dossier=dossier,
            items=[
                ReturnItemInput(
                    target="document", document=food, reason="Bản sao không có dấu xác nhận"
                )
            ],
        )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED_BY_COMMUNE
    clock = ds.dossier_commune_clock(dossier)
    assert (clock.deadline, clock.remaining, clock.paused) == (None, 14, True)

    item = request.items.get()
    with on_day(D(2026, 10, 12)):
        supplement_item_answer(
            actor=user,
            item=item,
            answer="Đã nộp bản sao có chứng thực",
            document=doc("food_safety", D(2025, 1, 10), D(2028, 1, 10), "attp-chung-thuc.pdf"),
        )
    with on_day(D(2026, 10, 13)):
        dossier = dossier_resubmit(actor=user, dossier=dossier)
    assert dossier.status == DossierStatus.COMMUNE_REVIEW
    clock = ds.dossier_commune_clock(dossier)
    # 14 working days left, counted from the day after 13/10: 14–16, 19–23, 26–30/10, 02/11.
    assert (clock.deadline, clock.remaining, clock.paused) == (D(2026, 11, 2), 14, False)
    assert dossier.documents.count() == 3  # the two first documents stayed as they were

    with on_day(D(2026, 10, 15)):
        commune_assessment_save(actor=xa, dossier=dossier, data=ASSESSMENT)
    with on_day(D(2026, 10, 16)):
        dossier = dossier_forward(actor=xa, dossier=dossier)
    assert (dossier.status, dossier.forwarded_on) == (DossierStatus.FORWARDED, D(2026, 10, 16))
    suggested = ds.dossier_suggested_round(dossier)
    assert (suggested.number, suggested.year, suggested.cutoff) == ("02", 2026, D(2026, 10, 30))

    with on_day(D(2026, 11, 3)):
        dossier = dossier_assign_round(actor=tinh, dossier=dossier)
    assert dossier.status == DossierStatus.IN_ROUND
    assert (dossier.round.number, dossier.round.year, dossier.round.decide_by) == (
        "02",
        2026,
        D(2026, 12, 30),
    )
    assert dossier.province_receipt_number == "01/PĐK-86-29308-2026"
    assert dossier.province_received_on == D(2026, 11, 3)
    assert list(dossier.events.values_list("kind", "on")) == [
        (EventKind.CREATED, D(2026, 10, 1)),
        (EventKind.DOCUMENT_ADDED, D(2026, 10, 1)),
        (EventKind.DOCUMENT_ADDED, D(2026, 10, 1)),
        (EventKind.SUBMITTED, D(2026, 10, 5)),
        (EventKind.RECEIVED, D(2026, 10, 6)),
        (EventKind.SERIAL_ASSIGNED, D(2026, 10, 6)),
        (EventKind.RETURNED, D(2026, 10, 8)),
        (EventKind.ITEM_ANSWERED, D(2026, 10, 12)),
        (EventKind.RESUBMITTED, D(2026, 10, 13)),
        (EventKind.ASSESSED, D(2026, 10, 15)),
        (EventKind.FORWARDED, D(2026, 10, 16)),
        (EventKind.PROVINCE_RECEIVED, D(2026, 11, 3)),
        (EventKind.ASSIGNED, D(2026, 11, 3)),
    ]


def test_receipt_numbers_and_serials_count_per_commune(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    xa = commune_officer()
    dossiers = []
    for i, name in enumerate(("Mứt gừng", "Kẹo dừa", "Bánh tét")):
        user, product = producer_with_product(f"chuthe{i}", name)
        with on_day(D(2026, 10, 1)):
            dossier = ready_dossier(user, product)
            dossier_document_add(actor=user, dossier=dossier, document=doc())
            dossiers.append(dossier_submit(actor=user, dossier=dossier))
    with on_day(D(2026, 10, 2)):
        received = [dossier_receive(actor=xa, dossier=d, samples_received=5) for d in dossiers]
    assert [d.commune_receipt_number for d in received] == [
        "01/PĐK-86-29308-2026",
        "02/PĐK-86-29308-2026",
        "03/PĐK-86-29308-2026",
    ]
    assert [ds.dossier_ocop_code(d) for d in received] == [
        "86-29308-1-2026",
        "86-29308-2-2026",
        "86-29308-3-2026",
    ]


def test_a_proposal_after_the_cutoff_is_not_accepted_into_that_round(settings, tmp_path):
    """QĐ 26/2026 Điều 5.1: đợt 01 takes proposals before 30/04; one forwarded on 30/04 itself
    goes to đợt 02, and choosing đợt 01 by hand is refused, naming the next open round."""
    from ocop.core.errors import DomainError
    from ocop.evaluation.models import Round
    from ocop.testing import as_system

    settings.MEDIA_ROOT = tmp_path
    user, product = producer_with_product()
    xa, tinh = commune_officer(), province_office()
    with on_day(D(2026, 6, 1)):
        dossier = ready_dossier(user, product)
        dossier_document_add(actor=user, dossier=dossier, document=doc())
        dossier = dossier_submit(actor=user, dossier=dossier)
        dossier = dossier_receive(actor=xa, dossier=dossier, samples_received=5)
        commune_assessment_save(actor=xa, dossier=dossier, data=ASSESSMENT)
        dossier = dossier_forward(actor=xa, dossier=dossier)
    with as_system():
        round_1_next_year = Round.objects.create(
            level="province",
            province=dossier.province,
            year=2027,
            number="01",
            cutoff=D(2027, 4, 30),
            decide_by=D(2027, 6, 30),
            is_standing=True,
        )
        dossier.forwarded_on = D(2027, 4, 30)  # as if the commune forwarded it on the cut-off
        dossier.save(update_fields=["forwarded_on"])
    with on_day(D(2027, 5, 4)), pytest.raises(DomainError) as refused:
        dossier_assign_round(actor=tinh, dossier=dossier, round_=round_1_next_year)
    assert refused.value.message == (
        "Xã đề nghị hồ sơ này ngày 30/04/2027, từ ngày hết hạn nhận đề nghị của đợt 01/2027 "
        "(30/04/2027) trở đi; đợt còn mở tiếp theo là đợt 02/2027."
    )
    dossier.refresh_from_db()
    assert (dossier.status, dossier.round_id) == (DossierStatus.FORWARDED, None)
    with on_day(D(2027, 5, 4)):
        dossier = dossier_assign_round(actor=tinh, dossier=dossier)
    assert (dossier.round.number, dossier.round.year) == ("02", 2027)


def test_a_province_return_goes_back_to_the_province_and_leaves_the_commune_clock(
    settings, tmp_path
):
    """QĐ 26/2026 Điều 7.3.a: the provincial office may have the dossier completed; the
    producer's resubmission goes back to the province, and the commune's clock is not paused."""
    settings.MEDIA_ROOT = tmp_path
    user, product = producer_with_product()
    xa, tinh = commune_officer(), province_office()
    with on_day(D(2026, 10, 1)):
        dossier = ready_dossier(user, product)
        dossier_document_add(actor=user, dossier=dossier, document=doc())
        dossier = dossier_submit(actor=user, dossier=dossier)
        dossier = dossier_receive(actor=xa, dossier=dossier, samples_received=5)
        commune_assessment_save(actor=xa, dossier=dossier, data=ASSESSMENT)
        dossier = dossier_forward(actor=xa, dossier=dossier)
    with on_day(D(2026, 10, 5)):
        request = dossier_return(
            actor=tinh,
            dossier=dossier,
            items=[
                ReturnItemInput(target="criterion", criterion_code="1.1", reason="Thiếu hóa đơn")
            ],
        )
    assert request.level == "province"
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED_BY_PROVINCE
    with on_day(D(2026, 10, 6)):
        supplement_item_answer(actor=user, item=request.items.get(), answer="Đã bổ sung hóa đơn")
        dossier = dossier_resubmit(actor=user, dossier=dossier)
    assert (dossier.status, dossier.forwarded_on) == (DossierStatus.FORWARDED, D(2026, 10, 1))
    clock = ds.dossier_commune_clock(dossier)
    assert (clock.deadline, clock.paused) == (D(2026, 10, 22), False)
