"""HTTP caching and CORS for the public catalogue and the open-data API (issue 13 item 4).

Only responses of the ``catalogue`` and ``api`` URL namespaces are touched; staff pages keep
Django's defaults (never publicly cacheable).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import parse_http_date_safe

PUBLIC_NAMESPACES = frozenset({"catalogue", "api"})
API_PREFIX = "/api/"


class PublicHttpMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        is_api = request.path.startswith(API_PREFIX)
        if is_api and request.method == "OPTIONS":
            # A CORS pre-flight: the API is read-only, open to every origin.
            preflight = HttpResponse(status=204)
            _cors(preflight)
            preflight["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            preflight["Access-Control-Max-Age"] = "86400"
            return preflight
        response = self.get_response(request)
        match = request.resolver_match
        namespace = match.namespaces[0] if match is not None and match.namespaces else ""
        if namespace not in PUBLIC_NAMESPACES:
            return response
        if is_api:
            _cors(response)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=settings.OCOP_PUBLIC_MAX_AGE)
        if response.streaming or not isinstance(response, HttpResponse):
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        result = get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )
        if result is None:
            return response
        if is_api and result is not response:
            _cors(result)  # a 304 keeps only the caching headers
        return result


def _cors(response: HttpResponseBase) -> None:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
