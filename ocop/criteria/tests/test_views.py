"""Criteria browser and self-assessment pages: content, permission matrix, saved drafts."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from ocop.criteria.engine import ENGINE_VERSION
from ocop.criteria.models import Answer, AnswerSheet, SelfAssessment
from ocop.criteria.services import SelfAssessmentData, self_assessment_save, self_assessment_start
from ocop.testing import current_unit, make_producer, make_product, make_user

from .test_engine_golden import SET7_MID

pytestmark = pytest.mark.django_db


ROLES = {
    "producer": {"role": "producer"},
    "other_producer": {"role": "producer"},
    "office": {"role": "province_office", "province": "86"},
    "office_elsewhere": {"role": "province_office", "province": "01"},
    "national": {"role": "national_office"},
    "council": {"role": "council_member"},
}


class People(dict):
    """The product of set 7 and, created on first use (hashing a password is slow), its users."""

    def __missing__(self, key: str):
        spec = ROLES[key]
        units = [current_unit("province", spec["province"])] if "province" in spec else None
        user = make_user(f"u.{key}", role=spec["role"], units=units)
        if key == "producer":
            make_producer("HTX Mứt gừng", accounts=[user])
        elif key == "other_producer":
            make_producer("HTX Khác", accounts=[user])
        self[key] = user
        return user


@pytest.fixture
def people():
    found = People()
    producer_user = found["producer"]
    own = producer_user.producer_links.get().producer
    found["product"] = make_product("Mứt gừng Cầu Kè", producer=own, set_number=7)
    return found


def login(client, user):
    client.force_login(user)


def answers_state(assessment: SelfAssessment) -> list[tuple[str, int | None, str]]:
    return list(
        Answer.objects.filter(answer_sheet__self_assessment=assessment)
        .order_by("criterion__order")
        .values_list("criterion__code", "position", "description")
    )


def post_data(answers: dict[str, int], **extra: str) -> dict[str, str]:
    data = {f"a_{code}": str(position) for code, position in answers.items()}
    data["has_story"] = "on"
    data.update(extra)
    return data


# --- criteria browser -----------------------------------------------------------------------


def test_edition_list_shows_revisions_hashes_and_corrections(
    client, people, django_assert_max_num_queries
):
    login(client, people["council"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("criteria:edition_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Quyết định số 26/2026/QĐ-TTg" in html
    assert "sha256:193c5d76c54eb6805f8295772fda62b8035e8f33a71bad775d2be9c5b65ad6fd" in html
    assert "26-2026/bilingual-label-options" in html
    assert "Annex II prints &#x27;Ghi nhãn hàng hóa có sử dụng song ngữ" in html
    assert "Chỉ có thông tin chung" in html  # QĐ 1048: metadata only
    assert reverse("criteria:sheet_detail", args=["26-2026", 1, 7]) in html


def test_sheet_detail_in_the_law_wording_with_star_markers(client, people):
    login(client, people["producer"])
    response = client.get(reverse("criteria:sheet_detail", args=["26-2026", 1, 7]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bộ sản phẩm 7: Chế biến từ rau, củ, quả, hạt" in html
    assert "Có sử dụng nguyên liệu có nguồn gốc trong tỉnh, nhưng có tỷ lệ dưới 50% — 1" in html
    assert '<span class="stars">***</span>' in html
    assert "Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu hoặc không rõ nguồn gốc" in html
    assert "Hồ sơ bị loại khi:" in html
    assert client.get(reverse("criteria:sheet_detail", args=["26-2026", 1, 27])).status_code == 404
    client.logout()
    anonymous = client.get(reverse("criteria:sheet_detail", args=["26-2026", 1, 7]))
    assert anonymous.status_code == 302


def test_sheet_detail_shows_set_26_cases(client, people):
    login(client, people["office"])
    html = client.get(reverse("criteria:sheet_detail", args=["26-2026", 1, 26])).content.decode()
    assert "a. Trường hợp 1: Dịch vụ du lịch do cộng đồng cung cấp" in html
    assert "Lựa chọn một trong hai trường hợp sau:" in html


# --- self-assessment: service -----------------------------------------------------------------


def test_saving_a_complete_draft_keeps_result_revision_and_engine_version(people):
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    self_assessment_save(
        self_assessment=assessment,
        data=SelfAssessmentData(
            answers=dict(SET7_MID),
            descriptions={"1.1": "Gừng mua của 12 hộ trong xã"},
            evidence={"1.1": "Hợp đồng thu mua số 05/2026"},
        ),
        actor=people["producer"],
    )
    sheet = AnswerSheet.objects.get(self_assessment=assessment)
    # SET7_MID worked by hand: 63 → 3★.
    assert (sheet.complete, sheet.total, sheet.band_star, sheet.star) == (True, Decimal(63), 3, 3)
    assert (sheet.revision.edition.code, sheet.revision.revision) == ("26-2026", 1)
    assert sheet.engine_version == ENGINE_VERSION
    row = Answer.objects.get(answer_sheet=sheet, criterion__code="1.1")
    assert (row.position, row.points, row.description, row.evidence) == (
        2,
        Decimal(2),
        "Gừng mua của 12 hộ trong xã",
        "Hợp đồng thu mua số 05/2026",
    )
    # 1.2 option 2 is "theo tiêu chuẩn quốc gia (VietGAP…)" worth 1 point.
    assert Answer.objects.get(answer_sheet=sheet, criterion__code="1.2").points == Decimal(1)


def test_an_incomplete_draft_has_no_result(people):
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    partial = {code: p for code, p in SET7_MID.items() if code != "11"}
    self_assessment_save(
        self_assessment=assessment,
        data=SelfAssessmentData(answers=partial),
        actor=people["producer"],
    )
    sheet = AnswerSheet.objects.get(self_assessment=assessment)
    assert (sheet.complete, sheet.total, sheet.star) == (False, None, None)
    assert Answer.objects.get(answer_sheet=sheet, criterion__code="11").position is None


def test_starting_twice_reopens_the_draft(people):
    first = self_assessment_start(product=people["product"], actor=people["producer"])
    again = self_assessment_start(product=people["product"], actor=people["office"])
    assert first.pk == again.pk
    assert SelfAssessment.objects.count() == 1
    assert Answer.objects.filter(answer_sheet__self_assessment=first).count() == 32


# --- self-assessment: permission matrix ---------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("council", 403),
        ("other_producer", 404),
        ("office_elsewhere", 404),
    ],
)
def test_start_is_refused_and_creates_nothing(client, people, who, status):
    if who != "anonymous":
        login(client, people[who])
    url = reverse("criteria:self_assessment_start", args=[people["product"].pk])
    response = client.post(url)
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    assert SelfAssessment.objects.count() == 0
    assert AnswerSheet.objects.count() == 0


@pytest.mark.parametrize("who", ["producer", "office"])
def test_start_by_the_producer_or_the_office_in_scope(client, people, who):
    login(client, people[who])
    response = client.post(reverse("criteria:self_assessment_start", args=[people["product"].pk]))
    assessment = SelfAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("criteria:self_assessment_detail", args=[assessment.pk])
    assert (assessment.product, assessment.created_by) == (people["product"], people[who])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("council", 403),
        ("other_producer", 404),
        ("office_elsewhere", 404),
        ("national", 403),  # sees every province, but does not fill producers' forms
    ],
)
def test_saving_is_refused_and_changes_nothing(client, people, who, status):
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    before = answers_state(assessment)
    if who != "anonymous":
        login(client, people[who])
    url = reverse("criteria:self_assessment_detail", args=[assessment.pk])
    response = client.post(url, post_data(SET7_MID, **{"d_1.1": "đổi"}))
    assert response.status_code == status
    assert answers_state(assessment) == before
    assert AnswerSheet.objects.get(self_assessment=assessment).total is None


@pytest.mark.parametrize("who", ["producer", "office"])
def test_saving_by_the_right_user(client, people, who):
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    login(client, people[who])
    url = reverse("criteria:self_assessment_detail", args=[assessment.pk])
    response = client.post(url, post_data(SET7_MID, **{"d_1.1": "Gừng của xã"}))
    assert response.status_code == 302
    sheet = AnswerSheet.objects.get(self_assessment=assessment)
    assert (sheet.total, sheet.star) == (Decimal(63), 3)
    assert answers_state(assessment)[0] == ("1.1", 2, "Gừng của xã")
    page = client.get(url).content.decode()
    assert "Đã lưu bản nháp tự đánh giá." in page
    assert re.search(r'name="a_1.1"\s+value="2"\s+checked', page)


def test_saving_a_wrong_option_is_refused_with_a_message(client, people):
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    before = answers_state(assessment)
    login(client, people["producer"])
    url = reverse("criteria:self_assessment_detail", args=[assessment.pk])
    response = client.post(url, post_data({**SET7_MID, "1.2": 0}))
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ. 0 không phải là một trong các lựa chọn" in (
        response.content.decode()
    )
    assert answers_state(assessment) == before


# --- self-assessment: reading pages -------------------------------------------------------------


def test_detail_shows_part_one_from_the_registry_and_the_live_result(client, people):
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    login(client, people["producer"])
    html = client.get(
        reverse("criteria:self_assessment_detail", args=[assessment.pk])
    ).content.decode()
    assert "HTX Mứt gừng" in html
    assert "Mứt gừng Cầu Kè" in html
    assert "Bộ sản phẩm: 7." in html
    assert (
        'hx-post="{}"'.format(reverse("criteria:self_assessment_live", args=[assessment.pk]))
        in html
    )
    # The product has no story yet, so 5.2 and 5.3 ("chỉ áp dụng khi có câu chuyện") need no
    # answer: 30 criteria are unanswered and counted at 0 — a provisional result.
    assert "30 tiêu chí chưa được trả lời" in html
    assert '<strong data-testid="total">0,00</strong>' in html


def test_live_result_follows_the_ticked_options(client, people):
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    login(client, people["producer"])
    url = reverse("criteria:self_assessment_live", args=[assessment.pk])
    html = client.post(url, post_data(SET7_MID)).content.decode()
    assert '<strong data-testid="total">63,00</strong>' in html
    assert "3★" in html
    assert "4★: tiêu chí 2.1 cần 3 điểm (hiện có 2)" in html
    assert "Để đạt 4★ cần thêm ít nhất 7 điểm:" in html
    # Raising 2.1, 2.3, 5.1 to their 4★ options and 4.3 to its top: 63 + 1 + 1 + 2 + 3 = 70 → 4★.
    better = {**SET7_MID, "2.1": 4, "2.3": 3, "5.1": 5, "4.3": 5}
    html = client.post(url, post_data(better)).content.decode()
    assert '<strong data-testid="total">70,00</strong>' in html
    assert "Để đạt 5★" in html
    assert AnswerSheet.objects.get(self_assessment=assessment).total is None  # nothing saved


@pytest.mark.parametrize("view", ["detail", "live", "print"])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("council", 403),
        ("other_producer", 404),
        ("office_elsewhere", 404),
    ],
)
def test_reading_pages_are_refused_outside_scope(client, people, view, who, status):
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    before = answers_state(assessment)
    if who != "anonymous":
        login(client, people[who])
    url = reverse(f"criteria:self_assessment_{view}", args=[assessment.pk])
    response = client.post(url, post_data(SET7_MID)) if view == "live" else client.get(url)
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    assert answers_state(assessment) == before


def test_live_result_is_refused_to_other_producers(client, people):
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    login(client, people["other_producer"])
    url = reverse("criteria:self_assessment_live", args=[assessment.pk])
    assert client.post(url, post_data(SET7_MID)).status_code == 404


def test_print_shows_the_form_with_chosen_options(client, people):
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    self_assessment_save(
        self_assessment=assessment,
        data=SelfAssessmentData(answers=dict(SET7_MID), evidence={"1.1": "Hợp đồng 05/2026"}),
        actor=people["producer"],
    )
    login(client, people["office"])
    html = client.get(
        reverse("criteria:self_assessment_print", args=[assessment.pk])
    ).content.decode()
    assert "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM" in html
    assert "Sử dụng nguyên liệu có nguồn gốc trong tỉnh từ 50% đến dưới 75%" in html
    assert "Hợp đồng 05/2026" in html
    assert "Tự đánh giá: 3★" in html
    assert "ĐẠI DIỆN THEO PHÁP LUẬT CỦA CƠ SỞ" in html


def test_list_shows_own_products_only(client, people, django_assert_max_num_queries):
    make_product("Sản phẩm người khác", producer=make_producer("HTX Xa"), set_number=1)
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    login(client, people["producer"])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("criteria:self_assessment_list"))
    html = response.content.decode()
    assert "Mứt gừng Cầu Kè" in html
    assert "Sản phẩm người khác" not in html
    assert reverse("criteria:self_assessment_detail", args=[assessment.pk]) in html
    login(client, people["council"])
    assert client.get(reverse("criteria:self_assessment_list")).status_code == 403
