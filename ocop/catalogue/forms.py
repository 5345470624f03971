"""The public search form: a GET form, so every result page has a shareable URL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ocop.catalogue.freshness import per_version
from ocop.catalogue.selectors import (
    PUBLIC_CHANNELS,
    CatalogueQuery,
    public_commune_choices,
    public_province_choices,
)
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.producers.choices import LegalForm
from ocop.products.choices import ChannelKind
from ocop.products.models import ProductSet
from ocop.products.selectors import product_set_list

STAR_CHOICES = [("", _("Any star")), *[(str(n), "★" * n) for n in (5, 4, 3)]]
ORDER_CHOICES = [
    ("name", _("Name (A → Z)")),
    ("-name", _("Name (Z → A)")),
    ("-star", _("Most stars first")),
    ("-recognised", _("Most recently recognised")),
]


Choices = list[tuple[int, str]]


def _reference_choices() -> tuple[Choices, Choices, Choices]:
    """Product sets, today's provinces and the legacy provinces as (pk, label) choices."""
    sets = [(s.pk, f"{s.number}. {s.name}") for s in product_set_list().only("number", "name")]
    current, legacy = public_province_choices()
    return sets, [(u.pk, u.full_name) for u in current], [(u.pk, u.full_name) for u in legacy]


class FastSelect(forms.Select):
    """A ``<select>`` written out in Python: the same markup as Django's templates give, without
    one template rendering per option (the province list alone has ~100 options, and this form
    is on every results page)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [
            format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))
        ]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    str(o["value"]),
                    flatatt(o["attrs"]),
                    o["label"],
                )
                for o in options
            )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every piece went through format_html


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Product name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. keo dua")}),
    )
    sao = forms.ChoiceField(
        label=_("OCOP star"), required=False, choices=STAR_CHOICES, widget=FastSelect
    )
    bo = forms.TypedChoiceField(
        label=_("Product set"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    tinh = forms.TypedChoiceField(
        label=_("Province"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    xa = forms.TypedChoiceField(
        label=_("Commune (today's map)"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=FastSelect,
    )
    noi = forms.CharField(
        label=_("Place name (old names too)"),
        required=False,
        max_length=100,
        help_text=_("A province or commune, as named today or before 01/07/2025 (e.g. Trà Vinh)."),
    )
    loai_hinh = forms.ChoiceField(
        label=_("Producer's legal form"), required=False, widget=FastSelect
    )
    kenh = forms.ChoiceField(label=_("Sold through"), required=False, widget=FastSelect)
    sap_xep = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=ORDER_CHOICES, widget=FastSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The lists of choices are the same for every visitor: built once per data version in
        # each process (ocop.catalogue.freshness.per_version), not on every request.
        sets, current, legacy = per_version("catalogue:choices", _reference_choices)
        self._choice("bo").choices = [("", _("All product sets")), *sets]
        self._choice("tinh").choices = [
            ("", _("All provinces")),
            (_("Today (from 01/07/2025)"), current),
            (_("Before 01/07/2025"), legacy),
        ]
        self._province_ids = {pk for pk, _label in (*current, *legacy)}
        province = self._selected_province()
        self.communes = {u.pk: u for u in public_commune_choices(province)} if province else {}
        self._choice("xa").choices = [
            ("", _("All communes")),
            *[(u.pk, u.full_name) for u in self.communes.values()],
        ]
        self._choice("loai_hinh").choices = [("", _("Any legal form")), *LegalForm.choices]
        self._choice("kenh").choices = [
            ("", _("Any channel")),
            *[(k.value, ChannelKind(k).label) for k in PUBLIC_CHANNELS],
        ]

    def _choice(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        return field

    def _selected_province(self) -> AdminUnit | None:
        raw = self.data.get("tinh") if self.is_bound else None
        try:
            pk = int(raw) if raw else None
        except ValueError:
            return None
        if pk is None or pk not in self._province_ids:
            return None
        return AdminUnit.objects.select_related("map").get(pk=pk)

    @property
    def shows_communes(self) -> bool:
        return bool(self.communes)

    def to_query(self) -> CatalogueQuery:
        # Valid fields still filter when another one is wrong; the page shows the error.
        self.is_valid()
        d = self.cleaned_data
        unit: AdminUnit | None = None
        if d.get("xa"):
            unit = self.communes.get(d["xa"])
        if unit is None and d.get("tinh"):
            unit = self._selected_province()
        if unit is not None and unit.level not in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
            unit = None
        return CatalogueQuery(
            q=d.get("q", ""),
            star=int(d["sao"]) if d.get("sao") else None,
            product_set=ProductSet.objects.get(pk=d["bo"]) if d.get("bo") else None,
            unit=unit,
            place=d.get("noi", ""),
            legal_form=d.get("loai_hinh", ""),
            channel=d.get("kenh", ""),
            order=d.get("sap_xep") or "name",
        )
