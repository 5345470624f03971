"""Pages after the council: who sees what (permission matrix), the decision recorded through the
form, notices and the 5★ package as downloads, the notices opened by LibreOffice."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.certification.models import Certificate, Decision
from ocop.core.documents.office import docx_to_pdf, pdf_text
from ocop.criteria.tests.test_engine_golden import SET7_MID
from ocop.evaluation.outcome import services
from ocop.evaluation.outcome.documents import commune_notice_docx, producer_notice_docx
from ocop.evaluation.outcome.models import Proposal
from ocop.evaluation.tests.dossier_kit import D, on_day
from ocop.evaluation.tests.outcome_kit import NINETY_SEVEN, TWO_STAR, closed_round
from ocop.testing import current_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed():
    round_, office, members, d = closed_round(
        {
            "three": ("Mứt gừng dẻo", SET7_MID, "26-2026"),
            "top": ("Kẹo dừa sáp", NINETY_SEVEN, "26-2026"),
            "two": ("Bánh phồng mì", TWO_STAR, "26-2026"),
        }
    )
    with on_day(D(2026, 12, 1)):
        services.round_propose(actor=members["chair"], round_=round_)
    return round_, office, members, d


def test_permission_matrix(client, proposed):
    round_, office, members, d = proposed
    three = Proposal.objects.get(dossier=d["three"])
    page = reverse("outcome:round_outcome", args=[round_.pk])
    notice = reverse("outcome:producer_notice", args=[three.pk])
    opinions = reverse("outcome:written_opinions", args=[d["three"].pk])
    inspections = reverse("certification:inspection_list")
    assert client.get(page).status_code == 302  # anonymous → login
    others = {
        "producer": make_user("p", role=Role.PRODUCER),
        "commune": make_user(
            "x", role=Role.COMMUNE_OFFICER, units=[current_unit("commune", "29308")]
        ),
        "other_office": make_user(
            "hn", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "01")]
        ),
        "outsider_member": make_user("tv", role=Role.COUNCIL_MEMBER),
    }
    for user in others.values():
        client.force_login(user)
        assert client.get(page).status_code == 404
        assert client.get(notice).status_code == 404
    for key in ("producer", "commune"):
        client.force_login(others[key])
        assert client.get(inspections).status_code == 403
    # A member of the round's council sees the proposals, no decision form and no notice.
    client.force_login(members["vice"])
    response = client.get(page)
    assert response.status_code == 200
    assert b"decision-form-recognition" not in response.content
    assert client.get(notice).status_code == 403
    assert client.post(reverse("outcome:round_propose", args=[round_.pk])).status_code == 403
    # A first-time dossier has no written opinions.
    assert client.get(opinions).status_code == 404
    client.force_login(office)
    response = client.get(page)
    assert response.status_code == 200
    assert b"decision-form-recognition" in response.content
    assert b"decision-form-result_approval" in response.content
    assert client.get(inspections).status_code == 200


def test_office_records_the_decision_through_the_page(client, proposed):
    round_, office, _members, d = proposed
    three, top = (Proposal.objects.get(dossier=d[k]) for k in ("three", "top"))
    page = reverse("outcome:round_outcome", args=[round_.pk])

    def form(kind, proposal, number):
        return {
            "kind": kind,
            f"{kind}-proposals": [str(proposal.pk)],
            f"{kind}-number": number,
            f"{kind}-signed_on": "10/12/2026",
            f"{kind}-signer_name": "Nguyễn Văn A",
        }

    with on_day(D(2026, 12, 12)):  # the session is opened on the day it is used
        client.force_login(office)
        # Bad input: no number → refused, nothing recorded.
        response = client.post(page, form("recognition", three, ""))
        assert response.status_code == 200
        assert Decision.objects.count() == 0
        response = client.post(page, form("recognition", three, "120/QĐ-UBND"))
        assert response.status_code == 302
        cert = Certificate.objects.get(product_id=d["three"].product_id)
        assert (cert.star, cert.score) == (3, Decimal("63.00"))
        # A result-approval decision for the ≥ 90 product, then the package for the ministry.
        client.post(page, form("result_approval", top, "121/QĐ-UBND"))
        assert Decision.objects.get(number="121/QĐ-UBND").kind == "result_approval"
        assert not Certificate.objects.filter(product_id=d["top"].product_id).exists()
        package = client.get(reverse("outcome:five_star_package", args=[top.pk]))
        assert package["Content-Type"] == "application/zip"
        names = zipfile.ZipFile(io.BytesIO(package.content)).namelist()
        assert "01-cong-van-de-nghi.docx" in names
        client.post(reverse("outcome:proposal_send", args=[top.pk]))
        top.refresh_from_db()
        assert top.sent_to_ministry_on == D(2026, 12, 12)
        notice = client.get(reverse("outcome:producer_notice", args=[three.pk]))
        assert notice.status_code == 200
        assert notice.content[:2] == b"PK"


@pytest.mark.office
def test_notices_open_in_libreoffice(proposed, tmp_path):
    round_, _office, _members, d = proposed
    two = Proposal.objects.get(dossier=d["two"])
    text = " ".join(
        pdf_text(docx_to_pdf(producer_notice_docx(two), tmp_path / "a"), tmp_path / "a").split()
    )
    for expected in (
        "SỞ NÔNG NGHIỆP VÀ MÔI",  # the issuer wraps in its header cell
        "THÔNG BÁO",
        "Bánh phồng mì",
        "đạt 50 điểm, chưa đạt hạng 3 sao",
        "cần bổ sung tối thiểu 1 điểm",
        "4.1 Khu vực phân phối chính",
    ):
        assert expected in text, expected
    proposals = list(Proposal.objects.filter(round=round_).order_by("pk"))
    commune = current_unit("commune", "29308")
    text = " ".join(
        pdf_text(
            docx_to_pdf(commune_notice_docx(proposals, commune=commune), tmp_path / "b"),
            tmp_path / "b",
        ).split()
    )
    for expected in ("Mứt gừng dẻo", "63", "Kẹo dừa sáp", "97", "03 sản phẩm"):
        assert expected in text, expected
