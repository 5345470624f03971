"""Writes on products, their photos, channels and IP titles. Every write is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import UnitScope, user_unit_scope_check
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import unit_check_repoint
from ocop.producers.choices import TOURISM_ONLY_FORMS
from ocop.producers.models import Producer
from ocop.producers.selectors import producer_is_editable
from ocop.products.choices import ChannelKind, IPKind, ProductStatus
from ocop.products.images import photo_thumbnail, photo_validate
from ocop.products.models import Channel, IPTitle, Product, ProductPhoto, ProductSet
from ocop.products.selectors import product_is_editable, product_list_editable

TOURISM_SET_NUMBER = 26
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class ProductData:
    """What a person types about a product."""

    name: str
    producer: Producer
    origin_unit: AdminUnit
    product_set: ProductSet | None  # None only for imported records, completed later
    description: str = ""
    story: str = ""
    specification: str = ""
    packaging: str = ""
    status: str = ProductStatus.DRAFT
    legacy_code: str = ""


def _check_producer(actor: User, producer: Producer, scope: UnitScope | None = None) -> None:
    if not producer_is_editable(user=actor, producer=producer, scope=scope):
        raise PermissionDenied(_("You cannot add or change products of this producer."))


def _validated(data: ProductData) -> None:
    if not data.name.strip():
        raise DomainError(_("A product needs a name."))
    if data.status not in ProductStatus.values:
        raise DomainError(_("Unknown status."))
    if (
        data.producer.legal_form in TOURISM_ONLY_FORMS
        and data.product_set is not None
        and data.product_set.number != TOURISM_SET_NUMBER
    ):
        # QĐ 26/2026 Art. 2.3: associations and operating centres take part for tourism only.
        raise DomainError(
            _(
                "Associations, federations and tourism operating centres may register only "
                "community-tourism products (set 26)."
            )
        )


def product_create(*, actor: User, data: ProductData, scope: UnitScope | None = None) -> Product:
    """Register a product of a producer the actor may edit.

    ``scope``: the actor's ``user_unit_scope``, read once by a caller creating many (imports).
    """
    _check_producer(actor, data.producer, scope)
    _validated(data)
    user_unit_scope_check(user=actor, unit=data.origin_unit, scope=scope)
    with transaction.atomic(), acting_as(actor):
        product = Product(
            name=data.name,
            producer=data.producer,
            origin_unit=data.origin_unit,
            product_set=data.product_set,
            description=data.description,
            story=data.story,
            specification=data.specification,
            packaging=data.packaging,
            status=data.status,
            legacy_code=data.legacy_code.strip(),
        )
        product.save()
    return product


def product_update(
    *, actor: User, product: Product, data: ProductData, scope: UnitScope | None = None
) -> Product:
    """Change a product (officials of its area, or its producer's accounts)."""
    if not product_is_editable(user=actor, product=product, scope=scope):
        raise PermissionDenied(_("You cannot change this product."))
    if data.producer.pk != product.producer_id:
        _check_producer(actor, data.producer, scope)
    _validated(data)
    if data.origin_unit.pk != product.origin_unit_id:
        user_unit_scope_check(user=actor, unit=data.origin_unit, scope=scope)
    with transaction.atomic(), acting_as(actor):
        locked = Product.objects.select_for_update().get(pk=product.pk)
        if data.origin_unit.pk != locked.origin_unit_id:
            locked.current_unit = None  # a choice among the old unit's successors no longer applies
        locked.name = data.name
        locked.producer = data.producer
        locked.origin_unit = data.origin_unit
        locked.product_set = data.product_set
        locked.description = data.description
        locked.story = data.story
        locked.specification = data.specification
        locked.packaging = data.packaging
        locked.status = data.status
        locked.legacy_code = data.legacy_code.strip()
        locked.save()
    return locked


def product_repoint_unit(*, actor: User, product: Product, current_unit: AdminUnit) -> Product:
    """Choose the current commune of origin of a product written on a split legacy unit.

    Office roles (provincial office, commune officer) in whose scope the product lies. Until
    then the product is visible to the officials of every successor; afterwards (for its commune
    of origin) only to those of ``current_unit``. ``origin_unit`` as written never changes.
    """
    if (
        not (actor.is_superuser or actor.role in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER))
        or not product_list_editable(user=actor).filter(pk=product.pk).exists()
    ):
        raise PermissionDenied(_("You cannot change this product."))
    unit_check_repoint(product.origin_unit, current_unit)
    with transaction.atomic(), acting_as(actor):
        locked = Product.objects.select_for_update().get(pk=product.pk)
        locked.current_unit = current_unit
        locked.save(update_fields=["current_unit", "updated_at"])
    return locked


def _check_product(actor: User, product: Product) -> None:
    if not product_list_editable(user=actor).filter(pk=product.pk).exists():
        raise PermissionDenied(_("You cannot change this product."))


def product_photo_add(
    *, actor: User, product: Product, image: UploadedFile, caption: str = ""
) -> ProductPhoto:
    """Attach a validated photo (real image, ≤ 5 MB) and its thumbnail."""
    _check_product(actor, product)
    photo_validate(image)
    thumbnail = photo_thumbnail(image)
    with transaction.atomic(), acting_as(actor):
        photo = ProductPhoto(product=product, caption=caption.strip())
        photo.image.save(image.name or "photo", image, save=False)
        photo.thumbnail.save(thumbnail.name or "thumb.jpg", thumbnail, save=False)
        photo.save()
    return photo


def channel_add(
    *,
    actor: User,
    product: Product,
    kind: str,
    partner_name: str,
    contract_start: dt.date | None = None,
    contract_end: dt.date | None = None,
    proof_document: UploadedFile | None = None,
    note: str = "",
) -> Channel:
    """Record a distribution channel of a product (criterion 4.1, programme indicators)."""
    _check_product(actor, product)
    if kind not in ChannelKind.values:
        raise DomainError(_("Unknown channel kind."))
    if not partner_name.strip():
        raise DomainError(_("Name the partner (chain, platform, buyer)."))
    if contract_start and contract_end and contract_end < contract_start:
        raise DomainError(_("The contract cannot end before it starts."))
    if proof_document is not None and (proof_document.size or 0) > MAX_DOCUMENT_BYTES:
        raise DomainError(_("The proof document is larger than 10 MB."))
    with transaction.atomic(), acting_as(actor):
        channel = Channel(
            product=product,
            kind=kind,
            partner_name=partner_name.strip(),
            contract_start=contract_start,
            contract_end=contract_end,
            note=note.strip(),
        )
        if proof_document is not None:
            channel.proof_document.save(proof_document.name or "proof", proof_document, save=False)
        channel.save()
    return channel


def ip_title_add(
    *,
    actor: User,
    producer: Producer,
    product: Product | None,
    kind: str,
    title: str = "",
    number: str = "",
    filed_on: dt.date | None = None,
    granted_on: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> IPTitle:
    """Record an IP title of a producer (``product`` None) or of one of its products."""
    if product is not None:
        _check_product(actor, product)
        if product.producer_id != producer.pk:
            raise DomainError(_("The product does not belong to this producer."))
    else:
        _check_producer(actor, producer)
    if kind not in IPKind.values:
        raise DomainError(_("Unknown kind of intellectual-property title."))
    if filed_on and granted_on and granted_on < filed_on:
        raise DomainError(_("A title cannot be granted before it was filed."))
    if granted_on and valid_until and valid_until < granted_on:
        raise DomainError(_("A title cannot expire before it was granted."))
    with transaction.atomic(), acting_as(actor):
        ip_title = IPTitle.objects.create(
            producer=producer,
            product=product,
            kind=kind,
            title=title.strip(),
            number=number.strip(),
            filed_on=filed_on,
            granted_on=granted_on,
            valid_until=valid_until,
        )
    return ip_title
