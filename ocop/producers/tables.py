"""The register of producers: its columns, on screen and in XLSX/CSV exports (issue 11 item 7).

``PRODUCER_HEADERS`` is the one place the Vietnamese column headers live; the spreadsheet
importer (issue 11) matches the same strings when a file comes back.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from ocop.core.lists import Column, ListSpec, choice_label
from ocop.producers.forms import ProducerFilterForm
from ocop.producers.models import Producer
from ocop.producers.policy import MASK, producer_list_sensitive_visible
from ocop.producers.selectors import (
    PRODUCER_SORTS,
    producer_list,
    producer_search,
    with_unit_successors,
)
from ocop.programme.selectors import figure_filter_ids

PRODUCER_HEADERS = {
    "name": pgettext_lazy("column", "Producer name"),
    "legal_form": pgettext_lazy("column", "Legal form"),
    "enterprise_size": pgettext_lazy("column", "Enterprise size"),
    "tax_code": pgettext_lazy("column", "Tax number"),
    "representative_name": pgettext_lazy("column", "Legal representative"),
    "representative_title": pgettext_lazy("column", "Representative's title"),
    "representative_gender": pgettext_lazy("column", "Gender"),
    "representative_ethnicity": pgettext_lazy("column", "Ethnicity"),
    "representative_has_disability": pgettext_lazy("column", "Disability"),
    "representative_personal_id": pgettext_lazy("column", "Personal ID number"),
    "address_detail": pgettext_lazy("column", "Address"),
    "commune_code": pgettext_lazy("column", "Commune code"),
    "commune": pgettext_lazy("column", "Commune"),
    "province": pgettext_lazy("column", "Province"),
    "phone": pgettext_lazy("column", "Phone"),
    "email": pgettext_lazy("column", "E-mail"),
    "founded_on": pgettext_lazy("column", "Founded on"),
    "registered_on": pgettext_lazy("column", "Registered on"),
}
H = PRODUCER_HEADERS


def unit_export_name(unit: Any) -> str:
    """The commune as a spreadsheet names it: a legacy unit (before 01/07/2025) with its old
    district and province ("Xã Phong Thạnh, huyện Cầu Kè, tỉnh Trà Vinh"), so that an exported
    register tells it from today's unit of the same code and name when it is imported again."""
    if not unit.is_legacy:
        return str(unit.full_name)
    return ", ".join([unit.full_name, *(u.short_name for u in unit.chain[1:])])


def _tax_code_masked(producer: Any) -> str:
    """A household's tax number is its owner's personal ID (12 digits): masked."""
    return MASK if producer.tax_code_is_personal_id else producer.tax_code


def _rows(user: Any, form: ProducerFilterForm | None) -> Any:
    if form is None:
        return producer_search(producer_list(user=user))
    data = form.cleaned_data
    qs = producer_search(
        producer_list(user=user),
        q=data.get("q") or "",
        legal_form=data.get("legal_form") or "",
        unit=form.filter_unit,
        on=form.group_on,
    )
    # Issue 12: a programme figure links to this register with ?figure=… (exactly its records).
    ids = figure_filter_ids(user=user, token=form.data.get("figure", ""), subject="producers")
    return qs if ids is None else qs.filter(pk__in=ids)


PRODUCER_COLUMNS = (
    Column("name", H["name"], lambda p: p.name, cell="producers/cells/_name.html"),
    Column("legal_form", H["legal_form"], choice_label(Producer, "legal_form")),
    Column(
        "enterprise_size",
        H["enterprise_size"],
        choice_label(Producer, "enterprise_size"),
        on_screen=False,
    ),
    Column(
        "tax_code",
        H["tax_code"],
        lambda p: p.tax_code,
        on_screen=False,
        sensitive=True,
        mask=_tax_code_masked,
    ),
    Column(
        "representative_name",
        H["representative_name"],
        lambda p: p.representative_name,
        on_screen=False,
    ),
    Column(
        "representative_title",
        H["representative_title"],
        lambda p: p.representative_title,
        on_screen=False,
    ),
    # Nghị định 13/2023/NĐ-CP: personal data, see ocop.producers.policy.
    Column(
        "representative_gender",
        H["representative_gender"],
        choice_label(Producer, "representative_gender"),
        on_screen=False,
        sensitive=True,
    ),
    Column(
        "representative_ethnicity",
        H["representative_ethnicity"],
        lambda p: p.representative_ethnicity,
        on_screen=False,
        sensitive=True,
    ),
    Column(
        "representative_has_disability",
        H["representative_has_disability"],
        lambda p: p.representative_has_disability,
        on_screen=False,
        sensitive=True,
    ),
    Column(
        "representative_personal_id",
        H["representative_personal_id"],
        lambda p: p.representative_personal_id,
        on_screen=False,
        sensitive=True,
    ),
    Column("address_detail", H["address_detail"], lambda p: p.address_detail, on_screen=False),
    Column("commune_code", H["commune_code"], lambda p: p.address_unit.code, on_screen=False),
    Column(
        "commune",
        H["commune"],
        lambda p: unit_export_name(p.address_unit),
        cell="producers/cells/_commune.html",
    ),
    Column(
        "province",
        H["province"],
        lambda p: p.address_province.full_name if p.address_province else "",
    ),
    Column("phone", H["phone"], lambda p: p.phone, on_screen=False),
    Column("email", H["email"], lambda p: p.email, on_screen=False),
    Column("founded_on", H["founded_on"], lambda p: p.founded_on, on_screen=False),
    Column("registered_on", H["registered_on"], lambda p: p.registered_on, on_screen=False),
)


def _count_text(n: int) -> str:
    return ngettext("%(counter)s producer", "%(counter)s producers", n) % {"counter": n}


PRODUCER_LIST = ListSpec(
    export_name="chu-the",
    title=_("Register of producers"),
    form_class=ProducerFilterForm,
    rows=_rows,
    columns=PRODUCER_COLUMNS,
    sorts=PRODUCER_SORTS,
    default_sort="name",
    template="producers/producer_list.html",
    table_id="producer-table",
    count_text=_count_text,
    empty_text=_("No producer matches."),
    prepare_page=with_unit_successors,
    sensitive_visible=producer_list_sensitive_visible,
)
