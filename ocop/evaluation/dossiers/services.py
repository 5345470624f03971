"""Writes on dossiers: filing, the commune step, returns for supplementation, province intake.

Every service takes the acting user, checks the actor's role and scope, moves the status only
through ``transitions.transition``, writes in one transaction (the dossier row locked with
``select_for_update``), records a ``DossierEvent`` and is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import user_scope_units, user_sees_everything
from ocop.certification.choices import CertificateStatus
from ocop.certification.models import Certificate
from ocop.certification.selectors import certificate_status, product_current_certificate
from ocop.certification.services import certificate_set_rerating_filed
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.criteria.models import SelfAssessment
from ocop.evaluation import dossier_rules
from ocop.evaluation import selectors as rules_selectors
from ocop.evaluation import services as rules_services
from ocop.evaluation.choices import RoundLevel
from ocop.evaluation.dossiers.choices import (
    CounterKind,
    DocumentKind,
    DossierAction,
    DossierKind,
    DossierStatus,
    EventKind,
    ItemTarget,
    ReturnLevel,
)
from ocop.evaluation.dossiers.files import document_file_validate
from ocop.evaluation.dossiers.models import (
    CommuneAssessment,
    Counter,
    Dossier,
    DossierDocument,
    DossierEvent,
    ProductSerial,
    SupplementItem,
    SupplementRequest,
)
from ocop.evaluation.dossiers.transitions import OPEN_STATUSES, transition
from ocop.evaluation.models import Round
from ocop.geo.models import AdminUnit
from ocop.products.models import Product

# QĐ 26/2026 Điều 6.2.d: 05 samples, none for community tourism and eco-tourism (set 26).
SAMPLES_REQUIRED = 5
TOURISM_SET_NUMBER = 26


LIVE_STATUSES = frozenset(
    {CertificateStatus.VALID, CertificateStatus.EXPIRING, CertificateStatus.EXTENDED}
)


def samples_required(product: Product) -> int:
    # An imported product may still wait for its set (imports' "to complete" queue).
    tourism = product.product_set is not None and product.product_set.number == TOURISM_SET_NUMBER
    return 0 if tourism else SAMPLES_REQUIRED


def _today() -> dt.date:
    return timezone.localdate()


def _fmt(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _event(dossier: Dossier, kind: str, actor: User, on: dt.date, note: str = "") -> None:
    DossierEvent.objects.create(dossier=dossier, kind=kind, actor=actor, on=on, note=note)


def _locked(dossier: Dossier) -> Dossier:
    return (
        # of=("self",): a product's set may be empty (an outer join PostgreSQL will not lock)
        Dossier.objects.select_for_update(of=("self",))
        .select_related("product__product_set")
        .get(pk=dossier.pk)
    )


# --- who may act -------------------------------------------------------------------------------


def _is_filer(actor: User, dossier_or_product: Dossier | Product) -> bool:
    producer_id = dossier_or_product.producer_id
    return bool(
        actor.is_authenticated
        and (
            actor.is_superuser
            or (
                actor.role == Role.PRODUCER
                and actor.producer_links.filter(producer_id=producer_id).exists()
            )
        )
    )


def _check_filer(actor: User, dossier_or_product: Dossier | Product) -> None:
    if not _is_filer(actor, dossier_or_product):
        raise PermissionDenied(
            _("Only the producer's own accounts file and complete its dossiers.")
        )


def _in_scope(actor: User, unit: AdminUnit) -> bool:
    return user_sees_everything(actor) or user_scope_units(actor).filter(pk=unit.pk).exists()


def _check_commune_officer(actor: User, dossier: Dossier) -> None:
    if not (actor.is_superuser or actor.role == Role.COMMUNE_OFFICER):
        raise PermissionDenied(_("Only the commune officer handles this step."))
    if not _in_scope(actor, dossier.commune):
        raise PermissionDenied(
            _("This dossier was filed with %(unit)s, outside the area you act for.")
            % {"unit": dossier.commune.full_name}
        )


def _check_province_office(actor: User, dossier: Dossier) -> None:
    if not (actor.is_superuser or actor.role == Role.PROVINCE_OFFICE):
        raise PermissionDenied(_("Only the provincial OCOP office handles this step."))
    if not _in_scope(actor, dossier.province):
        raise PermissionDenied(
            _("This dossier belongs to %(unit)s, outside the area you act for.")
            % {"unit": dossier.province.full_name}
        )


# --- numbering ---------------------------------------------------------------------------------


def _next_number(kind: str, unit: AdminUnit, year: int) -> int:
    """The next number of a sequence, race-free: the counter row is locked until commit.

    Must run inside the caller's transaction. A first use creates the row; if two transactions
    create it at once, one fails on the unique key and reads the other's row instead.
    """
    try:
        with transaction.atomic():
            counter, _created = Counter.objects.select_for_update().get_or_create(
                kind=kind, unit=unit, year=year
            )
    except IntegrityError:
        counter = Counter.objects.select_for_update().get(kind=kind, unit=unit, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def receipt_number(number: int, *, province: AdminUnit, commune: AdminUnit, year: int) -> str:
    """Mẫu 01's "Phiếu số: …/PĐK-(Mã tỉnh)-(Mã xã)-(Năm)" (QĐ 26/2026 Phụ lục III)."""
    return f"{number:02d}/PĐK-{province.code}-{commune.code}-{year}"


def ocop_code(*, province: AdminUnit, commune: AdminUnit, serial: int, year: int) -> str:
    """The product code "(T)-(X)-(STT)-(năm)" printed on each scoring sheet (QĐ 26/2026 Phụ lục
    II): province code, commune code (QĐ 19/2025/QĐ-TTg), the commune's serial, evaluation year."""
    return f"{province.code}-{commune.code}-{serial}-{year}"


# --- filing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationData:
    """Mẫu 01 (Phiếu đăng ký đánh giá, phân hạng sản phẩm OCOP) as the producer fills it."""

    unit_name: str
    representative_name: str
    representative_title: str = ""
    contact_address: str = ""
    phone: str = ""
    email: str = ""
    changes_summary: str = ""


def registration_defaults(product: Product) -> RegistrationData:
    """Mẫu 01 prefilled from the registry."""
    producer = product.producer
    return RegistrationData(
        unit_name=producer.name,
        representative_name=producer.representative_name,
        representative_title=producer.representative_title,
        contact_address=", ".join(
            part for part in (producer.address_detail, producer.address_unit.address) if part
        ),
        phone=producer.phone,
        email=producer.email,
    )


def _dossier_commune(product: Product) -> AdminUnit:
    unit = product.current_unit or product.origin_unit
    if unit.is_legacy:
        raise DomainError(
            _(
                "The product's commune of origin is on the map before 01/07/2025; the commune "
                "officer must first choose today's commune on the product page."
            )
        )
    if unit.province is None:
        raise DomainError(_("The product's commune of origin has no province."))
    return unit


def _carry_forward(dossier: Dossier, actor: User, today: dt.date) -> int:
    """Copy the still-valid documents of the product's previous dossier into ``dossier``.

    A document is still valid when it has no expiry date or expires today or later; an expired
    one stays behind (QĐ 26/2026 Điều 6.1.c: time-limited papers are renewed for a re-rating).
    """
    previous = (
        Dossier.objects.filter(product_id=dossier.product_id)
        .exclude(pk=dossier.pk)
        .order_by("-pk")
        .first()
    )
    if previous is None:
        return 0
    valid = previous.documents.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    copies = [
        DossierDocument(
            dossier=dossier,
            kind=doc.kind,
            title=doc.title,
            number=doc.number,
            issued_on=doc.issued_on,
            expires_on=doc.expires_on,
            file=doc.file.name,
            file_format=doc.file_format,
            size=doc.size,
            carried_from=doc,
            uploaded_by=actor,
        )
        for doc in valid.order_by("pk")
    ]
    for copy in copies:
        copy.save()
    return len(copies)


def dossier_create(
    *,
    actor: User,
    product: Product,
    kind: str,
    registration: RegistrationData,
    certificate: Certificate | None = None,
) -> Dossier:
    """Open a dossier for ``product`` (QĐ 26/2026 Điều 6.1.a first, b upgrade, c re-rating).

    An upgrade or a re-rating points to the product's current certificate. The still-valid
    documents of the product's previous dossier are carried forward; the latest self-assessment
    (Mẫu 02) of the product is linked.
    """
    _check_filer(actor, product)
    if kind not in DossierKind.values:
        raise DomainError(_("Unknown kind of dossier."))
    if not registration.unit_name.strip() or not registration.representative_name.strip():
        raise DomainError(_("Mẫu 01 needs the unit's name and its legal representative."))
    today = _today()
    if kind == DossierKind.FIRST:
        certificate = None
        current = product_current_certificate(product, on=today)
        if current is not None and certificate_status(current, on=today) in LIVE_STATUSES:
            # Điều 6.1.a is for a product not yet recognised; a recognised one files under
            # 6.1.b (upgrade) or 6.1.c (re-rating).
            raise DomainError(
                _(
                    "This product holds certificate %(number)s (%(star)s★); file an upgrade or a "
                    "re-rating instead."
                )
                % {"number": current.number, "star": current.star}
            )
    else:
        current = product_current_certificate(product, on=today)
        if certificate is None:
            certificate = current
        if certificate is None or certificate.product_id != product.pk:
            raise DomainError(
                _("An upgrade or a re-rating needs the product's OCOP certificate; it has none.")
            )
        if kind == DossierKind.UPGRADE and certificate.star >= 5:
            raise DomainError(_("A 5★ product cannot be upgraded."))
    if Dossier.objects.filter(product=product, status__in=OPEN_STATUSES).exists():
        raise DomainError(
            _("This product already has an open dossier; complete or follow that one.")
        )
    commune = _dossier_commune(product)
    province = commune.province
    if province is None:  # checked by _dossier_commune; narrows the type
        raise DomainError(_("The product's commune of origin has no province."))
    assessment = SelfAssessment.objects.filter(product=product).order_by("-pk").first()
    try:
        with transaction.atomic(), acting_as(actor):
            dossier = Dossier.objects.create(
                product=product,
                producer=product.producer,
                kind=kind,
                certificate=certificate,
                commune=commune,
                province=province,
                self_assessment=assessment,
                unit_name=registration.unit_name.strip(),
                representative_name=registration.representative_name.strip(),
                representative_title=registration.representative_title.strip(),
                contact_address=registration.contact_address.strip(),
                phone=registration.phone.strip(),
                email=registration.email.strip(),
                changes_summary=registration.changes_summary.strip(),
                samples_declared=samples_required(product),
                created_by=actor,
            )
            _event(dossier, EventKind.CREATED, actor, today, str(DossierKind(kind).label))
            carried = _carry_forward(dossier, actor, today)
            if carried:
                _event(dossier, EventKind.DOCUMENTS_CARRIED, actor, today, str(carried))
    except IntegrityError as exc:  # a concurrent request opened one first
        raise DomainError(
            _("This product already has an open dossier; complete or follow that one.")
        ) from exc
    return dossier


@dataclass(frozen=True)
class DocumentInput:
    kind: str
    issued_on: dt.date
    file: UploadedFile
    expires_on: dt.date | None = None
    title: str = ""
    number: str = ""


def _document_checked(document: DocumentInput, today: dt.date) -> str:
    if document.kind not in DocumentKind.values:
        raise DomainError(_("Unknown kind of document."))
    if document.issued_on > today:
        raise DomainError(
            _("A document cannot be issued in the future (%(date)s).")
            % {"date": _fmt(document.issued_on)}
        )
    if document.expires_on is not None:
        if document.expires_on < document.issued_on:
            raise DomainError(_("A document cannot expire before it was issued."))
        if document.expires_on < today:
            raise DomainError(
                _("%(kind)s: this document expired on %(date)s; attach one that is still valid.")
                % {
                    "kind": DocumentKind(document.kind).label,
                    "date": _fmt(document.expires_on),
                }
            )
    return document_file_validate(document.file)


def _document_store(
    dossier: Dossier, document: DocumentInput, file_format: str, actor: User
) -> DossierDocument:
    row = DossierDocument(
        dossier=dossier,
        kind=document.kind,
        title=document.title.strip(),
        number=document.number.strip(),
        issued_on=document.issued_on,
        expires_on=document.expires_on,
        file_format=file_format,
        size=document.file.size or 0,
        uploaded_by=actor,
    )
    row.file.save(document.file.name or "document", document.file, save=False)
    row.save()
    return row


def dossier_document_add(
    *, actor: User, dossier: Dossier, document: DocumentInput
) -> DossierDocument:
    """Attach a piece of evidence while the dossier is a draft (a returned dossier takes new
    documents only as answers to the items the official marked)."""
    _check_filer(actor, dossier)
    if dossier.status != DossierStatus.DRAFT:
        raise DomainError(
            _("Documents are added while the dossier is a draft; after filing, only as answers.")
        )
    file_format = _document_checked(document, _today())
    with transaction.atomic(), acting_as(actor):
        locked = _locked(dossier)
        if locked.status != DossierStatus.DRAFT:
            raise DomainError(_("The dossier was filed meanwhile."))
        row = _document_store(locked, document, file_format, actor)
        _event(locked, EventKind.DOCUMENT_ADDED, actor, _today(), str(row))
    return row


def dossier_document_remove(*, actor: User, document: DossierDocument) -> None:
    _check_filer(actor, document.dossier)
    if document.dossier.status != DossierStatus.DRAFT:
        raise DomainError(_("Documents are removed only while the dossier is a draft."))
    with transaction.atomic(), acting_as(actor):
        document.delete()


def dossier_submit(*, actor: User, dossier: Dossier, on: dt.date | None = None) -> Dossier:
    """File the dossier with the commune (QĐ 26/2026 Điều 7.1).

    The filing date fixes the criteria edition and process (``dossier_rules``; Điều 12.2, 13).
    A re-rating is filed 180–120 days before the certificate expires (Điều 7.6.a) and the date
    is recorded on the certificate. Refused, changing nothing, when the self-assessment is
    missing or incomplete, an upgrade does not say what changed, a document has expired, or the
    dossier was already filed.
    """
    _check_filer(actor, dossier)
    day = on or _today()
    transition(dossier.status, DossierAction.SUBMIT)
    assessment = dossier.self_assessment
    if assessment is None or not assessment.answer_sheet.complete:
        raise DomainError(
            _("Complete the self-assessment (Mẫu 02) of the product before filing the dossier.")
        )
    if dossier.kind in (DossierKind.UPGRADE, DossierKind.RERATING) and not (
        dossier.changes_summary.strip()
    ):
        # Điều 6.1.b: "thể hiện rõ nội dung và tài liệu minh chứng về những thay đổi"; 6.1.c:
        # "cập nhật những nội dung mới và kết quả sau thời gian sản phẩm OCOP được công nhận".
        raise DomainError(_("Describe what changed since the product was recognised."))
    expired = [
        doc
        for doc in dossier.documents.all()
        if doc.expires_on is not None and doc.expires_on < day
    ]
    if expired:
        raise DomainError(
            _("These documents have expired; replace them before filing: %(list)s.")
            % {
                "list": "; ".join(
                    f"{doc} ({_fmt(doc.expires_on)})" for doc in expired if doc.expires_on
                )
            }
        )
    if not dossier.documents.exists():
        raise DomainError(_("Attach the dossier's evidence before filing it."))
    rules = dossier_rules.dossier_rules(day, dossier.kind)
    certificate = dossier.certificate
    if dossier.kind == DossierKind.RERATING and certificate is not None:
        if certificate.valid_until is None:
            raise DomainError(_("The certificate has no expiry date; ask the provincial office."))
        if rules.process == "26-2026":
            window = dossier_rules.rerating_window(certificate.valid_until)
            if day not in window:
                raise DomainError(
                    _(
                        "A re-rating dossier is filed between %(first)s and %(last)s (180 to 120 "
                        "days before the certificate expires on %(until)s; QĐ 26/2026 Điều 7.6.a)."
                    )
                    % {
                        "first": _fmt(window.first),
                        "last": _fmt(window.last),
                        "until": _fmt(certificate.valid_until),
                    }
                )
    with transaction.atomic(), acting_as(actor):
        locked = _locked(dossier)
        locked.status = transition(locked.status, DossierAction.SUBMIT)
        locked.filed_on = day
        locked.edition = rules.edition
        locked.process = rules.process
        locked.completion_deadline = rules.completion_deadline
        locked.save()
        _event(locked, EventKind.SUBMITTED, actor, day)
        if locked.kind == DossierKind.RERATING and certificate is not None:
            certificate_set_rerating_filed(
                actor=actor, certificate=certificate, filed_on=day, via_dossier=True
            )
    return locked


# --- the commune step (QĐ 26/2026 Điều 7.2) ----------------------------------------------------


def dossier_receive(
    *, actor: User, dossier: Dossier, samples_received: int, on: dt.date | None = None
) -> Dossier:
    """The commune receives a filed dossier: its receipt number, the 15-working-day clock starts,
    and the product gets its serial in the commune the first time (QĐ 26/2026 Phụ lục II)."""
    _check_commune_officer(actor, dossier)
    day = on or _today()
    transition(dossier.status, DossierAction.RECEIVE)
    if samples_received < 0:
        raise DomainError(_("The number of samples cannot be negative."))
    if dossier.filed_on and day < dossier.filed_on:
        raise DomainError(_("A dossier cannot be received before it was filed."))
    with transaction.atomic(), acting_as(actor):
        locked = _locked(dossier)
        locked.status = transition(locked.status, DossierAction.RECEIVE)
        number = _next_number(CounterKind.COMMUNE_RECEIPT, locked.commune, day.year)
        locked.commune_receipt_number = receipt_number(
            number, province=locked.province, commune=locked.commune, year=day.year
        )
        locked.commune_received_on = day
        locked.commune_received_by = actor
        locked.samples_received = samples_received
        locked.evaluation_year = day.year
        locked.save()
        _event(locked, EventKind.RECEIVED, actor, day, locked.commune_receipt_number)
        if not ProductSerial.objects.filter(product_id=locked.product_id).exists():
            serial = _next_number(CounterKind.PRODUCT_SERIAL, locked.commune, 0)
            ProductSerial.objects.create(
                product_id=locked.product_id, commune=locked.commune, serial=serial, assigned_on=day
            )
            _event(locked, EventKind.SERIAL_ASSIGNED, actor, day, str(serial))
    return locked


@dataclass(frozen=True)
class ReturnItemInput:
    """One item an official marks: what it is about and why."""

    target: str
    reason: str
    document: DossierDocument | None = None
    document_kind: str = ""
    criterion_code: str = ""


def dossier_return(
    *,
    actor: User,
    dossier: Dossier,
    items: Sequence[ReturnItemInput],
    note: str = "",
    on: dt.date | None = None,
) -> SupplementRequest:
    """Return the dossier for supplementation with per-item reasons.

    By the commune during its check (QĐ 26/2026 Điều 7.2.a; the clock stops until the producer
    resubmits) or by the provincial office (Điều 7.3.a: "thông báo và hướng dẫn … hoàn thiện").
    """
    level = (
        ReturnLevel.PROVINCE if dossier.status == DossierStatus.FORWARDED else ReturnLevel.COMMUNE
    )
    if level == ReturnLevel.PROVINCE:
        _check_province_office(actor, dossier)
    else:
        _check_commune_officer(actor, dossier)
    transition(dossier.status, DossierAction.RETURN)
    day = on or _today()
    if not items:
        raise DomainError(_("Mark at least one item and say what is missing or wrong."))
    for item in items:
        if item.target not in ItemTarget.values:
            raise DomainError(_("Unknown kind of item."))
        if not item.reason.strip():
            raise DomainError(_("Every marked item needs a reason."))
        if item.target == ItemTarget.DOCUMENT and (
            item.document is None or item.document.dossier_id != dossier.pk
        ):
            raise DomainError(_("Choose the document of this dossier the item is about."))
        if item.target == ItemTarget.MISSING_DOCUMENT and item.document_kind not in (
            DocumentKind.values
        ):
            raise DomainError(_("Say which kind of document is missing."))
        if item.target == ItemTarget.CRITERION and not item.criterion_code.strip():
            raise DomainError(_("Say which criterion's evidence is meant."))
    with transaction.atomic(), acting_as(actor):
        locked = _locked(dossier)
        locked.status = transition(locked.status, DossierAction.RETURN)
        locked.save()
        request = SupplementRequest.objects.create(
            dossier=locked, level=level, returned_on=day, returned_by=actor, note=note.strip()
        )
        SupplementItem.objects.bulk_create(
            [
                SupplementItem(
                    request=request,
                    target=item.target,
                    document=item.document,
                    document_kind=item.document_kind,
                    criterion_code=item.criterion_code.strip(),
                    reason=item.reason.strip(),
                )
                for item in items
            ]
        )
        _event(locked, EventKind.RETURNED, actor, day, str(len(items)))
    return request


def supplement_item_answer(
    *,
    actor: User,
    item: SupplementItem,
    answer: str,
    document: DocumentInput | None = None,
) -> SupplementItem:
    """The producer answers one marked item (text, and a document where one is asked for)."""
    dossier = item.request.dossier
    _check_filer(actor, dossier)
    if (
        dossier.status
        not in (
            DossierStatus.RETURNED_BY_COMMUNE,
            DossierStatus.RETURNED_BY_PROVINCE,
        )
        or item.request.resubmitted_on is not None
    ):
        raise DomainError(_("This item is no longer open."))
    needs_document = item.target in (ItemTarget.MISSING_DOCUMENT, ItemTarget.DOCUMENT)
    if needs_document and document is None:
        raise DomainError(_("This item asks for a document: attach it."))
    if not answer.strip() and document is None:
        raise DomainError(_("Write an answer or attach a document."))
    file_format = _document_checked(document, _today()) if document is not None else ""
    with transaction.atomic(), acting_as(actor):
        _locked(dossier)
        if document is not None:
            item.answer_document = _document_store(dossier, document, file_format, actor)
        item.answer = answer.strip()
        item.answered_at = timezone.now()
        item.save()
        _event(dossier, EventKind.ITEM_ANSWERED, actor, _today(), item.reason[:200])
    return item


def dossier_resubmit(*, actor: User, dossier: Dossier, on: dt.date | None = None) -> Dossier:
    """Send the dossier back once every marked item is answered; the commune's clock resumes."""
    _check_filer(actor, dossier)
    transition(dossier.status, DossierAction.RESUBMIT)
    day = on or _today()
    request = dossier.returns.filter(resubmitted_on__isnull=True).order_by("-pk").first()
    if request is None:
        raise DomainError(_("This dossier has no open return."))
    if day < request.returned_on:
        raise DomainError(_("A dossier cannot be resubmitted before it was returned."))
    open_items = request.items.filter(answered_at__isnull=True).count()
    if open_items:
        raise DomainError(
            _("Answer every marked item before resubmitting (%(count)s still open).")
            % {"count": open_items}
        )
    with transaction.atomic(), acting_as(actor):
        locked = _locked(dossier)
        locked.status = transition(locked.status, DossierAction.RESUBMIT)
        locked.save()
        request.resubmitted_on = day
        request.save(update_fields=["resubmitted_on"])
        _event(locked, EventKind.RESUBMITTED, actor, day)
    return locked


@dataclass(frozen=True)
class AssessmentData:
    """Mẫu 03 Part II: the commune's assessment of four topics (QĐ 26/2026 Điều 7.2.a)."""

    raw_material: str
    local_labour: str
    idea_origin: str
    local_identity: str
    signer_name: str = ""
    signer_title: str = ""


def commune_assessment_save(
    *, actor: User, dossier: Dossier, data: AssessmentData, on: dt.date | None = None
) -> CommuneAssessment:
    """Write (or rewrite, until forwarding) the commune's Mẫu 03 assessment."""
    _check_commune_officer(actor, dossier)
    if dossier.status != DossierStatus.COMMUNE_REVIEW:
        raise DomainError(_("The commune assesses a dossier it has received and not forwarded."))
    texts = (data.raw_material, data.local_labour, data.idea_origin, data.local_identity)
    if any(not text.strip() for text in texts):
        raise DomainError(
            _(
                "Mẫu 03 assesses all four topics: local raw material, local labour, the origin "
                "of the idea and local identity."
            )
        )
    day = on or _today()
    with transaction.atomic(), acting_as(actor):
        locked = _locked(dossier)
        assessment, _created = CommuneAssessment.objects.update_or_create(
            dossier=locked,
            defaults={
                "raw_material": data.raw_material.strip(),
                "local_labour": data.local_labour.strip(),
                "idea_origin": data.idea_origin.strip(),
                "local_identity": data.local_identity.strip(),
                "signer_name": data.signer_name.strip(),
                "signer_title": data.signer_title.strip(),
                "assessed_on": day,
                "assessed_by": actor,
            },
        )
        _event(locked, EventKind.ASSESSED, actor, day)
    return assessment


def dossier_forward(*, actor: User, dossier: Dossier, on: dt.date | None = None) -> Dossier:
    """The commune forwards the dossier to the province (QĐ 26/2026 Điều 7.2.b, 6.2): with its
    Mẫu 03 report and letter and the 5 samples (none for tourism, Điều 6.2.d). The forwarding
    date is the commune's proposal date that decides the round (Điều 5.1)."""
    _check_commune_officer(actor, dossier)
    transition(dossier.status, DossierAction.FORWARD)
    day = on or _today()
    if not CommuneAssessment.objects.filter(dossier=dossier).exists():
        raise DomainError(
            _("Issue the commune's assessment (Mẫu 03) before forwarding the dossier.")
        )
    needed = samples_required(dossier.product)
    if dossier.samples_received < needed:
        raise DomainError(
            _("The province needs %(needed)s product samples; the commune received %(got)s.")
            % {"needed": needed, "got": dossier.samples_received}
        )
    with transaction.atomic(), acting_as(actor):
        locked = _locked(dossier)
        locked.status = transition(locked.status, DossierAction.FORWARD)
        locked.forwarded_on = day
        locked.save()
        _event(locked, EventKind.FORWARDED, actor, day)
    return locked


# --- province intake (QĐ 26/2026 Điều 7.3.a, Điều 5.1) -----------------------------------------


def dossier_assign_round(
    *, actor: User, dossier: Dossier, round_: Round | None = None, on: dt.date | None = None
) -> Dossier:
    """The provincial office accepts a forwarded dossier and puts it in a round.

    Without ``round_`` the round the commune's proposal falls into (``round_for_proposal`` on
    the forwarding date). A round whose cut-off had passed when the commune proposed is refused:
    Điều 5.1's "trước ngày" dates are exclusive.
    """
    _check_province_office(actor, dossier)
    transition(dossier.status, DossierAction.ASSIGN)
    day = on or _today()
    proposed_on = dossier.forwarded_on or day
    if round_ is None:
        spec = rules_selectors.round_for_proposal(
            RoundLevel.PROVINCE, proposed_on, province=dossier.province
        )
    else:
        if round_.level != RoundLevel.PROVINCE or round_.province_id != dossier.province_id:
            raise DomainError(_("Choose a round of this province."))
        if proposed_on >= round_.cutoff:
            suggested = rules_selectors.round_for_proposal(
                RoundLevel.PROVINCE, proposed_on, province=dossier.province
            )
            raise DomainError(
                _(
                    "The commune proposed this dossier on %(day)s, on or after the cut-off of "
                    "round %(round)s (%(cutoff)s); the next open round is %(next)s/%(year)s."
                )
                % {
                    "day": _fmt(proposed_on),
                    "round": f"{round_.number}/{round_.year}",
                    "cutoff": _fmt(round_.cutoff),
                    "next": suggested.number,
                    "year": suggested.year,
                }
            )
        spec = rules_selectors.round_spec(round_)
    with transaction.atomic(), acting_as(actor):
        stored = rules_services.round_materialize(actor=actor, spec=spec, province=dossier.province)
        locked = _locked(dossier)
        locked.status = transition(locked.status, DossierAction.ASSIGN)
        if not locked.province_receipt_number:
            number = _next_number(CounterKind.PROVINCE_RECEIPT, locked.province, day.year)
            locked.province_receipt_number = receipt_number(
                number, province=locked.province, commune=locked.commune, year=day.year
            )
            locked.province_received_on = day
            _event(locked, EventKind.PROVINCE_RECEIVED, actor, day, locked.province_receipt_number)
        locked.round = stored
        locked.evaluation_year = stored.year
        locked.save()
        _event(locked, EventKind.ASSIGNED, actor, day, str(stored))
    return locked
