"""The council and advisory-team pages: the permission matrix over every URL, the scorecard
pages, refusals through the pages (nothing changes), and calibration worked out by hand.

Totals by hand from QĐ 26/2026 Phụ lục II, bộ 7: SET7_MID = 63, SEVENTY = 70, SIXTY_NINE = 69,
FIFTY_NINE = 59 (see test_council.py).
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from ocop.criteria.tests.test_engine_council import FIFTY_NINE
from ocop.criteria.tests.test_engine_golden import SET7_MID, SEVENTY, SIXTY_NINE
from ocop.evaluation.advisory.models import AdvisoryReview, LabTest, SiteVisit, SiteVisitPhoto
from ocop.evaluation.advisory.services import (
    VisitInput,
    advisory_report_submit,
    advisory_review_save,
    lab_test_order,
    lab_test_result_record,
    site_visit_record,
)
from ocop.evaluation.council import selectors
from ocop.evaluation.council.models import ConflictDeclaration, DossierScoring, Scorecard
from ocop.evaluation.council.services import (
    conflict_declare,
    scorecard_save,
    scorecard_sign,
    scoring_rescore_open,
)
from ocop.evaluation.dossiers.models import DossierDocument, DossierEvent
from ocop.evaluation.tests.council_ui_kit import (
    council_round_before_scoring,
    dossier_in_round,
    extra_round,
)
from ocop.evaluation.tests.dossier_kit import D, on_day, pdf
from ocop.testing import as_system

pytestmark = pytest.mark.django_db


def png(name: str = "nha-xuong.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 100, 50)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def login(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = council_round_before_scoring()
    with as_system():
        document = DossierDocument.objects.create(
            dossier=c.dossier,
            kind="business_registration",
            issued_on=D(2024, 3, 1),
            file=pdf(),
            file_format="PDF",
            uploaded_by=c.producer,
        )
    return c, document


def advisory_records(c):
    """The team reviews, visits the site with a photo, orders a test, records its result and
    reports to the chair."""
    with on_day(D(2026, 11, 10)):
        advisory_review_save(
            actor=c.advisory,
            dossier=c.dossier,
            findings="Hồ sơ đầy đủ; nhà xưởng đạt",
            recommendation="score",
        )
        site_visit_record(
            actor=c.advisory,
            dossier=c.dossier,
            visit=VisitInput(
                visited_on=D(2026, 11, 5), place="Nhà xưởng xã Cầu Kè", findings="Sạch sẽ"
            ),
            photos=[png()],
        )
        test = lab_test_order(
            actor=c.advisory,
            dossier=c.dossier,
            test="Vi sinh vật",
            lab="Trung tâm Kỹ thuật 3",
            ordered_on=D(2026, 11, 5),
        )
        lab_test_result_record(
            actor=c.advisory,
            lab_test=test,
            result="Đạt QCVN 8-3",
            passed=True,
            result_on=D(2026, 11, 9),
            file=pdf("kq.pdf"),
        )
        advisory_report_submit(
            actor=c.advisory, dossier=c.dossier, report="Đề nghị Hội đồng chấm điểm"
        )
    return test, SiteVisitPhoto.objects.get(visit__dossier=c.dossier)


ROLES = ("office", "chair", "member", "recused", "other", "producer", "anon", "advisory")
#                               office chair member recused other producer anon advisory
MATRIX = [
    ("get", "round_list", "-", (200, 200, 200, 200, 200, 403, 302, 200)),
    ("get", "calibration", "-", (200, 403, 403, 403, 403, 403, 302, 403)),
    ("get", "round_detail", "r", (200, 200, 200, 200, 404, 404, 302, 302)),
    ("get", "member_appoint", "r", (200, 403, 403, 403, 404, 404, 302, 403)),
    ("get", "dossier_score", "d", (403, 200, 200, 200, 404, 404, 302, 403)),
    ("post", "dossier_declare", "d", (403, 302, 302, 302, 404, 404, 302, 403)),
    ("post", "scorecard_sign", "d", (403, 302, 302, 302, 404, 404, 302, 403)),
    ("get", "dossier_result", "d", (200, 200, 200, 200, 404, 404, 302, 403)),
    ("post", "rescore_open", "d", (403, 302, 403, 403, 404, 404, 302, 403)),
    ("post", "flags_record", "d", (403, 302, 403, 403, 404, 404, 302, 403)),
    ("post", "scoring_close", "d", (403, 302, 403, 403, 404, 404, 302, 403)),
    ("get", "dossier_document", "doc", (200, 200, 200, 200, 404, 404, 302, 200)),
    ("get", "advisory_round", "r", (200, 403, 403, 403, 404, 404, 302, 200)),
    ("post", "advisory_appoint", "r", (302, 403, 403, 403, 404, 404, 302, 403)),
    ("get", "advisory_dossier", "d", (200, 403, 403, 403, 404, 404, 302, 200)),
    ("post", "advisory_review", "d", (403, 403, 403, 403, 404, 404, 302, 302)),
    ("post", "site_visit_add", "d", (403, 403, 403, 403, 404, 404, 302, 302)),
    ("post", "lab_order", "d", (403, 403, 403, 403, 404, 404, 302, 302)),
    ("post", "advisory_report", "d", (403, 403, 403, 403, 404, 404, 302, 302)),
    ("post", "lab_result", "t", (403, 403, 403, 403, 404, 404, 302, 302)),
    ("get", "lab_file", "t", (200, 200, 200, 200, 404, 404, 302, 200)),
    ("get", "site_photo", "p", (200, 200, 200, 200, 404, 404, 302, 200)),
]


def test_permission_matrix_over_every_url(setup):
    c, document = setup
    test, photo = advisory_records(c)
    users = {
        "office": c.office,
        "chair": c.chair,
        "member": c.member,
        "recused": c.recused,
        "other": c.other,
        "producer": c.producer,
        "anon": None,
        "advisory": c.advisory,
    }
    args = {
        "-": [],
        "r": [c.round.pk],
        "d": [c.dossier.pk],
        "doc": [c.dossier.pk, document.pk],
        "t": [test.pk],
        "p": [photo.pk],
    }
    # Every URL of the app is in the matrix.
    from ocop.evaluation.council.urls import urlpatterns

    assert {p.name for p in urlpatterns} == {name for _m, name, _a, _e in MATRIX}
    clients = {role: login(user) for role, user in users.items()}
    found = {}
    for method, name, arg, expected in MATRIX:
        url = reverse(f"council:{name}", args=args[arg])
        for role, status in zip(ROLES, expected, strict=True):
            # Each request runs in a savepoint rolled back after it: an allowed POST (an empty
            # declaration, say) must not change what the next role sees.
            with transaction.atomic():
                response = getattr(clients[role], method)(url)
                transaction.set_rollback(True)
            found[(name, role)] = (response.status_code, status)
    wrong = {k: v for k, v in found.items() if v[0] != v[1]}
    assert wrong == {}
    # Anonymous requests go to the login page.
    response = Client().get(reverse("council:round_list"))
    assert response["Location"].startswith(reverse("accounts:login"))


def page_text(client, name, pk):
    return client.get(reverse(f"council:{name}", args=[pk])).content.decode()


def post_answers(client, dossier, answers, notes=None):
    data = {f"a_{k}": str(v) for k, v in answers.items()}
    data.update({f"n_{k}": v for k, v in (notes or {}).items()})
    return client.post(reverse("council:dossier_score", args=[dossier.pk]), data, follow=True)


def sign(client, dossier, card):
    return client.post(
        reverse("council:scorecard_sign", args=[dossier.pk]), {"card": card.pk}, follow=True
    )


def score_via_page(client, user, dossier, answers, notes=None):
    post_answers(client, dossier, answers, notes)
    card = Scorecard.objects.get(member__user=user, dossier=dossier, signed_at__isnull=True)
    sign(client, dossier, card)
    card.refresh_from_db()
    assert card.signed_at is not None
    return card


def snapshot(dossier):
    return (
        list(Scorecard.objects.filter(dossier=dossier).values_list("pk", "answers", "signed_at")),
        list(DossierScoring.objects.filter(dossier=dossier).values()),
        list(ConflictDeclaration.objects.filter(dossier=dossier).values()),
        DossierEvent.objects.filter(dossier=dossier).count(),
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_scores_stay_hidden_from_other_members_until_all_have_signed(setup):
    c, _document = setup
    chair, vice, member = login(c.chair), login(c.vice), login(c.member)
    score_via_page(chair, c.chair, c.dossier, SEVENTY, {"1.1": "Nguyên liệu trong tỉnh 80 %"})
    # The chair's own page shows the note and the signed card read-only (disabled fieldset).
    own = page_text(chair, "dossier_score", c.dossier.pk)
    assert "Nguyên liệu trong tỉnh 80 %" in own
    assert "<fieldset disabled>" in own
    # Another member and the office see who signed but no total (the chair sees their own).
    for client in (vice, login(c.office)):
        html = page_text(client, "dossier_result", c.dossier.pk)
        assert "70,00" not in html
        assert 'data-testid="quorum"' not in html
    assert "70,00" not in page_text(vice, "dossier_score", c.dossier.pk)
    score_via_page(vice, c.vice, c.dossier, SIXTY_NINE)
    assert "70,00" not in page_text(member, "dossier_result", c.dossier.pk)
    assert "69,00" not in page_text(chair, "dossier_result", c.dossier.pk)
    score_via_page(member, c.member, c.dossier, SET7_MID)
    # All counted members have signed (the commune member is recused by the automatic flag).
    html = page_text(vice, "dossier_result", c.dossier.pk)
    for total in ("70,00", "69,00", "63,00"):
        assert total in html
    # 70 − 63 = 7 ≤ 10; 3 counted of 4 appointed, 3 required.
    assert "7,00 điểm (giới hạn 10,00)" in html
    assert "3 được tính trên 4 được bổ nhiệm" in html


def test_refusals_through_the_pages_change_nothing(setup):
    c, _document = setup
    chair = login(c.chair)
    card = score_via_page(chair, c.chair, c.dossier, SEVENTY)
    with translation.override("vi"):
        before = snapshot(c.dossier)
        response = sign(chair, c.dossier, card)
        assert messages_of(response) == ["Phiếu chấm này đã được ký."]
        assert snapshot(c.dossier) == before
        response = post_answers(chair, c.dossier, SIXTY_NINE)
        assert "Phiếu chấm của bạn đã ký: phiếu đã ký không bao giờ được sửa." in (
            response.content.decode()
        )
        assert snapshot(c.dossier) == before
        # The recused member (xã Cầu Kè, the forwarding commune) cannot score.
        recused = login(c.recused)
        assert 'data-testid="recused"' in page_text(recused, "dossier_score", c.dossier.pk)
        response = post_answers(recused, c.dossier, SEVENTY)
        assert (
            "Bạn không được chấm hồ sơ này vì đã rút khỏi việc đánh giá (xung đột lợi ích)."
            in response.content.decode()
        )
        assert snapshot(c.dossier) == before


def test_closing_without_quorum_is_refused_through_the_page(setup):
    c, _document = setup
    conflict_declare(actor=c.member, dossier=c.dossier, conflict=True, note="Họ hàng chủ thể")
    for user, answers in ((c.chair, SEVENTY), (c.vice, SIXTY_NINE)):
        scorecard_sign(
            actor=user,
            scorecard=scorecard_save(actor=user, dossier=c.dossier, answers=answers),
        )
    chair = login(c.chair)
    with translation.override("vi"):
        before = snapshot(c.dossier)
        response = chair.post(reverse("council:scoring_close", args=[c.dossier.pk]), follow=True)
        assert messages_of(response) == [
            "Không đủ số lượng thành viên: 2 thành viên được tính trên 4 thành viên được bổ "
            "nhiệm, cần 3 thành viên trong đó có chủ tịch hội đồng."
        ]
        assert snapshot(c.dossier) == before
    # The office sees the declaration and both recusals on the round page.
    html = page_text(login(c.office), "round_detail", c.round.pk)
    assert "đã khai báo có xung đột" in html
    assert "tổ chức của thành viên là UBND xã chuyển hồ sơ" in html


def test_rescore_and_close_through_the_pages(setup):
    c, _document = setup
    chair, vice, member = login(c.chair), login(c.vice), login(c.member)
    score_via_page(chair, c.chair, c.dossier, SEVENTY)
    first = score_via_page(vice, c.vice, c.dossier, FIFTY_NINE)
    score_via_page(member, c.member, c.dossier, SIXTY_NINE)
    # 70 − 59 = 11 > 10: the chair must re-score; the page offers the discussion form.
    html = page_text(chair, "dossier_result", c.dossier.pk)
    assert "vượt giới hạn" in html
    chair.post(
        reverse("council:rescore_open", args=[c.dossier.pk]),
        {"discussion": "Thảo luận tiêu chí 6.2"},
    )
    rescored = score_via_page(vice, c.vice, c.dossier, SET7_MID)
    assert rescored.supersedes == first
    score_via_page(chair, c.chair, c.dossier, SEVENTY)
    score_via_page(member, c.member, c.dossier, SIXTY_NINE)
    response = chair.post(reverse("council:scoring_close", args=[c.dossier.pk]), follow=True)
    html = response.content.decode()
    # (70 + 63 + 69) / 3 = 67.33 → 3★; both of the vice-chair's cards are on the timeline.
    assert 'data-testid="result-total">\n          67,33' in html
    assert "★★★ (3)" in html
    assert "Thảo luận tiêu chí 6.2" in html
    assert html.count("bị thay thế") == 3


def test_flags_recorded_once(setup):
    c, _document = setup
    chair = login(c.chair)
    url = reverse("council:flags_record", args=[c.dossier.pk])
    chair.post(url, {"disqualified": "on", "note": "Hồ sơ bị loại: giấy ATTP hết hạn"}, follow=True)
    scoring = DossierScoring.objects.get(dossier=c.dossier)
    assert (scoring.disqualified, scoring.eliminated, scoring.halted_at) == (True, False, "")
    with translation.override("vi"):
        before = snapshot(c.dossier)
        response = chair.post(url, {"eliminated": "on", "note": "lần hai"}, follow=True)
        assert messages_of(response) == [
            "Việc loại, dừng đánh giá hoặc không đủ điều kiện đã được ghi nhận cho hồ sơ này."
        ]
        assert snapshot(c.dossier) == before


def test_advisory_photo_checked_by_content_and_report_read_by_members(setup):
    c, _document = setup
    team = login(c.advisory)
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    with translation.override("vi"):
        response = team.post(
            reverse("council:site_visit_add", args=[c.dossier.pk]),
            {"visited_on": "05/11/2026", "place": "Xưởng", "findings": "Tốt", "photos": [fake]},
            follow=True,
        )
    assert messages_of(response) == [
        "“anh.jpg” không phải là tệp JPEG thật: nội dung không khớp với tên tệp."
    ]
    assert SiteVisit.objects.count() == 0
    assert SiteVisitPhoto.objects.count() == 0
    # Before the report, council members do not see the team's records.
    advisory_review_save(
        actor=c.advisory, dossier=c.dossier, findings="Chưa xong", recommendation="score"
    )
    assert "Chưa xong" not in page_text(login(c.member), "dossier_score", c.dossier.pk)
    with on_day(D(2026, 11, 10)):
        test = lab_test_order(
            actor=c.advisory,
            dossier=c.dossier,
            test="Kim loại nặng",
            lab="Quatest 3",
            ordered_on=D(2026, 11, 2),
        )
        # An ordered test without its result blocks the report.
        with translation.override("vi"):
            response = team.post(
                reverse("council:advisory_report", args=[c.dossier.pk]),
                {"report": "Báo cáo"},
                follow=True,
            )
        assert messages_of(response) == ["Một chỉ tiêu kiểm nghiệm đã yêu cầu chưa có kết quả."]
        assert AdvisoryReview.objects.get(dossier=c.dossier).submitted_at is None
        lab_test_result_record(
            actor=c.advisory, lab_test=test, result="Đạt", passed=True, result_on=D(2026, 11, 9)
        )
        advisory_report_submit(actor=c.advisory, dossier=c.dossier, report="Đề nghị chấm")
    html = page_text(login(c.member), "dossier_score", c.dossier.pk)
    assert "Đề nghị chấm" in html
    assert "Kim loại nặng" in html
    assert LabTest.objects.get(pk=test.pk).passed is True


def test_calibration_worked_out_by_hand(setup):
    """Dossier A (round 99): chair 70, vice 69, member 63 → mean 202/3; deviations +8/3, +5/3,
    −13/3. Dossier B (round 98): first chair 59, vice 70, member 69 (spread 11, re-scored; these
    cards are superseded and do not count), then chair 63, vice 70, member 69 → mean 202/3;
    deviations −13/3, +8/3, +5/3.
    Chair: (8/3 − 13/3) / 2 = −5/6 → −0,83; |·| (8/3 + 13/3) / 2 = 3,50.
    Vice: (5/3 + 8/3) / 2 = 13/6 → 2,17. Member: (−13/3 + 5/3) / 2 = −4/3 → −1,33; |·| 3,00."""
    c, _document = setup
    for user, answers in ((c.chair, SEVENTY), (c.vice, SIXTY_NINE), (c.member, SET7_MID)):
        scorecard_sign(
            actor=user, scorecard=scorecard_save(actor=user, dossier=c.dossier, answers=answers)
        )
    round_b = extra_round("97", decide_day=28)
    for user, role in ((c.chair, "chair"), (c.vice, "vice_chair"), (c.member, "member")):
        from ocop.evaluation.council.services import council_member_appoint

        council_member_appoint(
            actor=c.office,
            round_=round_b,
            user=user,
            role=role,
            organisation_kind="department",
            organisation_name="Sở Công Thương",
        )
    b = dossier_in_round(round_b, "chuthe.b", "Bánh tét lá cẩm")
    for user, answers in ((c.chair, FIFTY_NINE), (c.vice, SEVENTY), (c.member, SIXTY_NINE)):
        scorecard_sign(actor=user, scorecard=scorecard_save(actor=user, dossier=b, answers=answers))
    scoring_rescore_open(actor=c.chair, dossier=b, discussion="Chênh 11 điểm")
    for user, answers in ((c.chair, SET7_MID), (c.vice, SEVENTY), (c.member, SIXTY_NINE)):
        scorecard_sign(actor=user, scorecard=scorecard_save(actor=user, dossier=b, answers=answers))
    rows = {r.user.username: r for r in selectors.calibration(user=c.office)}
    assert set(rows) == {"chutich", "phochutich", "uyvien"}
    assert (rows["chutich"].cards, rows["chutich"].mean_deviation) == (2, Decimal("-0.83"))
    assert rows["chutich"].mean_abs_deviation == Decimal("3.50")
    assert (rows["phochutich"].mean_deviation, rows["phochutich"].mean_abs_deviation) == (
        Decimal("2.17"),
        Decimal("2.17"),
    )
    assert (rows["uyvien"].mean_deviation, rows["uyvien"].mean_abs_deviation) == (
        Decimal("-1.33"),
        Decimal("3.00"),
    )
    # By round, oldest decision first: round 97 (B, −13/3 → −4,33), then round 99 (+8/3 → 2,67).
    assert [(r.number, n, dev) for r, n, dev in rows["chutich"].rounds] == [
        ("97", 1, Decimal("-4.33")),
        ("99", 1, Decimal("2.67")),
    ]
    html = login(c.office).get(reverse("council:calibration")).content.decode()
    assert "-0,83" in html
    assert "2,17" in html
    assert "-1,33" in html
    # Another province's office sees none of it.
    from ocop.evaluation.tests.dossier_kit import province_office

    assert selectors.calibration(user=province_office("hanoi", "01")) == []


def test_halt_recorded_once_lets_members_stop_at_the_criterion(setup):
    """Set 7 (QĐ 26/2026): only criterion 6.1 carries the stop note; after the halt the later
    criteria need no answer and no star is given."""
    c, _document = setup
    chair = login(c.chair)
    url = reverse("council:flags_record", args=[c.dossier.pk])
    with translation.override("vi"):
        before = snapshot(c.dossier)
        response = chair.post(url, {"halted_at": "1.1", "note": "x"}, follow=True)
        assert messages_of(response) == [
            "Tiêu chí 1.1 không có ghi chú dừng đánh giá trong phiếu chấm này."
        ]
        assert snapshot(c.dossier) == before
    chair.post(url, {"halted_at": "6.1", "note": "Không đạt tiêu chí 6.1"}, follow=True)
    order = list(SEVENTY)
    until_halt = {k: SEVENTY[k] for k in order[: order.index("6.1") + 1]}
    for user in (c.chair, c.vice, c.member):
        client = login(user)
        score_via_page(client, user, c.dossier, until_halt)
    response = chair.post(reverse("council:scoring_close", args=[c.dossier.pk]), follow=True)
    scoring = DossierScoring.objects.get(dossier=c.dossier)
    assert (scoring.status, scoring.star, scoring.halted_at) == ("halted", None, "6.1")
    assert "Dừng đánh giá tại tiêu chí 6.1." in response.content.decode()


def test_office_appoints_through_the_page_and_the_flag_follows_the_record(setup):
    c, _document = setup
    from ocop.accounts.choices import Role
    from ocop.testing import make_user

    office = login(c.office)
    url = reverse("council:member_appoint", args=[c.round.pk])
    newcomer = make_user("chuthemoi", role=Role.COUNCIL_MEMBER, full_name="Ông Ủy Viên")
    producer_account = make_user("khongphai", role=Role.PRODUCER)
    data = {
        "role": "member",
        "organisation_kind": "producer",
        "organisation_name": "HTX (tên khác hẳn)",
        "producer": c.dossier.producer_id,
    }
    with translation.override("vi"):
        response = office.post(url, {**data, "user": producer_account.pk})
        # Only council-member accounts are offered: the form refuses the producer's account.
        assert "user" in response.context["form"].errors
        response = office.post(url, {**data, "user": newcomer.pk, "role": "chair"})
        assert response.context["form"].non_field_errors() == ["Hội đồng đã có chủ tịch."]
    response = office.post(url, {**data, "user": newcomer.pk}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("council:round_detail", args=[c.round.pk])
    # The names differ; the record is the dossier's producer, so the flag is raised.
    html = " ".join(response.content.decode().split())
    assert "Ông Ủy Viên: tự động đánh dấu: tổ chức của thành viên là chủ thể" in html
    # The commune's member (xacauke) is flagged on the same page.
    assert "xacauke: tự động đánh dấu: tổ chức của thành viên là UBND xã chuyển hồ sơ" in html


def test_work_queues_of_members_and_advisory_team(setup):
    c, _document = setup

    def count(user):
        lines = selectors.council_queue_counts(user=user)
        return [(line.key, line.count) for line in lines]

    assert count(c.member) == [("council_to_score", 1)]
    assert count(c.recused) == [("council_to_score", 0)]  # flagged: nothing waits for them
    assert count(c.other) == [("council_to_score", 0)]
    assert count(c.advisory) == [("advisory_to_report", 1)]
    assert count(c.office) == []
    score_via_page(login(c.member), c.member, c.dossier, SEVENTY)
    assert count(c.member) == [("council_to_score", 0)]
    advisory_records(c)
    assert count(c.advisory) == [("advisory_to_report", 0)]
    html = login(c.chair).get(reverse("core:home")).content.decode()
    assert "Hồ sơ chờ bạn chấm điểm" in html
