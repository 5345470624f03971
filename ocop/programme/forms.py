from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.programme.models import Indicator, Period

MAP_CHOICES = [("current", _("current")), ("legacy", _("before 01/07/2025"))]
MAP_CODES = {"current": "2025", "legacy": "legacy"}


class UnitCodeMixin(forms.Form):
    """A province (2 digits) or commune (5 digits) code on the chosen map."""

    unit_map = forms.ChoiceField(label=_("Map"), choices=MAP_CHOICES, initial="current")
    unit_code = forms.CharField(
        label=_("Province or commune code"),
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    levels: tuple[str, ...] = (UnitLevel.PROVINCE, UnitLevel.COMMUNE)

    unit: AdminUnit | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = (data.get("unit_code") or "").strip()
        level = {2: UnitLevel.PROVINCE, 5: UnitLevel.COMMUNE}.get(len(code))
        self.unit = None
        if code and level in self.levels:
            self.unit = (
                AdminUnit.objects.filter(
                    map__code=MAP_CODES.get(data.get("unit_map") or "current", "2025"),
                    level=level,
                    code=code,
                )
                .select_related("map")
                .first()
            )
        if code and self.unit is None:
            self.add_error(
                "unit_code",
                _("No unit of the right level has code “%(code)s” on the chosen map.")
                % {"code": code},
            )
        return data


class TargetForm(UnitCodeMixin):
    field_order = ["indicator", "period", "unit_map", "unit_code", "value", "source", "note"]

    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.filter(targetable=True)
    )
    period = forms.ModelChoiceField(label=_("Period"), queryset=Period.objects.all())
    value = forms.DecimalField(
        label=_("Target value"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages={"min_value": _("A target is a number of zero or more.")},
    )
    source = forms.CharField(label=_("Source (resolution, plan)"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class KeyProductForm(UnitCodeMixin):
    field_order = ["unit_map", "unit_code", "name", "year", "product_id", "note"]
    levels = (UnitLevel.COMMUNE,)

    name = forms.CharField(label=_("Key product"), max_length=255)
    year = forms.IntegerField(label=_("Year marked"), min_value=2000, max_value=2100)
    product_id = forms.IntegerField(
        label=_("Product in the registry (number, optional)"), required=False, min_value=1
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
