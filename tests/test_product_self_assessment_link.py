"""From a product's page its producer opens the self-assessment (Mẫu 02) of that product."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.criteria.models import SelfAssessment
from ocop.testing import make_producer, make_product, make_user

pytestmark = pytest.mark.django_db


def test_producer_starts_self_assessment_from_product_page(client):
    owner = make_user("chuthe", role=Role.PRODUCER)
    neighbour = make_user("hangxom", role=Role.PRODUCER)
    product = make_product(producer=make_producer(accounts=[owner]), set_number=7)
    start = reverse("criteria:self_assessment_start", args=[product.pk])

    client.force_login(neighbour)
    assert client.get(reverse("products:product_detail", args=[product.pk])).status_code == 404
    assert client.post(start).status_code == 404
    assert not SelfAssessment.objects.filter(product=product).exists()

    client.force_login(owner)
    page = client.get(reverse("products:product_detail", args=[product.pk])).content.decode()
    assert start in page
    assert "Tự đánh giá (Mẫu số 02)" in page
    response = client.post(start)
    assessment = SelfAssessment.objects.get(product=product)
    assert response["Location"] == reverse("criteria:self_assessment_detail", args=[assessment.pk])
    client.post(start)  # a second click opens the same draft
    assert SelfAssessment.objects.filter(product=product).count() == 1
