"""The self-assessment form (Mẫu số 02, Phần III): one option, a description and evidence per
criterion, built from the sheet of the product's set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.criteria import engine
from ocop.criteria.models import AnswerSheet, SelfAssessment
from ocop.criteria.services import SelfAssessmentData


@dataclass(frozen=True)
class CriterionRow:
    """One criterion as the page shows it: the sheet's wording and the form's current values."""

    crit: engine.Criterion
    name: str
    value: str
    allows_none: bool
    errors: list[str]
    description: forms.BoundField
    evidence: forms.BoundField


class SelfAssessmentForm(forms.Form):
    """No "has a story" box: the story follows the answer to the sheet's story criterion."""

    business_results = forms.CharField(
        label=_("Part II — results of the production and business plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    plans = forms.CharField(
        label=_("Part IV — production and business plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, sheet: engine.Sheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        cases = next((c.cases for c in sheet.criteria if c.cases), ())
        if cases:
            self.fields["case"] = forms.TypedChoiceField(
                label=_("Case (criteria with two alternative option groups)"),
                choices=[(c.case, c.label) for c in cases],
                coerce=int,
            )
        for crit in sheet.criteria:
            choices = [("", "—")]
            if crit.allows_none():
                choices.append(("0", str(_("No option met"))))
            choices += [(str(o.position), o.text) for o in crit.options]
            self.fields[f"a_{crit.code}"] = forms.TypedChoiceField(
                choices=choices, coerce=int, empty_value=None, required=False, label=crit.code
            )
            self.fields[f"d_{crit.code}"] = forms.CharField(
                label=_("Description"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"e_{crit.code}"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @classmethod
    def initial_for(cls, assessment: SelfAssessment, answer_sheet: AnswerSheet) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "case": answer_sheet.case,
            "business_results": assessment.business_results,
            "plans": assessment.plans,
        }
        for row in answer_sheet.answers.all():
            code = row.criterion.code
            initial[f"a_{code}"] = "" if row.position is None else str(row.position)
            initial[f"d_{code}"] = row.description
            initial[f"e_{code}"] = row.evidence
        return initial

    def to_data(self) -> SelfAssessmentData:
        data = self.cleaned_data
        codes = [c.code for c in self.sheet.criteria]
        return SelfAssessmentData(
            answers={code: data.get(f"a_{code}") for code in codes},
            descriptions={code: data.get(f"d_{code}", "") for code in codes},
            evidence={code: data.get(f"e_{code}", "") for code in codes},
            case=data.get("case"),
            business_results=data.get("business_results", ""),
            plans=data.get("plans", ""),
        )

    def layout(self) -> list[dict[str, Any]]:
        """Parts → groups → criterion rows, in law order, for the template."""
        parts = []
        for part in self.sheet.parts:
            groups = []
            for group in part.groups:
                rows = []
                for crit in group.criteria:
                    value = self[f"a_{crit.code}"].value()
                    rows.append(
                        CriterionRow(
                            crit=crit,
                            name=f"a_{crit.code}",
                            value="" if value is None else str(value),
                            allows_none=crit.allows_none(),
                            errors=[str(e) for e in self[f"a_{crit.code}"].errors],
                            description=self[f"d_{crit.code}"],
                            evidence=self[f"e_{crit.code}"],
                        )
                    )
                groups.append({"group": group, "rows": rows})
            parts.append({"part": part, "groups": groups})
        return parts
