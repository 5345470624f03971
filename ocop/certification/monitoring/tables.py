"""The inspections register (QĐ 26/2026 Điều 9): one row per inspection."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from ocop.certification.monitoring.forms import InspectionFilterForm
from ocop.certification.monitoring.models import Inspection
from ocop.certification.monitoring.selectors import inspection_list
from ocop.core.lists import Column, ListSpec

INSPECTION_HEADERS = {
    "date": pgettext_lazy("column", "Inspection date"),
    "plan": pgettext_lazy("column", "Inspection plan"),
    "kind": pgettext_lazy("column", "Kind of inspection"),
    "inspectors": pgettext_lazy("column", "Inspectors"),
    "findings": pgettext_lazy("column", "Products inspected"),
    "concluded_on": pgettext_lazy("column", "Conclusion date"),
    "conclusion": pgettext_lazy("column", "Conclusion"),
}
H = INSPECTION_HEADERS
INSPECTION_SORTS = {"-date": ("-inspected_on", "-pk"), "date": ("inspected_on", "pk")}


def _rows(user: Any, form: InspectionFilterForm | None) -> Any:
    qs = inspection_list(user=user)
    d = form.cleaned_data if form is not None else {}
    if d.get("q"):
        qs = qs.filter(
            Q(plan__title__icontains=d["q"])
            | Q(inspectors__icontains=d["q"])
            | Q(findings__certificate__product__name__icontains=d["q"])
        ).distinct()
    if d.get("kind"):
        qs = qs.filter(plan__kind=d["kind"])
    return qs


def _kind(row: Inspection) -> str:
    return str(row.plan.get_kind_display())


INSPECTION_LIST = ListSpec(
    export_name="kiem-tra-sau-cong-nhan",
    title=_("Register of inspections"),
    form_class=InspectionFilterForm,
    rows=_rows,
    columns=(
        Column(
            "date",
            H["date"],
            lambda r: r.inspected_on,
            cell="certification/cells/_inspection.html",
        ),
        Column("plan", H["plan"], lambda r: r.plan.title),
        Column("kind", H["kind"], _kind),
        Column("inspectors", H["inspectors"], lambda r: r.inspectors),
        Column("findings", H["findings"], lambda r: r.finding_count),
        Column("concluded_on", H["concluded_on"], lambda r: r.concluded_on, on_screen=False),
        Column("conclusion", H["conclusion"], lambda r: r.conclusion, on_screen=False),
    ),
    sorts=INSPECTION_SORTS,
    default_sort="-date",
    template="certification/inspection_list.html",
    table_id="inspection-table",
    count_text=lambda n: (
        ngettext("%(counter)s inspection", "%(counter)s inspections", n) % {"counter": n}
    ),
    empty_text=_("No inspection matches."),
)
