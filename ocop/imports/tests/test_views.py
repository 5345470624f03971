"""The web flow (upload → mapping → preview → confirm), the queue, permissions, query counts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ocop.imports.models import ImportBatch, ReviewItem
from ocop.imports.tests.sheets import xlsx
from ocop.producers.models import Producer
from ocop.products.models import Product

pytestmark = pytest.mark.django_db

ROWS = [
    ["UBND TỈNH TRÀ VINH"],
    ["Mặt hàng", "Chủ thể", "Địa chỉ", "Bộ SP"],
    ["Dừa sáp Cầu Kè", "HTX Dừa sáp Cầu Kè", "xã Phong Phú, huyện Cầu Kè", "1"],
    ["Mật ong hoa nhãn", "Cơ sở Mật ong Tư Hiền", "xã Phong Phú, huyện Cầu Kè", None],
]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client) -> object:
    upload = SimpleUploadedFile("sp.xlsx", xlsx(("SP", ROWS)))
    return client.post(reverse("imports:batch_list"), {"kind": "products", "file": upload})


def _records() -> tuple[int, int, int, int]:
    return (
        Producer.objects.count(),
        Product.objects.count(),
        ImportBatch.objects.count(),
        ReviewItem.objects.count(),
    )


def test_upload_map_preview_commit(province_office):
    client = _client(province_office)
    response = _upload(client)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:batch_detail", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Mặt hàng" in page
    # "Mặt hàng" is unknown: the person maps it to the product name
    fields = {"sheet": "SP", "col_0": "product_name", "col_1": "producer_name",
              "col_2": "address", "col_3": "product_set"}  # fmt: skip
    response = client.post(reverse("imports:batch_detail", args=[batch.pk]), fields)
    batch.refresh_from_db()
    assert batch.status == "previewed"
    assert batch.mapping == {"Mặt hàng": "product_name", "Chủ thể": "producer_name",
                             "Địa chỉ": "address", "Bộ SP": "product_set"}  # fmt: skip
    assert [r["outcome"] for r in batch.preview["rows"]] == ["new", "review"]
    page = client.get(reverse("imports:batch_detail", args=[batch.pk])).content.decode()
    assert "Xác nhận và lưu" in page
    assert _records()[:2] == (0, 0)
    response = client.post(reverse("imports:batch_commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "committed"
    assert sorted(Product.objects.values_list("name", flat=True)) == [
        "Dừa sáp Cầu Kè", "Mật ong hoa nhãn",
    ]  # fmt: skip
    assert ReviewItem.objects.filter(completed_at__isnull=True).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_large_file_runs_in_the_background(reference_data, province_office, settings):
    from django.core.management import call_command

    settings.OCOP_IMPORT_BACKGROUND_ROWS = 1
    client = _client(province_office)
    _upload(client)
    batch = ImportBatch.objects.get()
    fields = {"sheet": "SP", "col_0": "product_name", "col_1": "producer_name",
              "col_2": "address", "col_3": "product_set"}  # fmt: skip
    client.post(reverse("imports:batch_detail", args=[batch.pk]), fields)
    batch.refresh_from_db()
    assert batch.status == "previewing"
    progress = client.get(reverse("imports:batch_progress", args=[batch.pk]))
    assert 'hx-trigger="every 2s"' in progress.content.decode()
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    batch.refresh_from_db()
    assert batch.status == "previewed"
    assert batch.progress_done == 2
    progress = client.get(reverse("imports:batch_progress", args=[batch.pk]))
    assert progress["HX-Refresh"] == "true"


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login():
    client = Client()
    before = _records()
    for url in (reverse("imports:batch_list"), reverse("imports:review_list")):
        assert client.get(url).status_code == 302
    assert _upload(client).status_code == 302
    assert _records() == before


def test_wrong_role_is_refused(producer_user):
    client = _client(producer_user)
    before = _records()
    assert client.get(reverse("imports:batch_list")).status_code == 403
    assert _upload(client).status_code == 403
    assert client.get(reverse("imports:review_list")).status_code == 403
    assert _records() == before


def test_another_office_cannot_see_or_commit_a_batch(province_office, other_province_office):
    _upload(_client(province_office))
    batch = ImportBatch.objects.get()
    other = _client(other_province_office)
    before = _records()
    assert other.get(reverse("imports:batch_detail", args=[batch.pk])).status_code == 404
    assert other.post(reverse("imports:batch_commit", args=[batch.pk])).status_code == 404
    assert other.post(reverse("imports:batch_detail", args=[batch.pk]), {}).status_code == 404
    assert _records() == before


def test_the_queue_is_scoped_and_items_are_completed_in_scope(
    province_office, other_province_office
):
    client = _client(province_office)
    _upload(client)
    batch = ImportBatch.objects.get()
    fields = {"sheet": "SP", "col_0": "product_name", "col_1": "producer_name",
              "col_2": "address", "col_3": "product_set"}  # fmt: skip
    client.post(reverse("imports:batch_detail", args=[batch.pk]), fields)
    client.post(reverse("imports:batch_commit", args=[batch.pk]))
    item = ReviewItem.objects.order_by("pk").first()
    other = _client(other_province_office)
    assert "Cơ sở Mật ong Tư Hiền" not in other.get(reverse("imports:review_list")).content.decode()
    assert other.post(reverse("imports:review_complete", args=[item.pk])).status_code == 404
    item.refresh_from_db()
    assert item.completed_at is None
    page = client.get(reverse("imports:review_list")).content.decode()
    assert "Cơ sở Mật ong Tư Hiền" in page
    assert client.post(reverse("imports:review_complete", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.completed_by == province_office


def test_list_views_query_counts_do_not_grow(province_office, django_assert_max_num_queries):
    client = _client(province_office)
    for _i in range(3):
        _upload(client)
    batch = ImportBatch.objects.first()
    fields = {"sheet": "SP", "col_0": "product_name", "col_1": "producer_name",
              "col_2": "address", "col_3": "product_set"}  # fmt: skip
    client.post(reverse("imports:batch_detail", args=[batch.pk]), fields)
    client.post(reverse("imports:batch_commit", args=[batch.pk]))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("imports:batch_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("imports:review_list")).status_code == 200
