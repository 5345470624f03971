"""``ocop demo`` fills the demo province's registry (marked demo, idempotent, chuthe.1 linked);
``--scale national`` is deterministic from the seed and writes audit rows in bulk."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db.models import Count

from ocop.core.text import fold, sort_key
from ocop.demo import national
from ocop.producers.models import Producer
from ocop.products.models import Product

pytestmark = pytest.mark.django_db


def test_province_demo_is_marked_idempotent_and_links_the_demo_producer():
    call_command("demo")
    producers, products = Producer.objects.count(), Product.objects.count()
    assert producers >= 24
    assert products >= 36
    assert not Producer.objects.filter(is_demo=False).exists()
    assert not Product.objects.filter(is_demo=False).exists()
    assert set(Producer.objects.values_list("address_province__code", flat=True)) == {"86"}
    assert Product.objects.values("product_set").distinct().count() >= 20
    linked = Producer.objects.get(account_links__user__username="chuthe.1")
    assert linked.name == "Hợp tác xã Dừa sáp Cầu Kè"
    assert LogEntry.objects.get_for_object(linked).get().actor.username == "system"
    call_command("demo")
    assert (Producer.objects.count(), Product.objects.count()) == (producers, products)


def test_demo_records_are_labelled_in_the_ui(client):
    call_command("demo")
    from ocop.accounts.models import User

    client.force_login(User.objects.get(username="canbo.tinh"))
    body = client.get("/san-pham/").content.decode()
    assert body.count('<span class="tag">(demo)</span>') == 25  # one tag per row on page 1


def _snapshot():
    return list(
        Product.objects.filter(legacy_code__startswith="DEMO-N")
        .order_by("legacy_code")
        .values_list("legacy_code", "name", "producer__name", "producer__tax_code", "status")
    )


def test_national_scale_is_deterministic_and_audited(monkeypatch):
    from ocop.testing import as_system

    monkeypatch.setattr(national, "PRODUCERS", 60)
    monkeypatch.setattr(national, "PRODUCTS", 150)
    with as_system():
        result = national.national_registry_create(seed=7)
    assert (result.producers, result.products) == (60, 150)
    assert result.log_entries == 60 + 150 + result.channels + result.ip_titles
    first = _snapshot()
    assert len(first) == 150
    provinces = Producer.objects.values("address_province").annotate(n=Count("pk"))
    assert provinces.count() >= 20  # spread over the country
    product = Product.objects.get(legacy_code="DEMO-N7-000001")
    assert product.name_folded == fold(product.name)
    assert product.sort_key == sort_key(product.name)
    assert LogEntry.objects.get_for_object(product).get().actor.username == "system"
    with as_system():
        assert national.national_registry_create(seed=7).skipped
    with as_system():
        Product.objects.all().delete()
        Producer.objects.all().delete()
        national.national_registry_create(seed=7)
    assert _snapshot() == first


def test_demo_households_carry_fictitious_sensitive_fields_the_public_never_sees(client):
    """Issue 13 item 2: the sensitive-field rule can be seen at work on the demo data."""
    from ocop.demo.registry import demo_registry_create
    from ocop.testing import as_system

    with as_system():
        demo_registry_create()
    households = Producer.objects.filter(
        is_demo=True, legal_form__in=["business_household", "production_household", "farm"]
    )
    assert households.count() >= 10
    for producer in households:
        assert len(producer.representative_personal_id) == 12
        assert producer.representative_personal_id.startswith("084")
        assert producer.representative_personal_id[6:8] == "99"  # never a real person's serial
        assert producer.representative_gender in ("female", "male")
        assert producer.representative_ethnicity
    assert (
        not Producer.objects.filter(is_demo=True, legal_form="cooperative")
        .exclude(representative_personal_id="")
        .exists()
    )
    from ocop.catalogue.tests.conftest import recognise

    shown = households.get(name="Cơ sở kẹo dừa Thanh Long")
    recognise(shown.products.get(name="Kẹo dừa sầu riêng"), star=4)
    api = client.get("/api/v1/producers", {"page_size": 100}).json()
    assert [row["name"] for row in api["results"]] == ["Cơ sở kẹo dừa Thanh Long"]
    body = client.get(f"/api/v1/producers/{shown.pk}").content.decode()
    assert shown.representative_personal_id not in body
