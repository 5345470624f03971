"""Fixtures of the public catalogue's tests: public and non-public products."""

from __future__ import annotations

from typing import Any

import pytest

from ocop.testing import as_system, make_producer, make_product


def make_public_product(name: str, *, producer: Any = None, star: int = 4, **extra: Any) -> Any:
    """A product the public may see (it holds a certificate).

    TODO(certification merge): record a recognition decision with ``star``.
    """
    extra.setdefault("status", "active")
    return make_product(name, producer=producer, **extra)


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
