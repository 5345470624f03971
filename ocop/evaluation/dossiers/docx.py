"""The commune's Mẫu 03 report and its letter to the province as DOCX (python-docx).

Layout of Nghị định 30/2020/NĐ-CP Phụ lục I: A4 portrait, margins top/bottom 20 mm, left 30 mm,
right 15 mm; Times New Roman; issuing body (capitals, 12–13, bold) top left and the quốc hiệu
(capitals, 12–13, bold) with the tiêu ngữ (13–14, bold) top right; "Số:" (13) under the body,
place and date (13–14, italic) under the tiêu ngữ; body 14, justified, first-line indent
1.27 cm, 6 pt between paragraphs; signature "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (capitals, bold);
"Nơi nhận:" (12, bold italic) with its list (11). Mẫu 03's wording is QĐ 26/2026 Phụ lục III.

Written here rather than with the shared ``ocop.core.documents`` layer, which was not on main
when this was built; the lead may port it.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from ocop.evaluation.dossiers.models import CommuneAssessment, Dossier

FONT = "Times New Roman"


def date_line(place: str, day: dt.date) -> str:
    """ "Cầu Kè, ngày 05 tháng 01 năm 2026": a 0 before days under 10 and months under 3
    (NĐ 30/2020 Phụ lục I, II.4.b)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _run(
    paragraph: Paragraph, text: str, *, size: float = 14, bold: bool = False, italic: bool = False
) -> None:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def _para(
    container: _Cell | DocxDocument,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
) -> Paragraph:
    paragraph = container.add_paragraph()
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(6)
    if align is not None:
        paragraph.alignment = align
    if indent:
        fmt.first_line_indent = Cm(1.27)
    return paragraph


def _new_document() -> DocxDocument:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    return doc


def _header(
    doc: DocxDocument, dossier: Dossier, number: str, day: dt.date, subject: str = ""
) -> None:
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0].text = ""
    centre = WD_ALIGN_PARAGRAPH.CENTER
    p = left.paragraphs[0]
    p.alignment = centre
    _run(p, "ỦY BAN NHÂN DÂN", size=13, bold=True)
    _para(left, dossier.commune.full_name.upper(), size=13, bold=True, align=centre)
    _para(left, "_______", size=13, align=centre)
    p = right.paragraphs[0]
    p.alignment = centre
    _run(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=centre)
    _para(right, "_______________________", size=13, align=centre)
    left2, right2 = table.rows[1].cells
    p = left2.paragraphs[0]
    p.alignment = centre
    _run(p, f"Số: {number}", size=13)
    if subject:
        _para(left2, subject, size=12, align=centre)
    p = right2.paragraphs[0]
    p.alignment = centre
    _run(p, date_line(dossier.commune.name, day), size=14, italic=True)


def _signature(
    doc: DocxDocument, signer_title: str, signer_name: str, recipients: list[str]
) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    _run(p, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in recipients:
        _para(left, f"- {line};" if line != recipients[-1] else f"- {line}.", size=11)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    p = right.paragraphs[0]
    p.alignment = centre
    _run(p, "TM. ỦY BAN NHÂN DÂN", size=14, bold=True)
    _para(right, (signer_title or "Chủ tịch").upper(), size=14, bold=True, align=centre)
    _para(right, "", size=14)
    _para(right, "", size=14)
    _para(right, signer_name, size=14, bold=True, align=centre)


def _save(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _report_number(dossier: Dossier, symbol: str) -> str:
    return f"{dossier.pk:02d}/{symbol}-UBND"


def mau03_document(dossier: Dossier, assessment: CommuneAssessment) -> bytes:
    """Mẫu số 03: "Báo cáo đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân
    hạng sản phẩm OCOP" (QĐ 26/2026 Phụ lục III), with the commune's four assessments."""
    doc = _new_document()
    producer = dossier.producer
    _header(doc, dossier, _report_number(dossier, "BC"), assessment.assessed_on)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "BÁO CÁO", size=14, bold=True, align=centre)
    _para(
        doc,
        "Đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân hạng sản phẩm OCOP",
        size=14,
        bold=True,
        align=centre,
    )
    _para(doc, "I. THÔNG TIN CHUNG VỀ HỒ SƠ SẢN PHẨM", bold=True, align=justify)
    general = [
        f"1. Tên chủ thể: {dossier.unit_name}",
        f"2. Loại hình tổ chức: {producer.get_legal_form_display()}",
        f"3. Địa chỉ: {dossier.contact_address}",
        "4. Tên người đại diện pháp luật:",
        f"- Họ tên: {dossier.representative_name}",
        f"- Giới tính: {producer.get_representative_gender_display()}; "
        f"Dân tộc: {producer.representative_ethnicity}",
        f"5. Sản phẩm đăng ký đánh giá: {dossier.product.name}",
    ]
    for line in general:
        _para(doc, line, align=justify, indent=True)
    _para(doc, "II. ĐÁNH GIÁ MỘT SỐ NỘI DUNG CỦA HỒ SƠ SẢN PHẨM", bold=True, align=justify)
    topics = [
        ("1. Về sử dụng nguyên liệu địa phương: ", assessment.raw_material),
        ("2. Về sử dụng lao động địa phương: ", assessment.local_labour),
        ("3. Nguồn gốc ý tưởng sản phẩm: ", assessment.idea_origin),
        ("4. Bản sắc/trí tuệ địa phương: ", assessment.local_identity),
    ]
    for heading, text in topics:
        p = _para(doc, align=justify, indent=True)
        _run(p, heading, bold=True)
        _run(p, text)
    _para(
        doc,
        f"Ủy ban nhân dân {dossier.commune.short_name} đề nghị Ủy ban nhân dân "
        f"{dossier.province.short_name} đánh giá, phân hạng sản phẩm OCOP cho sản phẩm "
        f"{dossier.product.name} của {dossier.unit_name}./.",
        align=justify,
        indent=True,
    )
    _signature(
        doc,
        assessment.signer_title,
        assessment.signer_name,
        [f"UBND {dossier.province.short_name}", "Lưu: VT"],
    )
    return _save(doc)


def letter_document(dossier: Dossier, assessment: CommuneAssessment) -> bytes:
    """The commune's letter asking the province to rate the product (QĐ 26/2026 Điều 6.2.a,
    7.2.b), in the công văn layout (trích yếu "V/v …" under the number)."""
    doc = _new_document()
    day = assessment.assessed_on
    _header(
        doc,
        dossier,
        _report_number(dossier, "UBND"),
        day,
        subject="V/v đề nghị đánh giá, phân hạng sản phẩm OCOP",
    )
    centre = WD_ALIGN_PARAGRAPH.CENTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, f"Kính gửi: Ủy ban nhân dân {dossier.province.short_name}.", align=centre)
    samples = (
        f"{dossier.samples_received:02d} sản phẩm mẫu"
        if dossier.samples_received
        else "không có sản phẩm mẫu (sản phẩm dịch vụ du lịch)"
    )
    paragraphs = [
        "Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026 của Thủ tướng Chính phủ "
        "ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình mỗi xã "
        "một sản phẩm;",
        f"Ủy ban nhân dân {dossier.commune.short_name} đã tiếp nhận hồ sơ đăng ký tham gia đánh "
        f"giá, phân hạng sản phẩm OCOP của {dossier.unit_name} đối với sản phẩm "
        f"{dossier.product.name} (phiếu số {dossier.commune_receipt_number}) và đã đánh giá "
        "một số nội dung của hồ sơ (Báo cáo theo Mẫu số 03 gửi kèm).",
        f"Ủy ban nhân dân {dossier.commune.short_name} đề nghị Ủy ban nhân dân "
        f"{dossier.province.short_name} xem xét, đánh giá, phân hạng sản phẩm OCOP cho sản "
        f"phẩm {dossier.product.name} của {dossier.unit_name}.",
        f"Hồ sơ gửi kèm: báo cáo Mẫu số 03; hồ sơ sản phẩm (01 bộ hồ sơ giấy và 01 bộ hồ sơ "
        f"điện tử); {samples}./.",
    ]
    for text in paragraphs:
        _para(doc, text, align=justify, indent=True)
    _signature(
        doc,
        assessment.signer_title,
        assessment.signer_name,
        ["Như trên", dossier.unit_name, "Lưu: VT"],
    )
    return _save(doc)
