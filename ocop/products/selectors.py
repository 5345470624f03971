"""Reads of products, channels and IP titles, scoped like their producers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ocop.accounts.choices import Role
from ocop.accounts.selectors import scope_q, user_sees_everything
from ocop.core.text import search_tokens
from ocop.geo.models import AdminUnit
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
        "producer", "origin_unit", "product_set", "producer__address_province"
    )
    if not user.is_authenticated:
        return qs.none()
    if user_sees_everything(user):
        return qs
    if user.role in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER):
        return qs.filter(scope_q(user, "origin_unit") | scope_q(user, "producer__address_unit"))
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


def product_search(
    qs: QuerySet[Product],
    *,
    q: str = "",
    province: AdminUnit | None = None,
    legal_form: str = "",
    product_set: ProductSet | None = None,
    status: str = "",
    channel_kind: str = "",
    has_trademark: bool | None = None,
    order: str = "name",
) -> QuerySet[Product]:
    """The staff list's filters: folded-name tokens and the fields the office filters on."""
    for token in search_tokens(q):
        qs = qs.filter(name_folded__contains=token)
    if province is not None:
        qs = qs.filter(producer__address_province=province)
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
    ordering = {
        "name": ["sort_key", "pk"],
        "-name": ["-sort_key", "-pk"],
        "created": ["created_at", "pk"],
        "-created": ["-created_at", "-pk"],
    }.get(order, ["sort_key", "pk"])
    return qs.order_by(*ordering)


def channel_list(*, user: User) -> QuerySet[Channel]:
    return Channel.objects.filter(product__in=product_list(user=user).values("pk"))


def ip_title_list(*, user: User) -> QuerySet[IPTitle]:
    from ocop.producers.selectors import producer_list

    return IPTitle.objects.filter(producer__in=producer_list(user=user).values("pk"))


def photo_list(*, user: User) -> QuerySet[ProductPhoto]:
    return ProductPhoto.objects.filter(product__in=product_list(user=user).values("pk"))
