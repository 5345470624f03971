"""render_pdf: WeasyPrint from a Django template, Vietnamese fonts, no network access."""

from __future__ import annotations

import http.server
import re
import subprocess
import threading

import pytest

from ocop.core.documents.office import pdf_text
from ocop.core.documents.pdf import (
    BASE_URL,
    ExternalResourceRefused,
    LocalOnlyFetcher,
    html_to_pdf,
    render_pdf,
)

SAMPLE = (
    '{% extends "core/documents/print_base.html" %}'
    "{% block content %}<h1 style='font-size: 14pt'>GIẤY CHỨNG NHẬN SẢN PHẨM OCOP</h1>"
    "<p>{{ product }} — đạt hạng {{ star }} sao</p>{% endblock %}"
)


@pytest.fixture
def sample_template(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    ("django.template.loaders.locmem.Loader", {"sample.html": SAMPLE}),
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]
    return "sample.html"


def test_fetcher_serves_static_files_and_data_uris():
    fetcher = LocalOnlyFetcher()
    css = fetcher.fetch(f"{BASE_URL}static/core/print.css")
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    data = fetcher.fetch("data:text/plain;base64,xJFp")  # "đi"
    assert data.read().decode("utf-8") == "đi"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/static/core/print.css",
        f"{BASE_URL}media/secret.pdf",
        f"{BASE_URL}static/../config/settings.py",
        "file:///etc/passwd",
        f"{BASE_URL}static/core/does-not-exist.css",
    ],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises((ExternalResourceRefused, ValueError)):
        LocalOnlyFetcher().fetch(url)


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_rendering_makes_no_network_request():
    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    _CountingHandler.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        html = (
            f'<html><head><link rel="stylesheet" href="{url}/x.css"></head>'
            f'<body><img src="{url}/logo.png"><p>Xin chào</p></body></html>'
        )
        pdf = html_to_pdf(html)
    finally:
        server.shutdown()
        server.server_close()
    assert pdf.startswith(b"%PDF")
    assert _CountingHandler.hits == []


@pytest.mark.office
def test_pdf_text_keeps_vietnamese_diacritics(sample_template, tmp_path):
    pdf = render_pdf(sample_template, {"product": "Kẹo dừa sáp Cầu Kè", "star": 4})
    text = pdf_text(pdf, tmp_path)
    assert "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP" in text
    assert "Kẹo dừa sáp Cầu Kè — đạt hạng 4 sao" in text


@pytest.mark.office
def test_print_stylesheet_gives_a4_and_a_serif_with_vietnamese_glyphs(sample_template, tmp_path):
    pdf = render_pdf(sample_template, {"product": "Mắm tép", "star": 3})
    path = tmp_path / "sample.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(  # noqa: S603 - fixed arguments, a file we wrote
        ["pdfinfo", str(path)],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    # A4 is 595.28 x 841.89 PostScript points (210 x 297 mm).
    assert re.search(r"^Page size:\s+595\.276 x 841\.89 pts \(A4\)$", info, re.MULTILINE)
    fonts = subprocess.run(  # noqa: S603 - fixed arguments, a file we wrote
        ["pdffonts", str(path)],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    # Times New Roman is not installed; fontconfig's metric-compatible Liberation Serif is used.
    assert "+Liberation-Serif " in fonts
