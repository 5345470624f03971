"""Issue 10's council walk-through in real Chromium, each person in their own browser session:

the office sees the automatic conflict flag (a member from the People's Committee of xã Cầu Kè,
the commune that forwarded the dossier) → that member opens the dossier and is told they are
recused → chair, vice-chair and member score on their own logins and sign → the totals differ by
11 points (70, 59, 69; limit 10) → the chair records the discussion and opens a re-score → all
three sign again (the vice-chair now 63) → the chair closes: (70 + 63 + 69) / 3 = 67,33, 3★.

``council_walkthrough_closed`` is the council part of the round walked end to end in
tests/browser/test_council_round.py (proposal, decision, certificates).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from ocop.criteria.tests.test_engine_council import FIFTY_NINE
from ocop.criteria.tests.test_engine_golden import SET7_MID, SEVENTY, SIXTY_NINE
from ocop.evaluation.tests.council_ui_kit import CouncilRound, council_round_before_scoring
from ocop.testing import TEST_PASSWORD


@pytest.fixture
def council_day(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    moment = dt.datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=True):
        yield


def session(browser, live_server, username: str):
    """A separate browser context (own cookies) logged in as ``username``."""
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Xin chào").wait_for()
    return context, page


def score_and_sign(page, dossier, answers: dict[str, int] | None, note: str = "") -> None:
    """On the member's own login: tick the answers (None keeps the prefilled card), save, sign."""
    page.goto(f"/hoi-dong/ho-so/{dossier.pk}/")
    form = page.get_by_test_id("scorecard")
    for code, position in (answers or {}).items():
        form.locator(f'input[name="a_{code}"][value="{position}"]').check()
    if note:
        form.locator('textarea[name="n_1.1"]').fill(note)
    form.get_by_role("button", name="Lưu bản nháp").click()
    page.get_by_text("Đã lưu bản nháp phiếu chấm của bạn.").wait_for()
    page.get_by_role("button", name="Ký phiếu chấm").click()
    page.get_by_text("Đã ký phiếu chấm của bạn.").wait_for()


def council_walkthrough_closed(browser, live_server) -> tuple[CouncilRound, dict[str, object]]:
    """The council part of issue 10's walk-through; returns the round and open sessions."""
    c = council_round_before_scoring()
    dossier = c.dossier
    contexts = []

    # 1. The office sees the council and the automatic flag on the commune's member.
    office_ctx, office = session(browser, live_server, c.office.username)
    contexts.append(office_ctx)
    office.goto(f"/hoi-dong/dot/{c.round.pk}/")
    expect(office.get_by_test_id("members").locator("tbody tr")).to_have_count(4)
    expect(office.get_by_test_id(f"dossier-{dossier.pk}")).to_contain_text(
        "xacauke: tự động đánh dấu: tổ chức của thành viên là UBND xã chuyển hồ sơ"
    )

    # 2. That member finds the round under "my rounds" and is told they are recused.
    recused_ctx, recused = session(browser, live_server, c.recused.username)
    contexts.append(recused_ctx)
    recused.goto("/hoi-dong/")
    recused.get_by_test_id(f"round-{c.round.pk}").get_by_role("link", name="Hội đồng").click()
    recused.get_by_test_id(f"dossier-{dossier.pk}").get_by_role("link", name="Mở").click()
    expect(recused.get_by_test_id("recused")).to_contain_text("Bạn rút khỏi việc đánh giá")
    expect(recused.get_by_test_id("scorecard")).to_have_count(0)

    # 3. Three members score independently and sign; nobody sees another's total meanwhile.
    pages = {}
    for user in (c.chair, c.vice, c.member):
        ctx, pages[user.username] = session(browser, live_server, user.username)
        contexts.append(ctx)
    chair, vice, member = (pages[u.username] for u in (c.chair, c.vice, c.member))
    score_and_sign(chair, dossier, SEVENTY, note="Nguyên liệu trong tỉnh 80 %")
    expect(chair.get_by_test_id("signed-card")).to_contain_text("70,00 điểm")
    score_and_sign(vice, dossier, FIFTY_NINE)
    vice.goto(f"/hoi-dong/ho-so/{dossier.pk}/ket-qua/")
    expect(vice.get_by_test_id(f"member-{c.chair.username}")).to_contain_text("Đã ký")
    expect(vice.get_by_test_id(f"member-{c.chair.username}")).not_to_contain_text("70,00")
    score_and_sign(member, dossier, SIXTY_NINE)

    # 4. 70 − 59 = 11 > 10: the chair records the discussion and opens a re-score.
    chair.goto(f"/hoi-dong/ho-so/{dossier.pk}/ket-qua/")
    expect(chair.get_by_test_id("spread")).to_contain_text("11,00 điểm (giới hạn 10,00)")
    expect(chair.get_by_test_id("quorum")).to_contain_text("3 được tính trên 4 được bổ nhiệm")
    chair.get_by_role("button", name="Kết thúc chấm điểm của hội đồng").click()
    chair.get_by_text("phải chấm lại trước").wait_for()
    chair.get_by_label("Nội dung hội đồng đã thảo luận").fill("Thống nhất lại tiêu chí 6.2")
    chair.get_by_role("button", name="Ghi nội dung thảo luận và mở lượt chấm lại").click()
    chair.get_by_text("Đã ghi nhận nội dung thảo luận và mở lượt chấm lại.").wait_for()

    # 5. Everyone signs a new card; the vice-chair changes 6.2 (59 → 63), the others keep theirs.
    score_and_sign(vice, dossier, SET7_MID)
    score_and_sign(chair, dossier, None)
    score_and_sign(member, dossier, None)

    # 6. The chair closes: the mean of 70, 63, 69 is 67,33 → 3★.
    chair.goto(f"/hoi-dong/ho-so/{dossier.pk}/ket-qua/")
    expect(chair.get_by_test_id("spread")).to_contain_text("7,00 điểm")
    chair.get_by_role("button", name="Kết thúc chấm điểm của hội đồng").click()
    chair.get_by_text("Hội đồng đã kết thúc việc chấm điểm hồ sơ này.").wait_for()
    expect(chair.get_by_test_id("result-total")).to_have_text("67,33")
    expect(chair.get_by_test_id("result-star")).to_contain_text("★★★ (3)")
    expect(chair.get_by_test_id("timeline").locator("tbody tr")).to_have_count(6)
    expect(chair.get_by_test_id("events")).to_contain_text("Thống nhất lại tiêu chí 6.2")
    return c, {"office": office, "chair": chair, "contexts": contexts}
