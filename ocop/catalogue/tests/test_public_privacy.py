"""Nothing the sensitive-field policy hides appears in any public response (issue 13 item 2).

Every URL of the ``catalogue`` and ``api`` namespaces is visited — in JSON and CSV where it is
a list — with a household producer whose every sensitive field is filled and who has not agreed
to publish its contact details. A new public URL that this test does not visit makes it fail.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ocop.catalogue.seo import producer_url, product_url

pytestmark = pytest.mark.django_db

SENSITIVE_VALUES = [
    "084190654321",  # representative's personal ID
    "084190123456",  # the household's tax number is a personal ID
    "Chứt",  # ethnicity
    "0987 654 321",  # phone, no consent
    "0987654321",
    "batu.secret@example.vn",  # e-mail, no consent
    "Ấp Bí Mật 7",  # street address, no consent
    "Nguyễn Thị Tư",  # the household head's name, no consent
]
SENSITIVE_WORDS = [
    "representative_gender",
    "representative_ethnicity",
    "representative_has_disability",
    "representative_personal_id",
    "female",
    ">Nữ<",
]
# Labels of the sensitive fields: no page shows them, except the open-data page that states the
# policy itself ("Giới tính, dân tộc, … không bao giờ được công bố").
SENSITIVE_LABELS = ["Giới tính", "Dân tộc", "khuyết tật", "định danh"]
POLICY_PAGE = "/du-lieu-mo/"


def _public_route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace in ("catalogue", "api") and p.name:
                names.add(f"{namespace}:{p.name}")

    walk(get_resolver().url_patterns, "")
    return names


def _urls(setup: dict[str, Any]) -> dict[str, list[str]]:
    from ocop.certification.models import Certificate
    from ocop.geo.models import AdminUnit
    from ocop.products.models import ProductSet

    keo, producer = setup["keo"], setup["producer"]
    certificate_id, number = Certificate.objects.filter(product=keo).values_list("pk", "number")[0]
    unit = AdminUnit.objects.get(map__code="2025", level="commune", code="29308")
    product_set = ProductSet.objects.get(number=7)
    lists = {
        "api:product_list": "/api/v1/products",
        "api:producer_list": "/api/v1/producers",
        "api:unit_list": "/api/v1/units",
        "api:product_set_list": "/api/v1/product-sets",
    }
    urls: dict[str, list[str]] = {
        name: [url, f"{url}?format=csv", f"{url}?q=keo"] for name, url in lists.items()
    }
    urls.update(
        {
            "catalogue:home": [
                "/",
                "/?q=keo+dua",
                "/?noi=Tra+Vinh",
                "/?loai_hinh=business_household",
            ],
            "catalogue:product_detail": [product_url(keo)],
            "catalogue:producer_detail": [producer_url(producer)],
            "catalogue:about_data": ["/du-lieu-mo/"],
            "catalogue:sitemap": ["/sitemap.xml"],
            "catalogue:robots": ["/robots.txt"],
            "api:product_detail": [f"/api/v1/products/{keo.pk}"],
            "api:producer_detail": [f"/api/v1/producers/{producer.pk}"],
            "api:unit_detail": [f"/api/v1/units/{unit.pk}"],
            "api:product_set_detail": [f"/api/v1/product-sets/{product_set.pk}"],
            "api:openapi-json": ["/api/v1/openapi.json"],
            "api:openapi-view": ["/api/v1/docs"],
            "api:api-root": [],  # answers 404 by design (ninja's root marker)
            "catalogue:certificate_search": ["/xac-thuc/"],
            "catalogue:certificate_verify": [f"/xac-thuc/{number}"],
            "api:certificate_list": ["/api/v1/certificates", "/api/v1/certificates?format=csv"],
            "api:certificate_detail": [f"/api/v1/certificates/{certificate_id}"],
        }
    )
    return urls


def test_no_sensitive_field_in_any_public_response(client, public_setup):
    urls = _urls(public_setup)
    assert set(urls) == _public_route_names(), "a public URL is not covered by this test"
    visited = 0
    for name, paths in urls.items():
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (name, path, response.status_code)
            body = response.content.decode()
            for value in SENSITIVE_VALUES + SENSITIVE_WORDS:
                assert value not in body, (path, value)
            if path != POLICY_PAGE:
                for label in SENSITIVE_LABELS:
                    assert label not in body, (path, label)
            visited += 1
    assert visited == 32


def test_the_producer_is_visible_where_it_should_be(client, public_setup):
    """The same pages do show the producer's public details (the test above can fail)."""
    body = client.get(producer_url(public_setup["producer"])).content.decode()
    assert "Hộ kinh doanh Kẹo dừa Bà Tư" in body
    row = client.get(f"/api/v1/producers/{public_setup['producer'].pk}").json()
    assert row["tax_code"] == ""
    assert row["contact_published"] is False
    assert row["phone"] == ""


def test_consent_publishes_contacts_but_never_the_sensitive_fields(client, public_setup):
    import datetime as dt

    from ocop.testing import as_system

    producer = public_setup["producer"]
    with as_system():
        producer.contact_consent = True
        producer.contact_consent_on = dt.date(2026, 2, 1)
        producer.save()
    row = client.get(f"/api/v1/producers/{producer.pk}").json()
    assert row["phone"] == "0987 654 321"
    assert row["email"] == "batu.secret@example.vn"
    assert row["representative_name"] == "Nguyễn Thị Tư"
    body = client.get(f"/api/v1/producers/{producer.pk}").content.decode()
    for value in ("084190654321", "084190123456", "Chứt", "female"):
        assert value not in body
