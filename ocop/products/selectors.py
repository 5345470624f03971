"""Reads of products, channels and IP titles, scoped like their producers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.accounts.choices import Role
from ocop.accounts.selectors import UnitScope, user_sees_everything
from ocop.core.text import search_tokens
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import (
    LEGACY_MAP_CODE,
    REASON_NO_COMMUNE,
    REASON_SEVERAL_PROVINCES,
    REASON_SPLIT,
    GroupOn,
    group_keys_for_units,
    group_map_code,
    units_current_successors,
    units_grouped_under,
)
from ocop.producers.models import Producer
from ocop.producers.selectors import located_group_q, located_scope_q
from ocop.products.choices import ChannelKind, IPKind
from ocop.products.models import Channel, IPTitle, Product, ProductPhoto, ProductSet

if TYPE_CHECKING:
    from ocop.accounts.models import User
    from ocop.producers.models import Producer


def product_set_list() -> QuerySet[ProductSet]:
    return ProductSet.objects.order_by("number")


def product_list(*, user: User) -> QuerySet[Product]:
    """Products ``user`` may see: all (national office), those whose commune of origin or
    producer's address is in the official's area, or the producer account's own."""
    qs = Product.objects.select_related(
        "producer",
        "product_set",
        "producer__address_province",
        "origin_unit__map",
        "origin_unit__parent__parent",
        "current_unit__province",
        "current_unit__parent",
        "current_unit__map",
    )
    if not user.is_authenticated:
        return qs.none()
    if user_sees_everything(user):
        return qs
    if user.role in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER):
        # The producer's side as a semi-join on producer_id: written across the join, the OR
        # made PostgreSQL compare every product with every producer (1,1 s for one province of
        # the national data set; a few ms this way).
        producers_in_scope = Producer.objects.filter(
            located_scope_q(user, "address_unit", "current_unit")
        ).values("pk")
        return qs.filter(
            located_scope_q(user, "origin_unit", "current_unit")
            | Q(producer__in=producers_in_scope)
        )
    if user.role == Role.PRODUCER:
        return qs.filter(producer__account_links__user=user)
    return qs.none()


def product_list_editable(*, user: User) -> QuerySet[Product]:
    if user.is_authenticated and (
        user.is_superuser
        or user.role in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER, Role.PRODUCER)
    ):
        return product_list(user=user)
    return Product.objects.none()


def product_is_editable(*, user: User, product: Product, scope: UnitScope | None = None) -> bool:
    """``product_list_editable(user=user).filter(pk=product.pk).exists()``; with ``scope`` (the
    official's ``accounts.selectors.user_unit_scope``, read once) no query is made — the product
    needs its ``producer`` loaded."""
    if (
        scope is not None
        and scope.user_id == user.pk
        and not user.is_superuser
        and user.role in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER)
    ):
        producer = product.producer
        return scope.located(product.origin_unit_id, product.current_unit_id) or scope.located(
            producer.address_unit_id, producer.current_unit_id
        )
    return product_list_editable(user=user).filter(pk=product.pk).exists()


def _valid_on(day: dt.date) -> Q:
    return (Q(contract_start__isnull=True) | Q(contract_start__lte=day)) & (
        Q(contract_end__isnull=True) | Q(contract_end__gte=day)
    )


def products_with_flags(qs: QuerySet[Product], *, on: dt.date | None = None) -> QuerySet[Product]:
    """Annotate ``in_supermarket`` and ``has_trademark`` (criteria 4.1 and 3.5)."""
    day = on or timezone.localdate()
    supermarket = Channel.objects.filter(
        _valid_on(day), product=OuterRef("pk"), kind=ChannelKind.SUPERMARKET
    )
    return qs.annotate(in_supermarket=Exists(supermarket), has_trademark=_trademark_exists(day))


def _trademark_exists(day: dt.date) -> Exists:
    """A registered trademark, valid on ``day``, of the product or of its producer."""
    return Exists(
        IPTitle.objects.filter(
            Q(product=OuterRef("pk")) | Q(product__isnull=True, producer=OuterRef("producer")),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            kind=IPKind.TRADEMARK_REGISTRATION,
        )
    )


def product_in_supermarket(product: Product, *, on: dt.date | None = None) -> bool:
    """Sold through a supermarket chain under a contract valid ``on`` (default today)."""
    day = on or timezone.localdate()
    return product.channels.filter(_valid_on(day), kind=ChannelKind.SUPERMARKET).exists()


def product_has_trademark(product: Product, *, on: dt.date | None = None) -> bool:
    """A registered trademark of the product, or of its producer for all its products."""
    day = on or timezone.localdate()
    return IPTitle.objects.filter(
        Q(product=product) | Q(product__isnull=True, producer_id=product.producer_id),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        kind=IPKind.TRADEMARK_REGISTRATION,
    ).exists()


def producer_has_trademark(producer: Producer, *, on: dt.date | None = None) -> bool:
    day = on or timezone.localdate()
    return producer.ip_titles.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        kind=IPKind.TRADEMARK_REGISTRATION,
    ).exists()


# The register's sort orders (``order`` → ``order_by``); names sort on the stored Vietnamese
# sort key (ARCHITECTURE: no database collation is relied on).
PRODUCT_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("sort_key", "pk"),
    "-name": ("-sort_key", "-pk"),
    "created": ("created_at", "pk"),
    "-created": ("-created_at", "-pk"),
}


def product_search(
    qs: QuerySet[Product],
    *,
    q: str = "",
    province: AdminUnit | None = None,
    unit: AdminUnit | None = None,
    on: GroupOn = "current",
    legal_form: str = "",
    product_set: ProductSet | None = None,
    status: str = "",
    channel_kind: str = "",
    has_trademark: bool | None = None,
    order: str = "name",
) -> QuerySet[Product]:
    """The staff list's filters: folded-name tokens and the fields the office filters on.

    ``unit`` (a province or commune of the map in force ``on``) keeps the products whose commune
    of origin a report grouped on that map counts under it (see :func:`product_counts_by_unit`).
    """
    for token in search_tokens(q):
        qs = qs.filter(name_folded__contains=token)
    if province is not None:
        qs = qs.filter(producer__address_province=province)
    if unit is not None:
        ids = units_grouped_under(unit, on=on)
        qs = qs.filter(located_group_q("origin_unit", "current_unit", ids, on))
    if legal_form:
        qs = qs.filter(producer__legal_form=legal_form)
    if product_set is not None:
        qs = qs.filter(product_set=product_set)
    if status:
        qs = qs.filter(status=status)
    if channel_kind:
        qs = qs.filter(Exists(Channel.objects.filter(product=OuterRef("pk"), kind=channel_kind)))
    if has_trademark is not None:
        trademark = _trademark_exists(timezone.localdate())
        qs = qs.filter(trademark if has_trademark else ~trademark)
    qs = products_with_flags(qs)
    return qs.order_by(*PRODUCT_SORTS.get(order, PRODUCT_SORTS["name"]))


def channel_list(*, user: User) -> QuerySet[Channel]:
    return Channel.objects.filter(product__in=product_list(user=user).values("pk"))


def ip_title_list(*, user: User) -> QuerySet[IPTitle]:
    from ocop.producers.selectors import producer_list

    return IPTitle.objects.filter(producer__in=producer_list(user=user).values("pk"))


def photo_list(*, user: User) -> QuerySet[ProductPhoto]:
    return ProductPhoto.objects.filter(product__in=product_list(user=user).values("pk"))


def with_unit_successors(records: list[Product]) -> list[Product]:
    """Set ``unit_successors`` (today's units of the commune of origin as written) on each
    product of a page, fetched in bulk for ``{% unit_with_lineage %}`` (one query)."""
    units = {p.origin_unit_id: p.origin_unit for p in records}
    successors = units_current_successors(units.values())
    for product in records:
        product.unit_successors = successors.get(product.origin_unit_id, [])  # type: ignore[attr-defined]
    return records


# --- products by place, on either map (issue #4 item 6) ----------------------------------------


@dataclass(frozen=True)
class UnitCountRow:
    """One row of a grouped count: a grouping unit, or an "undetermined" row under a province."""

    unit: AdminUnit | None
    province: AdminUnit | None
    reason: str
    count: int
    on_legacy_map: bool = False

    @property
    def label(self) -> str:
        if self.unit is not None:
            return self.unit.full_name
        if self.reason == REASON_SPLIT and self.on_legacy_map:
            return str(MERGED_LABEL)
        return str(UNDETERMINED_LABELS.get(self.reason, UNDETERMINED_LABELS[REASON_SPLIT]))


UNDETERMINED_LABELS = {
    REASON_SPLIT: _("Commune undetermined (former unit was split)"),
    REASON_NO_COMMUNE: _("Commune undetermined (no commune recorded)"),
    REASON_SEVERAL_PROVINCES: _("Province undetermined (territory passed into several provinces)"),
}
# As of a date before 01/07/2025, a record written on today's commune formed from several.
MERGED_LABEL = _("Commune undetermined (today's unit took several former communes)")


@dataclass(frozen=True)
class UnitCounts:
    on: GroupOn
    level: str
    map_code: str
    rows: list[UnitCountRow]
    total: int

    @property
    def is_legacy(self) -> bool:
        return self.map_code == LEGACY_MAP_CODE


def product_counts_by_unit(*, user: User | None, on: GroupOn, level: str) -> UnitCounts:
    """Products per province or commune of the map in force ``on`` (``"current"`` or a date).

    Each product counts once: where the office re-pointed it (today's map), else where its
    commune of origin as written lies on the target map through lineage; a product on a split
    legacy unit that nobody re-pointed counts in an "undetermined commune" row under its current
    province, so the rows add up to the total. ``user=None`` counts every product (commands).
    A handful of queries for any number of products: one aggregate, the lineage, the names.
    """
    qs = Product.objects.all() if user is None else product_list(user=user)
    legacy = group_map_code(on) == LEGACY_MAP_CODE
    pairs = qs.order_by().values_list("origin_unit_id", "current_unit_id").annotate(n=Count("pk"))
    counted: dict[int, int] = {}
    for origin_id, current_id, n in pairs:
        unit_id = origin_id if legacy or current_id is None else current_id
        counted[unit_id] = counted.get(unit_id, 0) + n
    keys = group_keys_for_units(counted, on=on, level=level)
    totals: dict[tuple[int | None, int | None, str], int] = {}
    for unit_id, n in counted.items():
        key = keys[unit_id]
        row = (key.unit_id, key.province_id, key.reason)
        totals[row] = totals.get(row, 0) + n
    names = AdminUnit.objects.in_bulk(
        {pk for unit_id, province_id, _r in totals for pk in (unit_id, province_id) if pk}
    )
    rows = [
        UnitCountRow(
            unit=names.get(unit_id) if unit_id else None,
            province=names.get(province_id) if province_id else None,
            reason=reason,
            count=n,
            on_legacy_map=legacy,
        )
        for (unit_id, province_id, reason), n in totals.items()
    ]

    def order(row: UnitCountRow) -> tuple[str, int, str, str]:
        province_key = row.province.sort_key if row.province else "\uffff"
        # in each province: its communes (Vietnamese order), then its undetermined rows
        return (
            province_key,
            1 if row.unit is None else 0,
            row.unit.sort_key if row.unit else "",
            row.reason,
        )

    rows.sort(key=order)
    return UnitCounts(
        on=on,
        level=level,
        map_code=group_map_code(on),
        rows=rows,
        total=sum(counted.values()),
    )


def channel_with_document_get(*, user: User, pk: int) -> Channel | None:
    """A channel whose proof document ``user`` may open: only if they may see its product."""
    return (
        Channel.objects.filter(product__in=product_list(user=user).values("pk"), pk=pk)
        .exclude(proof_document="")
        .first()
    )
