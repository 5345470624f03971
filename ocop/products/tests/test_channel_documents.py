"""A channel's proof document (a contract) is served only to those who may see the product."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.products.models import Channel
from ocop.testing import as_system, current_unit, make_producer, make_product, make_user

pytestmark = pytest.mark.django_db

CONTRACT = b"%PDF-1.4\n% hop dong phan phoi\n"


@pytest.fixture
def channel(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner = make_user("chuthe", role=Role.PRODUCER)
    product = make_product(producer=make_producer(accounts=[owner]))
    with as_system():
        return Channel.objects.create(
            product=product,
            kind="supermarket",
            partner_name="Co.opmart",
            proof_document=SimpleUploadedFile("hop-dong.pdf", CONTRACT),
        )


def test_proof_document_permissions(client, channel):
    url = reverse("products:channel_document", args=[channel.pk])
    assert client.get(url).status_code == 302  # anonymous → login

    client.force_login(make_user("hangxom", role=Role.PRODUCER))
    assert client.get(url).status_code == 404

    client.force_login(
        make_user("hanoi", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "01")])
    )
    assert client.get(url).status_code == 404

    client.force_login(
        make_user("tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    )
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTRACT

    owner = channel.product.producer.account_links.get().user
    client.force_login(owner)
    assert client.get(url).status_code == 200


@pytest.fixture
def debug_urls(settings):
    """config.urls as a development server builds it (media routes exist only with DEBUG)."""
    import importlib

    from django.urls import clear_url_caches

    import config.urls

    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_proof_document_is_not_served_from_media(client, channel, settings, debug_urls):
    photo = settings.MEDIA_ROOT / "products" / "1" / "anh.txt"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"photo")
    assert client.get("/media/products/1/anh.txt").status_code == 200  # photos are public
    assert channel.proof_document.name.startswith("channels/")
    assert client.get(f"/media/{channel.proof_document.name}").status_code == 404
