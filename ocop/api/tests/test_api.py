"""The open-data API at /api/v1/: lists, details, CSV, schema, rate limit, caching, CORS."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ocop.catalogue.tests.conftest import make_public_product
from ocop.testing import current_unit, legacy_unit, make_producer

pytestmark = pytest.mark.django_db

LISTS = ["products", "producers", "certificates", "units", "product-sets"]


@pytest.mark.parametrize("name", LISTS)
def test_bare_list_path_answers_200_with_the_page_envelope(client, public_setup, name):
    response = client.get(f"/api/v1/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = response.json()
    assert list(data) == ["count", "next", "previous", "results"]
    assert data["results"], name
    assert all(isinstance(row["id"], int) for row in data["results"])


@pytest.mark.parametrize("name", LISTS)
def test_detail_at_list_slash_id(client, public_setup, name):
    first = client.get(f"/api/v1/{name}").json()["results"][0]
    response = client.get(f"/api/v1/{name}/{first['id']}")
    assert response.status_code == 200
    assert response.json() == first


def test_unknown_id_answers_404_in_vietnamese(client, public_setup):
    response = client.get("/api/v1/products/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không có sản phẩm công khai nào có id 999999."}


def test_json_is_utf8_with_vietnamese_as_written(client, public_setup):
    raw = client.get("/api/v1/products").content
    assert "Kẹo dừa sầu riêng".encode() in raw
    assert b"\\u" not in raw


def test_products_are_public_ones_only_and_take_the_catalogue_filters(client, public_setup):
    data = client.get("/api/v1/products").json()
    assert [r["name"] for r in data["results"]] == ["Kẹo dừa sầu riêng"]
    assert client.get("/api/v1/products", {"q": "keo dua"}).json()["count"] == 1
    assert client.get("/api/v1/products", {"q": "nhap"}).json()["count"] == 0
    assert client.get(f"/api/v1/products/{public_setup['draft'].pk}").status_code == 404
    old = legacy_unit("province", "84")
    assert client.get("/api/v1/products", {"province": old.pk}).json()["count"] == 1
    assert client.get("/api/v1/products", {"place": "Tra Vinh"}).json()["count"] == 1
    hanoi = current_unit("province", "01")
    assert client.get("/api/v1/products", {"province": hanoi.pk}).json()["count"] == 0
    assert client.get("/api/v1/products", {"product_set": 7}).json()["count"] == 1
    assert client.get("/api/v1/products", {"product_set": 3}).json()["count"] == 0


def test_product_row_places_it_on_todays_map(client, public_setup):
    row = client.get("/api/v1/products").json()["results"][0]
    assert row["province_name"] == "Tỉnh Vĩnh Long"
    assert row["commune_names"] == ["Xã Cầu Kè"]
    assert row["url"].startswith("http://testserver/san-pham-ocop/keo-dua-sau-rieng-")


def test_pagination_links(client, public_setup):
    for i in range(4):
        make_public_product(f"Bánh số {i}", producer=public_setup["producer"])
    page1 = client.get("/api/v1/products", {"page_size": 2}).json()
    assert page1["count"] == 5
    assert page1["previous"] is None
    assert page1["next"] == "http://testserver/api/v1/products?page_size=2&page=2"
    page3 = client.get("/api/v1/products", {"page_size": 2, "page": 3}).json()
    assert page3["next"] is None
    assert len(page3["results"]) == 1
    assert client.get("/api/v1/products", {"page": 9}).status_code == 404


def test_bad_parameter_answers_422_in_vietnamese_and_returns_nothing(client, public_setup):
    response = client.get("/api/v1/products", {"star": "many"})
    assert response.status_code == 422
    assert response.json()["detail"] == "Tham số không hợp lệ: star. Không trả về dữ liệu nào."
    assert "results" not in response.json()


@pytest.mark.parametrize("name", LISTS)
def test_csv_equals_json_row_for_row(client, public_setup, name):
    make_public_product("Gạo, “ST25”", producer=make_producer("HTX Gạo"))
    data = client.get(f"/api/v1/{name}", {"page_size": 40}).json()["results"]
    response = client.get(f"/api/v1/{name}", {"page_size": 40, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(table) == len(data)

    def cell(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return "|".join(cell(v) for v in value)
        return str(value)

    for row, item in zip(table, data, strict=True):
        assert list(row) == list(item)
        assert row == {key: cell(value) for key, value in item.items()}


def test_openapi_schema_validates_and_states_the_licence(client):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["license"]["identifier"] == "CC-BY-4.0"
    assert {"/api/v1/products", "/api/v1/products/{product_id}", "/api/v1/units"} <= set(
        schema["paths"]
    )
    assert "\\u" not in response.content.decode()


def test_docs_page_is_self_contained(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "GET /api/v1/products" in body
    assert "<script" not in body
    assert "cdn" not in body.lower()


def test_rate_limit_answers_429_in_vietnamese_per_address(client, settings):
    settings.OCOP_API_RATE = "3/min"
    for _ in range(3):
        assert client.get("/api/v1/product-sets").status_code == 200
    refused = client.get("/api/v1/product-sets")
    assert refused.status_code == 429
    assert refused.json() == {
        "detail": "Quá nhiều yêu cầu từ địa chỉ của bạn. Hãy đợi một phút rồi thử lại."
    }
    assert 1 <= int(refused["Retry-After"]) <= 60
    other = client.get("/api/v1/product-sets", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_rate_counter_lives_in_the_shared_database(client):
    """Every process reads the same row: a counter written outside this request (as another
    worker would) counts against the address."""
    import time

    from ocop.api.models import RateCounter

    window = int(time.time() // 60)
    RateCounter.objects.create(address="10.1.1.1", window=window, count=300)
    refused = client.get("/api/v1/product-sets", REMOTE_ADDR="10.1.1.1")
    assert refused.status_code == 429
    assert RateCounter.objects.get(address="10.1.1.1", window=window).count == 301
    assert client.get("/api/v1/product-sets", REMOTE_ADDR="10.1.1.2").status_code == 200


def test_conditional_get_answers_304(client, public_setup):
    first = client.get("/api/v1/products")
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["Last-Modified"]
    again = client.get("/api/v1/products", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    since = client.get("/api/v1/products", headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


def test_cors_for_get_and_preflight(client, public_setup):
    response = client.get("/api/v1/products", headers={"origin": "https://shop.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/products",
        headers={"origin": "https://shop.example", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_list_query_count_is_bounded(client, public_setup, django_assert_max_num_queries):
    for i in range(15):
        make_public_product(f"Sản phẩm {i}", producer=public_setup["producer"])
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/products").json()["count"] == 16
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/units", {"level": "province"}).json()["count"] == 34


def test_unit_rows_carry_lineage(client):
    old = legacy_unit("province", "84")
    row = client.get(f"/api/v1/units/{old.pk}").json()
    assert row["map"] == "legacy"
    assert row["successor_ids"] == [current_unit("province", "86").pk]
    today = client.get(f"/api/v1/units/{current_unit('province', '86').pk}").json()
    assert old.pk in today["source_ids"]
