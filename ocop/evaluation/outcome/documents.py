"""Written notices of results (QĐ 26/2026 Điều 7.3.g) as DOCX in the format of NĐ 30/2020, and
the 5★ dossier the province sends to the ministry (Điều 6.3.a) as a ZIP.

The notices come from the provincial OCOP agency (the Department of Agriculture and Environment,
Điều 7.3.g) to the producer and to the commune that forwarded the dossier. No Django request
here: callers pass the records.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import PurePath

from django.utils import timezone

from ocop.certification.documents import issuer_for, producer_address
from ocop.certification.models import Decision
from ocop.core.documents.admin_docx import AdminDocument, Annex, Signature, build_docx
from ocop.core.documents.formats import date_dmy, date_long, document_number
from ocop.evaluation.outcome.choices import ProposalOutcome
from ocop.evaluation.outcome.models import Proposal
from ocop.geo.models import AdminUnit

_QD_26 = (
    "Quyết định số 26/2026/QĐ-TTg của Thủ tướng Chính phủ ban hành Bộ tiêu chí và quy trình "
    "đánh giá, phân hạng sản phẩm Chương trình Mỗi xã một sản phẩm"
)
SYMBOL = "TB-SNNMT"
DEPARTMENT = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"


def num(value: Decimal | None) -> str:
    """85,5 — decimal comma, no trailing zeros (the project's number format)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def _citation(decision: Decision) -> str:
    issuer = issuer_for(decision.authority)
    when = date_long(decision.signed_on) if decision.signed_on else ""
    return f"Quyết định số {document_number(decision.number)} {when} của {issuer.decider}".replace(
        "  ", " "
    )


def _province(proposal: Proposal) -> AdminUnit:
    return proposal.dossier.province


def result_line(proposal: Proposal) -> str:
    """The result of one proposal in words, as the notice prints it."""
    score = num(proposal.total)
    decision = proposal.decision
    if proposal.outcome == ProposalOutcome.RECOGNISE:
        text = (
            f"đạt {score} điểm, hạng {proposal.star} sao" if score else f"hạng {proposal.star} sao"
        )
        if decision is not None:
            text += f"; được công nhận tại {_citation(decision)}"
        else:
            text += "; Hội đồng đề nghị công nhận"
        return text
    if proposal.outcome == ProposalOutcome.POTENTIAL_5:
        text = f"đạt {score} điểm (từ 90 điểm trở lên)"
        if decision is not None and proposal.star == 5 and decision.kind == "recognition":
            text += f"; được cấp Giấy chứng nhận 4 sao tại {_citation(decision)}"
        elif decision is not None:
            text += f"; kết quả được phê duyệt tại {_citation(decision)}"
        text += (
            "; hồ sơ được gửi Bộ Nông nghiệp và Môi trường để đánh giá, công nhận sản phẩm "
            "OCOP 5 sao"
        )
        return text
    return f"đạt {score} điểm, chưa đạt hạng 3 sao; không ban hành quyết định công nhận"


def _signature() -> Signature:
    return Signature(lines=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), name="")


def _header(province: AdminUnit) -> dict[str, object]:
    return {
        "parent": (f"UBND {province.short_name.upper()}",),
        "issuer": (DEPARTMENT,),
        "number": f"/{SYMBOL}",
        "place": province.name,
        "kind_title": "THÔNG BÁO",
        "signature": _signature(),
    }


def producer_notice_document(proposal: Proposal, *, on: dt.date | None = None) -> AdminDocument:
    """The notice to the producer: the score and the result; below 3★ why and what to improve —
    the gap to 3★ computed by the criteria engine (QĐ 26/2026 Điều 4.1.a, 7.3.g)."""
    dossier = proposal.dossier
    province = _province(proposal)
    round_ = proposal.round
    body = [
        f"Căn cứ {_QD_26};",
        (
            f"Căn cứ kết quả đánh giá, phân hạng của Hội đồng đánh giá, phân hạng sản phẩm OCOP "
            f"{province.short_name} đợt {round_.number} năm {round_.year}, Sở Nông nghiệp và Môi "
            "trường thông báo kết quả đánh giá, phân hạng sản phẩm như sau:"
        ),
        f"Sản phẩm: {dossier.product.name}.",
        f"Chủ thể: {dossier.producer.name} (địa chỉ: {producer_address(dossier.producer)}).",
        f"Kết quả: {result_line(proposal)}.",
    ]
    if proposal.outcome == ProposalOutcome.NOT_RECOGNISED:
        if proposal.reason:
            body.append(f"Lý do: {proposal.reason}.")
        gap = proposal.gap or {}
        lines = list(gap.get("lines", []))
        if lines:
            body.append(
                f"Để đạt hạng {gap.get('target', 3)} sao, sản phẩm cần bổ sung tối thiểu "
                f"{num(Decimal(str(gap.get('added', '0'))))} điểm, cụ thể cần cải thiện:"
            )
            body.extend(f"- {line}" for line in lines)
        body.append(
            "Chủ thể có thể hoàn thiện sản phẩm và hồ sơ để đăng ký đánh giá, phân hạng ở các "
            "đợt tiếp theo."
        )
    body.append("Sở Nông nghiệp và Môi trường thông báo để chủ thể biết, thực hiện./.")
    return AdminDocument(
        **_header(province),  # type: ignore[arg-type]
        signed_on=on,
        year=(on or timezone.localdate()).year,
        summary=f"Kết quả đánh giá, phân hạng sản phẩm {dossier.product.name}",
        addressees=(dossier.producer.name,),
        body=tuple(body),
        recipients=(
            "Như trên",
            f"UBND {dossier.commune.short_name}",
            "Lưu: VT",
        ),
        title_for_metadata=f"Thông báo kết quả — {dossier.product.name}",
    )


def commune_notice_document(
    proposals: list[Proposal], *, commune: AdminUnit, on: dt.date | None = None
) -> AdminDocument:
    """The notice to a commune: every product it forwarded in the round and its result."""
    if not proposals:
        raise ValueError("No proposal for this commune.")
    round_ = proposals[0].round
    province = _province(proposals[0])
    rows = tuple(
        (
            str(index),
            p.dossier.product.name,
            p.dossier.producer.name,
            num(p.total),
            (
                f"{p.star} sao"
                if p.outcome == ProposalOutcome.RECOGNISE
                else p.get_outcome_display()
            ),
            (document_number(p.decision.number) if p.decision else ""),
        )
        for index, p in enumerate(proposals, start=1)
    )
    body = (
        f"Căn cứ {_QD_26};",
        (
            f"Căn cứ kết quả đánh giá, phân hạng của Hội đồng đánh giá, phân hạng sản phẩm OCOP "
            f"{province.short_name} đợt {round_.number} năm {round_.year}, Sở Nông nghiệp và Môi "
            f"trường thông báo kết quả đánh giá, phân hạng {len(proposals):02d} sản phẩm do "
            f"Ủy ban nhân dân {commune.short_name} đề nghị (chi tiết tại Phụ lục kèm theo)."
        ),
        *(f"- {p.dossier.product.name}: {result_line(p)}." for p in proposals),
        (
            f"Đề nghị Ủy ban nhân dân {commune.short_name} thông báo đến các chủ thể, hướng dẫn "
            "sử dụng nhãn hiệu chứng nhận OCOP và theo dõi, giám sát sản phẩm sau công nhận./."
        ),
    )
    annex = Annex(
        title="Kết quả đánh giá, phân hạng sản phẩm OCOP",
        columns=("STT", "Tên sản phẩm", "Chủ thể", "Điểm", "Kết quả", "Quyết định"),
        rows=rows,
        widths_cm=(1.2, 4.5, 4.5, 1.6, 3.0, 3.0),
        centred_columns=frozenset({0, 3}),
        caption="(Kèm theo Thông báo của Sở Nông nghiệp và Môi trường)",
    )
    return AdminDocument(
        **_header(province),  # type: ignore[arg-type]
        signed_on=on,
        year=(on or timezone.localdate()).year,
        summary=f"Kết quả đánh giá, phân hạng sản phẩm OCOP đợt {round_.number} năm {round_.year}",
        addressees=(f"Ủy ban nhân dân {commune.short_name}",),
        body=body,
        recipients=("Như trên", "Lưu: VT"),
        annexes=(annex,),
        title_for_metadata=f"Thông báo kết quả — {commune.short_name}",
    )


def producer_notice_docx(proposal: Proposal, *, on: dt.date | None = None) -> bytes:
    return build_docx(producer_notice_document(proposal, on=on))


def commune_notice_docx(
    proposals: list[Proposal], *, commune: AdminUnit, on: dt.date | None = None
) -> bytes:
    return build_docx(commune_notice_document(proposals, commune=commune, on=on))


# --- the 5★ dossier for the ministry (QĐ 26/2026 Điều 6.3.a) -------------------------------------


def ministry_letter_document(proposal: Proposal, *, on: dt.date | None = None) -> AdminDocument:
    dossier = proposal.dossier
    province = _province(proposal)
    body = [
        f"Căn cứ {_QD_26};",
        (
            f"Ủy ban nhân dân {province.short_name} đề nghị Bộ Nông nghiệp và Môi trường tổ chức "
            f"đánh giá, công nhận sản phẩm OCOP 5 sao đối với sản phẩm {dossier.product.name} "
            f"của {dossier.producer.name}, đạt {num(proposal.total)} điểm tại Hội đồng cấp tỉnh "
            f"đợt {proposal.round.number} năm {proposal.round.year}."
        ),
    ]
    if proposal.decision is not None:
        body.append(f"Kết quả đánh giá đã được phê duyệt tại {_citation(proposal.decision)}.")
    body.append("Hồ sơ gửi kèm theo danh mục tại Điều 6.3.a Quyết định số 26/2026/QĐ-TTg./.")
    return AdminDocument(
        issuer=("ỦY BAN NHÂN DÂN", province.short_name.upper()),
        number="/UBND-KT",
        place=province.name,
        signed_on=on,
        year=(on or timezone.localdate()).year,
        summary="Đề nghị đánh giá, công nhận sản phẩm OCOP 5 sao",
        addressees=("Bộ Nông nghiệp và Môi trường",),
        body=tuple(body),
        signature=Signature(lines=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
        recipients=("Như trên", "Sở Nông nghiệp và Môi trường", "Lưu: VT"),
        title_for_metadata="Đề nghị đánh giá sản phẩm OCOP 5 sao",
    )


def five_star_manifest(proposal: Proposal) -> list[tuple[str, str]]:
    """What goes to the ministry (QĐ 26/2026 Điều 6.3.a) and where it is in the package."""
    dossier = proposal.dossier
    documents = list(dossier.documents.order_by("kind", "pk"))
    decision = proposal.decision
    return [
        ("Công văn đề nghị của Ủy ban nhân dân cấp tỉnh", "01-cong-van-de-nghi.docx"),
        ("Báo cáo của Tổ tư vấn", "đính kèm bản giấy (Tổ tư vấn lập)"),
        (
            "Báo cáo kết quả của Hội đồng cấp tỉnh",
            f"02-ket-qua-hoi-dong.txt (điểm bình quân {num(proposal.total)})",
        ),
        (
            "Quyết định phê duyệt kết quả của Chủ tịch Ủy ban nhân dân cấp tỉnh",
            _citation(decision) if decision else "chưa có",
        ),
        ("Hồ sơ sản phẩm (Mẫu 01, Mẫu 02 và tài liệu kèm theo)", f"ho-so/ ({len(documents)} tệp)"),
        ("Kết quả kiểm nghiệm bổ sung (nếu có)", "ho-so/ (loại: phiếu kiểm nghiệm)"),
        ("05 mẫu sản phẩm", f"gửi kèm bản giấy ({dossier.samples_received} mẫu đã nhận)"),
    ]


def five_star_package(proposal: Proposal, *, on: dt.date | None = None) -> bytes:
    """The ZIP of the 5★ dossier: the manifest, the province's letter (DOCX), the council's
    result and the product dossier's files."""
    buffer = io.BytesIO()
    dossier = proposal.dossier
    scoring = getattr(dossier, "scoring", None)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = [
            f"HỒ SƠ ĐỀ NGHỊ ĐÁNH GIÁ, CÔNG NHẬN SẢN PHẨM OCOP 5 SAO — {dossier.product.name}",
            f"Chủ thể: {dossier.producer.name}",
            "Theo Điều 6.3.a Quyết định số 26/2026/QĐ-TTg:",
            "",
        ]
        manifest += [
            f"{i}. {what}: {where}"
            for i, (what, where) in enumerate(five_star_manifest(proposal), start=1)
        ]
        archive.writestr("00-danh-muc.txt", "\n".join(manifest) + "\n")
        archive.writestr(
            "01-cong-van-de-nghi.docx", build_docx(ministry_letter_document(proposal, on=on))
        )
        council_lines = [
            f"Đợt {proposal.round.number}/{proposal.round.year}",
            f"Điểm bình quân: {num(proposal.total)}",
            f"Ngày Hội đồng đề nghị: {date_dmy(proposal.proposed_on)}",
        ]
        if scoring is not None and scoring.result:
            totals = scoring.result.get("member_totals", [])
            council_lines.append(
                "Điểm của các thành viên: "
                + "; ".join("vắng/miễn" if t is None else t.replace(".", ",") for t in totals)
            )
        archive.writestr("02-ket-qua-hoi-dong.txt", "\n".join(council_lines) + "\n")
        for document in dossier.documents.order_by("kind", "pk"):
            name = PurePath(document.file.name or "tep").name
            try:
                with document.file.open("rb") as handle:
                    archive.writestr(f"ho-so/{document.pk}-{name}", handle.read())
            except (FileNotFoundError, OSError):
                archive.writestr(f"ho-so/{document.pk}-{name}.thieu.txt", "Không tìm thấy tệp.\n")
    return buffer.getvalue()
