"""Form pieces shared by every app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

# Dates are typed and shown dd/mm/yyyy whatever the browser's language. The native
# ``type=date`` input follows the browser's locale (mm/dd/yyyy in an English Chromium), so every
# date field is a plain text box. Input is parsed by ``DATE_INPUT_FORMATS`` below: dd/mm/yyyy,
# d/m/yyyy (strptime's %d and %m take one or two digits), dd-mm-yyyy and ISO yyyy-mm-dd (what
# links and older clients send).
DATE_DISPLAY_FORMAT = "%d/%m/%Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy dates: numeric keypad on phones, no script needed."""

    input_type = "text"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "pattern": DATE_PATTERN,
            "autocomplete": "off",
            "maxlength": "10",
            "class": "date-input",
            "title": str(_("Date as dd/mm/yyyy, e.g. 05/01/2026")),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_DISPLAY_FORMAT)


class DateField(forms.DateField):
    """A date typed dd/mm/yyyy, independent of the active locale's input formats."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Enter a date as dd/mm/yyyy, e.g. 05/01/2026."),
    }


DATE_WIDGET = DateInput()
