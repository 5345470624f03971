"""Race conditions on PostgreSQL: signing scorecards concurrently."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import translation

from ocop.criteria.tests.test_engine_golden import SEVENTY, SIXTY_NINE
from ocop.evaluation.council.models import DossierScoring, Scorecard
from ocop.evaluation.council.services import conflict_declare, scorecard_save, scorecard_sign
from ocop.evaluation.dossiers.models import DossierEvent
from ocop.evaluation.tests.council_kit import council_of_four, dossier_before_council


def _race(calls) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call) -> None:
        try:
            barrier.wait(5)
            with translation.override("vi"):
                call()
            outcomes.append("signed")
        except Exception as exc:
            outcomes.append(type(exc).__name__ + ": " + str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_to_sign_one_card_give_one_signature(reference_data):
    dossier, round_ = dossier_before_council()
    _office, users = council_of_four(round_, dossier)
    card = scorecard_save(actor=users["chair"], dossier=dossier, answers=SEVENTY)
    outcomes = _race([lambda: scorecard_sign(actor=users["chair"], scorecard=card)] * 2)
    assert sorted(outcomes) == ["DomainError: Phiếu chấm này đã được ký.", "signed"]
    assert Scorecard.objects.filter(pk=card.pk, signed_at__isnull=False).count() == 1
    assert DossierEvent.objects.filter(dossier=dossier, kind="scorecard_signed").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_members_signing_at_once_make_all_signed_exactly_once(reference_data):
    dossier, round_ = dossier_before_council()
    _office, users = council_of_four(round_, dossier)
    conflict_declare(actor=users["commune"], dossier=dossier, conflict=False)  # auto-recused
    chair_card = scorecard_save(actor=users["chair"], dossier=dossier, answers=SEVENTY)
    scorecard_sign(actor=users["chair"], scorecard=chair_card)
    vice = scorecard_save(actor=users["vice"], dossier=dossier, answers=SIXTY_NINE)
    member = scorecard_save(actor=users["member"], dossier=dossier, answers=SEVENTY)
    outcomes = _race(
        [
            lambda: scorecard_sign(actor=users["vice"], scorecard=vice),
            lambda: scorecard_sign(actor=users["member"], scorecard=member),
        ]
    )
    assert outcomes == ["signed", "signed"]
    assert Scorecard.objects.filter(dossier=dossier, signed_at__isnull=False).count() == 3
    assert DossierEvent.objects.filter(dossier=dossier, kind="all_signed").count() == 1
    assert DossierScoring.objects.get(dossier=dossier).all_signed_at is not None
