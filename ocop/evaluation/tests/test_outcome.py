"""What follows the council (issue 10, items 4–5): the proposal, the chairman's decision through
the certificates register, notices, the 5★ path and its return.

Scores (see ``outcome_kit``): 63 → 3★, 72 → 4★, 97 → ≥ 90, 50 with the 3★ marker 4.1 missed →
2★; every member gives the same answers, so the council mean is the member total.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation

from ocop.certification.models import Certificate, Decision, Result
from ocop.core.errors import DomainError, PermissionDenied
from ocop.criteria.tests.test_engine_golden import SET7_MID
from ocop.evaluation.dossiers.models import Dossier, DossierEvent
from ocop.evaluation.outcome import services
from ocop.evaluation.outcome.documents import (
    commune_notice_document,
    five_star_package,
    producer_notice_document,
)
from ocop.evaluation.outcome.models import NationalResult, Proposal
from ocop.evaluation.tests.dossier_kit import D, on_day
from ocop.evaluation.tests.outcome_kit import FOUR_STAR, NINETY_SEVEN, TWO_STAR, closed_round
from ocop.testing import current_unit

pytestmark = pytest.mark.django_db

DECIDED_ON = D(2026, 12, 10)


@pytest.fixture
def closed():
    return closed_round(
        {
            "three": ("Mứt gừng dẻo", SET7_MID, "26-2026"),
            "four": ("Mứt me Trà Vinh", FOUR_STAR, "26-2026"),
            "top": ("Kẹo dừa sáp", NINETY_SEVEN, "26-2026"),
            "two": ("Bánh phồng mì", TWO_STAR, "26-2026"),
        }
    )


def snapshot():
    return (
        list(Proposal.objects.values_list("pk", "decision_id", "sent_to_ministry_on")),
        Decision.objects.count(),
        Certificate.objects.count(),
        list(Dossier.objects.order_by("pk").values_list("pk", "status")),
        DossierEvent.objects.count(),
        NationalResult.objects.count(),
    )


def refused(call, message, kind=DomainError):
    before = snapshot()
    with translation.override("vi"), pytest.raises(kind) as info:
        call()
    assert info.value.message == message
    assert snapshot() == before


def propose(round_, chair):
    with on_day(D(2026, 12, 1)):
        return {p.dossier_id: p for p in services.round_propose(actor=chair, round_=round_)}


def decide(office, proposals, kind, number="120/QĐ-UBND"):
    with on_day(D(2026, 12, 11)):
        return services.proposal_decide(
            actor=office,
            proposals=proposals,
            kind=kind,
            number=number,
            signed_on=DECIDED_ON,
            signer_name="Nguyễn Văn A",
            signer_title="Phó Chủ tịch",
        )


def test_proposal_then_decision_gives_certificates_and_a_result_approval(closed):
    round_, office, members, d = closed
    proposals = propose(round_, members["chair"])
    three, four, top, two = (proposals[d[k].pk] for k in ("three", "four", "top", "two"))
    assert (three.outcome, three.star, three.total) == ("recognise", 3, Decimal("63.00"))
    assert (four.outcome, four.star, four.total) == ("recognise", 4, Decimal("72.00"))
    assert (top.outcome, top.star, top.total) == ("potential_5", 5, Decimal("97.00"))
    assert (two.outcome, two.star, two.total) == ("not_recognised", 2, Decimal("50.00"))
    # 1–2★: no decision; the gap to 3★ is 4.1 from option 1 (1 point) to option 2 (2): +1.
    assert two.gap["target"] == 3
    assert two.gap["added"] == "1.00"
    assert two.gap["lines"] == [
        "4.1 Khu vực phân phối chính — phương án 1 (1) → phương án 2 (2) (+1)"
    ]
    assert Dossier.objects.get(pk=d["two"].pk).status == "not_recognised"

    # Proposals pre-fill the decision: recognition for 3★/4★ …
    recognition = decide(office, [three, four], "recognition")
    certs = Certificate.objects.filter(decision=recognition).order_by("star")
    assert [(c.product_id, c.star, c.score) for c in certs] == [
        (d["three"].product_id, 3, Decimal("63.00")),
        (d["four"].product_id, 4, Decimal("72.00")),
    ]
    assert {c.valid_until for c in certs} == {D(2029, 12, 10)}  # 36 months (Điều 4.3)
    assert recognition.authority.name == "UBND tỉnh Vĩnh Long"
    assert Dossier.objects.get(pk=d["three"].pk).status == "decided"
    # … and ≥ 90 under QĐ 26/2026: a result-approval decision, no certificate.
    approval = decide(office, [top], "result_approval", number="121/QĐ-UBND")
    assert approval.kind == "result_approval"
    assert not Certificate.objects.filter(product_id=d["top"].product_id).exists()
    row = Result.objects.get(decision=approval)
    assert (row.star, row.potential_5, row.score) == (None, True, Decimal("97.00"))
    events = list(DossierEvent.objects.filter(dossier=d["top"]).values_list("kind", flat=True))
    assert events[-2:] == ["proposed", "decision_recorded"]


def test_bad_decisions_are_refused_and_change_nothing(closed):
    round_, office, members, d = closed
    proposals = propose(round_, members["chair"])
    three, top, two = (proposals[d[k].pk] for k in ("three", "top", "two"))
    refused(
        lambda: decide(office, [two], "recognition"),
        "Bánh phồng mì dưới 3 sao: không ban hành quyết định (QĐ 26/2026 Điều 4.1.a).",
    )
    refused(
        lambda: decide(office, [three, top], "recognition"),
        "Kẹo dừa sáp cần quyết định loại “Phê duyệt kết quả (từ 90 điểm)”.",
    )
    refused(
        lambda: decide(members["chair"], [three], "recognition"),
        "Chỉ cơ quan quản lý OCOP của tỉnh có đợt đánh giá này thực hiện việc này.",
        PermissionDenied,
    )
    refused(
        lambda: services.round_propose(actor=members["chair"], round_=round_),
        "Chưa có hồ sơ nào của đợt sẵn sàng: hãy kết thúc chấm điểm một hồ sơ trước.",
    )
    refused(
        lambda: services.round_propose(actor=members["vice"], round_=round_),
        "Chỉ chủ tịch hội đồng được làm việc này.",
        PermissionDenied,
    )
    decide(office, [three], "recognition")
    refused(
        lambda: decide(office, [three], "recognition", number="122/QĐ-UBND"),
        "Mứt gừng dẻo đã có quyết định.",
    )


def test_potential_5_under_the_1489_process_gets_a_4_star_certificate(db):
    round_, office, members, d = closed_round(
        {"top": ("Kẹo dừa sáp", NINETY_SEVEN, "1489-2025")}, number="97", prefix="b"
    )
    proposal = propose(round_, members["chair"])[d["top"].pk]
    assert services.decision_kind_for(proposal) == "recognition"
    decision = decide(office, [proposal], "recognition")
    cert = Certificate.objects.get(decision=decision)
    assert (cert.star, cert.process) == (4, "1489-2025")
    assert Result.objects.get(decision=decision).potential_5 is True
    with on_day(D(2026, 12, 12)):
        services.proposal_send_to_ministry(actor=office, proposal=proposal)
    assert Dossier.objects.get(pk=d["top"].pk).status == "at_ministry"


@pytest.fixture
def at_ministry(closed):
    round_, office, members, d = closed
    proposals = propose(round_, members["chair"])
    top = proposals[d["top"].pk]
    decide(office, [top], "result_approval", number="121/QĐ-UBND")
    with on_day(D(2026, 12, 12)):
        services.proposal_send_to_ministry(actor=office, proposal=top)
    top.refresh_from_db()
    return round_, office, d, top


def test_five_star_path_recognised_by_the_ministry(at_ministry):
    _round, office, d, top = at_ministry
    assert Dossier.objects.get(pk=d["top"].pk).status == "at_ministry"
    with on_day(D(2027, 3, 20)):
        result = services.national_result_record(
            actor=office,
            proposal=top,
            score=Decimal("92.5"),
            number="1234/QĐ-BNNMT",
            signed_on=D(2027, 3, 15),
            signer_name="Trần Văn B",
            signer_title="Thứ trưởng",
        )
    assert result.outcome == "recognised_5"
    cert = Certificate.objects.get(product_id=d["top"].product_id)
    assert (cert.star, cert.score, cert.valid_until) == (5, Decimal("92.50"), D(2030, 3, 15))
    assert cert.decision.authority.kind == "ministry"
    assert Dossier.objects.get(pk=d["top"].pk).status == "decided"


def test_five_star_path_below_90_then_recognised_from_the_central_result(at_ministry):
    _round, office, d, top = at_ministry
    with on_day(D(2027, 3, 20)):
        services.national_result_record(actor=office, proposal=top, score=Decimal("84"))
    assert not Certificate.objects.filter(product_id=d["top"].product_id).exists()
    with on_day(D(2027, 3, 25)):
        refused(
            lambda: services.national_follow_up(
                actor=office, proposal=top, action="recognised", signed_on=D(2027, 3, 24)
            ),
            "Hãy nhập số, ngày và người ký quyết định.",
        )
        result = services.national_follow_up(
            actor=office,
            proposal=top,
            action="recognised",
            number="30/QĐ-UBND",
            signed_on=D(2027, 3, 24),
            signer_name="Nguyễn Văn A",
        )
    # 84 lies in the 4★ band (70 ≤ 84 < 90): the province recognises 4★ (Điều 7.4.g).
    cert = Certificate.objects.get(product_id=d["top"].product_id)
    assert (cert.star, cert.score, cert.decision.authority.name) == (
        4,
        Decimal("84.00"),
        "UBND tỉnh Vĩnh Long",
    )
    assert result.follow_up == "recognised"
    assert Dossier.objects.get(pk=d["top"].pk).status == "decided"


def test_five_star_path_below_90_then_evaluated_again(at_ministry):
    _round, office, d, top = at_ministry
    with on_day(D(2027, 3, 20)):
        services.national_result_record(actor=office, proposal=top, score=Decimal("88"))
        refused(
            lambda: services.national_result_record(
                actor=office, proposal=top, score=Decimal("88")
            ),
            "Kết quả cấp trung ương của hồ sơ này đã được ghi nhận.",
        )
        services.national_follow_up(actor=office, proposal=top, action="evaluate_again")
    assert Dossier.objects.get(pk=d["top"].pk).status == "evaluate_again"
    assert not Certificate.objects.filter(product_id=d["top"].product_id).exists()


def test_national_result_needs_the_dossier_at_the_ministry(closed):
    round_, office, members, d = closed
    top = propose(round_, members["chair"])[d["top"].pk]
    refused(
        lambda: services.national_result_record(actor=office, proposal=top, score=Decimal(95)),
        "Hồ sơ này không ở cấp trung ương.",
    )
    refused(
        lambda: services.proposal_send_to_ministry(actor=office, proposal=top),
        "Hãy ghi nhận quyết định của Chủ tịch trước khi gửi hồ sơ.",
    )


def _text(document):
    parts = list(document.body) + list(document.addressees)
    for annex in document.annexes:
        parts += [" ".join(row) for row in annex.rows]
    return "\n".join(parts)


def test_notices_and_the_five_star_package(at_ministry):
    round_, _office, d, top = at_ministry
    two = Proposal.objects.get(dossier=d["two"])
    text = _text(producer_notice_document(two, on=D(2026, 12, 12)))
    assert "Kết quả: đạt 50 điểm, chưa đạt hạng 3 sao" in text
    assert "cần bổ sung tối thiểu 1 điểm" in text
    assert "- 4.1 Khu vực phân phối chính" in text
    text = _text(producer_notice_document(top, on=D(2026, 12, 12)))
    assert (
        "đạt 97 điểm (từ 90 điểm trở lên); kết quả được phê duyệt tại Quyết định số 121/QĐ-UBND"
        in text
    )
    commune = current_unit("commune", "29308")
    proposals = list(Proposal.objects.filter(round=round_).order_by("pk"))
    text = _text(commune_notice_document(proposals, commune=commune, on=D(2026, 12, 12)))
    assert "thông báo kết quả đánh giá, phân hạng 04 sản phẩm" in text
    assert "1 Mứt gừng dẻo" in text
    assert "63" in text
    archive = zipfile.ZipFile(io.BytesIO(five_star_package(top, on=D(2026, 12, 12))))
    names = archive.namelist()
    assert names[:3] == ["00-danh-muc.txt", "01-cong-van-de-nghi.docx", "02-ket-qua-hoi-dong.txt"]
    manifest = archive.read("00-danh-muc.txt").decode()
    assert "Quyết định số 121/QĐ-UBND ngày 10 tháng 12 năm 2026" in manifest
    assert "Điểm bình quân: 97" in archive.read("02-ket-qua-hoi-dong.txt").decode()
