"""Rules on a producer's tax / registration number, shared by forms and services."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ocop.core.errors import DomainError
from ocop.producers import taxcode
from ocop.producers.choices import HOUSEHOLD_FORMS, LegalForm

# Luật Quản lý thuế 38/2019/QH14 Art. 35.5 + Thông tư 86/2024/TT-BTC: from this day households
# and individuals are registered under their 12-digit personal ID.
PERSONAL_ID_FROM = dt.date(2025, 7, 1)


def tax_code_clean(*, tax_code: str, legal_form: str, registered_on: dt.date | None) -> str:
    """Normalised number, or DomainError with a message naming what is wrong."""
    value = taxcode.normalize(tax_code)
    if not value:
        return ""
    kind = taxcode.classify(value)
    if isinstance(kind, taxcode.TaxCodeError):
        if kind.code == "check_digit":
            raise DomainError(
                _("Tax number %(code)s is invalid: its check digit does not match.")
                % {"code": value}
            )
        if kind.code == "branch_serial":
            raise DomainError(_("A branch number ends with a serial from 001 to 999, not 000."))
        raise DomainError(
            _(
                "A tax number has 10 digits, 10 digits, a hyphen and 3 digits (a branch), "
                "or 12 digits (a personal ID)."
            )
        )
    household = legal_form in HOUSEHOLD_FORMS
    if kind == taxcode.TaxCodeKind.PERSONAL_ID and not (
        household or legal_form == LegalForm.UNKNOWN
    ):
        raise DomainError(
            _(
                "A 12-digit personal ID is the tax number of households and individuals only; "
                "an organisation has a 10-digit number."
            )
        )
    if (
        household
        and kind == taxcode.TaxCodeKind.ENTERPRISE
        and registered_on is not None
        and registered_on >= PERSONAL_ID_FROM
    ):
        raise DomainError(
            _(
                "Households registered from 01/07/2025 use the 12-digit personal ID "
                "as their tax number."
            )
        )
    return value


def personal_id_clean(value: str) -> str:
    value = taxcode.normalize(value)
    if value and not (len(value) == 12 and value.isdigit()):
        raise DomainError(_("A personal ID has exactly 12 digits."))
    return value
