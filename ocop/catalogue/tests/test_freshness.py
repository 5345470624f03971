"""The public search answers cached under the data version: every write makes the next one fresh."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ocop.catalogue.freshness import _is_data_write, current_token
from ocop.catalogue.tests.conftest import make_public_product
from ocop.products.models import Product
from ocop.testing import as_system, make_user

pytestmark = pytest.mark.django_db

API = "/api/v1/products"


def _queries(client, url: str, params: dict[str, str]) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_a_repeated_search_is_served_from_the_cache_and_a_save_makes_it_fresh(client, public_setup):
    keo = public_setup["keo"]
    first, body = _queries(client, "/", {"q": "keo dua"})
    assert "Kẹo dừa sầu riêng" in body
    again, body_again = _queries(client, "/", {"q": "keo dua"})
    # the cached answer costs one read of the data version, the full one many more
    assert again == 1 < first
    assert body_again == body
    with as_system():
        keo.name = "Kẹo dừa lá dứa"
        keo.save()
    after, body = _queries(client, "/", {"q": "keo dua"})
    assert after == first
    assert "Kẹo dừa lá dứa" in body
    assert "Kẹo dừa sầu riêng" not in body


def test_a_bulk_update_without_signals_makes_the_api_answer_fresh(client, public_setup):
    keo = public_setup["keo"]
    first, body = _queries(client, API, {"q": "keo dua"})
    assert '"name": "Kẹo dừa sầu riêng"' in body
    # the API's rate counter is written on every request: it must not drop the cache
    again, body_again = _queries(client, API, {"q": "keo dua"})
    assert again < first
    assert body_again == body
    Product.objects.filter(pk=keo.pk).update(name="Kẹo dừa cốm", name_folded="keo dua com")
    _, body = _queries(client, API, {"q": "keo dua"})
    assert '"name": "Kẹo dừa cốm"' in body


def test_a_new_public_product_appears_at_once(client, public_setup):
    assert '"count": 1' in _queries(client, API, {"q": "keo"})[1]
    make_public_product("Kẹo chuối Bến Tre", producer=public_setup["producer"])
    assert '"count": 2' in _queries(client, API, {"q": "keo"})[1]


def test_a_rolled_back_write_leaves_the_version_alone(public_setup):
    before = current_token()
    inside: list[str] = []

    def write_then_fail() -> None:
        with transaction.atomic():
            Product.objects.filter(pk=public_setup["keo"].pk).update(name="Kẹo hỏng")
            inside.append(current_token())
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert inside[0] != before  # inside the transaction: bumped with the data
    if connection.vendor == "postgresql":
        # a sequence is not transactional: the version moved on anyway (answers are
        # recomputed once, never served stale), and never back to an older value
        assert current_token() not in (before, "-")
    else:
        assert current_token() == before  # the row rolled back with the data


def test_reads_and_technical_writes_leave_the_version_alone(client, public_setup):
    before = current_token()
    list(Product.objects.all())
    client.get(API, {"q": "keo"})  # counts the request in api_ratecounter
    assert current_token() == before


def test_logged_in_users_are_never_served_the_anonymous_cache(client, public_setup):
    client.get("/", {"q": "keo"})
    client.force_login(make_user("xem-danh-muc", is_superuser=True))
    count, _ = _queries(client, "/", {"q": "keo"})
    assert count > 1


@pytest.mark.parametrize(
    ("sql", "write"),
    [
        ('SELECT "id" FROM "products_product"', False),
        ("  select 1", False),
        ('SAVEPOINT "s1_x1"', False),
        ("BEGIN IMMEDIATE", False),
        ('INSERT INTO "products_product" ("name") VALUES (%s)', True),
        ('UPDATE "producers_producer" SET "name" = %s', True),
        ('DELETE FROM "certification_certificate" WHERE "id" = %s', True),
        ('TRUNCATE "products_product"', True),
        ('INSERT INTO "api_ratecounter" ("address") VALUES (%s) ON CONFLICT', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('INSERT INTO "catalogue_dataversion" ("id", "token") VALUES (%s, %s)', False),
        ('UPDATE "ops_workerheartbeat" SET "seen_at" = %s WHERE "worker_id" = %s', False),
    ],
)
def test_which_statements_count_as_writes(sql, write):
    assert _is_data_write(sql) is write


@pytest.mark.django_db(transaction=True)
def test_a_write_committed_by_another_connection_is_seen():
    """Another server process: its own connection, its own transaction."""
    before = current_token()

    def write() -> None:
        try:
            with transaction.atomic():
                make_user("tien-trinh-khac")
        finally:
            connection.close()

    worker = threading.Thread(target=write)
    worker.start()
    worker.join()
    assert current_token() != before


def test_the_product_list_rendered_without_pydantic_still_matches_its_schema(client, public_setup):
    """The list's rows skip per-row validation for speed: they must be exactly what the
    schema would have given (same fields, same order, same JSON values)."""
    import json

    from ocop.api.api import api
    from ocop.api.schemas import ProductOut, ProductPage

    body = client.get(API, {"q": "keo"}).content.decode()
    validated = ProductPage.model_validate(json.loads(body)).model_dump()
    assert body == api.renderer.render(None, validated, response_status=200)
    assert list(json.loads(body)["results"][0]) == list(ProductOut.model_fields)
