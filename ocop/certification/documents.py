"""The certification documents: the certificate (PDF), recognition and revocation decisions (DOCX).

The records become the frozen structures of :mod:`ocop.core.documents` (layout per NĐ 30/2020/
NĐ-CP Phụ lục I). The decisions are drafts for the office to check and sign in its usual word
processor: where the system does not know a fact (the number of the Sở's submission), the draft
leaves the blank a clerk fills by hand.

The text of these documents is legal Vietnamese wording, not interface text, so it is written
here in Vietnamese and is deliberately not passed through gettext: a change of interface language
must never change a decision's wording.

Sources of the wording (see also /docs/glossary.md):
* QĐ 26/2026/QĐ-TTg Điều 4.3 (36 months from the date of issue), Điều 7.3.e (the provincial
  chairman decides recognition and issues the certificates; ≥ 90 points: result approved and sent
  to the ministry), Điều 7.4.e (the minister for 5★), Điều 8.1 (grounds of revocation), 8.2
  (who revokes), 8.3.c (the decision goes to the producer), 8.4 (15 days from the conclusion).
* Article wording of real provincial decisions (Ninh Thuận 752/QĐ-UBND, Huế 1974/QĐ-UBND,
  Nghệ An's 2023 revocation), collected in the domain notes on documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ocop.certification.choices import (
    CertificateStatus,
    DatePrecision,
    DecisionKind,
    Edition,
    Process,
    RatingKind,
    RevocationGround,
)
from ocop.certification.models import Certificate, Decision, Result
from ocop.certification.selectors import (
    certificate_public_url,
    certificate_status,
    decision_results,
)
from ocop.core.documents.admin_docx import AdminDocument, Annex, Article, Signature, build_docx
from ocop.core.documents.formats import date_dmy, date_long, document_number, place_and_date
from ocop.core.documents.pdf import render_pdf
from ocop.core.documents.qr import qr_svg
from ocop.geo.choices import AuthorityKind
from ocop.geo.models import AdminUnit, Authority

__all__ = [
    "Issuer",
    "certificate_context",
    "certificate_pdf",
    "certificate_verify_url",
    "decision_docx",
    "issuer_for",
    "recognition_decision_document",
    "revocation_decision_document",
]

CERTIFICATE_TEMPLATE = "certification/documents/certificate.html"
VALIDITY_MONTHS = 36  # QĐ 26/2026 Điều 4.3 (also QĐ 148/2023 and QĐ 1048/2019)

# The Law on the Organisation of Local Government in force on the decision's date.
_LOCAL_GOVERNMENT_LAW_2025_FROM = dt.date(2025, 7, 1)
_LOCAL_GOVERNMENT_LAW_2025 = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
_LOCAL_GOVERNMENT_LAW_2015 = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung "
    "một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng "
    "11 năm 2019"
)

# The criteria and process decisions a recognition rests on (by edition / process code).
_EDITION_RECITALS: dict[str, str] = {
    Edition.QD_1048_2019: (
        "Căn cứ Quyết định số 1048/QĐ-TTg ngày 21 tháng 8 năm 2019 của Thủ tướng Chính phủ ban "
        "hành Bộ tiêu chí đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm"
    ),
    Edition.QD_148_2023: (
        "Căn cứ Quyết định số 148/QĐ-TTg ngày 24 tháng 02 năm 2023 của Thủ tướng Chính phủ về "
        "việc ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình mỗi xã "
        "một sản phẩm"
    ),
    Edition.QD_26_2026: (
        "Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026 của Thủ tướng Chính phủ "
        "ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm mỗi xã một sản phẩm"
    ),
}
# QĐ 1489/QĐ-TTg amended Phụ lục II of QĐ 148 (process without districts) from 06/07/2025; its
# signing date is not in our sources, so the recital names the decision without it.
_PROCESS_RECITALS: dict[str, str] = {
    Process.QD_1489_2025: (
        "Căn cứ Quyết định số 1489/QĐ-TTg của Thủ tướng Chính phủ sửa đổi, bổ sung Phụ lục II "
        "ban hành kèm theo Quyết định số 148/QĐ-TTg ngày 24 tháng 02 năm 2023"
    ),
}
_QD_26_2026 = "Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026 của Thủ tướng Chính phủ"

# QĐ 26/2026 Điều 8.1, the text of each ground (point letters as the decision writes them).
_GROUND_LETTER = {"a": "a", "b": "b", "c": "c", "d": "d", "dd": "đ", "e": "e"}
_GROUND_TEXT = {
    RevocationGround.A: (
        "chủ thể OCOP cung cấp thông tin, tài liệu không trung thực hoặc giả mạo hồ sơ trong "
        "quá trình đăng ký đánh giá, phân hạng sản phẩm OCOP"
    ),
    RevocationGround.B: (
        "sản phẩm không còn đáp ứng các tiêu chí theo Bộ tiêu chí OCOP theo kết luận kiểm tra, "
        "giám sát của cơ quan có thẩm quyền"
    ),
    RevocationGround.C: (
        "sản phẩm vi phạm quy định pháp luật về chất lượng sản phẩm, an toàn thực phẩm, bảo vệ "
        "môi trường, sở hữu trí tuệ, ghi nhãn hàng hóa hoặc quy định pháp luật khác có liên quan "
        "theo kết luận của cơ quan có thẩm quyền"
    ),
    RevocationGround.D: (
        "chủ thể OCOP sử dụng nhãn hiệu OCOP không đúng quy định, gây nhầm lẫn về sản phẩm được "
        "công nhận"
    ),
    RevocationGround.DD: "chủ thể OCOP không còn hoạt động sản xuất sản phẩm OCOP",
    RevocationGround.E: (
        "trường hợp khác theo kết luận và đề nghị của cơ quan nhà nước có thẩm quyền về việc sản "
        "phẩm OCOP không đủ điều kiện tiếp tục được công nhận"
    ),
}

_RATING_NOTE = {
    RatingKind.FIRST: "Cấp mới",
    RatingKind.RERATING: "Công nhận lại",
    RatingKind.UPGRADE: "Nâng hạng",
}

# Statuses printed across a copy of a certificate that is no longer in force.
_STAMPED_STATUSES = {
    CertificateStatus.REVOKED: "ĐÃ BỊ THU HỒI",
    CertificateStatus.EXPIRED: "ĐÃ HẾT HIỆU LỰC",
    CertificateStatus.SUPERSEDED: "ĐÃ ĐƯỢC THAY THẾ",
}

ANNEX_COLUMNS = ("STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Điểm", "Hạng sao", "Ghi chú")
ANNEX_WIDTHS_CM = (1.4, 5.0, 5.0, 6.0, 1.6, 1.6, 3.5)


# --- the issuing body as it was ------------------------------------------------------------------


@dataclass(frozen=True)
class Issuer:
    """How a decision names its issuing body (NĐ 30/2020 Phụ lục I, II.2 and II.4.a)."""

    header: tuple[str, ...]  # "ỦY BAN NHÂN DÂN" / "TỈNH VĨNH LONG"
    name: str  # "Ủy ban nhân dân tỉnh Vĩnh Long"
    head_title: str  # "Chủ tịch", "Bộ trưởng"
    place: str  # "Vĩnh Long"
    symbol: str  # "QĐ-UBND": the symbol of its decisions, for a draft without a number

    @property
    def decider(self) -> str:
        """The head who decides in person ("Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long")."""
        return f"{self.head_title} {self.name}" if self.head_title else self.name


_MINISTRY_SYMBOLS = {
    "Bộ Nông nghiệp và Môi trường": "QĐ-BNNMT",
    "Bộ Nông nghiệp và Phát triển nông thôn": "QĐ-BNN",
}


def _place_name(unit: AdminUnit) -> str:
    """NĐ 30/2020 Phụ lục I II.4.a: the unit's name; in full when named after a person or by a
    number ("Thành phố Hồ Chí Minh", "Phường 1")."""
    if unit.name.isdigit() or unit.name == "Hồ Chí Minh":
        return unit.full_name[:1].upper() + unit.full_name[1:]
    return unit.name


def issuer_for(authority: Authority) -> Issuer:
    """The issuing body as it was when it signed (a legacy district keeps its own name)."""
    unit = authority.unit
    committee_kinds = (
        AuthorityKind.PROVINCIAL_COMMITTEE,
        AuthorityKind.DISTRICT_COMMITTEE,
        AuthorityKind.COMMUNE_COMMITTEE,
    )
    if authority.kind in committee_kinds and unit is not None:
        return Issuer(
            header=("ỦY BAN NHÂN DÂN", unit.short_name.upper()),
            name=f"Ủy ban nhân dân {unit.short_name}",
            head_title="Chủ tịch",
            place=_place_name(unit),
            symbol="QĐ-UBND",
        )
    if authority.kind == AuthorityKind.MINISTRY:
        return Issuer(
            header=(authority.name.upper(),),
            name=authority.name,
            head_title="Bộ trưởng",
            place="Hà Nội",
            symbol=_MINISTRY_SYMBOLS.get(authority.name, "QĐ"),
        )
    name = authority.name.replace("UBND", "Ủy ban nhân dân")
    return Issuer(
        header=(name.upper(),),
        name=name,
        head_title="",
        place=_place_name(unit) if unit is not None else "",
        symbol="QĐ",
    )


def _signature(decision: Decision, issuer: Issuer) -> Signature:
    """The head decides in person (QĐ 26/2026 Điều 7.3.e, 8.2): "CHỦ TỊCH", or a deputy signs
    "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (NĐ 30/2020 Phụ lục I II.7.b)."""
    return Signature.for_signer(
        name=decision.signer_name,
        title=decision.signer_title or issuer.head_title,
        head_title=issuer.head_title,
    )


def _decision_date_phrase(decision: Decision) -> str:
    """ "ngày 05 tháng 01 năm 2026", or as much of the date as a legacy record knows."""
    day = decision.signed_on
    if day is None or decision.date_precision == DatePrecision.UNKNOWN:
        return ""
    if decision.date_precision == DatePrecision.DAY:
        return date_long(day)
    if decision.date_precision == DatePrecision.MONTH:
        return date_long(day).split(" ", 2)[2]  # "tháng 01 năm 2026"
    return f"năm {day.year}"


def _decision_citation(decision: Decision) -> str:
    """ "Quyết định số 752/QĐ-UBND ngày 05 tháng 01 năm 2026 của Chủ tịch Ủy ban nhân dân …"."""
    issuer = issuer_for(decision.authority)
    parts = [f"Quyết định số {document_number(decision.number)}"]
    when = _decision_date_phrase(decision)
    if when:
        parts.append(when)
    parts.append(f"của {issuer.decider}")
    return " ".join(parts)


def _local_government_recital(signed_on: dt.date | None) -> str:
    if signed_on is None or signed_on >= _LOCAL_GOVERNMENT_LAW_2025_FROM:
        return _LOCAL_GOVERNMENT_LAW_2025
    return _LOCAL_GOVERNMENT_LAW_2015


def _proposal_recital(issuer: Issuer, signed_on: dt.date | None) -> str:
    """The submission the decision answers; its number and date are left for the clerk."""
    if issuer.head_title == "Bộ trưởng":
        return "Theo đề nghị của cơ quan tham mưu quản lý OCOP của Bộ"
    # The provincial departments of agriculture and of environment merged on 01/03/2025.
    if signed_on is None or signed_on >= dt.date(2025, 3, 1):
        department, symbol = "Giám đốc Sở Nông nghiệp và Môi trường", "TTr-SNNMT"
    else:
        department, symbol = "Giám đốc Sở Nông nghiệp và Phát triển nông thôn", "TTr-SNNPTNT"
    return f"Theo đề nghị của {department} tại Tờ trình số …/{symbol} ngày …"


def _summary(decision: Decision, default: str) -> str:
    """The recorded summary when it is one ("Về việc …", NĐ 30/2020 Phụ lục I II.5), else the
    standard one (the register may hold other notes in ``summary``)."""
    recorded = decision.summary.strip()
    return recorded if recorded.lower().startswith("về việc") else default


def _exact_date(decision: Decision) -> dt.date | None:
    return decision.signed_on if decision.date_precision == DatePrecision.DAY else None


def _year(decision: Decision) -> int | None:
    return decision.signed_on.year if decision.signed_on is not None else None


def _count(value: int) -> str:
    """Counts in decisions are written on two digits ("09 sản phẩm", Ninh Thuận 752/QĐ-UBND)."""
    return f"{value:02d}"


def _score(value: Decimal | None) -> str:
    """85,5 — a decimal comma, no trailing zeros (the project's number format)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def producer_address(producer: Any) -> str:
    """ "Ấp Phú Hòa, xã Cầu Kè, tỉnh Vĩnh Long": the address as written on the record."""
    parts = [producer.address_detail.strip()] if producer.address_detail.strip() else []
    unit = producer.address_unit
    if unit is not None:
        parts.append(unit.address)
    return ", ".join(parts)


# --- recognition decision ------------------------------------------------------------------------


def _recognised(decision: Decision) -> list[Result]:
    """The annex rows of a recognition: the products rated 3★ or more (QĐ 26/2026 Điều 4.1.a:
    no decision and no certificate for 1★ and 2★) and those scoring 90 or more, noted as
    potential 5★ (Điều 7.3.e); the potential 5★ first, then by star and name."""
    rows = [
        r
        for r in decision_results(decision)
        if (r.star is not None and r.star >= 3) or r.potential_5
    ]
    rows.sort(key=lambda r: (r.star is not None, -(r.star or 0), r.product.sort_key, r.pk))
    return rows


def _scope_phrase(decision: Decision, issuer: Issuer) -> str:
    """ "tỉnh Vĩnh Long năm 2025": the register and the evaluation year."""
    years = sorted({r.round_year for r in decision_results(decision) if r.round_year})
    year = years[-1] if years else _year(decision)
    province = decision.province.short_name if decision.province_id else ""
    phrase = province if issuer.head_title != "Bộ trưởng" else "cấp quốc gia"
    return f"{phrase} năm {year}" if year else phrase


def recognition_decision_document(decision: Decision) -> AdminDocument:
    """The recognition decision with its annex of products (QĐ 26/2026 Điều 7.3.e, 4.3)."""
    if decision.kind != DecisionKind.RECOGNITION:
        raise ValueError("Not a recognition decision.")
    issuer = issuer_for(decision.authority)
    rows = _recognised(decision)
    starred = [r for r in rows if r.star is not None]
    scope = _scope_phrase(decision, issuer)
    stars = sorted({r.star for r in starred if r.star is not None}, reverse=True)
    per_star = ", ".join(
        f"{_count(sum(1 for r in starred if r.star == s))} sản phẩm đạt hạng {s} sao" for s in stars
    )
    editions = sorted({r.edition for r in rows} or {Edition.QD_26_2026})
    processes = sorted({r.process for r in rows})
    recitals = [_local_government_recital(decision.signed_on)]
    recitals += [_EDITION_RECITALS[e] for e in editions if e in _EDITION_RECITALS]
    recitals += [_PROCESS_RECITALS[p] for p in processes if p in _PROCESS_RECITALS]
    recitals.append(_proposal_recital(issuer, decision.signed_on))

    clauses = [
        (
            "Sản phẩm được công nhận được cấp Giấy chứng nhận sản phẩm OCOP; Giấy chứng nhận có "
            f"giá trị {VALIDITY_MONTHS} tháng kể từ ngày ký Quyết định này."
        )
    ]
    potential = [r for r in rows if r.potential_5]
    if potential:
        # QĐ 26/2026 Điều 7.3.e: ≥ 90 points — the result is approved and the province asks
        # the ministry to evaluate the product for 5★.
        clauses.append(
            f"Phê duyệt kết quả đánh giá đối với {_count(len(potential))} sản phẩm có tiềm năng "
            "đạt hạng 5 sao (đạt từ 90 điểm trở lên, ghi chú tại Phụ lục) và đề nghị Bộ Nông "
            "nghiệp và Môi trường đánh giá, phân hạng sản phẩm OCOP 5 sao theo quy định."
        )
    summary = _summary(
        decision,
        "Về việc công nhận kết quả đánh giá, phân hạng và cấp Giấy chứng nhận sản phẩm OCOP "
        + scope,
    )
    articles = (
        Article(
            1,
            text=(
                "Công nhận kết quả đánh giá, phân hạng và cấp Giấy chứng nhận cho "
                f"{_count(len(starred))} sản phẩm đạt tiêu chuẩn sản phẩm OCOP {scope}"
                + (f", gồm: {per_star}" if per_star else "")
                + " (chi tiết tại Phụ lục kèm theo)."
            ),
            paragraphs=tuple(clauses),
        ),
        Article(
            2,
            text=(
                "Giao Sở Nông nghiệp và Môi trường (cơ quan tham mưu quản lý OCOP) thông báo kết "
                "quả đánh giá, phân hạng cho Ủy ban nhân dân cấp xã và các chủ thể OCOP; tổ chức "
                "trao Giấy chứng nhận; hướng dẫn sử dụng nhãn hiệu chứng nhận OCOP và thứ hạng "
                "sao; kiểm tra, giám sát sản phẩm OCOP sau công nhận theo quy định."
            ),
        ),
        Article(3, text="Quyết định này có hiệu lực kể từ ngày ký."),
        Article(
            4,
            text=(
                "Chánh Văn phòng Ủy ban nhân dân; Giám đốc Sở Nông nghiệp và Môi trường; Thủ "
                "trưởng các sở, ban, ngành có liên quan; Chủ tịch Ủy ban nhân dân các xã, phường "
                "có sản phẩm được công nhận và các chủ thể OCOP có tên tại Phụ lục chịu trách "
                "nhiệm thi hành Quyết định này./."
            ),
        ),
    )
    annex_rows = tuple(
        (
            str(index),
            row.product.name,
            row.producer.name,
            producer_address(row.producer),
            _score(row.score),
            f"{row.star} sao" if row.star is not None else "",
            _annex_note(row),
        )
        for index, row in enumerate(rows, start=1)
    )
    annex = Annex(
        title="Danh sách sản phẩm được công nhận đạt tiêu chuẩn sản phẩm OCOP",
        columns=ANNEX_COLUMNS,
        rows=annex_rows,
        widths_cm=ANNEX_WIDTHS_CM,
        landscape=True,
        centred_columns=frozenset({0, 4, 5}),
    )
    return AdminDocument(
        issuer=issuer.header,
        number=decision.number or f"/{issuer.symbol}",
        place=issuer.place,
        signed_on=_exact_date(decision),
        year=_year(decision),
        kind_title="QUYẾT ĐỊNH",
        summary=summary,
        authority=issuer.decider.upper(),
        recitals=tuple(recitals),
        enacting="QUYẾT ĐỊNH:",
        articles=articles,
        signature=_signature(decision, issuer),
        recipients=(
            "Như Điều 4",
            "Bộ Nông nghiệp và Môi trường (để báo cáo)",
            "Văn phòng Điều phối nông thôn mới Trung ương",
            "Lưu: VT",
        ),
        annexes=(annex,),
        issuer_name=issuer.decider,
        kind_name="Quyết định",
        title_for_metadata=f"Quyết định {document_number(decision.number)}",
    )


def _annex_note(row: Result) -> str:
    note: str = _RATING_NOTE.get(row.rating_kind, "")  # type: ignore[call-overload]
    if row.potential_5:
        potential = "tiềm năng 5 sao (từ 90 điểm), đề nghị cấp trung ương đánh giá"
        note = f"{note}; {potential}" if note else potential[:1].upper() + potential[1:]
    return note


# --- revocation decision -------------------------------------------------------------------------


def _revoked(decision: Decision) -> list[Certificate]:
    return list(
        decision.revoked_certificates.select_related(
            "product",
            "producer__address_unit__parent__parent",
            "decision__authority__unit",
        ).order_by("pk")
    )


def revocation_decision_document(decision: Decision) -> AdminDocument:
    """The revocation decision: each certificate with its ground (QĐ 26/2026 Điều 8.1) and the
    decision that recognised it, cited by number and date."""
    if decision.kind != DecisionKind.REVOCATION:
        raise ValueError("Not a revocation decision.")
    issuer = issuer_for(decision.authority)
    certificates = _revoked(decision)
    recitals = [_local_government_recital(decision.signed_on), f"Căn cứ {_QD_26_2026}"]
    originals: list[Decision] = []
    for certificate in certificates:
        if certificate.decision not in originals:
            originals.append(certificate.decision)
    recitals += [f"Căn cứ {_decision_citation(original)}" for original in originals]
    concluded = sorted(
        {c.revocation_concluded_on for c in certificates if c.revocation_concluded_on}
    )
    if concluded:
        days = "; ".join(date_long(day) for day in concluded)
        recitals.append(f"Căn cứ kết luận của cơ quan có thẩm quyền {days}")
    recitals.append(_proposal_recital(issuer, decision.signed_on))

    items = []
    for index, certificate in enumerate(certificates, start=1):
        items.append(
            f"{index}. Sản phẩm {certificate.product.name}, hạng {certificate.star} sao, của "
            f"{certificate.producer.name} (địa chỉ: {producer_address(certificate.producer)}); "
            f"Giấy chứng nhận số {certificate.number}, được công nhận tại "
            f"{_decision_citation(certificate.decision)}. Lý do thu hồi: "
            f"{_ground_phrase(certificate)}."
        )
    articles = (
        Article(
            1,
            text=(
                f"Thu hồi Giấy chứng nhận sản phẩm OCOP đối với {_count(len(certificates))} "
                "sản phẩm, cụ thể như sau:"
            ),
            paragraphs=tuple(items),
        ),
        Article(
            2,
            text=(
                "Kể từ ngày Quyết định này có hiệu lực, các chủ thể OCOP có tên tại Điều 1 không "
                "được sử dụng Giấy chứng nhận, nhãn hiệu chứng nhận OCOP và thứ hạng sao đối với "
                "các sản phẩm bị thu hồi. Sở Nông nghiệp và Môi trường có trách nhiệm thu hồi "
                "Giấy chứng nhận, thông báo đến các chủ thể OCOP và các cơ quan liên quan."
            ),
        ),
        Article(3, text="Quyết định này có hiệu lực kể từ ngày ký."),
        Article(
            4,
            text=(
                "Chánh Văn phòng Ủy ban nhân dân; Giám đốc Sở Nông nghiệp và Môi trường; Thủ "
                "trưởng các cơ quan, đơn vị có liên quan; Chủ tịch Ủy ban nhân dân các xã, "
                "phường và các chủ thể OCOP có tên tại Điều 1 chịu trách nhiệm thi hành Quyết "
                "định này./."
            ),
        ),
    )
    return AdminDocument(
        issuer=issuer.header,
        number=decision.number or f"/{issuer.symbol}",
        place=issuer.place,
        signed_on=_exact_date(decision),
        year=_year(decision),
        kind_title="QUYẾT ĐỊNH",
        summary=_summary(decision, "Về việc thu hồi Giấy chứng nhận sản phẩm OCOP"),
        authority=issuer.decider.upper(),
        recitals=tuple(recitals),
        enacting="QUYẾT ĐỊNH:",
        articles=articles,
        signature=_signature(decision, issuer),
        # QĐ 26/2026 Điều 8.3.c: the decision goes to the producer and the bodies concerned.
        recipients=("Như Điều 4", "Bộ Nông nghiệp và Môi trường (để báo cáo)", "Lưu: VT"),
        issuer_name=issuer.decider,
        kind_name="Quyết định",
        title_for_metadata=f"Quyết định {document_number(decision.number)}",
    )


def _ground_phrase(certificate: Certificate) -> str:
    ground = certificate.revocation_ground
    text = _GROUND_TEXT.get(ground, "")  # type: ignore[call-overload]
    letter = _GROUND_LETTER.get(ground, ground)
    phrase = f"{text} (điểm {letter} khoản 1 Điều 8 Quyết định số 26/2026/QĐ-TTg)" if text else ""
    reason = certificate.revocation_reason.strip().rstrip(".")
    if reason:
        phrase = f"{phrase}: {reason}" if phrase else reason
    return phrase


def decision_docx(decision: Decision) -> bytes:
    """The DOCX of a recognition or revocation decision (ValueError for other kinds)."""
    if decision.kind == DecisionKind.RECOGNITION:
        return build_docx(recognition_decision_document(decision))
    if decision.kind == DecisionKind.REVOCATION:
        return build_docx(revocation_decision_document(decision))
    raise ValueError("This kind of decision has no document.")


# --- certificate ---------------------------------------------------------------------------------


def certificate_verify_url(certificate: Certificate) -> str:
    """The public verification page the certificate's QR code points to
    (``OCOP_PUBLIC_BASE_URL`` + ``catalogue:certificate_verify``)."""
    return certificate_public_url(certificate)


def certificate_context(certificate: Certificate, *, on: dt.date) -> dict[str, Any]:
    """What the certificate template prints: the issuer as it was, the product, the star, the
    decision, the validity (dd/mm/yyyy), the number and the verification QR code."""
    decision = certificate.decision
    issuer = issuer_for(decision.authority)
    status = certificate_status(certificate, on=on)
    verify_url = certificate_verify_url(certificate)
    signature = _signature(decision, issuer)
    return {
        "title": f"Giấy chứng nhận sản phẩm OCOP {certificate.number}",
        "issuer_header": issuer.header,
        "issuer_name": issuer.name,
        "product_name": certificate.product.name,
        "producer_name": certificate.producer.name,
        "producer_address": producer_address(certificate.producer),
        "star": certificate.star,
        "star_range": range(certificate.star),
        "decision_number": document_number(decision.number),
        "decision_date": _decision_date_phrase(decision),
        "decision_date_dmy": date_dmy(_exact_date(decision)),
        "valid_until": date_dmy(certificate.valid_until),
        "number": certificate.number if certificate.number_printed else "",
        # A legacy decision known only to a month or a year prints no blank date line.
        "place_date": (
            place_and_date(issuer.place, _exact_date(decision)) if _exact_date(decision) else ""
        ),
        "signature_lines": signature.lines,
        "signer_name": signature.name,
        "verify_url": verify_url,
        "qr": qr_svg(verify_url, scale=3, title="Mã QR xác minh Giấy chứng nhận"),
        "stamp": _STAMPED_STATUSES.get(status, ""),  # type: ignore[call-overload]
    }


def certificate_pdf(certificate: Certificate, *, on: dt.date) -> bytes:
    """The certificate as a one-page A4 landscape PDF."""
    return render_pdf(CERTIFICATE_TEMPLATE, certificate_context(certificate, on=on))
