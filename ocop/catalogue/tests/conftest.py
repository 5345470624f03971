"""Fixtures of the public catalogue's tests: public and non-public products."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from ocop.accounts.models import User
from ocop.testing import as_system, make_producer, make_product, make_user

_decisions = itertools.count(1)


def recognise(product: Any, *, star: int = 4, signed_on: dt.date | None = None) -> Any:
    """Record a recognition decision of the province office: ``product`` gets a certificate."""
    from ocop.certification.services import ResultInput, decision_record
    from ocop.geo.models import Authority
    from ocop.products.selectors import product_list

    province = product.producer.address_province
    actor = User.objects.filter(username="catalogue-root").first() or make_user(
        "catalogue-root", is_superuser=True
    )
    authority = Authority.objects.filter(unit=province, valid_to__isnull=True).order_by("pk")[0]
    assert product_list(user=actor).filter(pk=product.pk).exists()
    return decision_record(
        actor=actor,
        kind="recognition",
        number=f"{next(_decisions)}/QĐ-UBND",
        signed_on=signed_on or dt.date(2026, 6, 1),
        authority=authority,
        province=province,
        items=[ResultInput(product=product, star=star)],
    )


def make_public_product(name: str, *, producer: Any = None, star: int = 4, **extra: Any) -> Any:
    """A product the public may see: it holds a certificate of ``star`` stars."""
    extra.setdefault("status", "active")
    product = make_product(name, producer=producer, **extra)
    recognise(product, star=star)
    return product


@pytest.fixture
def sensitive_producer() -> Any:
    """A household whose every sensitive field is filled, with no consent to publish contacts."""
    return make_producer(
        "Hộ kinh doanh Kẹo dừa Bà Tư",
        legal_form="business_household",
        tax_code="084190123456",
        representative_name="Nguyễn Thị Tư",
        representative_gender="female",
        representative_ethnicity="Chứt",
        representative_has_disability=True,
        representative_personal_id="084190654321",
        phone="0987 654 321",
        email="batu.secret@example.vn",
        address_detail="Ấp Bí Mật 7",
    )


@pytest.fixture
def public_setup(sensitive_producer: Any) -> dict[str, Any]:
    keo = make_public_product("Kẹo dừa sầu riêng", producer=sensitive_producer, set_number=7)
    draft = make_product("Bánh tráng dừa nháp", producer=sensitive_producer, status="draft")
    with as_system():
        keo.description = "Kẹo dừa thơm vị sầu riêng."
        keo.save()
    return {"producer": sensitive_producer, "keo": keo, "draft": draft}
