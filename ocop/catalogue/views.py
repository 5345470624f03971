"""The public catalogue (no login): search, product and producer pages, sitemap, robots.txt."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import http_date

from ocop.catalogue.forms import CatalogueSearchForm
from ocop.catalogue.freshness import cached_response
from ocop.catalogue.selectors import (
    attach_certificates,
    public_channel_summary,
    public_ip_titles,
    public_photos,
    public_producer_get,
    public_producer_list,
    public_product_get,
    public_product_list,
    public_product_search,
    public_products_of,
)
from ocop.catalogue.seo import (
    json_ld,
    producer_url,
    product_image,
    product_json_ld,
    product_url,
    slug_for,
)
from ocop.geo.selectors import unit_current_successors, unit_legacy_sources
from ocop.producers.policy import producer_contact_public, producer_public_tax_code

PAGE_SIZE = 24


def certificate_verify_url(number: str) -> str:
    """The public verification page of a certificate ("" while it is not wired)."""
    if not number:
        return ""
    try:
        return reverse("catalogue:certificate_verify", kwargs={"number": number})
    except NoReverseMatch:
        return ""


def home(request: HttpRequest) -> HttpResponse:
    """The front door: the search form and the matching products, page by page (cached under
    the data version every write bumps: :mod:`ocop.catalogue.freshness`)."""
    return cached_response(request, "catalogue:home", lambda: _home(request))


def _home(request: HttpRequest) -> HttpResponse:
    form = CatalogueSearchForm(request.GET)
    query = form.to_query()
    # A card shows the name, star, status, producer and product set: read just those.
    results = (
        public_product_search(query)
        .select_related(None)
        .select_related("producer", "product_set")
        .only("name", "producer__name", "product_set__name")
    )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = attach_certificates(list(page.object_list))
    for product in page.object_list:
        product.url = product_url(product)  # type: ignore[attr-defined]
    return render(
        request,
        "catalogue/home.html",
        {
            "form": form,
            "page": page,
            "searched": bool(request.GET),
            "canonical": request.build_absolute_uri(reverse("catalogue:home")),
        },
    )


def _canonical_or_redirect(request: HttpRequest, slug: str, name: str, url: str) -> str | None:
    if slug != slug_for(name):
        return url
    return None


def product_detail(request: HttpRequest, slug: str, pk: str) -> HttpResponse:
    product = public_product_get(pk=int(pk))
    if product is None:
        raise Http404
    url = product_url(product)
    if _canonical_or_redirect(request, slug, product.name, url):
        return HttpResponsePermanentRedirect(url)
    photos = public_photos(product)
    image = product_image(request, product, photos)
    number = getattr(product, "certificate_number", "")
    verify_url = certificate_verify_url(number)
    origin = product.current_unit or product.origin_unit
    today_units = unit_current_successors(origin)
    old_units = [u for unit in today_units for u in unit_legacy_sources(unit)][:6]
    if origin.is_legacy:
        old_units = [origin]
    response = render(
        request,
        "catalogue/product_detail.html",
        {
            "product": product,
            "producer_url": producer_url(product.producer),
            "photos": photos,
            "og_image": image,
            "verify_url": verify_url,
            "today_units": today_units,
            "old_units": old_units,
            "channels": public_channel_summary(product),
            "ip_titles": public_ip_titles(product),
            "canonical": request.build_absolute_uri(url),
            "json_ld": json_ld(
                product_json_ld(request, product, image=image, verify_url=verify_url)
            ),
        },
    )
    response["Last-Modified"] = http_date(product.updated_at.timestamp())
    return response


def producer_detail(request: HttpRequest, slug: str, pk: str) -> HttpResponse:
    producer = public_producer_get(pk=int(pk))
    if producer is None:
        raise Http404
    url = producer_url(producer)
    if _canonical_or_redirect(request, slug, producer.name, url):
        return HttpResponsePermanentRedirect(url)
    products = list(public_products_of(producer))
    for product in products:
        product.url = product_url(product)  # type: ignore[attr-defined]
    response = render(
        request,
        "catalogue/producer_detail.html",
        {
            "producer": producer,
            "products": products,
            "contact_public": producer_contact_public(producer),
            "tax_code": producer_public_tax_code(producer),
            "canonical": request.build_absolute_uri(url),
        },
    )
    response["Last-Modified"] = http_date(producer.updated_at.timestamp())
    return response


def about_data(request: HttpRequest) -> HttpResponse:
    """Licences and attribution of what the catalogue and the API publish."""
    return render(request, "catalogue/about_data.html", {})


def sitemap(request: HttpRequest) -> HttpResponse:
    """``sitemap.xml``: the home page, every public product and producer (canonical URLs)."""
    products = (
        public_product_list().select_related(None).only("pk", "name", "updated_at").order_by("pk")
    )
    producers = (
        public_producer_list().select_related(None).only("pk", "name", "updated_at").order_by("pk")
    )
    entries: list[tuple[str, dt.datetime | None]] = [
        (request.build_absolute_uri(reverse("catalogue:home")), None)
    ]
    entries += [(request.build_absolute_uri(product_url(p)), p.updated_at) for p in products]
    entries += [(request.build_absolute_uri(producer_url(p)), p.updated_at) for p in producers]
    return render(
        request, "catalogue/sitemap.xml", {"entries": entries}, content_type="application/xml"
    )


def robots(request: HttpRequest) -> HttpResponse:
    """``robots.txt``: the catalogue and the API are open; staff pages are not for crawlers."""
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {prefix}" for prefix in settings.OCOP_STAFF_PREFIXES]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('catalogue:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
