from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.core.forms import DateInput
from ocop.evaluation.outcome.choices import FollowUp


class DecisionForm(forms.Form):
    """The chairman's decision, pre-filled from the council's proposals."""

    proposals = forms.MultipleChoiceField(
        label=_("Products"), widget=forms.CheckboxSelectMultiple, required=True
    )
    number = forms.CharField(label=_("Number and symbol"), max_length=60)
    signed_on = forms.DateField(label=_("Date signed"), widget=DateInput())
    signer_name = forms.CharField(label=_("Signer"), max_length=120)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=120, required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = choices  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial["proposals"] = [value for value, _label in choices]


class NationalResultForm(forms.Form):
    score = forms.DecimalField(
        label=_("Central score"), min_value=0, max_value=100, decimal_places=2
    )
    number = forms.CharField(
        label=_("Minister's decision (if 5 stars)"), max_length=60, required=False
    )
    signed_on = forms.DateField(label=_("Date signed"), required=False, widget=DateInput())
    signer_name = forms.CharField(label=_("Signer"), max_length=120, required=False)


class FollowUpForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Follow-up"),
        choices=[c for c in FollowUp.choices if c[0]],
        widget=forms.RadioSelect,
    )
    number = forms.CharField(label=_("Number and symbol"), max_length=60, required=False)
    signed_on = forms.DateField(label=_("Date signed"), required=False, widget=DateInput())
    signer_name = forms.CharField(label=_("Signer"), max_length=120, required=False)


class OpinionForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label=_("Re-recognise at the current star?"),
        choices=[("1", _("Agree")), ("0", _("Disagree"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}))
    score = forms.DecimalField(
        label=_("Score (optional)"), min_value=0, max_value=100, decimal_places=2, required=False
    )
