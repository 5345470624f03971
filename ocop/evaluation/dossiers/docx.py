"""The commune's Mẫu 03 report and its letter to the province as DOCX.

Both are administrative documents in the layout of Nghị định 30/2020/NĐ-CP Phụ lục I, built by the
shared ``ocop.core.documents`` layer (margins, fonts, header, signature, "Nơi nhận"); this module
only turns a dossier and the commune's assessment into an ``AdminDocument``. Mẫu 03's wording is
QĐ 26/2026 Phụ lục III; the letter follows Điều 6.2.a and 7.2.b.
"""

from __future__ import annotations

from ocop.core.documents.admin_docx import AdminDocument, Lead, Signature, build_docx
from ocop.evaluation.dossiers.models import CommuneAssessment, Dossier

COMMUNE_COMMITTEE = "Ủy ban nhân dân"


def _issuer(dossier: Dossier) -> tuple[str, ...]:
    return ("ỦY BAN NHÂN DÂN", dossier.commune.full_name.upper())


def _signature(assessment: CommuneAssessment) -> Signature:
    """ "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (NĐ 30/2020 Phụ lục I, II.7.b); a vice-chair signs
    "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""
    return Signature.for_signer(
        name=assessment.signer_name,
        title=assessment.signer_title or "Chủ tịch",
        collective=COMMUNE_COMMITTEE,
        head_title="Chủ tịch",
    )


def _report_number(dossier: Dossier, symbol: str) -> str:
    return f"{dossier.pk}/{symbol}-UBND"


def mau03_document(dossier: Dossier, assessment: CommuneAssessment) -> bytes:
    """Mẫu số 03: "Báo cáo đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân
    hạng sản phẩm OCOP" (QĐ 26/2026 Phụ lục III), with the commune's four assessments."""
    producer = dossier.producer
    body: tuple[str | Lead, ...] = (
        Lead("I. THÔNG TIN CHUNG VỀ HỒ SƠ SẢN PHẨM"),
        f"1. Tên chủ thể: {dossier.unit_name}",
        f"2. Loại hình tổ chức: {producer.get_legal_form_display()}",
        f"3. Địa chỉ: {dossier.contact_address}",
        "4. Tên người đại diện pháp luật:",
        f"- Họ tên: {dossier.representative_name}",
        f"- Giới tính: {producer.get_representative_gender_display()}; "
        f"Dân tộc: {producer.representative_ethnicity}",
        f"5. Sản phẩm đăng ký đánh giá: {dossier.product.name}",
        Lead("II. ĐÁNH GIÁ MỘT SỐ NỘI DUNG CỦA HỒ SƠ SẢN PHẨM"),
        Lead("1. Về sử dụng nguyên liệu địa phương: ", assessment.raw_material),
        Lead("2. Về sử dụng lao động địa phương: ", assessment.local_labour),
        Lead("3. Nguồn gốc ý tưởng sản phẩm: ", assessment.idea_origin),
        Lead("4. Bản sắc/trí tuệ địa phương: ", assessment.local_identity),
        f"Ủy ban nhân dân {dossier.commune.short_name} đề nghị Ủy ban nhân dân "
        f"{dossier.province.short_name} đánh giá, phân hạng sản phẩm OCOP cho sản phẩm "
        f"{dossier.product.name} của {dossier.unit_name}./.",
    )
    document = AdminDocument(
        issuer=_issuer(dossier),
        number=_report_number(dossier, "BC"),
        place=dossier.commune.name,
        signed_on=assessment.assessed_on,
        signature=_signature(assessment),
        kind_title="BÁO CÁO",
        summary=(
            "Đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân hạng sản phẩm OCOP"
        ),
        body=body,
        recipients=(f"UBND {dossier.province.short_name}", "Lưu: VT"),
        title_for_metadata=f"Mẫu số 03 — {dossier.product.name}",
    )
    return build_docx(document)


def letter_document(dossier: Dossier, assessment: CommuneAssessment) -> bytes:
    """The commune's letter asking the province to rate the product (QĐ 26/2026 Điều 6.2.a,
    7.2.b), in the công văn layout (trích yếu "V/v …" under the number, NĐ 30/2020 II.5.b)."""
    samples = (
        f"{dossier.samples_received:02d} sản phẩm mẫu"
        if dossier.samples_received
        else "không có sản phẩm mẫu (sản phẩm dịch vụ du lịch)"
    )
    body = (
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
    )
    document = AdminDocument(
        issuer=_issuer(dossier),
        number=_report_number(dossier, "UBND"),
        place=dossier.commune.name,
        signed_on=assessment.assessed_on,
        signature=_signature(assessment),
        summary="đề nghị đánh giá, phân hạng sản phẩm OCOP",
        addressees=(f"Ủy ban nhân dân {dossier.province.short_name}",),
        body=body,
        recipients=("Như trên", dossier.unit_name, "Lưu: VT"),
        title_for_metadata=f"Công văn đề nghị đánh giá — {dossier.product.name}",
    )
    return build_docx(document)
