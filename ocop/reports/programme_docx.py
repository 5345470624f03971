"""The programme report as DOCX, laid out as an administrative report (Nghị định 30/2020/NĐ-CP).

Phụ lục I of NĐ 30/2020: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm (I.3); Times New
Roman (I.4); quốc hiệu 12 pt bold capitals and tiêu ngữ 13 pt bold (II.1); issuing body 12 pt
bold capitals (II.2); number 13 pt, place and date 13 pt italic (II.3–4); kind and summary 14 pt
bold (II.5); body 14 pt justified, first line indented 1.27 cm (II.6); "Nơi nhận" 12 pt bold
italic, its list 11 pt (II.9). The shared documents layer (``ocop.core.documents``) will take
this over once it lands on main.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ocop.programme.selectors import ProgrammeFigures
from ocop.reports.charts import bar_chart_png
from ocop.reports.programme import (
    OFFICE_PLACEHOLDER,
    OFFICE_SECTIONS,
    grouped_tables,
    narrative,
    number,
)

FONT = "Times New Roman"
CHART_GROUPS = (
    ("by_star", gettext_lazy("Products by star")),
    ("by_legal_form", gettext_lazy("Producers by legal form")),
)


def _font(run: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _para(
    doc: Any,
    text: str,
    size: float = 14,
    *,
    bold: bool = False,
    italic: bool = False,
    centre: bool = False,
    indent: bool = True,
) -> Any:
    p = doc.add_paragraph()
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            p.paragraph_format.first_line_indent = Cm(1.27)
    p.paragraph_format.space_after = Pt(6)
    _font(p.add_run(text), size, bold=bold, italic=italic)
    return p


def render_docx(result: ProgrammeFigures) -> bytes:
    p = result.params
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    issuer = left.paragraphs[0]
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(issuer.add_run(_("OCOP OFFICE").upper()), 12, bold=True)
    number_p = left.add_paragraph()
    number_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(number_p.add_run(_("No.: …/BC-OCOP")), 13)
    nation = right.paragraphs[0]
    nation.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(nation.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
    motto = right.add_paragraph()
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(motto.add_run("Độc lập - Tự do - Hạnh phúc"), 13, bold=True)
    date_p = right.add_paragraph()
    date_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    day = p.as_of
    _font(
        date_p.add_run(f"…, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"),
        13,
        italic=True,
    )
    _para(doc, _("REPORT"), 14, bold=True, centre=True)
    _para(
        doc,
        _("Results of the OCOP programme, %(period)s, %(unit)s")
        % {"period": p.period.name, "unit": p.unit.full_name},
        14,
        bold=True,
        centre=True,
    )
    text = narrative(result)
    headings = (
        ("results", _("I. RESULTS")),
        ("structure", _("II. STRUCTURE BY STAR, LEGAL FORM, PRODUCT SET AND PLACE")),
        ("progress", _("III. PROGRESS AGAINST TARGETS")),
    )
    for key, heading in headings:
        _para(doc, heading, 14, bold=True, indent=False)
        for paragraph in text[key]:
            _para(doc, paragraph)
    for group, chart_title in CHART_GROUPS:
        figures = result.group(group)
        if figures:
            _para(doc, str(chart_title), 13, bold=True, centre=True)
            doc.add_picture(io.BytesIO(bar_chart_png(figures)), width=Cm(15))
    for i, office_heading in enumerate(OFFICE_SECTIONS, start=4):
        roman = {4: "IV", 5: "V"}[i]
        _para(doc, f"{roman}. {str(office_heading).upper()}", 14, bold=True, indent=False)
        _para(doc, str(OFFICE_PLACEHOLDER), italic=True)
    _para(doc, _("ANNEX: TABLES OF FIGURES AND COUNTING RULES"), 14, bold=True, centre=True)
    for title, figures in grouped_tables(result):
        _para(doc, title, 13, bold=True, indent=False)
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, head in zip(
            table.rows[0].cells, (_("Indicator"), _("Value"), _("Counting rule")), strict=True
        ):
            _font(cell.paragraphs[0].add_run(str(head)), 12, bold=True)
        for f in figures:
            cells = table.add_row().cells
            _font(cells[0].paragraphs[0].add_run(f.label), 12)
            cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(cells[1].paragraphs[0].add_run(number(f.value)), 12)
            _font(cells[2].paragraphs[0].add_run(f.rule), 12)
    _para(doc, _("Counting rules"), 13, bold=True, indent=False)
    for rule in sorted(result.rules.values(), key=lambda r: r.code):
        _para(doc, f"{rule.ref} — {rule.name}: {rule.description}", 12)
    recipients = doc.add_paragraph()
    _font(recipients.add_run(_("Recipients:")), 12, bold=True, italic=True)
    for line in (_("- As above;"), _("- Filed: VT, OCOP.")):
        _font(doc.add_paragraph().add_run(str(line)), 11)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
