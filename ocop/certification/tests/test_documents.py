"""Certification documents: the certificate PDF, the recognition and revocation decisions (DOCX),
and their download views (issue 8 item 6).

Expected texts are written out by hand from the records the tests create and from the rules:
QĐ 26/2026 Điều 4.3 (36 months: a decision of 20/06/2026 gives 20/06/2029 under BLDS Điều
147-148), NĐ 30/2020 Phụ lục I (numbers and dates).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from ocop.certification.documents import (
    certificate_context,
    certificate_pdf,
    decision_docx,
    issuer_for,
)
from ocop.certification.models import Certificate
from ocop.certification.services import ResultInput, certificate_revoke, decision_record
from ocop.core.documents.office import docx_to_pdf, pdf_text
from ocop.testing import current_unit, make_producer, make_product, make_user

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2026, 6, 20)


@pytest.fixture
def owner():
    return make_user("chuthe.keo", role="producer")


@pytest.fixture
def records(office, ubnd_vinh_long, province, owner):
    """A recognition of 15/QĐ-UBND (20/06/2026): a 4★ new product, a 3★ re-rating and a
    product scoring 91,5 (potential 5★, no certificate under QĐ 26/2026 Điều 7.3.e)."""
    keo_producer = make_producer("Hợp tác xã Kẹo dừa Cầu Kè", accounts=[owner])
    keo = make_product("Kẹo dừa sáp Cầu Kè", producer=keo_producer, set_number=7)
    other = make_producer("Cơ sở Mắm tép Trà Cuôn", address_detail="Ấp Trà Cuôn")
    mam = make_product("Mắm tép Trà Cuôn", producer=other)
    banh = make_product("Bánh tét lá cẩm", producer=other)
    decision = decision_record(
        actor=office,
        kind="recognition",
        number="15/QĐ-UBND",
        signed_on=DAY,
        authority=ubnd_vinh_long,
        province=province,
        signer_name="Nguyễn Thị Ánh Hồng",
        signer_title="Phó Chủ tịch",
        items=[
            ResultInput(product=mam, star=3, score=Decimal("62.00"), rating_kind="rerating"),
            ResultInput(product=keo, star=4, score=Decimal("85.50"), round_year=2026),
            ResultInput(product=banh, star=None, score=Decimal("91.50"), potential_5=True),
        ],
    )
    return {
        "decision": decision,
        "keo": Certificate.objects.get(product=keo),
        "mam": Certificate.objects.get(product=mam),
        "producer_address": "Ấp Trà Cuôn, xã Cầu Kè, tỉnh Vĩnh Long",
    }


def _paragraph_texts(doc) -> list[str]:
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def test_issuer_is_the_body_as_it_was(ubnd_vinh_long, ubnd_cau_ke, mae):
    province = issuer_for(ubnd_vinh_long)
    assert province.header == ("ỦY BAN NHÂN DÂN", "TỈNH VĨNH LONG")
    assert province.decider == "Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long"
    assert province.place == "Vĩnh Long"
    district = issuer_for(ubnd_cau_ke)
    assert district.header == ("ỦY BAN NHÂN DÂN", "HUYỆN CẦU KÈ")
    assert district.place == "Cầu Kè"
    ministry = issuer_for(mae)
    assert ministry.header == ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",)
    assert ministry.decider == "Bộ trưởng Bộ Nông nghiệp và Môi trường"
    assert ministry.place == "Hà Nội"


def test_recognition_decision_docx(records):
    doc = Document(io.BytesIO(decision_docx(records["decision"])))
    texts = _paragraph_texts(doc)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "TỈNH VĨNH LONG",
        "Số: 15/QĐ-UBND",
        "Vĩnh Long, ngày 20 tháng 6 năm 2026",
        "QUYẾT ĐỊNH",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026 của Thủ tướng Chính phủ "
        "ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm mỗi xã một sản phẩm;",
        # The last recital ends with "." (NĐ 30/2020 Phụ lục I II.6.a); the clerk fills the blanks.
        "Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường tại Tờ trình số …/TTr-SNNMT "
        "ngày ….",
        "Điều 1. Công nhận kết quả đánh giá, phân hạng và cấp Giấy chứng nhận cho 02 sản phẩm "
        "đạt tiêu chuẩn sản phẩm OCOP tỉnh Vĩnh Long năm 2026, gồm: 01 sản phẩm đạt hạng 4 sao, "
        "01 sản phẩm đạt hạng 3 sao (chi tiết tại Phụ lục kèm theo).",
        "Sản phẩm được công nhận được cấp Giấy chứng nhận sản phẩm OCOP; Giấy chứng nhận có giá "
        "trị 36 tháng kể từ ngày ký Quyết định này.",
        "Phê duyệt kết quả đánh giá đối với 01 sản phẩm có tiềm năng đạt hạng 5 sao (đạt từ 90 "
        "điểm trở lên, ghi chú tại Phụ lục) và đề nghị Bộ Nông nghiệp và Môi trường đánh giá, "
        "phân hạng sản phẩm OCOP 5 sao theo quy định.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        # A vice-chair signs for the chairman, who decides in person (QĐ 26/2026 Điều 7.3.e).
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thị Ánh Hồng",
        "Nơi nhận:",
        "- Lưu: VT.",
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 20 tháng 6 năm 2026 của Chủ tịch Ủy ban nhân "
        "dân tỉnh Vĩnh Long)",
    ):
        assert expected in texts, expected
    assert "TM. ỦY BAN NHÂN DÂN" not in texts
    annex = doc.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in annex.rows]
    address = "xã Cầu Kè, tỉnh Vĩnh Long"
    assert rows == [
        ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Điểm", "Hạng sao", "Ghi chú"],
        [
            "1",
            "Bánh tét lá cẩm",
            "Cơ sở Mắm tép Trà Cuôn",
            records["producer_address"],
            "91,5",
            "",
            "Cấp mới; tiềm năng 5 sao (từ 90 điểm), đề nghị cấp trung ương đánh giá",
        ],
        [
            "2",
            "Kẹo dừa sáp Cầu Kè",
            "Hợp tác xã Kẹo dừa Cầu Kè",
            address,
            "85,5",
            "4 sao",
            "Cấp mới",
        ],
        [
            "3",
            "Mắm tép Trà Cuôn",
            "Cơ sở Mắm tép Trà Cuôn",
            records["producer_address"],
            "62",
            "3 sao",
            "Công nhận lại",
        ],
    ]


def test_revocation_decision_cites_ground_and_original_decision(records, office, province):
    revocation = certificate_revoke(
        actor=office,
        certificates=[records["keo"]],
        number="9/QĐ-UBND",
        signed_on=D(2026, 10, 5),
        ground="dd",
        reason="Cơ sở ngừng sản xuất từ tháng 9/2026.",
        concluded_on=D(2026, 10, 1),
        province=province,
        signer_name="Trần Văn Bình",
        signer_title="Chủ tịch",
    )
    texts = _paragraph_texts(Document(io.BytesIO(decision_docx(revocation))))
    for expected in (
        "Số: 09/QĐ-UBND",
        "Vĩnh Long, ngày 05 tháng 10 năm 2026",
        "Về việc thu hồi Giấy chứng nhận sản phẩm OCOP",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG",
        "Căn cứ Quyết định số 15/QĐ-UBND ngày 20 tháng 6 năm 2026 của Chủ tịch Ủy ban nhân dân "
        "tỉnh Vĩnh Long;",
        "Căn cứ kết luận của cơ quan có thẩm quyền ngày 01 tháng 10 năm 2026;",
        "Điều 1. Thu hồi Giấy chứng nhận sản phẩm OCOP đối với 01 sản phẩm, cụ thể như sau:",
        f"1. Sản phẩm Kẹo dừa sáp Cầu Kè, hạng 4 sao, của Hợp tác xã Kẹo dừa Cầu Kè (địa chỉ: "
        f"xã Cầu Kè, tỉnh Vĩnh Long); Giấy chứng nhận số {records['keo'].number}, được công nhận "
        "tại Quyết định số 15/QĐ-UBND ngày 20 tháng 6 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh "
        "Vĩnh Long. Lý do thu hồi: chủ thể OCOP không còn hoạt động sản xuất sản phẩm OCOP "
        "(điểm đ khoản 1 Điều 8 Quyết định số 26/2026/QĐ-TTg): Cơ sở ngừng sản xuất từ tháng "
        "9/2026.",
        "CHỦ TỊCH",
        "Trần Văn Bình",
    ):
        assert expected in texts, expected
    assert "KT. CHỦ TỊCH" not in texts


def test_revocation_of_a_district_certificate_cites_the_district_decision(
    office, province, ubnd_cau_ke
):
    product = make_product("Rượu Xuân Thạnh")
    original = decision_record(
        actor=office,
        kind="recognition",
        number="4894/QĐ-UBND",
        signed_on=D(2024, 11, 12),
        authority=ubnd_cau_ke,
        province=province,
        is_legacy=True,
        items=[ResultInput(product=product, star=3, edition="148-2023", process="148-2023")],
    )
    certificate = Certificate.objects.get(decision=original)
    revocation = certificate_revoke(
        actor=office,
        certificates=[certificate],
        number="12/QĐ-UBND",
        signed_on=D(2026, 10, 5),
        ground="c",
        reason="Vi phạm quy định về ghi nhãn hàng hóa",
        concluded_on=D(2026, 10, 1),
        province=province,
    )
    texts = " ".join(_paragraph_texts(Document(io.BytesIO(decision_docx(revocation)))))
    assert (
        "Căn cứ Quyết định số 4894/QĐ-UBND ngày 12 tháng 11 năm 2024 của Chủ tịch Ủy ban nhân "
        "dân huyện Cầu Kè;"
    ) in texts
    assert (
        "(điểm c khoản 1 Điều 8 Quyết định số 26/2026/QĐ-TTg): Vi phạm quy định về ghi nhãn "
        "hàng hóa."
    ) in texts
    # The revocation itself is signed by today's provincial committee.
    assert "TỈNH VĨNH LONG" in texts


def test_certificate_context_points_the_qr_to_the_public_page(records, settings):
    settings.OCOP_PUBLIC_BASE_URL = "https://ocop.vinhlong.gov.vn"
    certificate = records["keo"]
    context = certificate_context(certificate, on=D(2026, 7, 1))
    number = certificate.number
    assert context["verify_url"] == f"https://ocop.vinhlong.gov.vn/xac-thuc/{number}"
    assert context["valid_until"] == "20/06/2029"
    assert context["decision_number"] == "15/QĐ-UBND"
    assert context["star"] == 4
    assert str(context["qr"]).startswith("<svg")
    assert context["stamp"] == ""
    assert context["signature_lines"] == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


@pytest.mark.office
def test_certificate_pdf_text(records, tmp_path):
    certificate = records["keo"]
    text = pdf_text(certificate_pdf(certificate, on=D(2026, 7, 1)), tmp_path)
    flat = " ".join(text.split())
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "TỈNH VĨNH LONG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP",
        "KẸO DỪA SÁP CẦU KÈ",
        "Hợp tác xã Kẹo dừa Cầu Kè",
        "Đạt hạng 4 sao",
        "Quyết định công nhận số: 15/QĐ-UBND",
        "Có giá trị đến ngày: 20/06/2029",
        f"Số Giấy chứng nhận: {certificate.number}",
        "Nguyễn Thị Ánh Hồng",
    ):
        assert expected in flat, expected
    assert "ĐÃ BỊ THU HỒI" not in flat
    assert text.count("\f") == 1  # one page


@pytest.mark.office
def test_revoked_certificate_pdf_is_stamped(records, office, province, tmp_path):
    certificate_revoke(
        actor=office,
        certificates=[records["mam"]],
        number="9/QĐ-UBND",
        signed_on=D(2026, 10, 5),
        ground="b",
        reason="Không còn đạt tiêu chí theo kết luận kiểm tra",
        concluded_on=D(2026, 10, 1),
        province=province,
    )
    certificate = Certificate.objects.get(pk=records["mam"].pk)
    text = " ".join(pdf_text(certificate_pdf(certificate, on=D(2026, 10, 6)), tmp_path).split())
    assert "ĐÃ BỊ THU HỒI" in text
    assert "Đạt hạng 3 sao" in text


@pytest.mark.office
def test_decisions_convert_with_libreoffice(records, office, province, tmp_path):
    recognition = docx_to_pdf(decision_docx(records["decision"]), tmp_path / "a")
    text = " ".join(pdf_text(recognition, tmp_path / "a").split())
    for expected in (
        "QUYẾT ĐỊNH",
        "Số: 15/QĐ-UBND",
        "Kẹo dừa sáp Cầu Kè",
        "Mắm tép Trà Cuôn",
        "Bánh tét lá cẩm",
        "Nguyễn Thị Ánh Hồng",
        "có giá trị 36 tháng kể từ ngày ký",
    ):
        assert expected in text, expected
    revocation = certificate_revoke(
        actor=office,
        certificates=[records["keo"]],
        number="9/QĐ-UBND",
        signed_on=D(2026, 10, 5),
        ground="dd",
        reason="Ngừng sản xuất",
        concluded_on=D(2026, 10, 1),
        province=province,
    )
    pdf = docx_to_pdf(decision_docx(revocation), tmp_path / "b")
    text = " ".join(pdf_text(pdf, tmp_path / "b").split())
    assert "Thu hồi Giấy chứng nhận sản phẩm OCOP đối với 01 sản phẩm" in text
    assert "Kẹo dừa sáp Cầu Kè" in text


# --- views: who may download -----------------------------------------------------------------


@pytest.fixture
def people(office, owner):
    return {
        "office": office,
        "owner": owner,
        "other_producer": make_user("chuthe.khac", role="producer"),
        "office_elsewhere": make_user(
            "office01", role="province_office", units=[current_unit("province", "01")]
        ),
        "national": make_user("quocgia.1", role="national_office"),
        "council": make_user("hoidong.x", role="council_member"),
    }


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("other_producer", 404),
        ("office_elsewhere", 404),
        ("council", 404),
        ("owner", 200),
        ("office", 200),
        ("national", 200),
    ],
)
def test_certificate_pdf_permissions(client, records, people, who, status):
    url = reverse("certification_documents:certificate_pdf", args=[records["keo"].pk])
    response = _get(client, people[who], url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert response["Content-Disposition"].startswith("inline; filename=")
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("other_producer", 404),
        ("office_elsewhere", 404),
        ("council", 404),
        ("owner", 200),
        ("office", 200),
        ("national", 200),
    ],
)
def test_decision_docx_permissions(client, records, people, who, status):
    url = reverse("certification_documents:decision_docx", args=[records["decision"].pk])
    response = _get(client, people[who], url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        assert response["Content-Disposition"] == (
            'attachment; filename="quyet-dinh-15-qd-ubnd.docx"'
        )
        Document(io.BytesIO(response.content))  # a readable DOCX


def test_anonymous_is_sent_to_login(client, records):
    for url in (
        reverse("certification_documents:certificate_pdf", args=[records["keo"].pk]),
        reverse("certification_documents:decision_docx", args=[records["decision"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_downloads_change_nothing_and_refuse_post(client, records, people):
    before = (Certificate.objects.count(), list(Certificate.objects.values_list("pk", "number")))
    client.force_login(people["office"])
    url = reverse("certification_documents:certificate_pdf", args=[records["keo"].pk])
    assert client.post(url).status_code == 405
    assert client.get(url).status_code == 200
    after = (Certificate.objects.count(), list(Certificate.objects.values_list("pk", "number")))
    assert after == before


def test_result_approval_has_no_document(client, office, ubnd_vinh_long, province, people):
    product = make_product("Trà mãng cầu")
    approval = decision_record(
        actor=office,
        kind="result_approval",
        number="16/QĐ-UBND",
        signed_on=DAY,
        authority=ubnd_vinh_long,
        province=province,
        items=[ResultInput(product=product, star=None, score=Decimal("92"), potential_5=True)],
    )
    client.force_login(office)
    url = reverse("certification_documents:decision_docx", args=[approval.pk])
    assert client.get(url).status_code == 404
