"""DOCX administrative documents in the format of Nghị định 30/2020/NĐ-CP, Phụ lục I.

Build a frozen :class:`AdminDocument` (a decision, a report or a letter) and call
:func:`build_docx` for the file's bytes (or :func:`render_docx` for the python-docx object).
No Django, no database: the callers (certification, evaluation, reports) turn their records into
an ``AdminDocument``.

Layout rules applied (NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I; "I.3" = Mục I khoản 3 and so on):

* I.1-I.4: A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman,
  Unicode, black. The font is set on the ascii/hAnsi/eastAsia/cs slots so that Word and
  LibreOffice never fall back to another font for Vietnamese letters.
* I.7: page numbers centred in the top margin, 14 pt, not shown on the first page.
* II.1: quốc hiệu in capitals 12 pt bold; tiêu ngữ 13 pt bold under it, with a rule of the
  motto's length beneath. A borderless two-column table keeps the header in place
  (ô số 1-4 of the layout diagram, Mục IV).
* II.2: the issuing body in capitals 12 pt bold (its parent body, when any, above it in
  capitals 12 pt regular), a rule of 1/3-1/2 of the line's length beneath.
* II.3, II.4: "Số: 05/QĐ-UBND" 13 pt; place and date 13 pt italic on the same line.
* II.5: the kind of document ("QUYẾT ĐỊNH") 14 pt bold and its summary 14 pt bold, a short rule
  beneath; for a letter (công văn) the summary is "V/v …" 12 pt under the number.
* II.6: recitals ("Căn cứ …") 14 pt italic, each ending ";" and the last "."; the body 14 pt
  justified, first line indented 1.27 cm, 6 pt between paragraphs, single line spacing;
  "Điều 1." bold.
* II.7: the signer's authority ("TM.", "KT.") and title in capitals 14 pt bold, the name 14 pt
  bold.
* II.9: "Kính gửi:" 14 pt for letters and reports to a superior; "Nơi nhận:" 12 pt bold italic
  level with the signer's authority, the list 11 pt, each line "- …;" and the last "- Lưu: VT, …."
* III.1: an annex on its own pages: "Phụ lục" (numbered I, II … when there are several) 14 pt
  bold, its title in capitals 14 pt bold, then "(Kèm theo Quyết định số … ngày … của …)" 14 pt
  italic; its pages numbered separately.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ocop.core.documents.formats import date_long, document_number, place_and_date

__all__ = [
    "FONT_NAME",
    "AdminDocument",
    "Annex",
    "Article",
    "Lead",
    "Picture",
    "Signature",
    "TableBlock",
    "build_docx",
    "render_docx",
]

FONT_NAME = "Times New Roman"  # NĐ 30/2020 Phụ lục I, I.4
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # quốc hiệu, II.1.a
MOTTO = "Độc lập - Tự do - Hạnh phúc"  # tiêu ngữ, II.1.b

# Sizes in points (NĐ 30/2020 Phụ lục I, Mục II and the model table in Mục V).
NATIONAL_TITLE_PT = 12
MOTTO_PT = 13
ISSUER_PT = 12
NUMBER_PT = 13
PLACE_DATE_PT = 13
LETTER_SUMMARY_PT = 12
TITLE_PT = 14
BODY_PT = 14
SIGNATURE_PT = 14
RECIPIENTS_HEADING_PT = 12
RECIPIENTS_PT = 11
PAGE_NUMBER_PT = 14
ANNEX_HEADING_PT = 14
ANNEX_TABLE_PT = 12

# A4 and margins (I.1, I.3): the text is 210 - 30 - 15 = 165 mm wide.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
HEADER_DISTANCE_MM = 10
# Landscape annex pages keep the same margins, turned with the page.
TEXT_WIDTH_CM = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10
LANDSCAPE_TEXT_WIDTH_CM = (PAGE_HEIGHT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10
HEADER_LEFT_CM = 6.2
HEADER_RIGHT_CM = TEXT_WIDTH_CM - HEADER_LEFT_CM
FIRST_LINE_INDENT_CM = 1.27  # II.6.e: 1 cm or 1.27 cm
SIGNATURE_SPACE_LINES = 4  # room for the hand signature and the seal


@dataclass(frozen=True)
class Signature:
    """The signature block (NĐ 30/2020 Phụ lục I, II.7): authority and title lines, then the name.

    ``lines`` are written in capitals, e.g. ``("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH")``; :meth:`for_signer` derives them.
    """

    lines: tuple[str, ...]
    name: str = ""

    @classmethod
    def for_signer(
        cls, *, name: str, title: str, collective: str = "", head_title: str = ""
    ) -> Signature:
        """Authority lines per NĐ 30/2020 Phụ lục I, II.7.b.

        "TM." before the collective when the signer signs for a collective body (the decree's
        example: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"); "KT." before the head's title when a deputy
        signs for the head, so a vice-chair signs "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
        PHÓ CHỦ TỊCH".
        """
        lines: list[str] = []
        if collective:
            lines.append(f"TM. {collective.strip().upper()}")
        title_upper = title.strip().upper()
        head_upper = head_title.strip().upper()
        if head_upper and title_upper and head_upper != title_upper:
            lines.append(f"KT. {head_upper}")
        if title_upper:
            lines.append(title_upper)
        return cls(lines=tuple(lines), name=name.strip())


@dataclass(frozen=True)
class Article:
    """One article ("Điều N.") of a decision: the text after "Điều N." and its clauses."""

    number: int
    text: str = ""
    title: str = ""
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lead:
    """A body paragraph that opens with a bold lead: a report's heading ("I. THÔNG TIN CHUNG")
    alone, or an item's label followed by its text ("1. Về nguyên liệu: " + the assessment),
    NĐ 30/2020 Phụ lục I, II.6.e (body) with the lead in bold as the decree's model reports do."""

    lead: str
    text: str = ""


@dataclass(frozen=True)
class Picture:
    """A chart or photo in the body, centred, with an optional bold title above it (PNG bytes)."""

    image: bytes
    width_cm: float = 15.0
    title: str = ""


@dataclass(frozen=True)
class TableBlock:
    """One more titled table in an annex (a report's annex often holds several)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()
    widths_cm: tuple[float, ...] = ()
    centred_columns: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Annex:
    """An annex on its own pages (NĐ 30/2020 Phụ lục I, III.1) with an optional table.

    ``numeral`` is the Roman numeral when the document has two annexes or more (III.1.a).
    ``caption`` overrides the "(Kèm theo … số … ngày … của …)" line built from the document.
    ``widths_cm`` are the table's column widths (they are scaled to the text width).
    """

    title: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    numeral: str = ""
    caption: str = ""
    paragraphs_before: tuple[str, ...] = ()
    paragraphs_after: tuple[str, ...] = ()
    widths_cm: tuple[float, ...] = ()
    landscape: bool = False
    centred_columns: frozenset[int] = field(default_factory=frozenset)
    tables: tuple[TableBlock, ...] = ()


@dataclass(frozen=True)
class AdminDocument:
    """An administrative document: a decision, a report, or a letter (công văn).

    * ``issuer``: the issuing body in capitals, one line each (``("ỦY BAN NHÂN DÂN",
      "TỈNH VĨNH LONG")``); ``parent``: its direct parent body when any (``("UBND TỈNH VĨNH
      LONG",)`` above ``("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",)``).
    * ``number``: "05/QĐ-UBND" or "5/QĐ-UBND" (a leading zero is added below 10); a draft with no
      number yet gives only the symbol: "/QĐ-UBND".
    * ``signed_on``: the date; ``None`` leaves the day and month blank (a draft, ``year`` then
      fills the year).
    * ``kind_title``: "QUYẾT ĐỊNH", "BÁO CÁO" …; empty for a letter, whose ``summary`` is then
      printed as "V/v …" under the number.
    * ``authority``: the line under the title naming who decides ("ỦY BAN NHÂN DÂN TỈNH VĨNH
      LONG" or "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"); ``enacting``: "QUYẾT ĐỊNH:" after the
      recitals.
    * ``issuer_name`` and ``kind_name`` in ordinary case build the annex caption ("Kèm theo
      Quyết định số … của Ủy ban nhân dân tỉnh Vĩnh Long").
    """

    issuer: tuple[str, ...]
    number: str
    place: str
    signed_on: date | None
    signature: Signature
    parent: tuple[str, ...] = ()
    kind_title: str = ""
    summary: str = ""
    authority: str = ""
    recitals: tuple[str, ...] = ()
    enacting: str = ""
    addressees: tuple[str, ...] = ()
    body: tuple[str | Lead | Picture, ...] = ()
    articles: tuple[Article, ...] = ()
    recipients: tuple[str, ...] = ()
    annexes: tuple[Annex, ...] = ()
    issuer_name: str = ""
    kind_name: str = ""
    year: int | None = None
    title_for_metadata: str = ""

    @property
    def is_letter(self) -> bool:
        return not self.kind_title

    @property
    def number_text(self) -> str:
        """The number as printed after "Số:" (NĐ 30/2020 Phụ lục I, II.3.c)."""
        return document_number(self.number)

    @property
    def place_date_text(self) -> str:
        return place_and_date(self.place, self.signed_on, year=self.year)

    def annex_caption(self, annex: Annex) -> str:
        """'(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 01 năm 2026 của …)' (III.1.c)."""
        if annex.caption:
            return annex.caption
        kind = self.kind_name or (self.kind_title.capitalize() if self.kind_title else "Văn bản")
        text = f"Kèm theo {kind} số {self.number_text} "
        text += date_long(self.signed_on, year=self.year)
        if self.issuer_name:
            text += f" của {self.issuer_name}"
        return f"({text})"


# --- public entry points -----------------------------------------------------------------------


def render_docx(document: AdminDocument) -> DocxDocument:
    """The python-docx document for ``document`` (tests read it back)."""
    doc = Document()
    _set_fonts(doc)
    section = doc.sections[0]
    _set_page(section, landscape=False)
    _add_page_number_header(section)
    _header_table(doc, document)
    if document.is_letter:
        _addressees(doc, document.addressees)
    else:
        _title(doc, document)
        if document.addressees:
            _addressees(doc, document.addressees)
    _recitals(doc, document.recitals)
    if document.enacting:
        _centred(doc, document.enacting, size=BODY_PT, bold=True, space_before=6, space_after=6)
    for item in document.body:
        if isinstance(item, Lead):
            paragraph = _body_paragraph(doc, "")
            _add_run(paragraph, item.lead, size=BODY_PT, bold=True)
            if item.text:
                _add_run(paragraph, item.text, size=BODY_PT)
        elif isinstance(item, Picture):
            if item.title:
                _centred(doc, item.title, size=ANNEX_TABLE_PT + 1, bold=True, space_before=6)
            paragraph = doc.add_paragraph()
            _centre(paragraph)
            paragraph.add_run().add_picture(io.BytesIO(item.image), width=Cm(item.width_cm))
        else:
            _body_paragraph(doc, item)
    for article in document.articles:
        _article(doc, article)
    _signature_table(doc, document)
    for annex in document.annexes:
        _annex(doc, document, annex)
    doc.core_properties.title = document.title_for_metadata or (
        f"{document.kind_title or 'Công văn'} {document.number_text}"
    )
    doc.core_properties.language = "vi-VN"
    return doc


def build_docx(document: AdminDocument) -> bytes:
    """The DOCX file's bytes."""
    buffer = io.BytesIO()
    render_docx(document).save(buffer)
    return buffer.getvalue()


# --- page, fonts, header -------------------------------------------------------------------------


def _set_fonts(doc: DocxDocument) -> None:
    """Times New Roman everywhere (I.4), on every script slot, and Vietnamese as the language."""
    styles = doc.styles
    for name in ("Normal", "Table Grid", "Header", "Footer"):
        try:
            style = styles[name]
        except KeyError:
            continue
        style.font.name = FONT_NAME
        style.font.color.rgb = RGBColor(0, 0, 0)
        _set_rfonts(style.element.get_or_add_rPr())
    styles["Normal"].font.size = Pt(BODY_PT)
    rpr = styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")
    # docDefaults too, so text outside any style (e.g. table cells in some viewers) keeps it.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            inner = rpr_default.find(qn("w:rPr"))
            if inner is not None:
                _set_rfonts(inner)
    paragraph_format = styles["Normal"].paragraph_format
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _set_rfonts(rpr: Any) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attribute), FONT_NAME)
    # Theme fonts would override the explicit names in Word.
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        key = qn(attribute)
        if key in rfonts.attrib:
            del rfonts.attrib[key]


def _set_page(section: Section, *, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(HEADER_DISTANCE_MM)


def _add_page_number_header(section: Section) -> None:
    """Page number centred in the top margin, hidden on the first page (I.7)."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", size=PAGE_NUMBER_PT)
    first = section.first_page_header
    first.is_linked_to_previous = False
    # An empty first-page header: the first page shows no number.
    first.paragraphs[0].text = ""


def _restart_page_numbers(section: Section) -> None:
    """An annex's pages are numbered on their own, from 1 (III.1.đ)."""
    sect_pr = section._sectPr
    pg_num = sect_pr.find(qn("w:pgNumType"))
    if pg_num is None:
        pg_num = OxmlElement("w:pgNumType")
        sect_pr.append(pg_num)
    pg_num.set(qn("w:start"), "1")


def _field(paragraph: Paragraph, instruction: str, *, size: float) -> None:
    run = paragraph.add_run()
    _format_run(run, size=size)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(separate)
    shown = paragraph.add_run("2")  # placeholder until the viewer updates the field
    _format_run(shown, size=size)
    end_run = paragraph.add_run()
    _format_run(end_run, size=size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    end_run._r.append(end)


def _header_table(doc: DocxDocument, document: AdminDocument) -> None:
    """Ô số 1-4 (and 5b for a letter): issuer | quốc hiệu; number | place and date."""
    table = doc.add_table(rows=2, cols=2)
    _borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _column_widths(table, (HEADER_LEFT_CM, HEADER_RIGHT_CM))
    left, right = table.cell(0, 0), table.cell(0, 1)

    paragraph = left.paragraphs[0]
    lines = [(line, False) for line in document.parent] + [(line, True) for line in document.issuer]
    for index, (line, bold) in enumerate(lines):
        if index:
            paragraph = left.add_paragraph()
        _centre(paragraph)
        _add_run(paragraph, line.upper(), size=ISSUER_PT, bold=bold)
    issuer_width = max(
        (_text_width_cm(line, ISSUER_PT, bold=True) for line in document.issuer), default=2.0
    )
    _rule(left, width_cm=min(issuer_width * 0.4, HEADER_LEFT_CM), cell_width_cm=HEADER_LEFT_CM)

    paragraph = right.paragraphs[0]
    _centre(paragraph)
    _add_run(paragraph, NATIONAL_TITLE, size=NATIONAL_TITLE_PT, bold=True)
    paragraph = right.add_paragraph()
    _centre(paragraph)
    _add_run(paragraph, MOTTO, size=MOTTO_PT, bold=True)
    _rule(right, width_cm=_text_width_cm(MOTTO, MOTTO_PT, bold=True), cell_width_cm=HEADER_RIGHT_CM)

    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    paragraph = number_cell.paragraphs[0]
    _centre(paragraph)
    paragraph.paragraph_format.space_before = Pt(6)
    _add_run(paragraph, f"Số: {document.number_text}", size=NUMBER_PT)
    if document.is_letter and document.summary:
        # II.5.b: "V/v …" 12-13 pt, centred under the number, 6 pt below it.
        paragraph = number_cell.add_paragraph()
        _centre(paragraph)
        paragraph.paragraph_format.space_before = Pt(6)
        _add_run(paragraph, _with_prefix(document.summary, "V/v "), size=LETTER_SUMMARY_PT)
    paragraph = date_cell.paragraphs[0]
    _centre(paragraph)
    paragraph.paragraph_format.space_before = Pt(6)
    _add_run(paragraph, document.place_date_text, size=PLACE_DATE_PT, italic=True)


def _title(doc: DocxDocument, document: AdminDocument) -> None:
    """Ô số 5a: kind of document, summary, a short rule, then the authority line."""
    _centred(doc, document.kind_title.upper(), size=TITLE_PT, bold=True, space_before=18)
    if document.summary:
        _centred(doc, document.summary, size=TITLE_PT, bold=True)
    summary_width = min(
        _text_width_cm(document.summary or document.kind_title, TITLE_PT, bold=True),
        TEXT_WIDTH_CM,
    )
    rule = doc.add_paragraph()
    _rule_paragraph(rule, width_cm=max(summary_width / 3, 2.5), cell_width_cm=TEXT_WIDTH_CM)
    if document.authority:
        _centred(
            doc,
            document.authority.upper(),
            size=TITLE_PT,
            bold=True,
            space_before=12,
            space_after=6,
        )


def _addressees(doc: DocxDocument, addressees: Sequence[str]) -> None:
    """'Kính gửi: …' on one line for one addressee, a list otherwise (II.9.d, ô 9a)."""
    if not addressees:
        return
    if len(addressees) == 1:
        paragraph = doc.add_paragraph()
        _centre(paragraph)
        paragraph.paragraph_format.space_before = Pt(12)
        paragraph.paragraph_format.space_after = Pt(6)
        _add_run(paragraph, f"Kính gửi: {addressees[0].rstrip('.;')}.", size=BODY_PT)
        return
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(3.5)
    paragraph.paragraph_format.space_before = Pt(12)
    _add_run(paragraph, "Kính gửi:", size=BODY_PT)
    for line in _listed(addressees):
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(5.5)
        _add_run(paragraph, line, size=BODY_PT)
    doc.paragraphs[-1].paragraph_format.space_after = Pt(6)


def _recitals(doc: DocxDocument, recitals: Sequence[str]) -> None:
    """Italic; each recital ends ';', the last '.' (II.6.a)."""
    cleaned = [text.strip().rstrip(";.").rstrip() for text in recitals if text.strip()]
    for index, text in enumerate(cleaned):
        ending = "." if index == len(cleaned) - 1 else ";"
        paragraph = _body_paragraph(doc, "")
        _add_run(paragraph, text + ending, size=BODY_PT, italic=True)


def _article(doc: DocxDocument, article: Article) -> None:
    """'Điều N.' in bold, 1.27 cm in (II.6.đ); its clauses as body paragraphs."""
    paragraph = _body_paragraph(doc, "")
    _add_run(paragraph, f"Điều {article.number}.", size=BODY_PT, bold=True)
    if article.title:
        _add_run(paragraph, f" {article.title}", size=BODY_PT, bold=True)
    if article.text:
        _add_run(paragraph, f" {article.text}", size=BODY_PT)
    for text in article.paragraphs:
        _body_paragraph(doc, text)


def _body_paragraph(doc: DocxDocument, text: str) -> Paragraph:
    """Justified, first line 1.27 cm in, 6 pt after, single spacing (II.6.e)."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
    fmt.space_after = Pt(6)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if text:
        _add_run(paragraph, text, size=BODY_PT)
    return paragraph


def _signature_table(doc: DocxDocument, document: AdminDocument) -> None:
    """Ô 9b (Nơi nhận, left) and 7a-7c (signature, right) side by side (II.7, II.9)."""
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_after = Pt(0)
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _column_widths(table, (TEXT_WIDTH_CM * 0.45, TEXT_WIDTH_CM * 0.55))
    # The signature block never breaks across pages (a signer's title without the name).
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.cell(0, 0), table.cell(0, 1)
    left_first = left.paragraphs[0]
    if document.recipients:
        _add_run(left_first, "Nơi nhận:", size=RECIPIENTS_HEADING_PT, bold=True, italic=True)
        for line in _listed(document.recipients):
            paragraph = left.add_paragraph()
            _add_run(paragraph, line, size=RECIPIENTS_PT)
    paragraph = right.paragraphs[0]
    for index, line in enumerate(document.signature.lines):
        if index:
            paragraph = right.add_paragraph()
        _centre(paragraph)
        _add_run(paragraph, line.upper(), size=SIGNATURE_PT, bold=True)
    for _ in range(SIGNATURE_SPACE_LINES):
        right.add_paragraph()
    if document.signature.name:
        paragraph = right.add_paragraph()
        _centre(paragraph)
        _add_run(paragraph, document.signature.name, size=SIGNATURE_PT, bold=True)


def _annex(doc: DocxDocument, document: AdminDocument, annex: Annex) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _set_page(section, landscape=annex.landscape)
    _restart_page_numbers(section)
    heading = "Phụ lục" + (f" {annex.numeral}" if annex.numeral else "")
    _centred(doc, heading, size=ANNEX_HEADING_PT, bold=True)
    if annex.title:
        _centred(doc, annex.title.upper(), size=ANNEX_HEADING_PT, bold=True)
    _centred(doc, document.annex_caption(annex), size=ANNEX_HEADING_PT, italic=True)
    width = LANDSCAPE_TEXT_WIDTH_CM if annex.landscape else TEXT_WIDTH_CM
    rule = doc.add_paragraph()
    _rule_paragraph(rule, width_cm=3.0, cell_width_cm=width)
    rule.paragraph_format.space_after = Pt(6)
    for text in annex.paragraphs_before:
        _body_paragraph(doc, text)
    if annex.columns:
        _table(doc, annex.columns, annex.rows, annex.widths_cm, annex.centred_columns, width)
    for block in annex.tables:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.keep_with_next = True
        _add_run(paragraph, block.title, size=ANNEX_TABLE_PT + 1, bold=True)
        _table(doc, block.columns, block.rows, block.widths_cm, block.centred_columns, width)
    for text in annex.paragraphs_after:
        _body_paragraph(doc, text)


def _table(
    doc: DocxDocument,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
    centred_columns: frozenset[int],
    text_width_cm: float,
) -> None:
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = tuple(widths_cm) or tuple(1.0 for _ in columns)
    scale = text_width_cm / sum(widths)
    _column_widths(table, tuple(w * scale for w in widths))
    header = table.rows[0]
    _repeat_header(header)
    for index, name in enumerate(columns):
        cell = header.cells[index]
        paragraph = cell.paragraphs[0]
        _centre(paragraph)
        _add_run(paragraph, name, size=ANNEX_TABLE_PT, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for index, value in enumerate(values):
            paragraph = cells[index].paragraphs[0]
            if index in centred_columns:
                _centre(paragraph)
            _add_run(paragraph, value, size=ANNEX_TABLE_PT)


# --- low-level helpers -------------------------------------------------------------------------


def _add_run(
    paragraph: Paragraph, text: str, *, size: float, bold: bool = False, italic: bool = False
) -> Run:
    run = paragraph.add_run(text)
    _format_run(run, size=size, bold=bold, italic=italic)
    return run


def _format_run(run: Run, *, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.name = FONT_NAME
    _set_rfonts(run._r.get_or_add_rPr())


def _centre(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _centred(
    doc: DocxDocument,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    space_before: float = 0,
    space_after: float = 0,
) -> Paragraph:
    paragraph = doc.add_paragraph()
    _centre(paragraph)
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(space_after)
    _add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _rule(cell: _Cell, *, width_cm: float, cell_width_cm: float) -> None:
    _rule_paragraph(cell.add_paragraph(), width_cm=width_cm, cell_width_cm=cell_width_cm)


def _rule_paragraph(paragraph: Paragraph, *, width_cm: float, cell_width_cm: float) -> None:
    """A solid horizontal rule of ``width_cm``, centred: an empty paragraph's top border,
    narrowed by equal left and right indents (the rules under II.1.b, II.2.b, II.5.b)."""
    side = max((cell_width_cm - width_cm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    fmt.space_before = Pt(2)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    run = paragraph.add_run("")
    _format_run(run, size=1)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), "6")  # eighths of a point: a 0.75 pt line
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "000000")
    borders.append(top)
    ppr.append(borders)
    # Word requires pBdr before spacing/ind/jc in pPr: move it to its schema position.
    for tag in ("w:spacing", "w:ind", "w:jc"):
        element = ppr.find(qn(tag))
        if element is not None:
            ppr.remove(element)
            ppr.append(element)


def _text_width_cm(text: str, size_pt: float, *, bold: bool) -> float:
    """An estimate of the printed width of ``text`` in Times New Roman (for rule lengths).

    Average advance widths of Times New Roman in em: capitals ≈ 0.70 (0.72 bold), lower case
    ≈ 0.46 (0.49 bold), spaces and punctuation ≈ 0.28.
    """
    em_cm = size_pt * 2.54 / 72
    total = 0.0
    for char in text:
        if char.isupper():
            total += 0.72 if bold else 0.70
        elif char.isalpha() or char.isdigit():
            total += 0.49 if bold else 0.46
        else:
            total += 0.28
    return total * em_cm


def _borderless(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _column_widths(table: Table, widths_cm: Sequence[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for index, width in enumerate(widths_cm):
            row.cells[index].width = Cm(width)
    for index, width in enumerate(widths_cm):
        table.columns[index].width = Cm(width)


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _remove_paragraph(paragraph: Paragraph) -> None:
    element = paragraph._p
    element.getparent().remove(element)


def _listed(lines: Iterable[str]) -> list[str]:
    """'- …;' for each line and '- ….' for the last (II.9.d)."""
    cleaned = [line.strip().lstrip("-").strip().rstrip(";.").rstrip() for line in lines]
    cleaned = [line for line in cleaned if line]
    return [
        f"- {line}{'.' if index == len(cleaned) - 1 else ';'}" for index, line in enumerate(cleaned)
    ]


def _with_prefix(text: str, prefix: str) -> str:
    text = text.strip()
    return text if text.lower().startswith(prefix.strip().lower()) else prefix + text
