from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ocop.core.forms import DateField
from ocop.evaluation.choices import CalendarDayKind, RoundLevel
from ocop.geo.models import AdminUnit


class CalendarDayForm(forms.Form):
    date = DateField(label=_("Date"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarDayKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    reference = forms.CharField(
        label=_("Announced by"),
        max_length=300,
        required=False,
        help_text=_("E.g. Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ"),
    )


class ExtraRoundForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=RoundLevel.choices)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=AdminUnit.objects.none(), required=False
    )
    cutoff = DateField(
        label=_("Proposals before"),
        help_text=_("Exclusive: a proposal made on this day goes to the next round."),
    )
    decide_by = DateField(label=_("Decided before"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)

    def __init__(self, *args: Any, provinces: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province_field = self.fields["province"]
        assert isinstance(province_field, forms.ModelChoiceField)  # noqa: S101 - typing
        province_field.queryset = provinces
