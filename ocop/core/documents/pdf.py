"""PDF documents rendered by WeasyPrint from Django templates, with no network access.

``render_pdf("certification/documents/certificate.html", context)`` renders the template (which
extends ``core/documents/print_base.html`` for the A4 print stylesheet and the fonts) and returns
the PDF's bytes. WeasyPrint fetches nothing from the network: :class:`LocalOnlyFetcher` serves
``data:`` URIs and the project's static files (found by Django's static-file finders, or in
``STATIC_ROOT``) and refuses every other URL, which WeasyPrint then skips with a warning.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = ["BASE_URL", "LocalOnlyFetcher", "html_to_pdf", "render_pdf"]

# Relative URLs in the HTML ("/static/core/print.css") resolve against this base; the host is
# reserved (RFC 2606) and never contacted: LocalOnlyFetcher serves it from the disk.
BASE_URL = "https://ocop.invalid/"
_BASE = urlsplit(BASE_URL)


class ExternalResourceRefused(ValueError):
    """A document tried to load something from outside the project (never fetched)."""


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Serves ``data:`` URIs and static files; refuses everything else (no network)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "https"), fail_on_errors=False)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            # urllib's DataHandler decodes the URI in memory.
            return super().fetch(url, headers)
        path = _static_path(url)
        if path is None:
            raise ExternalResourceRefused(f"ocop documents load no external resource: {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": content_type})


def _static_path(url: str) -> Path | None:
    """The file behind a static URL under BASE_URL, or None (anything else, or not found)."""
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (_BASE.scheme, _BASE.netloc):
        return None
    static_url = urlsplit(settings.STATIC_URL).path or "/static/"
    if not parts.path.startswith(static_url):
        return None
    relative = unquote(parts.path[len(static_url) :])
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if isinstance(found, list):
        found = found[0] if found else None
    if found is None and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        found = str(candidate) if candidate.is_file() else None
    return Path(found) if found else None


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML string, resources restricted to static files and data URIs."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=LocalOnlyFetcher())
    pdf = document.write_pdf()
    if pdf is None:  # pragma: no cover - write_pdf returns bytes when no target is given
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)


def render_pdf(
    template_name: str, context: Mapping[str, Any], *, request: HttpRequest | None = None
) -> bytes:
    """Render a Django template to PDF bytes (A4, fonts with Vietnamese glyphs, no network)."""
    html = render_to_string(template_name, dict(context), request=request)
    return html_to_pdf(html)
