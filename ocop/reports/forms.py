from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.core.forms import DateField
from ocop.geo.selectors import GroupOn


class GroupedReportForm(forms.Form):
    """On which map (today's, or the one in force on a date) and at which level to group."""

    map_on = forms.ChoiceField(
        label=_("Map"),
        required=False,
        choices=[("current", _("current")), ("date", _("as of a date…"))],
    )
    as_of = DateField(label=_("As of"), required=False)
    level = forms.ChoiceField(
        label=_("Group by"),
        required=False,
        choices=[("province", _("province")), ("commune", _("commune"))],
    )

    group_on: GroupOn = "current"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.group_on = "current"
        if data.get("map_on") == "date":
            if data.get("as_of") is None:
                self.add_error("as_of", _("Give the date whose map to use."))
            else:
                self.group_on = data["as_of"]
        data["level"] = data.get("level") or "province"
        return data


class ProgrammeReportForm(forms.Form):
    """The programme dashboard's filters: period, unit (on a map), as-of date."""

    period = forms.ChoiceField(label=_("Period"), choices=[])
    map = forms.ChoiceField(
        label=_("Map"),
        choices=[("current", _("current")), ("legacy", _("before 01/07/2025"))],
        initial="current",
    )
    unit = forms.CharField(
        label=_("Province or commune code"),
        max_length=5,
        help_text=_("On the chosen map, e.g. 84 = tỉnh Trà Vinh before 01/07/2025."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    as_of = DateField(label=_("As of"), required=False)

    def __init__(self, *args: Any, periods: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        period_field = self.fields["period"]
        assert isinstance(period_field, forms.ChoiceField)  # noqa: S101 - typing
        period_field.choices = periods
