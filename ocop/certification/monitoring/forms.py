from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.certification.monitoring.choices import FindingResult, PlanKind
from ocop.core.forms import DateInput


class InspectionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *PlanKind.choices]
    )
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("-date", _("Newest first")), ("date", _("Oldest first"))],
    )


class PlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    scope = forms.CharField(
        label=_("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period to"), widget=DateInput())
    certificates = forms.MultipleChoiceField(
        label=_("Certified products"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["certificates"].choices = choices  # type: ignore[attr-defined]


class InspectionForm(forms.Form):
    inspected_on = forms.DateField(label=_("Inspected on"), widget=DateInput())
    inspectors = forms.CharField(label=_("Inspectors"), max_length=500)
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 3}))
    concluded_on = forms.DateField(label=_("Conclusion dated"), widget=DateInput())


class FindingForm(forms.Form):
    """One product's finding (prefixed by the certificate's id)."""

    result = forms.ChoiceField(
        label=_("Result"), choices=[("", "—"), *FindingResult.choices], required=False
    )
    finding = forms.CharField(
        label=_("Finding"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    action = forms.CharField(label=_("Follow-up action"), required=False, max_length=500)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())


class FindingRevokeForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=60)
    signed_on = forms.DateField(label=_("Date signed"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=500)
    signer_name = forms.CharField(label=_("Signer"), max_length=120, required=False)
