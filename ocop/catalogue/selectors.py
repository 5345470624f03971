"""Reads of the public catalogue: what anyone may see, with no login.

What is public (issue 13 item 2): products that hold or held an OCOP certificate, with the live
status of their current certificate — never a draft, an unrecognised product or a dossier — and
the producers of those products. Nothing the sensitive-field policy
(:mod:`ocop.producers.policy`) hides is ever read into a public row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from ocop.certification.models import Certificate
from ocop.certification.selectors import certificates_with_status
from ocop.core.text import fold, search_tokens
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import (
    CURRENT_MAP_CODE,
    LEGACY_MAP_CODE,
    REFORM_DATE,
    GroupOn,
    units_grouped_under,
)
from ocop.producers.models import Producer
from ocop.producers.selectors import located_group_q
from ocop.products.choices import ChannelKind
from ocop.products.models import Channel, IPTitle, Product, ProductPhoto, ProductSet

# The last day of the legacy map: filtering "as of" it keeps the records written in a legacy unit
# and those written in today's units that took its territory.
LEGACY_LAST_DAY = REFORM_DATE - dt.timedelta(days=1)

# Channel filters offered to buyers (issue 13 item 1): supermarket, e-commerce, export.
PUBLIC_CHANNELS = (ChannelKind.SUPERMARKET, ChannelKind.ECOMMERCE, ChannelKind.EXPORT)

ORDERS = ("name", "-name", "-star", "star", "-recognised")


def _public_filter(qs: QuerySet[Product]) -> QuerySet[Product]:
    """THE rule of what is public: a product that holds or held an OCOP certificate.

    A draft, a product only rated below 3★ or approved at ≥ 90 points without a certificate
    yet (QĐ 26/2026 Điều 7), and every dossier stay private.
    """
    return qs.filter(Exists(Certificate.objects.filter(product=OuterRef("pk"))))


def _head_certificates(on: dt.date) -> QuerySet[Certificate]:
    """The head of each product's chain on ``on``: its newest certificate issued by then."""
    return certificates_with_status(
        Certificate.objects.filter(product=OuterRef("pk"))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .order_by("-valid_from", "-pk"),
        on=on,
    )


def _with_certificate(qs: QuerySet[Product], *, on: dt.date) -> QuerySet[Product]:
    """Annotate the current certificate: ``star``, ``certificate_id``, ``certificate_number``,
    ``certificate_status`` (live, on ``on``), ``certificate_valid_from``/``_until``."""
    head = _head_certificates(on)
    return qs.annotate(
        star=Subquery(head.values("star")[:1]),
        certificate_id=Subquery(head.values("pk")[:1]),
        certificate_number=Subquery(head.values("number")[:1]),
        certificate_status=Subquery(head.values("status_code")[:1]),  # type: ignore[misc]
        certificate_valid_from=Subquery(head.values("valid_from")[:1]),
        certificate_valid_until=Subquery(head.values("valid_until")[:1]),
    )


def public_product_list(*, on: dt.date | None = None) -> QuerySet[Product]:
    """Every public product with its current certificate annotated (no login needed)."""
    day = on or timezone.localdate()
    qs = Product.objects.select_related(
        "producer",
        "product_set",
        "origin_unit__map",
        "origin_unit__parent__parent",
        "origin_unit__province",
        "current_unit__map",
        "current_unit__province",
    )
    return _with_certificate(_public_filter(qs), on=day)


def public_producer_list() -> QuerySet[Producer]:
    """Producers with at least one public product."""
    public = _public_filter(Product.objects.filter(producer=OuterRef("pk")))
    return (
        Producer.objects.filter(Exists(public))
        .select_related("address_unit__map", "address_unit__province", "address_province")
        .order_by("sort_key", "pk")
    )


def public_product_get(*, pk: int) -> Product | None:
    return public_product_list().filter(pk=pk).first()


def public_producer_get(*, pk: int) -> Producer | None:
    return public_producer_list().filter(pk=pk).first()


def public_products_of(producer: Producer) -> QuerySet[Product]:
    return public_product_list().filter(producer=producer).order_by("sort_key", "pk")


# --- places: today's map, old names through lineage ----------------------------------------


def public_province_choices() -> tuple[list[AdminUnit], list[AdminUnit]]:
    """Today's provinces and the legacy provinces (before 01/07/2025), in Vietnamese order."""
    provinces = AdminUnit.objects.filter(level=UnitLevel.PROVINCE).select_related("map")
    current = list(provinces.filter(map__code=CURRENT_MAP_CODE).order_by("sort_key"))
    legacy = list(provinces.filter(map__code=LEGACY_MAP_CODE).order_by("sort_key"))
    return current, legacy


def public_commune_choices(province: AdminUnit) -> list[AdminUnit]:
    """The communes of a province of today's map (none for a legacy province)."""
    if province.map.code != CURRENT_MAP_CODE:
        return []
    return list(
        AdminUnit.objects.filter(
            map__code=CURRENT_MAP_CODE, level=UnitLevel.COMMUNE, province=province
        )
        .select_related("map")
        .order_by("sort_key")
    )


def place_find(text: str) -> AdminUnit | None:
    """The province or commune a visitor names, on today's map or by its old name.

    "Trà Vinh" names no province today (it merged into Vĩnh Long on 01/07/2025): it finds the
    legacy tỉnh Trà Vinh, whose territory then selects the products. Provinces come before
    communes, and today's units before legacy ones; a whole-name match before a partial one.
    """
    folded = fold(text)
    if not folded:
        return None
    candidates = list(
        AdminUnit.objects.filter(
            level__in=(UnitLevel.PROVINCE, UnitLevel.COMMUNE), name_folded__contains=folded
        )
        .select_related("map")
        .order_by("pk")[:200]
    )

    def rank(unit: AdminUnit) -> tuple[int, int, int, str]:
        return (
            0 if fold(unit.name) == folded or unit.name_folded == folded else 1,
            0 if unit.level == UnitLevel.PROVINCE else 1,
            0 if unit.map.code == CURRENT_MAP_CODE else 1,
            unit.sort_key,
        )

    candidates.sort(key=rank)
    return candidates[0] if candidates else None


def products_in_unit(qs: QuerySet[Product], unit: AdminUnit) -> QuerySet[Product]:
    """Products whose commune of origin lies in ``unit`` (a province or commune of either map).

    A unit of today's map keeps what a report on today's boundaries counts under it; a legacy
    unit keeps what a report as of 30/06/2025 counts under it — products written on the old
    commune and those written on today's communes that took its territory.
    """
    on: GroupOn = "current" if unit.map.code == CURRENT_MAP_CODE else LEGACY_LAST_DAY
    ids = units_grouped_under(unit, on=on)
    return qs.filter(located_group_q("origin_unit", "current_unit", ids, on))


# --- search ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueQuery:
    """What a visitor (or an API client) asks the catalogue for."""

    q: str = ""
    star: int | None = None
    product_set: ProductSet | None = None
    unit: AdminUnit | None = None
    place: str = ""
    legal_form: str = ""
    channel: str = ""
    order: str = "name"


def public_product_search(query: CatalogueQuery, *, on: dt.date | None = None) -> QuerySet[Product]:
    """Public products matching ``query``: folded-name search exactly like the staff search
    (diacritics, đ, case and tone placement ignored), then the filters, then the order.

    Lean, for lists: only the head certificate's id is annotated (``certificate_id``; plus
    ``star`` or ``certificate_valid_from`` when the filter or the order needs them) — one
    correlated subquery instead of six. Call :func:`attach_certificates` on the page's rows
    for their star, number and live status."""
    day = on or timezone.localdate()
    head = _head_pks(day)
    qs: QuerySet[Product] = _public_filter(
        Product.objects.select_related(
            "producer",
            "product_set",
            "origin_unit__map",
            "origin_unit__parent__parent",
            "origin_unit__province",
            "current_unit__map",
            "current_unit__province",
        )
    ).annotate(certificate_id=Subquery(head.values("pk")[:1]))
    for token in search_tokens(query.q):
        qs = qs.filter(name_folded__contains=token)
    if query.star is not None or query.order in ("star", "-star"):
        qs = qs.annotate(star=Subquery(head.values("star")[:1]))
    if query.order == "-recognised":
        qs = qs.annotate(certificate_valid_from=Subquery(head.values("valid_from")[:1]))
    if query.star is not None:
        qs = qs.filter(star=query.star)  # type: ignore[misc] # annotated above
    if query.product_set is not None:
        qs = qs.filter(product_set=query.product_set)
    if query.unit is not None:
        qs = products_in_unit(qs, query.unit)
    if query.place:
        unit = place_find(query.place)
        qs = products_in_unit(qs, unit) if unit is not None else qs.none()
    if query.legal_form:
        qs = qs.filter(producer__legal_form=query.legal_form)
    if query.channel:
        qs = qs.filter(Exists(Channel.objects.filter(product=OuterRef("pk"), kind=query.channel)))
    ordering: list[Any] = {
        "name": ["sort_key", "pk"],
        "-name": ["-sort_key", "-pk"],
        "-star": [_desc("star"), "sort_key", "pk"],
        "star": [_asc("star"), "sort_key", "pk"],
        "-recognised": [_desc("certificate_valid_from"), "sort_key", "pk"],
    }.get(query.order, ["sort_key", "pk"])
    return qs.order_by(*ordering)


def _head_pks(on: dt.date) -> QuerySet[Certificate]:
    """As :func:`_head_certificates`, without the live status (which picks no row)."""
    return (
        Certificate.objects.filter(product=OuterRef("pk"))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .order_by("-valid_from", "-pk")
    )


def attach_certificates(products: list[Product], *, on: dt.date | None = None) -> list[Product]:
    """Give each product of a page (from :func:`public_product_search`) its current
    certificate's ``star``, ``certificate_number``, ``certificate_status`` (live on ``on``),
    ``certificate_valid_from`` and ``certificate_valid_until`` — one query for the page."""
    day = on or timezone.localdate()
    ids = [p.certificate_id for p in products if p.certificate_id is not None]  # type: ignore[attr-defined]
    rows = {
        row["pk"]: row
        for row in certificates_with_status(Certificate.objects.filter(pk__in=ids), on=day).values(
            "pk", "star", "number", "status_code", "valid_from", "valid_until"
        )
    }
    for product in products:
        row = rows.get(product.certificate_id, {})  # type: ignore[attr-defined]
        product.star = row.get("star")  # type: ignore[attr-defined]
        product.certificate_number = row.get("number")  # type: ignore[attr-defined]
        product.certificate_status = row.get("status_code")  # type: ignore[attr-defined]
        product.certificate_valid_from = row.get("valid_from")  # type: ignore[attr-defined]
        product.certificate_valid_until = row.get("valid_until")  # type: ignore[attr-defined]
    return products


def _desc(field: str) -> Any:
    from django.db.models import F

    return F(field).desc(nulls_last=True)


def _asc(field: str) -> Any:
    from django.db.models import F

    return F(field).asc(nulls_last=True)


def public_channel_summary(product: Product, *, on: dt.date | None = None) -> QuerySet[Channel]:
    """Where to buy: the product's channels whose contract is in force ``on`` (or undated)."""
    day = on or timezone.localdate()
    return product.channels.filter(
        (Q(contract_start__isnull=True) | Q(contract_start__lte=day))
        & (Q(contract_end__isnull=True) | Q(contract_end__gte=day))
    ).order_by("kind", "partner_name", "pk")


def public_ip_titles(product: Product) -> QuerySet[IPTitle]:
    """IP titles of the product and those its producer holds for all its products."""
    return IPTitle.objects.filter(
        Q(product=product) | Q(product__isnull=True, producer_id=product.producer_id)
    ).order_by("kind", "pk")


def public_photos(product: Product) -> list[ProductPhoto]:
    return list(product.photos.order_by("pk"))


def public_certificate_list(*, on: dt.date | None = None) -> QuerySet[Certificate]:
    """Every certificate with its live status on ``on`` (a certificate is public by nature:
    anyone may check a star — issue 13 item 4)."""
    day = on or timezone.localdate()
    return certificates_with_status(
        Certificate.objects.select_related(
            "product", "producer", "decision", "revocation_decision"
        ),
        on=day,
    ).order_by("-valid_from", "-pk")
