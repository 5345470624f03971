"""Reads of dossiers, scoped: a producer sees its own, a commune officer its commune's, the
provincial office its province's (drafts stay with the producer), the national office all."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from ocop.accounts.choices import Role
from ocop.accounts.selectors import user_scope_units, user_sees_everything
from ocop.core.queues import EXPIRING, OVERDUE, WAITING, QueueLine
from ocop.evaluation import rounds as round_rules
from ocop.evaluation import selectors as rules_selectors
from ocop.evaluation import workdays
from ocop.evaluation.choices import RoundLevel
from ocop.evaluation.dossiers.choices import DossierStatus, ReturnLevel
from ocop.evaluation.dossiers.models import (
    Dossier,
    DossierDocument,
    ProductSerial,
    SupplementItem,
    SupplementRequest,
)
from ocop.evaluation.dossiers.services import ocop_code

if TYPE_CHECKING:
    from ocop.accounts.models import User

# QĐ 26/2026 Điều 7.2: "Trong thời hạn 15 ngày làm việc kể từ ngày tiếp nhận hồ sơ sản phẩm".
COMMUNE_WORKING_DAYS = 15

DOSSIER_RELATED = (
    "product__product_set",
    "producer",
    "commune",
    "province",
    "round",
    "certificate",
)


def dossier_list(*, user: User) -> QuerySet[Dossier]:
    """Dossiers ``user`` may see."""
    qs = Dossier.objects.select_related(*DOSSIER_RELATED)
    if not user.is_authenticated:
        return qs.none()
    filed = ~Q(status=DossierStatus.DRAFT)
    if user_sees_everything(user):
        return qs.filter(filed) if not user.is_superuser else qs
    if user.role == Role.PRODUCER:
        return qs.filter(producer__account_links__user=user)
    if user.role == Role.COMMUNE_OFFICER:
        return qs.filter(filed, commune__in=user_scope_units(user).values("pk"))
    if user.role == Role.PROVINCE_OFFICE:
        return qs.filter(filed, province__in=user_scope_units(user).values("pk"))
    return qs.none()


def dossier_user_is_filer(user: User, dossier: Dossier) -> bool:
    """True when ``user`` files for the dossier's producer (its own account, or a superuser)."""
    return bool(
        user.is_authenticated
        and (
            user.is_superuser
            or (
                user.role == Role.PRODUCER
                and user.producer_links.filter(producer_id=dossier.producer_id).exists()
            )
        )
    )


def dossier_document_get(*, user: User, pk: int) -> DossierDocument | None:
    """A document, only if ``user`` may see its dossier (files are served through this)."""
    return (
        DossierDocument.objects.select_related("dossier")
        .filter(pk=pk, dossier__in=dossier_list(user=user).values("pk"))
        .first()
    )


def dossier_documents(dossier: Dossier) -> list[DossierDocument]:
    return list(dossier.documents.select_related("carried_from").order_by("kind", "pk"))


def dossier_open_request(dossier: Dossier) -> SupplementRequest | None:
    return dossier.returns.filter(resubmitted_on__isnull=True).order_by("-pk").first()


def supplement_items(request: SupplementRequest) -> list[SupplementItem]:
    return list(request.items.select_related("document", "answer_document").order_by("pk"))


def supplement_item_get(*, user: User, pk: int) -> SupplementItem | None:
    return (
        SupplementItem.objects.select_related("request__dossier__product__product_set")
        .filter(pk=pk, request__dossier__in=dossier_list(user=user).values("pk"))
        .first()
    )


def dossier_commune_clock(
    dossier: Dossier, *, calendar: workdays.WorkCalendar | None = None
) -> workdays.ClockState | None:
    """The commune's 15-working-day clock (QĐ 26/2026 Điều 7.2), stopped while the commune's
    returns for supplementation are open (``deadline_with_pauses``); None before receipt."""
    if dossier.commune_received_on is None:
        return None
    pauses = [
        workdays.Pause(paused_on=r.returned_on, resumed_on=r.resubmitted_on)
        for r in dossier.returns.filter(level=ReturnLevel.COMMUNE).order_by("returned_on", "pk")
    ]
    return rules_selectors.deadline_with_pauses(
        dossier.commune_received_on, COMMUNE_WORKING_DAYS, pauses, calendar=calendar
    )


def dossier_ocop_code(dossier: Dossier) -> str:
    """ "(T)-(X)-(STT)-(năm)" once the commune has given the product its serial, else ""."""
    serial = ProductSerial.objects.filter(product_id=dossier.product_id).first()
    if serial is None or dossier.evaluation_year is None:
        return ""
    return ocop_code(
        province=dossier.province,
        commune=dossier.commune,
        serial=serial.serial,
        year=dossier.evaluation_year,
    )


def dossier_suggested_round(dossier: Dossier) -> round_rules.RoundSpec | None:
    """The provincial round the commune's proposal falls into (QĐ 26/2026 Điều 5.1)."""
    if dossier.forwarded_on is None:
        return None
    return rules_selectors.round_for_proposal(
        RoundLevel.PROVINCE, dossier.forwarded_on, province=dossier.province
    )


def dossier_previous(dossier: Dossier) -> Dossier | None:
    """The product's previous dossier (what an upgrade or re-rating is compared with)."""
    return (
        Dossier.objects.filter(product_id=dossier.product_id, pk__lt=dossier.pk)
        .order_by("-pk")
        .first()
    )


# --- work queues (issue 9 item 9) ---------------------------------------------------------------


EXPIRING_SOON_DAYS = 30


def dossier_queue_counts(*, user: User, today: dt.date | None = None) -> list[QueueLine]:
    """What waits for ``user``, what is overdue, what expires soon — counted in a few queries."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    day = today or timezone.localdate()
    if not user.is_authenticated:
        return []
    base = reverse("dossiers:dossier_list")
    visible = dossier_list(user=user)
    counts: list[QueueLine] = []

    def add(key: str, label: str, qs: QuerySet[Dossier], tone: str) -> None:
        url = f"{base}?queue={key}"
        counts.append(QueueLine(key, label, qs.count(), url, tone))

    role = "superuser" if user.is_superuser else user.role
    if role == Role.PRODUCER:
        add(
            "drafts",
            _("Dossiers being prepared"),
            visible.filter(status=DossierStatus.DRAFT),
            WAITING,
        )
        add(
            "returned",
            _("Dossiers returned to you for supplementation"),
            visible.filter(
                status__in=[DossierStatus.RETURNED_BY_COMMUNE, DossierStatus.RETURNED_BY_PROVINCE]
            ),
            WAITING,
        )
        add(
            "expiring_documents",
            _("Open dossiers with a document expiring within 30 days"),
            dossiers_with_expiring_documents(visible, day),
            EXPIRING,
        )
    if role in (Role.COMMUNE_OFFICER, "superuser"):
        add(
            "to_receive",
            _("Filed dossiers waiting for the commune's receipt"),
            visible.filter(status=DossierStatus.SUBMITTED),
            WAITING,
        )
        in_review = list(visible.filter(status=DossierStatus.COMMUNE_REVIEW))
        add(
            "in_review",
            _("Dossiers the commune is checking (15 working days)"),
            visible.filter(status=DossierStatus.COMMUNE_REVIEW),
            WAITING,
        )
        overdue = dossiers_overdue_ids(in_review, day)
        counts.append(
            QueueLine(
                OVERDUE,
                _("Past the commune's 15-working-day deadline"),
                len(overdue),
                f"{base}?queue=overdue",
                OVERDUE,
            )
        )
    if role in (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE, "superuser"):
        add(
            "forwarded",
            _("Forwarded dossiers waiting for the province's intake"),
            visible.filter(status=DossierStatus.FORWARDED),
            WAITING,
        )
    return counts


def certificate_queue_counts(*, user: User, today: dt.date | None = None) -> list[QueueLine]:
    """Certificates entering their re-rating window (QĐ 26/2026 Điều 7.6.a: the dossier is
    filed 180 to 120 days before expiry) with no re-rating dossier filed yet."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from ocop.certification.choices import CertificateStatus
    from ocop.certification.selectors import certificate_list, certificates_with_status

    day = today or timezone.localdate()
    if not user.is_authenticated or not (
        user.is_superuser
        or user.role
        in (Role.PRODUCER, Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE)
    ):
        return []
    # ``status_code`` is an annotation (certificates_with_status): keyword arguments by name
    # keep django-stubs from looking for a model field.
    annotated = {"status_code": CertificateStatus.EXPIRING, "rerating_filed_on__isnull": True}
    expiring = certificates_with_status(certificate_list(user=user), on=day).filter(**annotated)
    url = f"{reverse('certification:certificate_list')}?status={CertificateStatus.EXPIRING}"
    return [
        QueueLine(
            "certificates_expiring",
            _("Certificates expiring within 180 days, no re-rating dossier filed"),
            expiring.count(),
            url,
            EXPIRING,
        )
    ]


def dossiers_with_expiring_documents(qs: QuerySet[Dossier], day: dt.date) -> QuerySet[Dossier]:
    soon = day + dt.timedelta(days=EXPIRING_SOON_DAYS)
    return qs.filter(
        status__in=[
            DossierStatus.DRAFT,
            DossierStatus.RETURNED_BY_COMMUNE,
            DossierStatus.RETURNED_BY_PROVINCE,
        ],
        documents__expires_on__gte=day,
        documents__expires_on__lte=soon,
    ).distinct()


def dossiers_overdue_ids(dossiers: list[Dossier], day: dt.date) -> list[int]:
    """Dossiers under the commune's check whose 15-working-day deadline is before ``day``."""
    if not dossiers:
        return []
    calendar = rules_selectors.work_calendar()
    requests: dict[int, list[workdays.Pause]] = {}
    for r in SupplementRequest.objects.filter(
        dossier__in=[d.pk for d in dossiers], level=ReturnLevel.COMMUNE
    ).order_by("returned_on", "pk"):
        requests.setdefault(r.dossier_id, []).append(
            workdays.Pause(paused_on=r.returned_on, resumed_on=r.resubmitted_on)
        )
    overdue = []
    for dossier in dossiers:
        if dossier.commune_received_on is None:
            continue
        state = workdays.deadline_with_pauses(
            dossier.commune_received_on,
            COMMUNE_WORKING_DAYS,
            requests.get(dossier.pk, []),
            calendar=calendar,
            restart=rules_selectors.clock_restarts_on_resubmission(),
        )
        if state.deadline is not None and state.deadline < day:
            overdue.append(dossier.pk)
    return overdue


def dossier_queue_filter(
    qs: QuerySet[Dossier], *, queue: str, today: dt.date | None = None
) -> QuerySet[Dossier]:
    """The dossiers behind one queue count (the list page's ``?queue=``)."""
    day = today or timezone.localdate()
    statuses = {
        "drafts": [DossierStatus.DRAFT],
        "returned": [DossierStatus.RETURNED_BY_COMMUNE, DossierStatus.RETURNED_BY_PROVINCE],
        "to_receive": [DossierStatus.SUBMITTED],
        "in_review": [DossierStatus.COMMUNE_REVIEW],
        "forwarded": [DossierStatus.FORWARDED],
    }
    if queue in statuses:
        return qs.filter(status__in=statuses[queue])
    if queue == "expiring_documents":
        return dossiers_with_expiring_documents(qs, day)
    if queue == "overdue":
        in_review = list(qs.filter(status=DossierStatus.COMMUNE_REVIEW))
        return qs.filter(pk__in=dossiers_overdue_ids(in_review, day))
    return qs


# --- the register (CONTRIBUTING "Lists") ---------------------------------------------------------

DOSSIER_SORTS: dict[str, tuple[str, ...]] = {
    "-created": ("-pk",),
    "created": ("pk",),
    "-filed": ("-filed_on", "-pk"),
    "product": ("product__name_folded", "pk"),
    "status": ("status", "-pk"),
}


def dossier_search(
    qs: QuerySet[Dossier],
    *,
    q: str = "",
    status: str = "",
    kind: str = "",
    round_id: int | None = None,
    commune_code: str = "",
    queue: str = "",
) -> QuerySet[Dossier]:
    """The register's filters over ``qs`` (already scoped by :func:`dossier_list`).

    ``q``: folded tokens of the product's or the producer's name; ``commune_code``: the dossier's
    commune (today's map, where dossiers are filed since 01/07/2025); ``queue``: a work queue's
    dossiers (the staff home's links)."""
    from ocop.core.text import search_tokens

    for token in search_tokens(q):
        qs = qs.filter(
            Q(product__name_folded__contains=token) | Q(producer__name_folded__contains=token)
        )
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if round_id is not None:
        qs = qs.filter(round_id=round_id)
    if commune_code:
        qs = qs.filter(commune__code=commune_code)
    if queue:
        qs = dossier_queue_filter(qs, queue=queue)
    return qs
