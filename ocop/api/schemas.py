"""The rows the open-data API publishes: flat, public fields only, an ``id`` in every row.

Every row is built by the serialisers in :mod:`ocop.api.rows` from the catalogue's public
selectors, so the API shows exactly what the public catalogue shows — never a sensitive field.
"""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ProductOut(Schema):
    id: int
    name: str
    url: str
    product_set_number: int
    product_set_name: str
    producer_id: int
    producer_name: str
    producer_legal_form: str
    star: int | None
    certificate_id: int | None
    certificate_number: str
    certificate_status: str
    certificate_valid_until: dt.date | None
    province_id: int | None
    province_name: str
    commune_ids: list[int]
    commune_names: list[str]
    origin_unit_id: int
    origin_unit_as_written: str
    channels: list[str]
    updated_at: dt.datetime


class ProducerOut(Schema):
    id: int
    name: str
    url: str
    legal_form: str
    legal_form_label: str
    tax_code: str
    province_id: int | None
    province_name: str
    contact_published: bool
    representative_name: str
    address: str
    phone: str
    email: str
    updated_at: dt.datetime


class UnitOut(Schema):
    id: int
    code: str
    name: str
    unit_type: str
    level: str
    map: str
    parent_id: int | None
    province_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_ids: list[int]
    source_ids: list[int]


class ProductSetOut(Schema):
    id: int
    number: int
    code: str
    name: str
    branch_name: str
    group_name: str


class CertificateOut(Schema):
    id: int
    number: str
    status: str
    product_id: int
    product_name: str
    producer_id: int
    producer_name: str
    star: int | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    decision_number: str
    decision_signed_on: dt.date | None
    verify_url: str


class Page(Schema):
    count: int
    next: str | None
    previous: str | None


class ProductPage(Page):
    results: list[ProductOut]


class ProducerPage(Page):
    results: list[ProducerOut]


class UnitPage(Page):
    results: list[UnitOut]


class ProductSetPage(Page):
    results: list[ProductSetOut]


class CertificatePage(Page):
    results: list[CertificateOut]


class Message(Schema):
    detail: str
