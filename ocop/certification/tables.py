"""The registers of certificates and decisions: columns on screen and in XLSX/CSV exports.

``CERTIFICATE_HEADERS`` is the one place their Vietnamese headers live; the spreadsheet importer
(issue 11) recognises the same words when a file comes back.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from ocop.certification.choices import CertificateStatus
from ocop.certification.forms import CertificateFilterForm, DecisionFilterForm
from ocop.certification.models import Certificate, Decision
from ocop.certification.rules import format_partial_date
from ocop.certification.selectors import (
    CERTIFICATE_SORTS,
    DECISION_SORTS,
    certificate_list,
    certificate_search,
    decision_list,
    decision_search,
)
from ocop.core.lists import Column, ListSpec, choice_label

CERTIFICATE_HEADERS = {
    "number": pgettext_lazy("column", "Certificate number"),
    "product": pgettext_lazy("column", "Product name"),
    "producer": pgettext_lazy("column", "Producer name"),
    "address": pgettext_lazy("column", "Address"),
    "star": pgettext_lazy("column", "Star"),
    "score": pgettext_lazy("column", "Score"),
    "edition": pgettext_lazy("column", "Criteria edition"),
    "round_year": pgettext_lazy("column", "Evaluation year"),
    "decision": pgettext_lazy("column", "Decision number"),
    "decision_date": pgettext_lazy("column", "Decision date"),
    "authority": pgettext_lazy("column", "Issuing authority"),
    "valid_until": pgettext_lazy("column", "Valid until"),
    "status": pgettext_lazy("column", "Status"),
}
H = CERTIFICATE_HEADERS


def _status_label(code: str) -> str:
    return str(CertificateStatus(code).label)


def _certificate_rows(user: Any, form: CertificateFilterForm | None) -> Any:
    today = timezone.localdate()
    qs = certificate_list(user=user)
    if form is None:
        return certificate_search(qs, on=today)
    d = form.cleaned_data
    authority = d.get("authority")
    return certificate_search(
        qs,
        on=today,
        q=d.get("q") or "",
        status=d.get("status") or "",
        star=d.get("star"),
        edition=d.get("edition") or "",
        authority_id=authority.pk if authority else None,
        unit=form.filter_unit,
        group_on=form.group_on,
        expiring_within=d.get("expiring_within"),
    )


def _decision_date(decision: Decision) -> Any:
    if decision.date_precision == "day":
        return decision.signed_on
    return format_partial_date(decision.signed_on, decision.date_precision, decision.date_until)


CERTIFICATE_COLUMNS = (
    Column("number", H["number"], lambda c: c.number, cell="certification/cells/_number.html"),
    Column("product", H["product"], lambda c: c.product.name),
    Column("producer", H["producer"], lambda c: c.producer.name),
    Column(
        "address",
        H["address"],
        lambda c: c.producer.address_unit.address if c.producer.address_unit else "",
        on_screen=False,
    ),
    Column("star", H["star"], lambda c: c.star, formatter=lambda v: f"{v}★"),
    Column("score", H["score"], lambda c: c.score, on_screen=False),
    Column("edition", H["edition"], choice_label(Certificate, "edition")),
    Column("round_year", H["round_year"], lambda c: c.round_year, on_screen=False),
    Column("decision", H["decision"], lambda c: c.decision.number),
    Column("decision_date", H["decision_date"], lambda c: _decision_date(c.decision)),
    Column("authority", H["authority"], lambda c: c.decision.authority.name),
    Column("valid_until", H["valid_until"], lambda c: c.valid_until),
    Column(
        "status",
        H["status"],
        lambda c: _status_label(c.status_code),
        cell="certification/cells/_status.html",
    ),
)


def _certificate_count(n: int) -> str:
    return ngettext("%(counter)s certificate", "%(counter)s certificates", n) % {"counter": n}


CERTIFICATE_LIST = ListSpec(
    export_name="giay-chung-nhan",
    title=_("Register of certificates"),
    form_class=CertificateFilterForm,
    rows=_certificate_rows,
    columns=CERTIFICATE_COLUMNS,
    sorts=CERTIFICATE_SORTS,
    default_sort="-valid_from",
    template="certification/certificate_list.html",
    table_id="certificate-table",
    count_text=_certificate_count,
    empty_text=_("No certificate matches."),
)


DECISION_HEADERS = {
    "number": pgettext_lazy("column", "Decision number"),
    "kind": pgettext_lazy("column", "Kind of decision"),
    "date": pgettext_lazy("column", "Decision date"),
    "authority": pgettext_lazy("column", "Issuing authority"),
    "signer": pgettext_lazy("column", "Signer"),
    "products": pgettext_lazy("column", "Number of products"),
}


def _decision_rows(user: Any, form: DecisionFilterForm | None) -> Any:
    d = form.cleaned_data if form is not None else {}
    return decision_search(
        decision_list(user=user),
        q=d.get("q") or "",
        kind=d.get("kind") or "",
        year=d.get("year"),
    )


DECISION_LIST = ListSpec(
    export_name="quyet-dinh",
    title=_("Register of decisions"),
    form_class=DecisionFilterForm,
    rows=_decision_rows,
    columns=(
        Column(
            "number",
            DECISION_HEADERS["number"],
            lambda d: d.number,
            cell="certification/cells/_decision.html",
        ),
        Column("kind", DECISION_HEADERS["kind"], choice_label(Decision, "kind")),
        Column("date", DECISION_HEADERS["date"], _decision_date),
        Column("authority", DECISION_HEADERS["authority"], lambda d: d.authority.name),
        Column("signer", DECISION_HEADERS["signer"], lambda d: d.signer_name, on_screen=False),
        Column("products", DECISION_HEADERS["products"], lambda d: d.product_count),
    ),
    sorts=DECISION_SORTS,
    default_sort="-date",
    template="certification/decision_list.html",
    table_id="decision-table",
    count_text=lambda n: (
        ngettext("%(counter)s decision", "%(counter)s decisions", n) % {"counter": n}
    ),
    empty_text=_("No decision matches."),
)
