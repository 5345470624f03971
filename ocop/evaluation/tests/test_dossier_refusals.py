"""Bad input is refused with a clear Vietnamese message and changes nothing (issue 9)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ocop.core.errors import DomainError, InvalidTransition
from ocop.evaluation.dossiers.choices import DossierStatus
from ocop.evaluation.dossiers.models import DossierDocument, DossierEvent
from ocop.evaluation.dossiers.services import (
    DocumentInput,
    dossier_document_add,
    dossier_forward,
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user, product = producer_with_product()
    with on_day(D(2026, 10, 1)):
        dossier = ready_dossier(user, product)
    return user, dossier


def _snapshot(dossier):
    dossier.refresh_from_db()
    return (
        dossier.status,
        dossier.filed_on,
        DossierDocument.objects.filter(dossier=dossier).count(),
        DossierEvent.objects.filter(dossier=dossier).count(),
    )


def test_a_document_past_its_expiry_is_refused(draft, tmp_path):
    user, dossier = draft
    before = _snapshot(dossier)
    with on_day(D(2026, 10, 1)), pytest.raises(DomainError) as refused:
        dossier_document_add(
            actor=user,
            dossier=dossier,
            document=doc("food_safety", D(2023, 9, 1), D(2026, 9, 30), "attp.pdf"),
        )
    assert refused.value.message == (
        "Giấy chứng nhận an toàn thực phẩm: giấy tờ này đã hết hạn ngày 30/09/2026; "
        "hãy đính kèm giấy tờ còn hiệu lực."
    )
    assert _snapshot(dossier) == before
    assert not list(tmp_path.rglob("attp*"))  # no file stored either


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("giay-phep.pdf", b"PK\x03\x04 a zip renamed to pdf", "PDF"),
        ("giay-phep.pdf", b"", "PDF"),
        ("anh-giay-phep.jpg", b"%PDF-1.4 a pdf renamed to jpg", "JPEG"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(draft, tmp_path, name, content, fmt):
    user, dossier = draft
    before = _snapshot(dossier)
    document = DocumentInput(
        kind="business_registration",
        issued_on=D(2024, 3, 1),
        file=SimpleUploadedFile(name, content),
    )
    with on_day(D(2026, 10, 1)), pytest.raises(DomainError) as refused:
        dossier_document_add(actor=user, dossier=dossier, document=document)
    expected = (
        f"“{name}” trống."
        if not content
        else f"“{name}” không phải là tệp {fmt} thật: nội dung không khớp với tên tệp."
    )
    assert refused.value.message == expected
    assert _snapshot(dossier) == before


def test_a_png_named_png_is_accepted_and_an_exe_is_not(draft):
    user, dossier = draft
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buffer, format="PNG")
    png = DocumentInput(
        kind="story",
        issued_on=D(2024, 3, 1),
        file=SimpleUploadedFile("cau-chuyen.png", buffer.getvalue()),
    )
    with on_day(D(2026, 10, 1)):
        stored = dossier_document_add(actor=user, dossier=dossier, document=png)
    assert (stored.file_format, stored.size) == ("PNG", len(buffer.getvalue()))
    exe = DocumentInput(
        kind="story", issued_on=D(2024, 3, 1), file=SimpleUploadedFile("a.exe", b"MZ")
    )
    with on_day(D(2026, 10, 1)), pytest.raises(DomainError) as refused:
        dossier_document_add(actor=user, dossier=dossier, document=exe)
    assert refused.value.message == "“a.exe”: chỉ nhận tệp PDF, JPEG hoặc PNG."


def test_a_second_submission_of_the_same_dossier_is_refused(draft):
    user, dossier = draft
    with on_day(D(2026, 10, 1)):
        dossier_document_add(actor=user, dossier=dossier, document=doc())
    with on_day(D(2026, 10, 5)):
        dossier_submit(actor=user, dossier=dossier)
    before = _snapshot(dossier)
    with on_day(D(2026, 10, 6)), pytest.raises(InvalidTransition) as refused:
        dossier_submit(actor=user, dossier=dossier)
    assert refused.value.message == (
        "Hồ sơ đang ở trạng thái “Đã nộp cho UBND xã”; không thể thực hiện bước “nộp hồ sơ” "
        "lúc này."
    )
    assert _snapshot(dossier) == before == (DossierStatus.SUBMITTED, D(2026, 10, 5), 1, 3)


def test_forwarding_without_the_commune_assessment_is_refused(draft):
    user, dossier = draft
    xa = commune_officer()
    with on_day(D(2026, 10, 1)):
        dossier_document_add(actor=user, dossier=dossier, document=doc())
    with on_day(D(2026, 10, 5)):
        dossier = dossier_submit(actor=user, dossier=dossier)
        dossier = dossier_receive(actor=xa, dossier=dossier, samples_received=5)
    before = _snapshot(dossier)
    with on_day(D(2026, 10, 7)), pytest.raises(DomainError) as refused:
        dossier_forward(actor=xa, dossier=dossier)
    assert refused.value.message == (
        "Hãy ban hành báo cáo đánh giá của UBND xã (Mẫu 03) trước khi chuyển hồ sơ lên tỉnh."
    )
    assert _snapshot(dossier) == before
    dossier.refresh_from_db()
    assert dossier.forwarded_on is None


def test_filing_with_a_document_that_expired_since_it_was_attached_is_refused(draft):
    user, dossier = draft
    with on_day(D(2026, 10, 1)):
        dossier_document_add(
            actor=user,
            dossier=dossier,
            document=doc("lab_test", D(2025, 10, 3), D(2026, 10, 2), "kiem-nghiem.pdf"),
        )
    before = _snapshot(dossier)
    with on_day(D(2026, 10, 5)), pytest.raises(DomainError) as refused:
        dossier_submit(actor=user, dossier=dossier)
    assert refused.value.message == (
        "Các giấy tờ sau đã hết hạn, hãy thay trước khi nộp: Phiếu kết quả kiểm nghiệm "
        "(02/10/2026)."
    )
    assert _snapshot(dossier) == before


def test_filing_without_a_complete_self_assessment_is_refused(settings, tmp_path):
    from ocop.evaluation.dossiers.services import dossier_create
    from ocop.evaluation.tests.dossier_kit import registration

    settings.MEDIA_ROOT = tmp_path
    user, product = producer_with_product()
    with on_day(D(2026, 10, 1)):
        dossier = dossier_create(
            actor=user, product=product, kind="first", registration=registration()
        )
        dossier_document_add(actor=user, dossier=dossier, document=doc())
    before = _snapshot(dossier)
    with on_day(D(2026, 10, 5)), pytest.raises(DomainError) as refused:
        dossier_submit(actor=user, dossier=dossier)
    assert refused.value.message == (
        "Hãy hoàn thành báo cáo tự đánh giá (Mẫu 02) của sản phẩm trước khi nộp hồ sơ."
    )
    assert _snapshot(dossier) == before
