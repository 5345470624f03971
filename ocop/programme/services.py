"""Writes of the programme: targets and key products (actuals are computed, never typed in)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import user_sees_everything, user_unit_scope_check
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.products.models import Product
from ocop.products.selectors import product_list
from ocop.programme.models import Indicator, KeyProduct, Period, Target

TARGET_ROLES = (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE)
KEY_PRODUCT_ROLES = (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER, Role.NATIONAL_OFFICE)


def _check_scope(actor: User, unit: AdminUnit, roles: tuple[str, ...]) -> None:
    if not actor.is_authenticated or not actor.has_role(*roles):
        raise PermissionDenied(_("Only the OCOP office sets programme targets and key products."))
    if not user_sees_everything(actor):
        try:
            user_unit_scope_check(user=actor, unit=unit)
        except DomainError as exc:
            raise PermissionDenied(exc.message) from exc


def target_set(
    *,
    actor: User,
    indicator: Indicator,
    period: Period,
    unit: AdminUnit,
    value: Decimal,
    source: str = "",
    note: str = "",
) -> Target:
    """Set (or change) the target of ``indicator`` for ``unit`` over ``period``.

    The unit is a province or a commune of the map in force when the target was set: a 2022
    target counts legacy communes, a new one today's (issue 12 item 7).
    """
    _check_scope(actor, unit, TARGET_ROLES)
    if not indicator.targetable:
        raise DomainError(
            _("“%(indicator)s” is not an indicator that takes a target.")
            % {"indicator": indicator.name}
        )
    if unit.level not in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
        raise DomainError(_("A target is set for a province or a commune."))
    if value < 0:
        raise DomainError(_("A target is a number of zero or more."))
    if indicator.unit_label == "%" and value > 100:
        raise DomainError(_("A share is at most 100%."))
    with transaction.atomic(), acting_as(actor):
        target, _created = Target.objects.update_or_create(
            indicator=indicator,
            period=period,
            unit=unit,
            defaults={"value": value, "source": source.strip(), "note": note.strip()},
        )
    return target


def target_delete(*, actor: User, target: Target) -> None:
    _check_scope(actor, target.unit, TARGET_ROLES)
    with transaction.atomic(), acting_as(actor):
        target.delete()


def key_product_mark(
    *,
    actor: User,
    commune: AdminUnit,
    name: str,
    year: int,
    product: Product | None = None,
    note: str = "",
) -> KeyProduct:
    """Mark a commune's key product (sản phẩm chủ lực, NQ 16-NQ/TU): not necessarily OCOP."""
    _check_scope(actor, commune, KEY_PRODUCT_ROLES)
    name = name.strip()
    if commune.level != UnitLevel.COMMUNE:
        raise DomainError(_("A key product is marked for a commune."))
    if not name:
        raise DomainError(_("Give the key product's name."))
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give the year the key product was marked (e.g. 2022)."))
    if product is not None and not product_list(user=actor).filter(pk=product.pk).exists():
        raise PermissionDenied(_("This product is outside the area you act for."))
    if KeyProduct.objects.filter(commune=commune, name=name).exists():
        raise DomainError(
            _("%(commune)s already has the key product “%(name)s”.")
            % {"commune": commune.full_name, "name": name}
        )
    with transaction.atomic(), acting_as(actor):
        return KeyProduct.objects.create(
            commune=commune, name=name, year=year, product=product, note=note.strip()
        )


def key_product_unmark(*, actor: User, key_product: KeyProduct) -> None:
    _check_scope(actor, key_product.commune, KEY_PRODUCT_ROLES)
    with transaction.atomic(), acting_as(actor):
        key_product.delete()
