"""The register of products: its columns, on screen and in XLSX/CSV exports (issue 11 item 7).

``PRODUCT_HEADERS`` is the one place the Vietnamese column headers live; the spreadsheet
importer (issue 11) matches the same strings when a file comes back.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from ocop.certification.choices import CertificateStatus
from ocop.certification.selectors import products_filter_certificate, products_with_certificate
from ocop.core.lists import Column, ListSpec, choice_label
from ocop.producers.policy import MASK, producer_list_sensitive_visible
from ocop.producers.tables import unit_export_name
from ocop.products.forms import ProductFilterForm
from ocop.products.models import Product
from ocop.products.selectors import (
    PRODUCT_SORTS,
    product_list,
    product_search,
    with_unit_successors,
)
from ocop.programme.selectors import figure_filter_ids

PRODUCT_HEADERS = {
    "name": pgettext_lazy("column", "Product name"),
    "producer": pgettext_lazy("column", "Producer name"),
    "producer_tax_code": pgettext_lazy("column", "Producer's tax number"),
    "product_set": pgettext_lazy("column", "Product set"),
    "commune_code": pgettext_lazy("column", "Commune code"),
    "commune": pgettext_lazy("column", "Commune"),
    "province": pgettext_lazy("column", "Province"),
    "status": pgettext_lazy("column", "Status"),
    "in_supermarket": pgettext_lazy("column", "Supermarket"),
    "has_trademark": pgettext_lazy("column", "Trademark"),
    "star": pgettext_lazy("column", "Star"),
    "certificate_status": pgettext_lazy("column", "Certificate status"),
    "certificate_number": pgettext_lazy("column", "Certificate number"),
}
H = PRODUCT_HEADERS


def _rows(user: Any, form: ProductFilterForm | None) -> Any:
    today = timezone.localdate()
    if form is None:
        return products_with_certificate(product_search(product_list(user=user)), on=today)
    data = form.cleaned_data
    qs = product_search(
        product_list(user=user),
        q=data.get("q") or "",
        unit=form.filter_unit,
        on=form.group_on,
        legal_form=data.get("legal_form") or "",
        product_set=data.get("product_set"),
        status=data.get("status") or "",
        channel_kind=data.get("channel_kind") or "",
        has_trademark={"yes": True, "no": False}.get(data.get("has_trademark") or ""),
    )
    qs = products_filter_certificate(
        products_with_certificate(qs, on=today),
        star=data.get("star"),
        status=data.get("certificate_status") or "",
    )
    # Issue 12: a programme figure links to this register with ?figure=… (exactly its records).
    ids = figure_filter_ids(user=user, token=form.data.get("figure", ""), subject="products")
    return qs if ids is None else qs.filter(pk__in=ids)


def _certificate_status_label(product: Any) -> str:
    code = getattr(product, "cert_status", None)
    return str(CertificateStatus(code).label) if code else ""


def _producer_tax_code_masked(product: Any) -> str:
    """A household's tax number is its owner's personal ID (12 digits): masked."""
    producer = product.producer
    return MASK if producer.tax_code_is_personal_id else producer.tax_code


PRODUCT_COLUMNS = (
    Column("name", H["name"], lambda p: p.name, cell="products/cells/_name.html"),
    Column("producer", H["producer"], lambda p: p.producer.name),
    Column(
        "producer_tax_code",
        H["producer_tax_code"],
        lambda p: p.producer.tax_code,
        on_screen=False,
        sensitive=True,
        mask=_producer_tax_code_masked,
    ),
    Column(
        "product_set",
        H["product_set"],
        lambda p: f"{p.product_set.number}. {p.product_set.name}" if p.product_set else "",
    ),
    Column("commune_code", H["commune_code"], lambda p: p.origin_unit.code, on_screen=False),
    Column(
        "commune",
        H["commune"],
        lambda p: unit_export_name(p.origin_unit),
        cell="products/cells/_commune.html",
    ),
    Column(
        "province",
        H["province"],
        lambda p: p.producer.address_province.full_name if p.producer.address_province else "",
    ),
    Column("status", H["status"], choice_label(Product, "status")),
    # criteria 4.1 and 3.5: annotated by products_with_flags (no query per row)
    Column("in_supermarket", H["in_supermarket"], lambda p: p.in_supermarket),
    Column("has_trademark", H["has_trademark"], lambda p: p.has_trademark),
    # the head certificate (annotated by products_with_certificate: no query per row)
    Column("star", H["star"], lambda p: p.cert_star, formatter=lambda v: f"{v}★" if v else ""),
    Column(
        "certificate_status",
        H["certificate_status"],
        _certificate_status_label,
        cell="products/cells/_certificate.html",
    ),
    Column("certificate_number", H["certificate_number"], lambda p: p.cert_number, on_screen=False),
)


def _count_text(n: int) -> str:
    return ngettext("%(counter)s product", "%(counter)s products", n) % {"counter": n}


PRODUCT_LIST = ListSpec(
    export_name="san-pham",
    title=_("Register of products"),
    form_class=ProductFilterForm,
    rows=_rows,
    columns=PRODUCT_COLUMNS,
    sorts=PRODUCT_SORTS,
    default_sort="name",
    template="products/product_list.html",
    table_id="product-table",
    count_text=_count_text,
    empty_text=_("No product matches."),
    prepare_page=with_unit_successors,
    sensitive_visible=producer_list_sensitive_visible,
)
