"""Carry-forward of still-valid documents, re-rating filing, and who sees which dossiers."""

from __future__ import annotations

import pytest

from ocop.certification.services import ResultInput, decision_record
from ocop.core.errors import DomainError, PermissionDenied
from ocop.evaluation.dossiers.choices import DossierStatus
from ocop.evaluation.dossiers.models import Dossier, DossierDocument
from ocop.evaluation.dossiers.selectors import dossier_document_get, dossier_list
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
    province_office,
    ready_dossier,
)
from ocop.geo.models import AdminUnit, Authority
from ocop.testing import as_system, current_unit, make_user

pytestmark = pytest.mark.django_db


def _close(dossier):
    """Stand-in for the council's later steps: the dossier left the producer's hands."""
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.IN_ROUND)


def test_still_valid_documents_carry_forward_and_expired_ones_do_not(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user, product = producer_with_product()
    with on_day(D(2026, 6, 1)):
        first = ready_dossier(user, product)
        registration = dossier_document_add(actor=user, dossier=first, document=doc())
        food = dossier_document_add(
            actor=user,
            dossier=first,
            document=doc("food_safety", D(2025, 1, 10), D(2028, 1, 10), "attp.pdf"),
        )
        dossier_document_add(
            actor=user,
            dossier=first,
            document=doc("lab_test", D(2025, 9, 30), D(2026, 9, 30), "kiem-nghiem.pdf"),
        )
    _close(first)
    with on_day(D(2026, 10, 1)):  # the lab report expired on 30/09/2026
        second = ready_dossier(user, product)
    carried = list(DossierDocument.objects.filter(dossier=second).order_by("carried_from"))
    assert [(d.kind, d.carried_from_id, d.file.name) for d in carried] == [
        ("business_registration", registration.pk, registration.file.name),
        ("food_safety", food.pk, food.file.name),
    ]
    assert carried[1].expires_on == D(2028, 1, 10)
    assert list(second.events.values_list("kind", "note")) == [
        ("created", "Lần đầu"),
        ("documents_carried", "2"),
    ]


def test_a_document_expiring_on_the_day_itself_still_carries_forward(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user, product = producer_with_product()
    with on_day(D(2026, 6, 1)):
        first = ready_dossier(user, product)
        dossier_document_add(
            actor=user,
            dossier=first,
            document=doc("lab_test", D(2025, 10, 1), D(2026, 10, 1), "kiem-nghiem.pdf"),
        )
    _close(first)
    with on_day(D(2026, 10, 1)):
        second = ready_dossier(user, product)
    assert second.documents.count() == 1


def _certificate(product, signed_on):
    province = current_unit("province", "86")
    office = make_user("office86", role="province_office", units=[province])
    decision = decision_record(
        actor=office,
        kind="recognition",
        number="100/QĐ-UBND",
        signed_on=signed_on,
        authority=Authority.objects.get(name="UBND tỉnh Vĩnh Long", unit=province),
        province=province,
        items=[ResultInput(product=product, star=3, score=None)],
    )
    return decision.results.get().certificate


def test_a_rerating_filed_in_its_window_is_recorded_on_the_certificate(settings, tmp_path):
    """QĐ 26/2026 Điều 7.6.a: 180 to 120 days before expiry. Certificate of 15/07/2025 → valid
    until 15/07/2028 → window 17/01/2028 … 17/03/2028 (2028 is a leap year)."""
    settings.MEDIA_ROOT = tmp_path
    user, product = producer_with_product()
    certificate = _certificate(product, D(2025, 7, 15))
    assert certificate.valid_until == D(2028, 7, 15)
    with on_day(D(2028, 1, 2)):
        dossier = ready_dossier(
            user, product, kind="rerating", changes_summary="Bao bì mới, sản lượng tăng 20%"
        )
        dossier_document_add(actor=user, dossier=dossier, document=doc())
    assert dossier.certificate == certificate
    with on_day(D(2028, 1, 16)), pytest.raises(DomainError) as refused:
        dossier_submit(actor=user, dossier=dossier)
    assert refused.value.message == (
        "Hồ sơ phân hạng lại được nộp từ ngày 17/01/2028 đến ngày 17/03/2028 (từ 180 đến 120 "
        "ngày trước khi giấy chứng nhận hết hạn ngày 15/07/2028; QĐ 26/2026 Điều 7.6.a)."
    )
    dossier.refresh_from_db()
    certificate.refresh_from_db()
    assert (dossier.status, certificate.rerating_filed_on) == (DossierStatus.DRAFT, None)
    with on_day(D(2028, 1, 17)):
        dossier_submit(actor=user, dossier=dossier)
    certificate.refresh_from_db()
    assert certificate.rerating_filed_on == D(2028, 1, 17)


def test_an_upgrade_needs_a_certificate(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user, product = producer_with_product()
    with on_day(D(2026, 10, 1)), pytest.raises(DomainError) as refused:
        ready_dossier(user, product, kind="upgrade", changes_summary="Thêm kênh siêu thị")
    assert refused.value.message == (
        "Hồ sơ nâng hạng hoặc phân hạng lại cần giấy chứng nhận OCOP của sản phẩm; sản phẩm "
        "chưa có."
    )
    assert not Dossier.objects.exists()


# --- the permission matrix of reading ----------------------------------------------------------


@pytest.fixture
def two_filed_dossiers(settings, tmp_path):
    """One dossier filed in xã Cầu Kè (86), one in another commune of another province."""
    settings.MEDIA_ROOT = tmp_path
    user_a, product_a = producer_with_product("chuthe.a", "Mứt gừng")
    user_b, product_b = producer_with_product("chuthe.b", "Kẹo dừa")
    hanoi_commune = (
        AdminUnit.objects.filter(map__code="2025", level="commune", province__code="01")
        .order_by("code")
        .first()
    )
    with as_system():
        product_b.origin_unit = hanoi_commune
        product_b.save()
    dossiers = []
    with on_day(D(2026, 10, 1)):
        for user, product in ((user_a, product_a), (user_b, product_b)):
            dossier = ready_dossier(user, product)
            dossier_document_add(actor=user, dossier=dossier, document=doc())
            dossiers.append(dossier_submit(actor=user, dossier=dossier))
    return (user_a, dossiers[0]), (user_b, dossiers[1]), hanoi_commune


def test_each_role_sees_only_its_dossiers(two_filed_dossiers):
    (user_a, in_cau_ke), (user_b, in_hanoi), hanoi_commune = two_filed_dossiers
    with on_day(D(2026, 10, 2)):
        draft_user, draft_product = producer_with_product("chuthe.c", "Bánh tét")
        draft = ready_dossier(draft_user, draft_product)
    xa = commune_officer()
    xa_hanoi = commune_officer("xa.hanoi", hanoi_commune.code)
    tinh, tinh_hanoi = province_office(), province_office("tinh.hanoi", "01")
    national = make_user("quocgia", role="national_office")
    council = make_user("hoidong", role="council_member")

    def visible(user):
        return set(dossier_list(user=user).values_list("pk", flat=True))

    assert visible(user_a) == {in_cau_ke.pk}
    assert visible(user_b) == {in_hanoi.pk}
    assert visible(draft_user) == {draft.pk}
    assert visible(xa) == {in_cau_ke.pk}  # drafts stay with the producer
    assert visible(xa_hanoi) == {in_hanoi.pk}
    assert visible(tinh) == {in_cau_ke.pk}
    assert visible(tinh_hanoi) == {in_hanoi.pk}
    assert visible(national) == {in_cau_ke.pk, in_hanoi.pk}
    assert visible(council) == set()
    document = in_cau_ke.documents.get()
    assert dossier_document_get(user=user_a, pk=document.pk) == document
    assert dossier_document_get(user=user_b, pk=document.pk) is None
    assert dossier_document_get(user=xa_hanoi, pk=document.pk) is None


def test_a_commune_officer_cannot_receive_another_communes_dossier(two_filed_dossiers):
    (_user_a, in_cau_ke), _b, _hanoi = two_filed_dossiers
    other = (
        AdminUnit.objects.filter(map__code="2025", level="commune", province__code="86")
        .exclude(code="29308")
        .order_by("code")
        .first()
    )
    xa_other = commune_officer("xa.khac", other.code)
    with on_day(D(2026, 10, 2)), pytest.raises(PermissionDenied):
        dossier_receive(actor=xa_other, dossier=in_cau_ke, samples_received=5)
    in_cau_ke.refresh_from_db()
    assert (in_cau_ke.status, in_cau_ke.commune_receipt_number) == (DossierStatus.SUBMITTED, "")


def test_another_producer_cannot_add_documents(two_filed_dossiers, settings):
    (user_a, _in_cau_ke), (_user_b, _in_hanoi), _h = two_filed_dossiers
    with on_day(D(2026, 10, 2)):
        other_user, other_product = producer_with_product("chuthe.d", "Bánh pía")
        draft = ready_dossier(other_user, other_product)
    with on_day(D(2026, 10, 2)), pytest.raises(PermissionDenied):
        dossier_document_add(actor=user_a, dossier=draft, document=doc())
    assert draft.documents.count() == 0
