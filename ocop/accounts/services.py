"""Writes on accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from ocop.accounts.models import User
from ocop.core.audit import acting_as

if TYPE_CHECKING:
    from ocop.geo.models import AdminUnit


def user_update_profile(*, user: User, actor: User, full_name: str, phone: str, email: str) -> User:
    """A person updates their own contact details (audited)."""
    from ocop.core.errors import PermissionDenied

    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.full_name = full_name.strip()
        locked.phone = phone.strip()
        locked.email = email.strip()
        locked.full_clean(exclude=["password"])
        locked.save(update_fields=["full_name", "phone", "email"])
    return locked


def user_grant_role(*, user: User, actor: User, role: str, units: list[AdminUnit]) -> User:
    """Give an account its role and the administrative units it acts for (audited)."""
    from django.utils.translation import gettext as _

    from ocop.accounts.choices import Role
    from ocop.core.errors import DomainError, PermissionDenied

    if not actor.has_role(Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE):
        raise PermissionDenied
    if role not in Role.values:
        raise DomainError(_("Unknown role “%(role)s”.") % {"role": role})
    if any(u.map.valid_to is not None for u in units):
        raise DomainError(_("Officials act for units of the current map only."))
    with transaction.atomic(), acting_as(actor):
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.role = role
        locked.save(update_fields=["role"])
        locked.units.set(units)
    return locked
