"""Forms of the council and advisory pages. The scorecard is built from the sheet of the
dossier's edition, as the self-assessment form is (``ocop.criteria.forms``), with a note per
criterion instead of the producer's description and evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.criteria import engine
from ocop.evaluation.advisory.choices import Recommendation
from ocop.evaluation.council.choices import MemberRole, OrganisationKind
from ocop.geo.models import AdminUnit, Authority
from ocop.producers.models import Producer


@dataclass(frozen=True)
class ScoreRow:
    """One criterion on the member's card: the sheet's wording, the member's answer and note,
    and what the producer chose in the self-assessment."""

    crit: engine.Criterion
    name: str
    value: str
    allows_none: bool
    errors: list[str]
    note: forms.BoundField
    self_position: int | None


class ScorecardForm(forms.Form):
    def __init__(self, *args: Any, sheet: engine.Sheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        for crit in sheet.criteria:
            choices = [("", "—")]
            if crit.allows_none():
                choices.append(("0", "0"))
            choices += [(str(o.position), o.text) for o in crit.options]
            self.fields[f"a_{crit.code}"] = forms.TypedChoiceField(
                choices=choices, coerce=int, empty_value=None, required=False, label=crit.code
            )
            self.fields[f"n_{crit.code}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    @staticmethod
    def initial_for(answers: dict[str, int], notes: dict[str, str]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for code, position in answers.items():
            initial[f"a_{code}"] = str(position)
        for code, note in notes.items():
            initial[f"n_{code}"] = note
        return initial

    def answers(self) -> dict[str, int]:
        data = self.cleaned_data
        return {
            c.code: data[f"a_{c.code}"]
            for c in self.sheet.criteria
            if data.get(f"a_{c.code}") is not None
        }

    def notes(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            c.code: data[f"n_{c.code}"]
            for c in self.sheet.criteria
            if data.get(f"n_{c.code}", "").strip()
        }

    def layout(self, self_answers: dict[str, int | None]) -> list[dict[str, Any]]:
        """Parts → groups → rows, in law order."""
        parts = []
        for part in self.sheet.parts:
            groups = []
            for group in part.groups:
                rows = []
                for crit in group.criteria:
                    value = self[f"a_{crit.code}"].value()
                    rows.append(
                        ScoreRow(
                            crit=crit,
                            name=f"a_{crit.code}",
                            value="" if value is None else str(value),
                            allows_none=crit.allows_none(),
                            errors=[str(e) for e in self[f"a_{crit.code}"].errors],
                            note=self[f"n_{crit.code}"],
                            self_position=self_answers.get(crit.code),
                        )
                    )
                groups.append({"group": group, "rows": rows})
            parts.append({"part": part, "groups": groups})
        return parts


class AppointForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role on the council"), choices=MemberRole.choices)
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=OrganisationKind.choices
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255)
    authority = forms.ModelChoiceField(
        label=_("Authority record"), queryset=Authority.objects.none(), required=False
    )
    admin_unit = forms.ModelChoiceField(
        label=_("People's Committee of the unit"), queryset=AdminUnit.objects.none(), required=False
    )
    producer = forms.ModelChoiceField(
        label=_("Producer record"), queryset=Producer.objects.none(), required=False
    )

    def __init__(self, *args: Any, province: AdminUnit | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user_field = cast("forms.ModelChoiceField[Any]", self.fields["user"])
        user_field.queryset = User.objects.filter(
            role=Role.COUNCIL_MEMBER, is_active=True
        ).order_by("full_name", "username")
        units = AdminUnit.objects.filter(map__code="2025")
        authorities = Authority.objects.select_related("unit")
        producers = Producer.objects.all()
        if province is not None:
            units = units.filter(pk=province.pk) | units.filter(province=province)
            authorities = authorities.filter(unit__in=units)
            producers = producers.filter(address_province=province)
        for name, qs in (
            ("admin_unit", units.order_by("level", "name")),
            ("authority", authorities.order_by("name")),
            ("producer", producers.order_by("name")),
        ):
            cast("forms.ModelChoiceField[Any]", self.fields[name]).queryset = qs


class DeclareForm(forms.Form):
    conflict = forms.BooleanField(
        label=_("I have a conflict of interest with this dossier"), required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DiscussionForm(forms.Form):
    discussion = forms.CharField(
        label=_("What the council discussed"), widget=forms.Textarea(attrs={"rows": 3})
    )


class FlagsForm(forms.Form):
    eliminated = forms.BooleanField(label=_("Eliminated"), required=False)
    halted_at = forms.CharField(label=_("Halted at criterion"), required=False, max_length=20)
    disqualified = forms.BooleanField(label=_("Disqualified"), required=False)
    note = forms.CharField(label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 2}))


# --- advisory team ------------------------------------------------------------------------------


class AdvisoryAppointForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    is_lead = forms.BooleanField(label=_("Team lead"), required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Any]", self.fields["user"])
        field.queryset = User.objects.filter(role=Role.ADVISORY_MEMBER, is_active=True).order_by(
            "full_name", "username"
        )


class ReviewForm(forms.Form):
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class SiteVisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Visited on"))
    place = forms.CharField(label=_("Place"), max_length=255)
    participants = forms.CharField(label=_("Participants"), max_length=500, required=False)
    findings = forms.CharField(
        label=_("Findings on site"), widget=forms.Textarea(attrs={"rows": 3})
    )


class LabOrderForm(forms.Form):
    test = forms.CharField(label=_("Test"), max_length=255)
    lab = forms.CharField(label=_("Laboratory"), max_length=255)
    ordered_on = forms.DateField(label=_("Ordered on"))


class LabResultForm(forms.Form):
    result = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 2}))
    passed = forms.TypedChoiceField(
        label=_("Verdict"),
        choices=[("1", _("Passed")), ("0", _("Failed"))],
        coerce=lambda v: v == "1",
    )
    result_on = forms.DateField(label=_("Result on"))
    file = forms.FileField(label=_("Laboratory report (PDF/JPEG/PNG)"), required=False)


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Report to the council chair"), widget=forms.Textarea(attrs={"rows": 4})
    )
