"""Who may see a producer's sensitive fields — the one rule every template, API and export uses.

Gender, ethnicity and disability of the legal representative (scored by criterion 3.2) and
personal identification numbers are personal data (Nghị định 13/2023/NĐ-CP on personal data
protection): shown only to office roles and to the producer's own accounts, never in the public
catalogue, the API or exports without that role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ocop.producers.models import Producer

SENSITIVE_FIELDS = (
    "representative_gender",
    "representative_ethnicity",
    "representative_has_disability",
    "representative_personal_id",
)
MASK = "***"


def producer_sensitive_visible(user: Any, producer: Producer) -> bool:
    """True when ``user`` (possibly anonymous or None) may see ``producer``'s sensitive fields."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_office:
        return True
    if producer.pk is None:
        return False
    return producer.account_links.filter(user_id=user.pk).exists()


def producer_tax_code_for(user: Any, producer: Producer) -> str:
    """The tax number as ``user`` may see it: a personal ID (12 digits) is masked."""
    if producer.tax_code_is_personal_id and not producer_sensitive_visible(user, producer):
        return MASK
    return producer.tax_code


def producer_as_dict(producer: Producer, *, user: Any) -> dict[str, Any]:
    """A serialisation for APIs and exports: sensitive fields only when the policy allows."""
    data: dict[str, Any] = {
        "id": producer.pk,
        "name": producer.name,
        "legal_form": producer.legal_form,
        "enterprise_size": producer.enterprise_size,
        "tax_code": producer_tax_code_for(user, producer),
        "representative_name": producer.representative_name,
        "representative_title": producer.representative_title,
        "address_unit": producer.address_unit.full_name,
        "address_unit_code": producer.address_unit.code,
        "address_detail": producer.address_detail,
        "phone": producer.phone,
        "email": producer.email,
        "founded_on": producer.founded_on.isoformat() if producer.founded_on else None,
        "registered_on": producer.registered_on.isoformat() if producer.registered_on else None,
        "is_demo": producer.is_demo,
    }
    if producer_sensitive_visible(user, producer):
        for field in SENSITIVE_FIELDS:
            data[field] = getattr(producer, field)
    return data


def producer_list_sensitive_visible(user: Any) -> bool:
    """Whether ``user`` sees the sensitive columns of a register of producers they may list.

    The same rule as :func:`producer_sensitive_visible`, decided once for a whole list read
    through ``producer_list(user=user)`` (no query per row): office roles see every row's
    sensitive fields; a producer account lists only the producers it acts for, whose fields it
    may see; anyone else sees none.
    """
    from ocop.accounts.choices import Role

    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_office or user.role == Role.PRODUCER)


# Contact details a producer may agree to publish (a household's phone, e-mail, address and the
# name of the person are personal data: Luật Bảo vệ dữ liệu cá nhân 2025, Nghị định 13/2023/NĐ-CP).
CONTACT_FIELDS = ("phone", "email", "address_detail", "representative_name")


def producer_contact_public(producer: Producer) -> bool:
    """True while the producer's consent to publish its contact details stands."""
    return bool(producer.contact_consent)


def producer_public_tax_code(producer: Producer) -> str:
    """The tax number the public may see: an enterprise's number, never a personal ID."""
    return "" if producer.tax_code_is_personal_id else producer.tax_code
