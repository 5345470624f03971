"""Reads of the certificates register, scoped like the products they certify."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from ocop.accounts.choices import Role
from ocop.accounts.selectors import user_sees_everything
from ocop.certification.choices import CertificateStatus
from ocop.certification.models import Certificate, CertificateEvent, Decision, Result
from ocop.certification.rules import (
    EXTENSION_DAYS,
    QD_26_2026_EFFECTIVE,
    RERATING_WINDOW_CLOSES_DAYS,
    RERATING_WINDOW_OPENS_DAYS,
    StatusFacts,
    status_on,
)
from ocop.core.text import search_tokens
from ocop.geo.models import AdminUnit, Authority
from ocop.geo.selectors import GroupOn, units_grouped_under
from ocop.producers.selectors import located_group_q
from ocop.products.models import Product
from ocop.products.selectors import product_list

if TYPE_CHECKING:
    from ocop.accounts.models import User

CERTIFICATE_RELATED = (
    "product",
    "producer",
    "decision__authority",
    "decision__province",
    "revocation_decision",
    "product__product_set",
)


def certificate_list(*, user: User) -> QuerySet[Certificate]:
    """Certificates of the products ``user`` may see (council members see none here)."""
    qs = Certificate.objects.select_related(*CERTIFICATE_RELATED)
    if not user.is_authenticated:
        return qs.none()
    if user_sees_everything(user):
        return qs
    return qs.filter(product__in=product_list(user=user).values("pk"))


def decision_list(*, user: User) -> QuerySet[Decision]:
    """Decisions of the provinces the official acts for (the national office: all)."""
    qs = Decision.objects.select_related("authority", "province")
    if not user.is_authenticated:
        return qs.none()
    if user_sees_everything(user):
        return qs
    if user.role in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER, Role.PRODUCER):
        visible_products = product_list(user=user).values("pk")
        return qs.filter(
            Q(results__product__in=visible_products)
            | Q(revoked_certificates__product__in=visible_products)
        ).distinct()
    return qs.none()


def decision_results(decision: Decision) -> QuerySet[Result]:
    return decision.results.select_related(
        "product__product_set", "producer__address_unit__parent__parent", "certificate"
    ).order_by("pk")


def _superseded_q(on: dt.date) -> Exists:
    return Exists(
        Certificate.objects.filter(supersedes=OuterRef("pk")).filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on)
        )
    )


def certificates_with_status(qs: QuerySet[Certificate], *, on: dt.date) -> QuerySet[Any]:
    """Annotate ``status_code``: the same rules as :func:`rules.status_on`, in the database."""
    expiring_from = on + dt.timedelta(days=RERATING_WINDOW_OPENS_DAYS)
    # Điều 12.3: the window closed before 22/05/2026 ⇔ valid_until − 120 days < 22/05/2026.
    extension_cutoff = QD_26_2026_EFFECTIVE + dt.timedelta(days=RERATING_WINDOW_CLOSES_DAYS)
    return qs.annotate(
        status_code=Case(
            When(
                Q(revocation_decision__isnull=False)
                & (
                    Q(revocation_decision__signed_on__isnull=True)
                    | Q(revocation_decision__signed_on__lte=on)
                ),
                then=Value(CertificateStatus.REVOKED),
            ),
            When(_superseded_q(on), then=Value(CertificateStatus.SUPERSEDED)),
            When(valid_until__isnull=True, then=Value(CertificateStatus.UNKNOWN)),
            When(
                Q(valid_until__lt=on)
                & Q(valid_until__gte=on - dt.timedelta(days=EXTENSION_DAYS))
                & Q(valid_until__lt=extension_cutoff)
                & Q(rerating_filed_on__lte=on),
                then=Value(CertificateStatus.EXTENDED),
            ),
            When(valid_until__lt=on, then=Value(CertificateStatus.EXPIRED)),
            When(valid_until__lte=expiring_from, then=Value(CertificateStatus.EXPIRING)),
            default=Value(CertificateStatus.VALID),
            output_field=CharField(),
        )
    )


def certificate_facts(certificate: Certificate) -> StatusFacts:
    revocation = certificate.revocation_decision
    successor = getattr(certificate, "superseded_by", None)
    return StatusFacts(
        valid_until=certificate.valid_until,
        revoked_on=revocation.signed_on if revocation is not None else None,
        revoked=revocation is not None and revocation.signed_on is None,
        superseded_on=successor.valid_from if successor is not None else None,
        superseded=successor is not None and successor.valid_from is None,
        rerating_filed_on=certificate.rerating_filed_on,
    )


def certificate_status(certificate: Certificate, *, on: dt.date | None = None) -> str:
    """The live status of one certificate (default today)."""
    return status_on(certificate_facts(certificate), on or timezone.localdate())


def certificate_get_public(*, number: str) -> Certificate | None:
    """A certificate by its number, for the public verification page (no login)."""
    number = number.strip()
    if not number:
        return None
    return (
        Certificate.objects.select_related(
            "product__product_set",
            "product__origin_unit__parent__parent",
            "producer__address_unit__parent__parent",
            "decision__authority",
            "revocation_decision",
            "superseded_by",
        )
        .filter(number__iexact=number)
        .first()
    )


def product_certificates(product: Product) -> QuerySet[Certificate]:
    """The product's chain of certificates, newest first."""
    return (
        Certificate.objects.filter(product=product)
        .select_related("decision__authority", "revocation_decision", "superseded_by")
        .order_by("-valid_from", "-pk")
    )


def product_current_certificate(
    product: Product, *, on: dt.date | None = None
) -> Certificate | None:
    """The head of the product's chain on ``on``: the newest certificate issued by then."""
    day = on or timezone.localdate()
    return (
        product_certificates(product)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .first()
    )


def product_awaiting_national(product: Product) -> bool:
    """A ≥ 90 result not yet followed by a 5★ certificate (shown as "tiềm năng 5 sao")."""
    latest = (
        Result.objects.filter(product=product, potential_5=True)
        .order_by("-decision__signed_on", "-pk")
        .first()
    )
    if latest is None:
        return False
    return not Certificate.objects.filter(
        product=product, star=5, valid_from__gte=latest.decision.signed_on or dt.date.min
    ).exists()


def certificate_events(certificate: Certificate) -> QuerySet[CertificateEvent]:
    return certificate.events.select_related("actor").order_by("on", "at", "pk")


def certificate_chain(certificate: Certificate) -> list[Certificate]:
    """Every certificate of the product, oldest first (the chain of re-ratings and upgrades)."""
    return list(product_certificates(certificate.product).order_by("valid_from", "pk"))


def products_latest_certificate_status(
    qs: QuerySet[Product], *, on: dt.date
) -> dict[int, tuple[Certificate, str]]:
    """For a page of products: the head certificate of each and its status (two queries)."""
    ids = list(qs.values_list("pk", flat=True))
    certs = certificates_with_status(
        Certificate.objects.filter(product_id__in=ids)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .order_by("product_id", "-valid_from", "-pk"),
        on=on,
    )
    heads: dict[int, tuple[Certificate, str]] = {}
    for cert in certs:
        heads.setdefault(cert.product_id, (cert, cert.status_code))
    return heads


def certificate_search(
    qs: QuerySet[Certificate],
    *,
    on: dt.date,
    q: str = "",
    status: str = "",
    star: int | None = None,
    edition: str = "",
    authority_id: int | None = None,
    unit: AdminUnit | None = None,
    group_on: GroupOn = "current",
    expiring_within: int | None = None,
    order: str = "-valid_from",
) -> QuerySet[Any]:
    """The register's filters; ``status_code`` is annotated for ``on``."""
    for token in search_tokens(q):
        qs = qs.filter(Q(product__name_folded__contains=token) | Q(number__icontains=token))
    if star is not None:
        qs = qs.filter(star=star)
    if edition:
        qs = qs.filter(edition=edition)
    if authority_id is not None:
        qs = qs.filter(decision__authority_id=authority_id)
    if unit is not None:
        ids = units_grouped_under(unit, on=group_on)
        qs = qs.filter(
            located_group_q("product__origin_unit", "product__current_unit", ids, group_on)
        )
    annotated: QuerySet[Any] = certificates_with_status(qs, on=on)
    if status:
        annotated = annotated.filter(status_code=status)
    if expiring_within is not None:
        annotated = annotated.filter(
            valid_until__gte=on, valid_until__lte=on + dt.timedelta(days=expiring_within)
        ).exclude(status_code__in=[CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED])
    return annotated.order_by(*CERTIFICATE_SORTS.get(order, CERTIFICATE_SORTS["-valid_from"]))


CERTIFICATE_SORTS: dict[str, tuple[str, ...]] = {
    # certificates of one decision: by number (the annex's order), not by the row's id, so
    # that a register re-imported elsewhere lists them in the same order (issue 11)
    "-valid_from": ("-valid_from", "-number", "-pk"),
    "valid_until": ("valid_until", "pk"),
    "product": ("product__sort_key", "pk"),
    "number": ("number", "pk"),
}
DECISION_SORTS: dict[str, tuple[str, ...]] = {
    "-date": ("-signed_on", "-pk"),
    "date": ("signed_on", "pk"),
    "number": ("number", "pk"),
}


def decision_search(
    qs: QuerySet[Decision],
    *,
    q: str = "",
    kind: str = "",
    authority_id: int | None = None,
    year: int | None = None,
) -> QuerySet[Decision]:
    if q.strip():
        qs = qs.filter(Q(number__icontains=q.strip()) | Q(summary__icontains=q.strip()))
    if kind:
        qs = qs.filter(kind=kind)
    if authority_id is not None:
        qs = qs.filter(authority_id=authority_id)
    if year is not None:
        qs = qs.filter(signed_on__year=year)
    return qs.annotate(product_count=Count("results", distinct=True)).order_by("-signed_on", "-pk")


def authorities_for_recording(*, user: User, on: dt.date | None = None) -> QuerySet[Authority]:
    """Bodies a user may record decisions of: those of the provinces in scope, and ministries."""
    qs = Authority.objects.select_related("unit").order_by(
        F("valid_to").desc(nulls_first=True), "kind", "name"
    )
    if user_sees_everything(user):
        return qs
    from ocop.accounts.selectors import user_scope_units

    return qs.filter(Q(unit__in=user_scope_units(user).values("pk")) | Q(unit__isnull=True))


def products_for_recording(*, user: User) -> QuerySet[Product]:
    return product_list(user=user).exclude(status="discontinued").order_by("sort_key", "pk")


def certificate_public_url(certificate: Certificate) -> str:
    """The public verification address printed in the certificate's QR code."""
    from django.conf import settings
    from django.urls import reverse

    path = reverse("catalogue:certificate_verify", args=[certificate.number])
    return f"{settings.OCOP_PUBLIC_BASE_URL}{path}"


def products_with_certificate(qs: QuerySet[Product], *, on: dt.date) -> QuerySet[Any]:
    """Annotate each product with its head certificate on ``on``: ``cert_id``, ``cert_number``,
    ``cert_star`` and ``cert_status`` (null when it never held one) — correlated subqueries."""
    head = (
        Certificate.objects.filter(product=OuterRef("pk"))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .order_by("-valid_from", "-pk")
    )
    with_status = certificates_with_status(head, on=on)
    return qs.annotate(
        cert_id=Subquery(head.values("pk")[:1]),
        cert_number=Subquery(head.values("number")[:1]),
        cert_star=Subquery(head.values("star")[:1]),
        cert_status=Subquery(with_status.values("status_code")[:1]),
    )


def products_filter_certificate(
    qs: QuerySet[Any], *, star: int | None = None, status: str = ""
) -> QuerySet[Any]:
    """Filter products annotated by :func:`products_with_certificate`; status ``none`` keeps
    those that never held a certificate."""
    if star is not None:
        qs = qs.filter(cert_star=star)
    if status == "none":
        qs = qs.filter(cert_id__isnull=True)
    elif status:
        qs = qs.filter(cert_status=status)
    return qs
