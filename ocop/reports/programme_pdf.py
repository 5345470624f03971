"""The programme report as PDF: an HTML template rendered by WeasyPrint, charts as inline SVG.

Everything is inline (no stylesheet or image is fetched), and the fonts are the Debian fonts
with Vietnamese glyphs that ``make install`` brings (DejaVu, Noto).
"""

from __future__ import annotations

from django.template.loader import render_to_string

from ocop.programme.selectors import ProgrammeFigures
from ocop.reports.charts import bar_chart_svg
from ocop.reports.programme import (
    OFFICE_PLACEHOLDER,
    OFFICE_SECTIONS,
    grouped_tables,
    narrative,
)

CHART_GROUPS = ("by_star", "by_legal_form", "by_set", "by_place")


def render_html(result: ProgrammeFigures) -> str:
    return render_to_string(
        "reports/programme_report_pdf.html",
        {
            "result": result,
            "params": result.params,
            "narrative": narrative(result),
            "tables": grouped_tables(result),
            "charts": [
                bar_chart_svg(result.group(g), title=g) for g in CHART_GROUPS if result.group(g)
            ],
            "office_sections": [
                f"{numeral}. {str(heading).upper()}"
                for numeral, heading in zip(("IV", "V"), OFFICE_SECTIONS, strict=True)
            ],
            "placeholder": str(OFFICE_PLACEHOLDER),
            "rules": sorted(result.rules.values(), key=lambda r: r.code),
        },
    )


def render_pdf(result: ProgrammeFigures) -> bytes:
    from weasyprint import HTML

    pdf = HTML(string=render_html(result)).write_pdf()
    return bytes(pdf or b"")
