"""Who may see what: the administrative scope of an official."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from ocop.accounts.choices import Role
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import units_covered_by

if TYPE_CHECKING:
    from ocop.accounts.models import User


def user_sees_everything(user: User) -> bool:
    """Superusers and the national office read every province."""
    return bool(user.is_superuser or user.role == Role.NATIONAL_OFFICE)


def user_scope_units(user: User) -> QuerySet[AdminUnit]:
    """Units (on any map) the official acts for, including legacy units that passed into them."""
    if user_sees_everything(user):
        return AdminUnit.objects.all()
    if not user.is_authenticated or user.role not in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER):
        return AdminUnit.objects.none()
    return units_covered_by(user.units.all())


def scope_q(user: User, field: str) -> Q:
    """A filter keeping rows whose ``field`` (a FK to AdminUnit) lies in the user's scope."""
    if user_sees_everything(user):
        return Q()
    return Q(**{f"{field}__in": user_scope_units(user).values("pk")})


def user_list(*, user: User) -> QuerySet[User]:
    from ocop.accounts.models import User as UserModel

    qs = UserModel.objects.exclude(username="system").prefetch_related("units")
    if user_sees_everything(user):
        return qs
    if user.role == Role.PROVINCE_OFFICE:
        return qs.filter(Q(pk=user.pk) | Q(units__in=user_scope_units(user))).distinct()
    return qs.filter(pk=user.pk)


@dataclass(frozen=True)
class UnitScope:
    """The units an official acts for, read once: for checking many records in one operation
    (a spreadsheet import) without one scope query per record. The same rule as
    :func:`user_scope_units`; a scope is valid only for the user it was computed for."""

    user_id: int
    unit_ids: frozenset[int]

    def covers(self, unit_id: int | None) -> bool:
        return unit_id is not None and unit_id in self.unit_ids

    def located(self, unit_id: int | None, current_unit_id: int | None) -> bool:
        """``producers.selectors.located_scope_q`` for one record: the re-pointed current unit
        when there is one, else the unit as written."""
        return self.covers(current_unit_id) if current_unit_id else self.covers(unit_id)


def user_unit_scope(user: User) -> UnitScope | None:
    """The official's scope as a set of unit ids (one query); None when no unit set decides
    (superusers and the national office see everything; producers act through their links)."""
    if user_sees_everything(user) or user.role not in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER):
        return None
    return UnitScope(
        user_id=user.pk, unit_ids=frozenset(user_scope_units(user).values_list("pk", flat=True))
    )


def user_unit_scope_check(*, user: User, unit: AdminUnit, scope: UnitScope | None = None) -> None:
    """Refuse a record placed in ``unit`` unless ``user`` acts for it.

    Producers' own records are checked through their producer link instead, so they pass here.
    ``scope``: the user's :func:`user_unit_scope`, computed once by a caller checking many.
    """
    from django.utils.translation import gettext as _

    from ocop.core.errors import DomainError

    if user_sees_everything(user) or user.role == Role.PRODUCER:
        return
    if scope is not None and scope.user_id == user.pk:
        inside = scope.covers(unit.pk)
    else:
        inside = user_scope_units(user).filter(pk=unit.pk).exists()
    if not inside:
        raise DomainError(_("%(unit)s is outside the area you act for.") % {"unit": unit.full_name})
