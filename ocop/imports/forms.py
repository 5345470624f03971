from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.imports.choices import ImportKind
from ocop.imports.layout import KIND_FIELDS
from ocop.imports.plan import FIELD_LABELS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file lists"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx, .xls, .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )


class MappingForm(forms.Form):
    """One choice per column of the file, the sheet, the context and the error policy."""

    sheet = forms.ChoiceField(label=_("Sheet"), required=False)
    province = forms.CharField(label=_("Province code"), required=False, max_length=3)
    authority = forms.CharField(label=_("Issuing authority"), required=False, max_length=200)
    period = forms.CharField(label=_("Period (e.g. 2019-2021)"), required=False, max_length=20)
    skip_errors = forms.BooleanField(
        label=_("Commit the valid rows, skip rows with errors"), required=False
    )

    def __init__(
        self,
        *args: Any,
        kind: str,
        sheets: list[str],
        columns: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.columns = columns
        sheet_field = self.fields["sheet"]
        assert isinstance(sheet_field, forms.ChoiceField)  # noqa: S101 - declared above
        sheet_field.choices = [(s, s) for s in sheets]
        choices = [("", _("— ignore —")), *((f, FIELD_LABELS[f]) for f in KIND_FIELDS[kind])]
        for i, (header, field) in enumerate(columns):
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=field
            )

    @property
    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"col_{i}"] for i in range(len(self.columns))]

    def mapping(self) -> dict[str, str]:
        return {
            header: self.cleaned_data.get(f"col_{i}") or ""
            for i, (header, _field) in enumerate(self.columns)
        }

    def context(self) -> dict[str, str]:
        return {
            k: self.cleaned_data[k].strip()
            for k in ("province", "authority", "period")
            if self.cleaned_data.get(k, "").strip()
        }
