"""Bar charts drawn on the server from the figures: SVG for pages and PDF, PNG for DOCX.

No JavaScript and no plotting library: a bar chart is a few rectangles (ARCHITECTURE.md, charts
in documents are drawn on the server from the same figure objects the dashboard uses).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from ocop.programme.selectors import Figure

BAR_COLOUR = "#2f6f4f"
ROW_HEIGHT = 22
LABEL_WIDTH = 260
BAR_WIDTH = 300


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float
    width: int  # pixels of BAR_WIDTH


def _number(value: int | float) -> str:
    from ocop.reports.programme import number

    return number(value)


def bars(figures: list[Figure]) -> list[Bar]:
    top = max((float(f.value) for f in figures), default=0.0)
    return [
        Bar(
            label=f.label.split(": ", 1)[-1],
            value=f.value,
            width=round(float(f.value) * BAR_WIDTH / top) if top else 0,
        )
        for f in figures
    ]


def bar_chart_svg(figures: list[Figure], *, title: str = "") -> str:
    """An inline SVG horizontal bar chart (labels left, value at the bar's end)."""
    rows = bars(figures)
    height = ROW_HEIGHT * len(rows) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(rows):
        y = 4 + i * ROW_HEIGHT
        label = bar.label if len(bar.label) <= 40 else bar.label[:39] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{bar.width}" height="{ROW_HEIGHT - 6}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        value = _number(bar.value)
        parts.append(f'<text x="{LABEL_WIDTH + bar.width + 6}" y="{y + 15}">{escape(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_png(figures: list[Figure]) -> bytes:
    """The same chart as a PNG (Pillow), for the DOCX report."""
    from PIL import Image, ImageDraw, ImageFont

    rows = bars(figures)
    scale = 2
    width = (LABEL_WIDTH + BAR_WIDTH + 60) * scale
    height = (ROW_HEIGHT * len(rows) + 8) * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font: Any
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 12 * scale)
    except OSError:
        font = ImageFont.load_default()
    for i, bar in enumerate(rows):
        y = (4 + i * ROW_HEIGHT) * scale
        label = bar.label if len(bar.label) <= 40 else bar.label[:39] + "…"
        text_width = draw.textlength(label, font=font)
        draw.text(
            ((LABEL_WIDTH - 6) * scale - text_width, y + 2 * scale), label, fill="black", font=font
        )
        x0 = LABEL_WIDTH * scale
        if bar.width:
            draw.rectangle(
                [x0, y + 3 * scale, x0 + bar.width * scale, y + (ROW_HEIGHT - 3) * scale],
                fill=BAR_COLOUR,
            )
        draw.text(
            (x0 + (bar.width + 6) * scale, y + 2 * scale),
            _number(bar.value),
            fill="black",
            font=font,
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
