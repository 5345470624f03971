"""The administrative DOCX builder, read back with python-docx and (office) through LibreOffice.

Expected values come from NĐ 30/2020/NĐ-CP Phụ lục I (sizes and styles per element, margins,
page numbering), not from the builder's constants.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image

from ocop.core.documents.admin_docx import (
    AdminDocument,
    Annex,
    Article,
    Lead,
    Picture,
    Signature,
    TableBlock,
    build_docx,
)
from ocop.core.documents.office import docx_to_pdf, pdf_text


def _decision(**overrides):
    values = {
        "issuer": ("ỦY BAN NHÂN DÂN", "TỈNH VĨNH LONG"),
        "number": "5/QĐ-UBND",
        "place": "Vĩnh Long",
        "signed_on": date(2026, 1, 5),
        "kind_title": "QUYẾT ĐỊNH",
        "summary": "Về việc công nhận sản phẩm đạt tiêu chuẩn OCOP năm 2025",
        "authority": "Ủy ban nhân dân tỉnh Vĩnh Long",
        "recitals": (
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
            "Căn cứ Quyết định số 26/2026/QĐ-TTg của Thủ tướng Chính phủ;",
            "Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.",
        ),
        "enacting": "QUYẾT ĐỊNH:",
        "articles": (
            Article(1, text="Công nhận 01 sản phẩm đạt tiêu chuẩn OCOP.", paragraphs=("Khoản.",)),
            Article(2, text="Quyết định này có hiệu lực kể từ ngày ký."),
        ),
        "signature": Signature.for_signer(
            name="Nguyễn Thị Ánh Hồng",
            title="Phó Chủ tịch",
            collective="Ủy ban nhân dân",
            head_title="Chủ tịch",
        ),
        "recipients": ("Như Điều 2;", "- Bộ Nông nghiệp và Môi trường", "Lưu: VT, KT"),
        "issuer_name": "Ủy ban nhân dân tỉnh Vĩnh Long",
    }
    values.update(overrides)
    return AdminDocument(**values)


def _read(document):
    return Document(io.BytesIO(build_docx(document)))


def _all_paragraphs(doc):
    found = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


def _paragraph(doc, text):
    matches = [p for p in _all_paragraphs(doc) if p.text == text]
    assert len(matches) == 1, f"{text!r}: {len(matches)} paragraphs"
    return matches[0]


def _mm(length):
    return round(length.mm, 1)


def _runs(paragraph):
    return [run for run in paragraph.runs if run.text]


def _sizes(paragraph):
    return {run.font.size.pt for run in _runs(paragraph)}


def _all_bold(paragraph):
    return all(run.font.bold for run in _runs(paragraph))


def _all_italic(paragraph):
    return all(run.font.italic for run in _runs(paragraph))


def test_page_is_a4_with_the_decree_margins():
    doc = _read(_decision())
    section = doc.sections[0]
    # Lengths are stored in twentieths of a point: compare to a tenth of a millimetre.
    assert (_mm(section.page_width), _mm(section.page_height)) == (210.0, 297.0)
    assert 20 <= _mm(section.top_margin) <= 25
    assert 20 <= _mm(section.bottom_margin) <= 25
    assert 30 <= _mm(section.left_margin) <= 35
    assert 15 <= _mm(section.right_margin) <= 20


def test_times_new_roman_on_every_script_slot_and_every_run():
    doc = _read(_decision())
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert rfonts.get(qn(slot)) == "Times New Roman"
    runs = [run for p in _all_paragraphs(doc) for run in _runs(p)]
    assert len(runs) > 20
    assert {run.font.name for run in runs} == {"Times New Roman"}


def test_header_national_title_motto_issuer_number_and_date():
    doc = _read(_decision())
    national = _paragraph(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert _sizes(national) <= {12.0, 13.0}
    assert _all_bold(national)
    motto = _paragraph(doc, "Độc lập - Tự do - Hạnh phúc")
    assert _sizes(motto) <= {13.0, 14.0}
    assert _all_bold(motto)
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH VĨNH LONG"):
        issuer = _paragraph(doc, line)
        assert _sizes(issuer) <= {12.0, 13.0}
        assert _all_bold(issuer)
    number = _paragraph(doc, "Số: 05/QĐ-UBND")
    assert _sizes(number) == {13.0}
    place_date = _paragraph(doc, "Vĩnh Long, ngày 05 tháng 01 năm 2026")
    assert _sizes(place_date) <= {13.0, 14.0}
    assert _all_italic(place_date)
    # Issuer and number share the left column, title and date the right (ô số 1-4).
    header = doc.tables[0]
    assert "ỦY BAN NHÂN DÂN" in header.cell(0, 0).text
    assert "CỘNG HÒA" in header.cell(0, 1).text
    assert header.cell(1, 0).text == "Số: 05/QĐ-UBND"
    assert header.cell(1, 1).text == "Vĩnh Long, ngày 05 tháng 01 năm 2026"


def test_rules_beneath_motto_issuer_and_summary():
    doc = _read(_decision())
    ruled = [
        p
        for p in _all_paragraphs(doc)
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    assert len(ruled) == 3  # under the issuer, the motto and the summary


def test_title_summary_authority_recitals_articles():
    doc = _read(_decision())
    title = _paragraph(doc, "QUYẾT ĐỊNH")
    assert _sizes(title) <= {13.0, 14.0}
    assert _all_bold(title)
    summary = _paragraph(doc, "Về việc công nhận sản phẩm đạt tiêu chuẩn OCOP năm 2025")
    assert _all_bold(summary)
    authority = _paragraph(doc, "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG")
    assert _all_bold(authority)
    # Each recital ends ";", the last "." (II.6.a), whatever the caller typed.
    first = _paragraph(doc, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
    _paragraph(doc, "Căn cứ Quyết định số 26/2026/QĐ-TTg của Thủ tướng Chính phủ;")
    last = _paragraph(doc, "Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.")
    assert _all_italic(first)
    assert _all_italic(last)
    assert _sizes(first) <= {13.0, 14.0}
    article = _paragraph(doc, "Điều 1. Công nhận 01 sản phẩm đạt tiêu chuẩn OCOP.")
    bold_runs = [run.text for run in _runs(article) if run.font.bold]
    assert bold_runs == ["Điều 1."]
    fmt = article.paragraph_format
    assert _mm(fmt.first_line_indent) in (10.0, 12.7)
    assert fmt.space_after >= Pt(6)
    assert article.alignment == 3  # justified (WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph(doc, "QUYẾT ĐỊNH:")


def test_signature_block_and_recipients():
    doc = _read(_decision())
    for line in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Ánh Hồng"):
        paragraph = _paragraph(doc, line)
        assert _sizes(paragraph) <= {13.0, 14.0}
        assert _all_bold(paragraph)
    heading = _paragraph(doc, "Nơi nhận:")
    assert _sizes(heading) == {12.0}
    assert _all_bold(heading)
    assert _all_italic(heading)
    listed = [_paragraph(doc, t) for t in ("- Như Điều 2;", "- Bộ Nông nghiệp và Môi trường;")]
    listed.append(_paragraph(doc, "- Lưu: VT, KT."))
    for paragraph in listed:
        assert _sizes(paragraph) == {11.0}
        assert not any(run.font.bold for run in _runs(paragraph))
    # "Nơi nhận:" is level with the signer's authority (II.9.d, ô 9b): same table row.
    signature_table = doc.tables[-1]
    assert signature_table.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    assert signature_table.cell(0, 1).paragraphs[0].text == "TM. ỦY BAN NHÂN DÂN"


def test_chair_signs_without_kt():
    signature = Signature.for_signer(
        name="Trần Văn B", title="Chủ tịch", collective="Ủy ban nhân dân", head_title="Chủ tịch"
    )
    assert signature.lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def test_page_numbers_in_the_header_not_on_the_first_page():
    doc = _read(_decision())
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    instructions = [node.text.strip() for node in section.header._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert section.header.paragraphs[0].alignment == 1  # centred
    first_header_text = "".join(p.text for p in section.first_page_header.paragraphs)
    assert first_header_text == ""
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))


def test_annex_on_its_own_numbered_pages_with_caption_and_table():
    annex = Annex(
        title="Danh sách sản phẩm",
        columns=("STT", "Tên sản phẩm", "Hạng sao"),
        rows=(("1", "Kẹo dừa sáp Cầu Kè", "4 sao"), ("2", "Mắm tép", "3 sao")),
        landscape=True,
    )
    doc = _read(_decision(annexes=(annex,)))
    assert len(doc.sections) == 2
    annex_section = doc.sections[1]
    assert (_mm(annex_section.page_width), _mm(annex_section.page_height)) == (297.0, 210.0)
    assert annex_section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    heading = _paragraph(doc, "Phụ lục")
    assert _sizes(heading) == {14.0}
    assert _all_bold(heading)
    title = _paragraph(doc, "DANH SÁCH SẢN PHẨM")
    assert _all_bold(title)
    caption = _paragraph(
        doc,
        "(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 01 năm 2026 "
        "của Ủy ban nhân dân tỉnh Vĩnh Long)",
    )
    assert _all_italic(caption)
    table = doc.tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == ["STT", "Tên sản phẩm", "Hạng sao"]
    assert all(_all_bold(cell.paragraphs[0]) for cell in table.rows[0].cells)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [cell.text for cell in table.rows[2].cells] == ["2", "Mắm tép", "3 sao"]


def test_two_annexes_are_numbered_in_roman():
    annexes = (Annex(title="A", numeral="I"), Annex(title="B", numeral="II"))
    doc = _read(_decision(annexes=annexes))
    _paragraph(doc, "Phụ lục I")
    _paragraph(doc, "Phụ lục II")


def test_letter_has_vv_under_the_number_and_kinh_gui():
    letter = AdminDocument(
        issuer=("ỦY BAN NHÂN DÂN", "XÃ CẦU KÈ"),
        parent=("TỈNH VĨNH LONG",),
        number="12/UBND-VP",
        place="Cầu Kè",
        signed_on=date(2026, 3, 2),
        summary="đề nghị đánh giá, phân hạng sản phẩm OCOP",
        addressees=("Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long",),
        body=("Ủy ban nhân dân xã Cầu Kè kính gửi hồ sơ …",),
        signature=Signature.for_signer(
            name="Lê Văn Cường", title="Chủ tịch", collective="Ủy ban nhân dân"
        ),
        recipients=("Như trên", "Lưu: VT"),
    )
    doc = _read(letter)
    header = doc.tables[0]
    assert [p.text for p in header.cell(1, 0).paragraphs] == [
        "Số: 12/UBND-VP",
        "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP",
    ]
    vv = header.cell(1, 0).paragraphs[1]
    assert _sizes(vv) <= {12.0, 13.0}
    assert not _all_bold(vv)
    parent = _paragraph(doc, "TỈNH VĨNH LONG")
    assert not any(run.font.bold for run in _runs(parent))  # parent body: regular (II.2.b)
    assert _all_bold(_paragraph(doc, "XÃ CẦU KÈ"))
    _paragraph(doc, "Kính gửi: Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long.")
    _paragraph(doc, "Ngày 02 tháng 3 năm 2026".replace("Ngày", "Cầu Kè, ngày"))
    assert "QUYẾT ĐỊNH" not in [p.text for p in _all_paragraphs(doc)]


def test_draft_without_number_or_date():
    doc = _read(_decision(number="/QĐ-UBND", signed_on=None, year=2026))
    blank = "\u00a0" * 6
    _paragraph(doc, f"Số: {blank}/QĐ-UBND")
    _paragraph(doc, f"Vĩnh Long, ngày {blank} tháng {blank} năm 2026")


@pytest.mark.office
def test_libreoffice_converts_it_and_the_text_keeps_its_diacritics(tmp_path):
    annex = Annex(
        title="Danh sách sản phẩm",
        columns=("STT", "Tên sản phẩm"),
        rows=(("1", "Bánh tét lá cẩm Trà Cuôn"),),
    )
    # Enough clauses for the decision to run onto a second page.
    long_article = Article(
        3, text="Giao nhiệm vụ:", paragraphs=tuple(f"{i}. Nhiệm vụ số {i}." for i in range(1, 41))
    )
    decision = _decision(annexes=(annex,), articles=(*_decision().articles, long_article))
    pdf = docx_to_pdf(build_docx(decision), tmp_path)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "QUYẾT ĐỊNH",
        "Số: 05/QĐ-UBND",
        "Vĩnh Long, ngày 05 tháng 01 năm 2026",
        "Nguyễn Thị Ánh Hồng",
        "Bánh tét lá cẩm Trà Cuôn",
    ):
        assert expected in text
    pages = [page.strip() for page in text.split("\f") if page.strip()]
    assert len(pages) == 3
    # I.7: no number on page 1, "2" centred at the top of page 2; the annex (III.1.đ) is
    # numbered on its own and its first page shows none.
    assert pages[0].startswith("ỦY BAN NHÂN DÂN")
    assert pages[1].splitlines()[0].strip() == "2"
    assert pages[2].startswith("Phụ lục")


def test_signature_block_does_not_split_across_pages():
    doc = _read(_decision())
    signature_row = doc.tables[-1].rows[0]._tr
    assert signature_row.trPr.find(qn("w:cantSplit")) is not None


def test_report_body_with_bold_leads():
    """A report's heading and an item's label are bold, the text after a label is not."""
    report = _decision(
        kind_title="BÁO CÁO",
        summary="Đánh giá một số nội dung của hồ sơ",
        authority="",
        recitals=(),
        enacting="",
        articles=(),
        body=(Lead("I. THÔNG TIN CHUNG"), Lead("1. Về nguyên liệu: ", "Gừng của 12 hộ"), "Đoạn."),
    )
    doc = _read(report)
    assert _all_bold(_paragraph(doc, "I. THÔNG TIN CHUNG"))
    item = _paragraph(doc, "1. Về nguyên liệu: Gừng của 12 hộ")
    assert [(run.text, bool(run.font.bold)) for run in _runs(item)] == [
        ("1. Về nguyên liệu: ", True),
        ("Gừng của 12 hộ", False),
    ]
    assert not any(run.font.bold for run in _runs(_paragraph(doc, "Đoạn.")))


def test_picture_in_the_body_and_several_tables_in_one_annex():
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(png, format="PNG")
    report = _decision(
        body=("Đoạn mở đầu.", Picture(png.getvalue(), width_cm=10, title="Sản phẩm theo hạng sao")),
        annexes=(
            Annex(
                title="Bảng số liệu",
                tables=(
                    TableBlock("1. Theo hạng sao", ("Chỉ tiêu", "Giá trị"), (("3 sao", "6"),)),
                    TableBlock("2. Theo loại hình", ("Chỉ tiêu", "Giá trị"), (("HTX", "2"),)),
                ),
                paragraphs_after=("Quy tắc: đếm mỗi sản phẩm một lần.",),
            ),
        ),
    )
    doc = _read(report)
    assert _all_bold(_paragraph(doc, "Sản phẩm theo hạng sao"))
    assert len(doc.inline_shapes) == 1
    assert round(doc.inline_shapes[0].width.cm, 1) == 10.0
    texts = [p.text for p in doc.paragraphs]
    assert texts.index("1. Theo hạng sao") < texts.index("2. Theo loại hình")
    annex_tables = doc.tables[-2:]
    assert [[c.text for c in row.cells] for row in annex_tables[0].rows] == [
        ["Chỉ tiêu", "Giá trị"],
        ["3 sao", "6"],
    ]
    assert annex_tables[1].rows[1].cells[0].text == "HTX"
    _paragraph(doc, "Quy tắc: đếm mỗi sản phẩm một lần.")
