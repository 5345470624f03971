"""Issue 10's "Done when", one walk through a provincial round in real Chromium, each person on
their own login: three members score (the commune's member recused by the automatic flag) → a
spread of 11 points (limit 10) forces a recorded re-score → the chair closes (67,33, 3★) → the
council proposes → the office records the chairman's recognition decision → the certificate exists
and its verification page says "Còn hiệu lực"; a second dossier of the same round scored 97
(QĐ 26/2026 Điều 7.3.d–e: from 90 points the province approves the result and sends the product
to the ministry) gets a result-approval decision and no certificate.

The council part is ``council_walkthrough_closed`` (tests/browser/test_council_scoring.py); the
second dossier is scored through the same services by the same three members, in the background.
"""

from __future__ import annotations

from playwright.sync_api import expect

from ocop.certification.models import Certificate, Decision
from ocop.certification.selectors import certificate_public_url
from ocop.evaluation.council.models import CouncilMember, DossierScoring, Scorecard
from ocop.evaluation.council.selectors import member_recused
from ocop.evaluation.council.services import scorecard_save, scorecard_sign, scoring_close
from ocop.evaluation.tests.council_ui_kit import dossier_in_round
from ocop.evaluation.tests.outcome_kit import NINETY_SEVEN
from tests.browser.test_council_scoring import council_day, council_walkthrough_closed

__all__ = ["council_day"]


def _score_ninety_seven_in_background(c):
    """Kẹo dừa sáp: every member who is not recused signs 97 points; the chair closes."""
    dossier = dossier_in_round(c.round, "chuthe97", "Kẹo dừa sáp")
    for user in (c.chair, c.vice, c.member, c.recused):
        seat = CouncilMember.objects.get(council__round=c.round, user=user)
        if member_recused(member=seat, dossier=dossier):  # the commune's member, flagged again
            continue
        card = scorecard_save(actor=user, dossier=dossier, answers=NINETY_SEVEN)
        scorecard_sign(actor=user, scorecard=card)
    scoring = scoring_close(actor=c.chair, dossier=dossier)
    assert (str(scoring.total), scoring.star) == ("97.00", 5)
    return dossier


def test_round_from_scores_to_certificates(
    browser, live_server, reference_data, council_day, settings
):
    settings.OCOP_PUBLIC_BASE_URL = live_server.url
    c, sessions = council_walkthrough_closed(browser, live_server)
    scoring = DossierScoring.objects.get(dossier=c.dossier)
    assert (str(scoring.total), scoring.star, scoring.status) == ("67.33", 3, "rated")
    cards = Scorecard.objects.filter(dossier=c.dossier)  # three superseded by the re-score
    assert (cards.count(), cards.filter(superseded_by__isnull=True).count()) == (6, 3)
    assert not cards.filter(member__user=c.recused).exists()
    top = _score_ninety_seven_in_background(c)
    outcome_url = f"/ket-qua/dot/{c.round.pk}/"

    # The council proposes: 67,33 → recognise 3★; 97 → the 5★ path (sent to the ministry).
    chair = sessions["chair"]
    chair.goto(outcome_url)
    chair.get_by_test_id("propose").click()
    chair.get_by_text("Đã ghi nhận đề nghị của Hội đồng.").wait_for()
    rows = chair.get_by_test_id("proposals").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Kẹo dừa sáp")).to_contain_text("Từ 90 điểm: gửi Bộ")

    # The office records the chairman's recognition decision, pre-filled from the proposal.
    office = sessions["office"]
    office.goto(outcome_url)
    form = office.get_by_test_id("decision-form-recognition")
    product = c.dossier.product.name
    expect(form.get_by_label(f"{product} — 67,33")).to_be_checked()
    form.locator("#id_recognition-number").fill("152/QĐ-UBND")
    form.locator("#id_recognition-signed_on").fill("20/11/2026")
    form.locator("#id_recognition-signer_name").fill("Lê Văn Bảy")
    form.get_by_role("button", name="Ghi nhận quyết định").click()
    office.get_by_text("Đã ghi nhận quyết định.").wait_for()
    certificate = Certificate.objects.get(product=c.dossier.product)
    assert (certificate.star, certificate.decision.number) == (3, "152/QĐ-UBND")

    # ≥ 90: a result-approval decision and no certificate.
    form = office.get_by_test_id("decision-form-result_approval")
    expect(form.get_by_label("Kẹo dừa sáp — 97")).to_be_checked()
    form.locator("#id_result_approval-number").fill("153/QĐ-UBND")
    form.locator("#id_result_approval-signed_on").fill("20/11/2026")
    form.locator("#id_result_approval-signer_name").fill("Lê Văn Bảy")
    form.get_by_role("button", name="Ghi nhận quyết định").click()
    office.get_by_text("Đã ghi nhận quyết định.").wait_for()
    assert Decision.objects.get(number="153/QĐ-UBND").kind == "result_approval"
    assert not Certificate.objects.filter(product=top.product).exists()

    # The certificate's public page (the QR code's address) says it is in force.
    public = browser.new_context(locale="vi-VN").new_page()
    public.goto(certificate_public_url(certificate))
    expect(public.locator(".verify-badge")).to_have_text("Còn hiệu lực")
    expect(public.get_by_text(product, exact=True)).to_be_visible()
    public.context.close()
    for context in sessions["contexts"]:
        context.close()
