"""``ocop demo`` shows the programme's cycle: dossiers in every stage, a provincial round with a
council (members by role, a declared conflict, signed scorecards, one scoring closed) — written
through the services by the demo officials, idempotent on re-run.

Scores worked by hand from QĐ 26/2026 Phụ lục II, bộ 7 (``ocop/demo/dossiers.py``): the chair
answers the golden mid-level sheet (63 points); the vice-chair takes option 1 of criterion 1.1
(1 point instead of 2) → 62; the third member option 2 of 4.2 (1 point instead of 2) → 62. The
fourth member declared a conflict and is recused, so 3 of 4 members count (quorum 75 %) and the
council's total is (63 + 62 + 62) / 3 = 62.33 → 3★ (50 ≤ total < 70).
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from ocop.evaluation.council.models import ConflictDeclaration, CouncilMember, Scorecard
from ocop.evaluation.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_demo_shows_the_cycle_and_is_idempotent():
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "demo dossiers: 6 (draft to council), 5 council scorecards" in out.getvalue()
    by_product = dict(
        Dossier.objects.filter(product__legacy_code__startswith="DEMO-HS-").values_list(
            "product__name", "status"
        )
    )
    assert by_product == {
        "Mứt dừa sáp": "draft",
        "Kẹo dừa sáp": "submitted",
        "Thạch dừa sáp": "returned_by_commune",
        "Dừa sáp sấy giòn": "forwarded",
        "Nước cốt dừa sáp": "in_round",
        "Bột dừa sáp": "in_round",
    }
    in_round = Dossier.objects.filter(status="in_round").select_related("round")
    rounds = {d.round for d in in_round}
    assert len(rounds) == 1
    (round_,) = rounds
    assert (round_.level, round_.province.code) == ("province", "86")
    members = dict(
        CouncilMember.objects.filter(council__round=round_).values_list("user__username", "role")
    )
    assert members == {
        "hoidong.1": "chair",
        "hoidong.2": "vice_chair",
        "hoidong.3": "member",
        "hoidong.4": "member",
    }
    closed = in_round.get(product__name="Nước cốt dừa sáp")
    recused = ConflictDeclaration.objects.get(dossier=closed, recused=True)
    assert recused.member.user.username == "hoidong.4"
    cards = Scorecard.objects.filter(dossier=closed, signed_at__isnull=False)
    assert sorted((c.member.user.username, c.total) for c in cards) == [
        ("hoidong.1", Decimal(63)),
        ("hoidong.2", Decimal(62)),
        ("hoidong.3", Decimal(62)),
    ]
    scoring = closed.scoring
    assert scoring.closed_at is not None
    assert (scoring.total, scoring.star) == (Decimal("62.33"), 3)
    under_way = in_round.get(product__name="Bột dừa sáp")
    assert under_way.scoring.closed_at is None
    assert sorted(
        (c.member.user.username, c.signed_at is not None)
        for c in Scorecard.objects.filter(dossier=under_way)
    ) == [("hoidong.2", True), ("hoidong.3", False)]

    counts = (Dossier.objects.count(), Scorecard.objects.count(), CouncilMember.objects.count())
    again = io.StringIO()
    call_command("demo", stdout=again)
    assert "demo dossiers and council: already present" in again.getvalue()
    assert (
        Dossier.objects.count(),
        Scorecard.objects.count(),
        CouncilMember.objects.count(),
    ) == counts
