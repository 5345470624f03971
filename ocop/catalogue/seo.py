"""Readable Vietnamese slugs, canonical URLs and schema.org data for the public pages."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from ocop.core.text import fold
from ocop.producers.models import Producer
from ocop.products.models import Product

DEFAULT_IMAGE = "ocop/og-default.png"


def slug_for(name: str) -> str:
    """``Kẹo dừa sầu riêng`` → ``keo-dua-sau-rieng`` (đ → d, tones dropped)."""
    return slugify(fold(name)) or "ocop"


def product_url(product: Product) -> str:
    return reverse(
        "catalogue:product_detail", kwargs={"slug": slug_for(product.name), "pk": product.pk}
    )


def producer_url(producer: Producer) -> str:
    return reverse(
        "catalogue:producer_detail", kwargs={"slug": slug_for(producer.name), "pk": producer.pk}
    )


def product_image(request: HttpRequest, product: Product, photos: list[Any]) -> str:
    """An absolute image URL for OpenGraph: the first photo, else the catalogue's own image."""
    if photos:
        return request.build_absolute_uri(photos[0].image.url)
    return request.build_absolute_uri(static(DEFAULT_IMAGE))


def json_ld(data: dict[str, Any]) -> SafeString:
    """JSON for a ``<script type="application/ld+json">`` block, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every character that could close the tag is escaped


def product_json_ld(
    request: HttpRequest, product: Product, *, image: str, verify_url: str
) -> dict[str, Any]:
    """schema.org ``Product`` with its OCOP star as a rating and the producer as manufacturer."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "url": request.build_absolute_uri(product_url(product)),
        "image": image,
        "category": product.product_set.name,
        "manufacturer": {
            "@type": "Organization",
            "name": product.producer.name,
            "url": request.build_absolute_uri(producer_url(product.producer)),
        },
    }
    if product.description:
        data["description"] = product.description
    star = getattr(product, "star", None)
    if star:
        data["award"] = f"OCOP {star} sao"
        data["additionalProperty"] = [
            {"@type": "PropertyValue", "name": "OCOP", "value": star, "maxValue": 5}
        ]
        if verify_url:
            data["subjectOf"] = {"@type": "WebPage", "url": request.build_absolute_uri(verify_url)}
    return data
