"""The story flag in `ocop score` and the self-assessment page follows the story criterion."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ocop.criteria.models import AnswerSheet
from ocop.criteria.services import SelfAssessmentData, self_assessment_save, self_assessment_start

from .test_cli import refused, run, write
from .test_engine_golden import SET7_MID
from .test_views import login, people, post_data  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

NO_STORY = {k: v for k, v in SET7_MID.items() if k not in ("5.2", "5.3")} | {"5.1": 1}


def test_score_refuses_a_flag_that_contradicts_the_story_answer(tmp_path):
    payload = {"answers": SET7_MID, "flags": {"has_story": False}}
    message = refused("score", "--edition", "26-2026", "--set", "7", write(tmp_path, payload))
    assert message == (
        "Cờ “has_story” là false nhưng tiêu chí 5.1 được trả lời 4, nghĩa là sản phẩm có câu "
        "chuyện. Hãy bỏ cờ này: nó đi theo câu trả lời."
    )


def test_score_derives_the_story_from_the_answers(tmp_path):
    import json

    data = json.loads(
        run("score", "--edition", "26-2026", "--set", "7", write(tmp_path, {"answers": NO_STORY}))
    )
    assert (data["total"], data["star"]) == ("55.00", 2)
    assert data["next_star_gap"]["writes_story"] is True
    assert [c["code"] for c in data["next_star_gap"]["changes"]] == ["5.1", "5.2", "5.3"]


def test_the_page_has_no_separate_story_box(client, people):  # noqa: F811
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    login(client, people["producer"])
    html = client.get(reverse("criteria:self_assessment_detail", args=[assessment.pk])).content
    assert b'name="has_story"' not in html
    assert "theo câu trả lời của bạn cho tiêu chí 5.1" in html.decode()


def test_saving_derives_the_story_from_the_answer(people):  # noqa: F811
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    self_assessment_save(
        self_assessment=assessment, data=SelfAssessmentData(answers=dict(SET7_MID)),
        actor=people["producer"],
    )  # fmt: skip
    sheet = AnswerSheet.objects.get(self_assessment=assessment)
    assert (sheet.has_story, sheet.complete, sheet.star) == (True, True, 3)
    self_assessment_save(
        self_assessment=assessment, data=SelfAssessmentData(answers=NO_STORY),
        actor=people["producer"],
    )  # fmt: skip
    sheet.refresh_from_db()
    assert (sheet.has_story, sheet.complete, sheet.star) == (False, True, 2)


def test_saving_refuses_a_contradicting_story_and_changes_nothing(people):  # noqa: F811
    from ocop.core.errors import DomainError

    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    with pytest.raises(DomainError, match=r"tiêu chí 5\.1 được trả lời 4"):
        self_assessment_save(
            self_assessment=assessment,
            data=SelfAssessmentData(answers=dict(SET7_MID), has_story=False),
            actor=people["producer"],
        )
    sheet = AnswerSheet.objects.get(self_assessment=assessment)
    assert (sheet.complete, sheet.total) == (False, None)
    assert not sheet.answers.filter(position__isnull=False).exists()


def test_live_gap_tells_the_producer_to_write_the_story(client, people):  # noqa: F811
    assessment = self_assessment_start(product=people["product"], actor=people["producer"])
    login(client, people["producer"])
    url = reverse("criteria:self_assessment_live", args=[assessment.pk])
    html = client.post(url, post_data(NO_STORY)).content.decode()
    assert '<strong data-testid="total">55,00</strong>' in html
    assert "Viết câu chuyện sản phẩm:" in html
    assert "không thể đạt được" not in html
