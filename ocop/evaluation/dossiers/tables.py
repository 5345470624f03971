"""The register of dossiers: its columns on screen and in XLSX/CSV exports (CONTRIBUTING "Lists").

``DOSSIER_HEADERS`` is the one place its Vietnamese column headers live. Every accessor reads only
what ``selectors.dossier_list`` ``select_related``s, so an export runs no query per row.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from ocop.core.lists import Column, ListSpec, choice_label
from ocop.evaluation.dossiers.forms import DossierFilterForm
from ocop.evaluation.dossiers.models import Dossier
from ocop.evaluation.dossiers.selectors import DOSSIER_SORTS, dossier_list, dossier_search

DOSSIER_HEADERS = {
    "number": pgettext_lazy("column", "Dossier number"),
    "product": pgettext_lazy("column", "Product name"),
    "producer": pgettext_lazy("column", "Producer name"),
    "kind": pgettext_lazy("column", "Kind of dossier"),
    "commune_code": pgettext_lazy("column", "Commune code"),
    "commune": pgettext_lazy("column", "Commune"),
    "province": pgettext_lazy("column", "Province"),
    "filed_on": pgettext_lazy("column", "Filed on"),
    "forwarded_on": pgettext_lazy("column", "Forwarded to the province on"),
    "status": pgettext_lazy("column", "Status"),
    "round": pgettext_lazy("column", "Evaluation round"),
    "evaluation_year": pgettext_lazy("column", "Evaluation year"),
}
H = DOSSIER_HEADERS


def _rows(user: Any, form: DossierFilterForm | None) -> Any:
    qs = dossier_list(user=user)
    if form is None:
        return qs
    data = form.cleaned_data
    chosen_round = data.get("round")
    return dossier_search(
        qs,
        q=data.get("q") or "",
        status=data.get("status") or "",
        kind=data.get("kind") or "",
        round_id=chosen_round.pk if chosen_round is not None else None,
        commune_code=data.get("commune") or "",
        queue=data.get("queue") or "",
    )


DOSSIER_COLUMNS = (
    Column("number", H["number"], lambda d: d.pk, cell="evaluation/dossiers/cells/_number.html"),
    Column("product", H["product"], lambda d: d.product.name),
    Column("producer", H["producer"], lambda d: d.producer.name),
    Column("kind", H["kind"], choice_label(Dossier, "kind")),
    Column("commune_code", H["commune_code"], lambda d: d.commune.code, on_screen=False),
    Column("commune", H["commune"], lambda d: d.commune.full_name),
    Column("province", H["province"], lambda d: d.province.full_name, on_screen=False),
    Column("filed_on", H["filed_on"], lambda d: d.filed_on),
    Column("forwarded_on", H["forwarded_on"], lambda d: d.forwarded_on, on_screen=False),
    Column("status", H["status"], choice_label(Dossier, "status")),
    Column("round", H["round"], lambda d: str(d.round) if d.round_id else ""),
    Column("evaluation_year", H["evaluation_year"], lambda d: d.evaluation_year, on_screen=False),
)


def _count_text(n: int) -> str:
    return ngettext("%(counter)s dossier", "%(counter)s dossiers", n) % {"counter": n}


DOSSIER_LIST = ListSpec(
    export_name="ho-so",
    title=_("Register of dossiers"),
    form_class=DossierFilterForm,
    rows=_rows,
    columns=DOSSIER_COLUMNS,
    sorts=DOSSIER_SORTS,
    default_sort="-created",
    template="evaluation/dossiers/dossier_list.html",
    table_id="dossier-table",
    count_text=_count_text,
    empty_text=_("No dossier."),
)
