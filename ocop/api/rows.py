"""Public rows of the open-data API, as plain dicts (JSON and CSV are built from the same dicts).

Producers pass through :mod:`ocop.producers.policy`: the sensitive fields are never read, a
personal ID used as a tax number is never shown, and contact details appear only while the
producer's consent stands.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from ocop.catalogue.seo import producer_url, product_url
from ocop.certification.models import Certificate
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import units_current_successors
from ocop.producers.models import Producer
from ocop.producers.policy import producer_contact_public, producer_public_tax_code
from ocop.products.models import Product, ProductSet

LIST_SEPARATOR = "|"


def product_rows(request: HttpRequest, products: Sequence[Product]) -> list[dict[str, Any]]:
    """Rows for a page of public products (annotated by the catalogue's selector)."""
    origins = {p.origin_unit_id: p.origin_unit for p in products}
    successors = units_current_successors(origins.values())
    channels: dict[int, list[str]] = {}
    for product in products:
        channels[product.pk] = sorted({c.kind for c in product.channels.all()})
    rows = []
    for p in products:
        today = [p.current_unit] if p.current_unit else successors.get(p.origin_unit_id, [])
        communes = [u for u in today if u.level == "commune"]
        province = _province_of(today)
        rows.append(
            {
                "id": p.pk,
                "name": p.name,
                "url": request.build_absolute_uri(product_url(p)),
                "product_set_number": p.product_set.number,
                "product_set_name": p.product_set.name,
                "producer_id": p.producer_id,
                "producer_name": p.producer.name,
                "producer_legal_form": p.producer.legal_form,
                "star": getattr(p, "star", None),
                "certificate_id": getattr(p, "certificate_id", None),
                "certificate_number": getattr(p, "certificate_number", "") or "",
                "certificate_status": getattr(p, "certificate_status", "") or "",
                "certificate_valid_until": getattr(p, "certificate_valid_until", None),
                "province_id": province.pk if province else None,
                "province_name": province.full_name if province else "",
                "commune_ids": [u.pk for u in communes],
                "commune_names": [u.full_name for u in communes],
                "origin_unit_id": p.origin_unit_id,
                "origin_unit_as_written": p.origin_unit.address,
                "channels": channels[p.pk],
                "updated_at": p.updated_at,
            }
        )
    return rows


def _province_of(units: list[AdminUnit]) -> AdminUnit | None:
    provinces = {u.pk if u.level == "province" else u.province_id for u in units}
    if len(provinces) != 1:
        return None
    unit = units[0]
    return unit if unit.level == "province" else unit.province


def producer_rows(request: HttpRequest, producers: Iterable[Producer]) -> list[dict[str, Any]]:
    rows = []
    for p in producers:
        public = producer_contact_public(p)
        address = ""
        if public:
            address = ", ".join(x for x in (p.address_detail, p.address_unit.address) if x)
        rows.append(
            {
                "id": p.pk,
                "name": p.name,
                "url": request.build_absolute_uri(producer_url(p)),
                "legal_form": p.legal_form,
                "legal_form_label": str(p.get_legal_form_display()),
                "tax_code": producer_public_tax_code(p),
                "province_id": p.address_province_id,
                "province_name": p.address_province.full_name if p.address_province else "",
                "contact_published": public,
                "representative_name": p.representative_name if public else "",
                "address": address,
                "phone": p.phone if public else "",
                "email": p.email if public else "",
                "updated_at": p.updated_at,
            }
        )
    return rows


def unit_rows(units: Iterable[AdminUnit]) -> list[dict[str, Any]]:
    return [
        {
            "id": u.pk,
            "code": u.code,
            "name": u.name,
            "unit_type": u.unit_type,
            "level": u.level,
            "map": u.map.code,
            "parent_id": u.parent_id,
            "province_id": u.province_id,
            "valid_from": u.valid_from,
            "valid_to": u.valid_to,
            "successor_ids": sorted(link.target_id for link in u.successor_links.all()),
            "source_ids": sorted(link.source_id for link in u.source_links.all()),
        }
        for u in units
    ]


def product_set_rows(sets: Iterable[ProductSet]) -> list[dict[str, Any]]:
    return [
        {
            "id": s.pk,
            "number": s.number,
            "code": s.code,
            "name": s.name,
            "branch_name": s.branch_name,
            "group_name": s.group_name,
        }
        for s in sets
    ]


def certificate_rows(
    request: HttpRequest, certificates: Iterable[Certificate]
) -> list[dict[str, Any]]:
    rows = []
    for c in certificates:
        verify = reverse("catalogue:certificate_verify", kwargs={"number": c.number})
        rows.append(
            {
                "id": c.pk,
                "number": c.number,
                "status": c.status_code,  # type: ignore[attr-defined]
                "product_id": c.product_id,
                "product_name": c.product.name,
                "producer_id": c.producer_id,
                "producer_name": c.producer.name,
                "star": c.star,
                "valid_from": c.valid_from,
                "valid_until": c.valid_until,
                "decision_number": c.decision.number,
                "decision_signed_on": c.decision.signed_on,
                "verify_url": request.build_absolute_uri(verify),
            }
        )
    return rows


def csv_cell(value: Any) -> str:
    """A JSON value as a CSV cell: lists joined by ``|``, null as empty, dates ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(csv_cell(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def csv_text(fields: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([csv_cell(row[f]) for f in fields])
    return out.getvalue()
