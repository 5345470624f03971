"""QR codes (segno) for verification URLs: inline SVG for templates, PNG for files.

Error correction level M (15 % of the symbol may be damaged, ISO/IEC 18004 §7.5.1) suits a
printed certificate; segno picks the smallest version that holds the URL and never a Micro QR,
which phone cameras do not all read.
"""

from __future__ import annotations

import io

import segno
from django.utils.safestring import SafeString, mark_safe

__all__ = ["QR_ERROR_LEVEL", "qr_code", "qr_png", "qr_svg"]

QR_ERROR_LEVEL = "m"


def qr_code(url: str) -> segno.QRCode:
    """The QR symbol for ``url`` (byte mode, level M, never Micro QR)."""
    if not url:
        raise ValueError("A QR code needs a URL.")
    return segno.make_qr(url, error=QR_ERROR_LEVEL, boost_error=False)


def qr_svg(url: str, *, scale: int = 4, border: int = 4, title: str = "") -> SafeString:
    """An inline ``<svg>`` element (no XML declaration), safe to print in a template.

    segno escapes the title; the URL itself is encoded in the modules, not written as text.
    The quiet zone is 4 modules (ISO/IEC 18004 §6.3.8) unless ``border`` says otherwise.
    """
    svg = qr_code(url).svg_inline(
        scale=scale, border=border, dark="#000", light="#fff", title=title or None
    )
    return mark_safe(svg)  # noqa: S308 - segno's own SVG markup, the URL is not in it as text


def qr_png(url: str, *, scale: int = 8, border: int = 4) -> bytes:
    """The QR code as PNG bytes."""
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()
