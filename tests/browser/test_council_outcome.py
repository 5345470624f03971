"""Issue 10 items 4: from a round whose scoring is closed (built with the services), the chair
proposes, the office records the chairman's recognition decision → certificates exist and their
verification pages say "Còn hiệu lực"; the ≥ 90 product gets a result-approval decision and no
certificate (QĐ 26/2026 Điều 7.3.d–e)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import expect

from ocop.certification.models import Certificate, Decision
from ocop.certification.selectors import certificate_public_url
from ocop.criteria.tests.test_engine_golden import SET7_MID
from ocop.evaluation.tests.outcome_kit import FOUR_STAR, NINETY_SEVEN, closed_round
from tests.browser.test_registry import log_in


@pytest.fixture(autouse=True)
def _system_user(transactional_db):
    from auditlog.context import disable_auditlog

    from ocop.core.audit import system_user

    with disable_auditlog():
        system_user()


def test_proposal_decision_certificates_and_result_approval(page, live_server, settings):
    settings.OCOP_PUBLIC_BASE_URL = live_server.url
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    round_, _office, _members, d = closed_round(
        {
            "three": ("Mứt gừng dẻo", SET7_MID, "26-2026"),
            "four": ("Mứt me Trà Vinh", FOUR_STAR, "26-2026"),
            "top": ("Kẹo dừa sáp", NINETY_SEVEN, "26-2026"),
        }
    )
    outcome_url = f"/ket-qua/dot/{round_.pk}/"
    with time_machine.travel(dt.datetime(2026, 12, 12, 2, 0, tzinfo=dt.UTC), tick=True):
        # The chair proposes the round's results.
        log_in(page, "chutich")
        page.goto(outcome_url)
        page.get_by_test_id("propose").click()
        page.get_by_text("Đã ghi nhận đề nghị của Hội đồng.").wait_for()
        rows = page.get_by_test_id("proposals").locator("tbody tr")
        expect(rows).to_have_count(3)
        expect(rows.filter(has_text="Kẹo dừa sáp")).to_contain_text("Từ 90 điểm: gửi Bộ")

        # The office records the chairman's recognition decision, pre-filled from the proposal.
        office = page.context.browser.new_context(locale="vi-VN", base_url=live_server.url)
        op = office.new_page()
        op.set_default_timeout(15_000)
        log_in(op, "tinh")
        op.goto(outcome_url)
        form = op.get_by_test_id("decision-form-recognition")
        kind = "recognition"
        expect(form.get_by_label("Mứt gừng dẻo — 63")).to_be_checked()
        expect(form.get_by_label("Mứt me Trà Vinh — 72")).to_be_checked()
        form.locator(f"#id_{kind}-number").fill("152/QĐ-UBND")
        form.locator(f"#id_{kind}-signed_on").fill("10/12/2026")
        form.locator(f"#id_{kind}-signer_name").fill("Lê Văn Bảy")
        form.get_by_role("button", name="Ghi nhận quyết định").click()
        op.get_by_text("Đã ghi nhận quyết định.").wait_for()
        certificates = list(Certificate.objects.order_by("star"))
        assert [(c.product.name, c.star) for c in certificates] == [
            ("Mứt gừng dẻo", 3),
            ("Mứt me Trà Vinh", 4),
        ]

        # ≥ 90: a result-approval decision and no certificate.
        form = op.get_by_test_id("decision-form-result_approval")
        kind = "result_approval"
        expect(form.get_by_label("Kẹo dừa sáp — 97")).to_be_checked()
        form.locator(f"#id_{kind}-number").fill("153/QĐ-UBND")
        form.locator(f"#id_{kind}-signed_on").fill("10/12/2026")
        form.locator(f"#id_{kind}-signer_name").fill("Lê Văn Bảy")
        form.get_by_role("button", name="Ghi nhận quyết định").click()
        op.get_by_text("Đã ghi nhận quyết định.").wait_for()
        assert Decision.objects.get(number="153/QĐ-UBND").kind == "result_approval"
        assert not Certificate.objects.filter(product_id=d["top"].product_id).exists()
        expect(op.get_by_test_id("proposals")).to_contain_text("153/QĐ-UBND")

        # The public verification pages of the certificates.
        public = page.context.browser.new_context(locale="vi-VN").new_page()
        for certificate in certificates:
            public.goto(certificate_public_url(certificate))
            expect(public.locator(".verify-badge")).to_have_text("Còn hiệu lực")
            expect(public.get_by_text(certificate.product.name, exact=True)).to_be_visible()
        office.close()
