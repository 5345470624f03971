"""The open-data API, read-only, at /api/v1/ (django-ninja; docs/adr/0004-open-data-api.md).

Lists answer ``{"count", "next", "previous", "results"}`` (``?page=N``, ``?page_size=N``) in
JSON, or the same rows as CSV with ``?format=csv``; details answer one row at
``/api/v1/<list>/<id>``. Products take the catalogue's filters and folded search (``q``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any, Literal

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema
from ninja.errors import Throttled, ValidationError
from ninja.openapi.docs import DocsBase
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from ocop.api import rows
from ocop.api.schemas import (
    CertificateOut,
    CertificatePage,
    Message,
    ProducerOut,
    ProducerPage,
    ProductOut,
    ProductPage,
    ProductSetOut,
    ProductSetPage,
    UnitOut,
    UnitPage,
)
from ocop.api.throttle import AddressRateThrottle
from ocop.catalogue.freshness import cached_response
from ocop.catalogue.selectors import (
    PUBLIC_CHANNELS,
    CatalogueQuery,
    attach_certificates,
    public_certificate_list,
    public_producer_list,
    public_product_search,
)
from ocop.certification.choices import CertificateStatus
from ocop.geo.models import AdminUnit
from ocop.producers.choices import LegalForm
from ocop.products.models import Channel, ProductSet
from ocop.products.selectors import product_set_list

MAX_PAGE_SIZE = 1000
LICENSE = {"name": "CC BY 4.0 (data); AGPL-3.0-or-later (code)", "identifier": "CC-BY-4.0"}


class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese as written (``"Kẹo dừa"``), not ``\\u`` escapes."""

    json_dumps_params = {"ensure_ascii": False}


class SchemaDocs(DocsBase):
    """A documentation page rendered on the server from the schema: no CDN, no JavaScript."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        from django.shortcuts import render

        schema = api.get_openapi_schema(path_params=kwargs)
        operations = [
            {"path": path, "method": method.upper(), **operation}
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()
        ]
        return render(
            request,
            "api/docs.html",
            {"schema": schema, "operations": operations, "openapi_url": "openapi.json"},
        )


def _utf8_schema(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve ``openapi.json`` with Vietnamese as written as well."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.get("Content-Type", "").startswith("application/json"):
            data = json.loads(response.content)
            response.content = json.dumps(data, ensure_ascii=False, cls=NinjaJSONEncoder)
            response["Content-Type"] = "application/json; charset=utf-8"
        return response

    return wrapper


api = NinjaAPI(
    title="OCOP — dữ liệu mở",
    version="1",
    description=(
        "Sản phẩm OCOP, chủ thể (thông tin công khai), giấy chứng nhận và trạng thái hiệu lực, "
        "đơn vị hành chính và lịch sử sáp nhập, bộ sản phẩm. Dữ liệu theo giấy phép CC BY 4.0; "
        "dữ liệu đơn vị hành chính giữ ghi nhận nguồn riêng (Tổng cục Thống kê, qua các gói "
        "vietnam-provinces — GPL-3.0-or-later — và vietnamadminunits — MIT)."
    ),
    urls_namespace="api",
    renderer=Utf8JSONRenderer(),
    throttle=[AddressRateThrottle()],
    docs=SchemaDocs(),
    docs_url="/docs",
    docs_decorator=_utf8_schema,
    openapi_extra={
        "info": {
            "license": LICENSE,
            "x-attribution": {
                "administrative-units": (
                    "National Statistics Office code list, via vietnam-provinces "
                    "(GPL-3.0-or-later) and vietnamadminunits (MIT); "
                    "see ocop/geo/data/ATTRIBUTION.md"
                )
            },
        }
    },
)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": _("Too many requests from your address. Wait a minute and try again.")},
        status=429,
    )
    response["Retry-After"] = str(max(1, int((exc.wait or 60) + 0.999)))
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    detail = str(exc) if exc.args else _("Not found.")
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    names = sorted({str(e["loc"][-1]) for e in exc.errors if e.get("loc")})
    return api.create_response(
        request,
        {
            "detail": _("Invalid parameter: %(names)s. Nothing was returned.")
            % {"names": ", ".join(names)},
            "errors": exc.errors,
        },
        status=422,
    )


# --- pagination and formats -------------------------------------------------------------------


class PageParams(Schema):
    page: int = 1
    page_size: int = settings.OCOP_API_PAGE_SIZE
    format: Literal["json", "csv"] = "json"


def _page_of(request: HttpRequest, qs: QuerySet[Any] | Sequence[Any], params: PageParams) -> Any:
    size = max(1, min(params.page_size, MAX_PAGE_SIZE))
    paginator = Paginator(qs, size)
    try:
        page = paginator.page(params.page)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(_("There is no page %(n)s.") % {"n": params.page}) from exc
    return page


def _link(request: HttpRequest, page_number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page_number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _listing(
    request: HttpRequest,
    page: Any,
    results: list[dict[str, Any]],
    out: type[Schema],
    params: PageParams,
) -> Any:
    if params.format == "csv":
        fields = list(out.model_fields)
        # The very values the JSON answer carries (same schema, same encoder), cell for cell.
        dumped = json.loads(
            json.dumps([out.model_validate(r).model_dump() for r in results], cls=NinjaJSONEncoder)
        )
        response = HttpResponse(
            rows.csv_text(fields, dumped), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = "inline"
        return response
    return {
        "count": page.paginator.count,
        "next": _link(request, page.next_page_number()) if page.has_next() else None,
        "previous": _link(request, page.previous_page_number()) if page.has_previous() else None,
        "results": results,
    }


def _last_modified(response: HttpResponse, stamp: Any) -> None:
    """The newest change among the rows answered: conditional GET then answers 304."""
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp.timestamp())


# --- products ---------------------------------------------------------------------------------


class ProductFilters(Schema):
    q: str = ""
    star: int | None = None
    product_set: int | None = None
    province: int | None = None
    commune: int | None = None
    place: str = ""
    legal_form: Literal[tuple(LegalForm.values)] | None = None  # type: ignore[valid-type]
    channel: Literal[tuple(c.value for c in PUBLIC_CHANNELS)] | None = None  # type: ignore[valid-type]
    order: Literal["name", "-name", "-star", "star", "-recognised"] = "name"


def _products(filters: ProductFilters) -> QuerySet[Any]:
    unit_id = filters.commune or filters.province
    unit = None
    if unit_id is not None:
        unit = AdminUnit.objects.select_related("map").filter(pk=unit_id).first()
        if unit is None or unit.level not in ("province", "commune"):
            raise Http404(_("No province or commune has id %(id)s.") % {"id": unit_id})
    product_set = None
    if filters.product_set is not None:
        product_set = product_set_list().filter(number=filters.product_set).first()
        if product_set is None:
            raise Http404(_("No product set has number %(n)s.") % {"n": filters.product_set})
    query = CatalogueQuery(
        q=filters.q,
        star=filters.star,
        product_set=product_set,
        unit=unit,
        place=filters.place,
        legal_form=filters.legal_form or "",
        channel=filters.channel or "",
        order=filters.order,
    )
    return public_product_search(query).prefetch_related(
        Prefetch("channels", queryset=Channel.objects.only("pk", "kind", "product_id"))
    )


@api.get(
    "/products",
    response={200: ProductPage, 404: Message, 429: Message},
    summary="Sản phẩm OCOP (tìm kiếm, lọc)",
    url_name="product_list",
)
def product_list(
    request: HttpRequest,
    response: HttpResponse,
    filters: Query[ProductFilters],
    params: Query[PageParams],
) -> Any:
    # The most asked list: answered from this process's cache while the data version, the day
    # and the URL are the same (ocop.catalogue.freshness); the rate limit has counted already.
    def build() -> HttpResponse:
        page = _page_of(request, _products(filters), params)
        items = attach_certificates(list(page.object_list))
        result = _listing(request, page, rows.product_rows(request, items), ProductOut, params)
        if not isinstance(result, HttpResponse):
            # The rows are built field by field in ProductOut's order and types
            # (ocop.api.rows.product_rows; tests compare them with the schema): rendered as
            # they are, without one pydantic validation per row (≈ 30 % of an uncached answer).
            result = api.create_response(request, result, status=200)
        _last_modified(result, max((p.updated_at for p in items), default=None))
        return result

    return cached_response(request, "api:product_list", build)


@api.get(
    "/products/{product_id}",
    response={200: ProductOut, 404: Message, 429: Message},
    summary="Một sản phẩm OCOP",
    url_name="product_detail",
)
def product_detail(request: HttpRequest, product_id: int) -> Any:
    product = _products(ProductFilters()).filter(pk=product_id).first()
    if product is not None:
        attach_certificates([product])
    if product is None:
        raise Http404(_("No public product has id %(id)s.") % {"id": product_id})
    return rows.product_rows(request, [product])[0]


# --- producers --------------------------------------------------------------------------------


class ProducerFilters(Schema):
    q: str = ""
    legal_form: Literal[tuple(LegalForm.values)] | None = None  # type: ignore[valid-type]
    province: int | None = None


def _producers(filters: ProducerFilters) -> QuerySet[Any]:
    from ocop.core.text import search_tokens

    qs = public_producer_list()
    for token in search_tokens(filters.q):
        qs = qs.filter(name_folded__contains=token)
    if filters.legal_form:
        qs = qs.filter(legal_form=filters.legal_form)
    if filters.province is not None:
        qs = qs.filter(address_province_id=filters.province)
    return qs


@api.get(
    "/producers",
    response={200: ProducerPage, 404: Message, 429: Message},
    summary="Chủ thể OCOP (thông tin công khai)",
    url_name="producer_list",
)
def producer_list(
    request: HttpRequest,
    response: HttpResponse,
    filters: Query[ProducerFilters],
    params: Query[PageParams],
) -> Any:
    page = _page_of(request, _producers(filters), params)
    items = list(page.object_list)
    _last_modified(response, max((p.updated_at for p in items), default=None))
    return _listing(request, page, rows.producer_rows(request, items), ProducerOut, params)


@api.get(
    "/producers/{producer_id}",
    response={200: ProducerOut, 404: Message, 429: Message},
    summary="Một chủ thể OCOP",
    url_name="producer_detail",
)
def producer_detail(request: HttpRequest, producer_id: int) -> Any:
    producer = public_producer_list().filter(pk=producer_id).first()
    if producer is None:
        raise Http404(_("No public producer has id %(id)s.") % {"id": producer_id})
    return rows.producer_rows(request, [producer])[0]


# --- certificates -----------------------------------------------------------------------------


class CertificateFilters(Schema):
    q: str = ""
    number: str = ""
    status: Literal[tuple(CertificateStatus.values)] | None = None  # type: ignore[valid-type]
    star: int | None = None
    product: int | None = None


def _certificates(filters: CertificateFilters) -> QuerySet[Any]:
    from ocop.core.text import search_tokens

    qs = public_certificate_list()
    for token in search_tokens(filters.q):
        qs = qs.filter(product__name_folded__contains=token)
    if filters.number:
        qs = qs.filter(number__iexact=filters.number.strip())
    if filters.status:
        qs = qs.filter(status_code=filters.status)  # type: ignore[misc] # annotated
    if filters.star is not None:
        qs = qs.filter(star=filters.star)
    if filters.product is not None:
        qs = qs.filter(product_id=filters.product)
    return qs


@api.get(
    "/certificates",
    response={200: CertificatePage, 404: Message, 429: Message},
    summary="Giấy chứng nhận OCOP và trạng thái hiệu lực",
    url_name="certificate_list",
)
def certificate_list(
    request: HttpRequest,
    response: HttpResponse,
    filters: Query[CertificateFilters],
    params: Query[PageParams],
) -> Any:
    page = _page_of(request, _certificates(filters), params)
    items = list(page.object_list)
    _last_modified(response, max((c.updated_at for c in items), default=None))
    return _listing(request, page, rows.certificate_rows(request, items), CertificateOut, params)


@api.get(
    "/certificates/{certificate_id}",
    response={200: CertificateOut, 404: Message, 429: Message},
    summary="Một giấy chứng nhận",
    url_name="certificate_detail",
)
def certificate_detail(request: HttpRequest, certificate_id: int) -> Any:
    certificate = public_certificate_list().filter(pk=certificate_id).first()
    if certificate is None:
        raise Http404(_("No certificate has id %(id)s.") % {"id": certificate_id})
    return rows.certificate_rows(request, [certificate])[0]


# --- administrative units ---------------------------------------------------------------------


class UnitFilters(Schema):
    map: Literal["current", "legacy"] = "current"
    level: Literal["province", "district", "commune"] | None = None
    parent: int | None = None
    q: str = ""


def _units(filters: UnitFilters) -> QuerySet[AdminUnit]:
    from ocop.core.text import search_tokens
    from ocop.geo.selectors import unit_list

    qs = unit_list(map_code=filters.map, level=filters.level).prefetch_related(
        "successor_links", "source_links"
    )
    if filters.parent is not None:
        qs = qs.filter(parent_id=filters.parent)
    for token in search_tokens(filters.q):
        qs = qs.filter(name_folded__contains=token)
    return qs.order_by("level", "code", "pk")


@api.get(
    "/units",
    response={200: UnitPage, 404: Message, 429: Message},
    summary="Đơn vị hành chính và lịch sử sáp nhập",
    url_name="unit_list",
)
def unit_list(request: HttpRequest, filters: Query[UnitFilters], params: Query[PageParams]) -> Any:
    page = _page_of(request, _units(filters), params)
    return _listing(request, page, rows.unit_rows(page.object_list), UnitOut, params)


@api.get(
    "/units/{unit_id}",
    response={200: UnitOut, 404: Message, 429: Message},
    summary="Một đơn vị hành chính",
    url_name="unit_detail",
)
def unit_detail(request: HttpRequest, unit_id: int) -> Any:
    unit = (
        AdminUnit.objects.select_related("map")
        .prefetch_related("successor_links", "source_links")
        .filter(pk=unit_id)
        .first()
    )
    if unit is None:
        raise Http404(_("No administrative unit has id %(id)s.") % {"id": unit_id})
    return rows.unit_rows([unit])[0]


# --- product sets -----------------------------------------------------------------------------


@api.get(
    "/product-sets",
    response={200: ProductSetPage, 404: Message, 429: Message},
    summary="Bộ sản phẩm OCOP (QĐ 26/2026 Phụ lục I)",
    url_name="product_set_list",
)
def product_set_list_view(request: HttpRequest, params: Query[PageParams]) -> Any:
    page = _page_of(request, product_set_list(), params)
    return _listing(request, page, rows.product_set_rows(page.object_list), ProductSetOut, params)


@api.get(
    "/product-sets/{set_id}",
    response={200: ProductSetOut, 404: Message, 429: Message},
    summary="Một bộ sản phẩm",
    url_name="product_set_detail",
)
def product_set_detail(request: HttpRequest, set_id: int) -> Any:
    product_set = ProductSet.objects.filter(pk=set_id).first()
    if product_set is None:
        raise Http404(_("No product set has id %(id)s.") % {"id": set_id})
    return rows.product_set_rows([product_set])[0]
