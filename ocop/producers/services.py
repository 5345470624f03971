"""Writes on producers: register, update, link accounts. Every write is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import UnitScope, user_unit_scope_check
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import unit_check_repoint
from ocop.producers.choices import EnterpriseSize, Gender, LegalForm
from ocop.producers.models import Producer, ProducerAccount
from ocop.producers.selectors import (
    DuplicateCandidate,
    producer_duplicates,
    producer_is_editable,
    producer_list_editable,
    unit_current_province,
)
from ocop.producers.validation import personal_id_clean, tax_code_clean


@dataclass(frozen=True)
class ProducerData:
    """What a person types about a producer."""

    name: str
    legal_form: str
    address_unit: AdminUnit
    enterprise_size: str = EnterpriseSize.NOT_APPLICABLE
    tax_code: str = ""
    representative_name: str = ""
    representative_title: str = ""
    representative_gender: str = Gender.UNKNOWN
    representative_ethnicity: str = ""
    representative_has_disability: bool | None = None
    representative_personal_id: str = ""
    address_detail: str = ""
    phone: str = ""
    email: str = ""
    founded_on: dt.date | None = None
    registered_on: dt.date | None = None
    contact_consent: bool = False
    contact_consent_on: dt.date | None = None


class DuplicateFound(DomainError):
    """Probable duplicates exist and the person did not confirm this is a different producer."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        self.candidates = candidates
        super().__init__(
            _(
                "This producer may already be registered. Check the list and confirm "
                "that it is not a duplicate."
            )
        )


def _may_register(actor: User) -> bool:
    return actor.is_superuser or actor.role in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER)


def _validated(data: ProducerData) -> dict[str, object]:
    if data.legal_form not in LegalForm.values:
        raise DomainError(_("Unknown legal form."))
    if data.enterprise_size not in EnterpriseSize.values:
        raise DomainError(_("Unknown enterprise size."))
    if data.representative_gender not in Gender.values:
        raise DomainError(_("Unknown gender."))
    if not data.name.strip():
        raise DomainError(_("A producer needs a name."))
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    values["name"] = data.name.strip()
    values["tax_code"] = tax_code_clean(
        tax_code=data.tax_code, legal_form=data.legal_form, registered_on=data.registered_on
    )
    values["representative_personal_id"] = personal_id_clean(data.representative_personal_id)
    if data.founded_on and data.registered_on and data.registered_on < data.founded_on:
        raise DomainError(_("The registration date cannot be before the founding date."))
    # Consent to publish contact details carries its date (Nghị định 13/2023/NĐ-CP Điều 11);
    # withdrawing it clears the date.
    if data.contact_consent:
        today = timezone.localdate()
        if data.contact_consent_on and data.contact_consent_on > today:
            raise DomainError(_("The consent date cannot be in the future."))
        values["contact_consent_on"] = data.contact_consent_on or today
    else:
        values["contact_consent_on"] = None
    return values


def _save(producer: Producer) -> Producer:
    try:
        with transaction.atomic():
            producer.save()
    except IntegrityError as exc:
        raise DomainError(
            _("Another producer already has tax number %(code)s.") % {"code": producer.tax_code}
        ) from exc
    return producer


def producer_register(
    *,
    actor: User,
    data: ProducerData,
    confirm_not_duplicate: bool = False,
    scope: UnitScope | None = None,
) -> Producer:
    """Register a producer (officials of its area). Probable duplicates need confirmation.

    ``scope``: the actor's ``user_unit_scope``, read once by a caller registering many (imports).
    """
    if not _may_register(actor):
        raise PermissionDenied
    values = _validated(data)
    user_unit_scope_check(user=actor, unit=data.address_unit, scope=scope)
    candidates = producer_duplicates(
        name=data.name, tax_code=str(values["tax_code"]), address_unit=data.address_unit
    )
    if any(c.reason == "tax_code" for c in candidates):
        raise DomainError(
            _("Another producer already has tax number %(code)s.") % {"code": values["tax_code"]}
        )
    if candidates and not confirm_not_duplicate:
        raise DuplicateFound(candidates)
    with transaction.atomic(), acting_as(actor):
        producer = Producer(**values)
        producer.address_province = unit_current_province(data.address_unit)
        _save(producer)
    return producer


def producer_update(
    *,
    actor: User,
    producer: Producer,
    data: ProducerData,
    confirm_not_duplicate: bool = False,
    scope: UnitScope | None = None,
) -> Producer:
    """Change a producer (officials of its area, or the producer's own accounts)."""
    if not producer_is_editable(user=actor, producer=producer, scope=scope):
        raise PermissionDenied
    values = _validated(data)
    if data.address_unit.pk != producer.address_unit_id:
        user_unit_scope_check(user=actor, unit=data.address_unit, scope=scope)
    candidates = producer_duplicates(
        name=data.name,
        tax_code=str(values["tax_code"]),
        address_unit=data.address_unit,
        exclude_pk=producer.pk,
    )
    if any(c.reason == "tax_code" for c in candidates):
        raise DomainError(
            _("Another producer already has tax number %(code)s.") % {"code": values["tax_code"]}
        )
    name_changed = data.name.strip() != producer.name or data.address_unit.pk != (
        producer.address_unit_id
    )
    if candidates and name_changed and not confirm_not_duplicate:
        raise DuplicateFound(candidates)
    with transaction.atomic(), acting_as(actor):
        locked = Producer.objects.select_for_update().get(pk=producer.pk)
        if data.address_unit.pk != locked.address_unit_id:
            locked.current_unit = None  # a choice among the old unit's successors no longer applies
        for key, value in values.items():
            setattr(locked, key, value)
        locked.address_province = unit_current_province(data.address_unit)
        _save(locked)
    return locked


def producer_link_account(*, actor: User, producer: Producer, user: User) -> ProducerAccount:
    """Let a producer-role account act for ``producer`` (officials of the producer's area)."""
    if not _may_register(actor) or not (
        producer_list_editable(user=actor).filter(pk=producer.pk).exists()
    ):
        raise PermissionDenied
    if user.role != Role.PRODUCER:
        raise DomainError(_("Only an account with the producer role can act for a producer."))
    with transaction.atomic(), acting_as(actor):
        link, _created = ProducerAccount.objects.get_or_create(producer=producer, user=user)
    return link


def producer_repoint_unit(*, actor: User, producer: Producer, current_unit: AdminUnit) -> Producer:
    """Choose the current commune of a producer written on a split legacy unit (the office).

    Until then the producer is visible to the officials of every successor; afterwards only to
    those of ``current_unit``. The address as written (``address_unit``) is never changed.
    """
    if not _may_register(actor) or not (
        producer_list_editable(user=actor).filter(pk=producer.pk).exists()
    ):
        raise PermissionDenied
    unit_check_repoint(producer.address_unit, current_unit)
    with transaction.atomic(), acting_as(actor):
        locked = Producer.objects.select_for_update().get(pk=producer.pk)
        locked.current_unit = current_unit
        locked.address_province = current_unit.province
        locked.save(update_fields=["current_unit", "address_province", "updated_at"])
    return locked
