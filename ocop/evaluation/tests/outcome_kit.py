"""Helpers for the outcome tests: a round of set-7 dossiers whose council scoring is closed.

Totals on QĐ 26/2026 Phụ lục II, bộ 7, worked by hand in ``test_engine_golden``: SET7_MID = 63
(3★); FOUR_STAR = SEVENTY (70) with 2.1 → 4 (+1) and 2.3 → 3 (+1) = 72, which meets the 4★
markers 2.1, 2.3, 5.1 (4★); NINETY_SEVEN = every criterion at its top (100) with 3.2 → 1 (−1) and
11 → 1 (−2) = 97 (5★, no 5★ marker touched); TWO_STAR = SET7_MID with 3.4, 3.5, 4.1, 4.2, 4.3,
6.1, 7 lowered to option 1 = 50: in the 3★ band but the 3★ marker 4.1 ≥ 2 is missed → 2★.
"""

from __future__ import annotations

import datetime as dt

from ocop.accounts.choices import Role
from ocop.criteria.tests.test_engine_golden import SET7_MID, SEVENTY, sheet_26, top_answers
from ocop.evaluation.council.services import scorecard_save, scorecard_sign, scoring_close
from ocop.evaluation.dossiers.choices import DossierStatus
from ocop.evaluation.dossiers.models import Dossier
from ocop.evaluation.models import Round
from ocop.evaluation.tests.council_kit import seat
from ocop.evaluation.tests.dossier_kit import (
    D,
    on_day,
    producer_with_product,
    province_office,
    ready_dossier,
)
from ocop.testing import as_system, current_unit

FOUR_STAR = SEVENTY | {"2.1": 4, "2.3": 3}
NINETY_SEVEN = top_answers(sheet_26(7)) | {"3.2": 1, "11": 1}
TWO_STAR = SET7_MID | {"3.4": 1, "3.5": 1, "4.1": 1, "4.2": 1, "4.3": 1, "6.1": 1, "7": 1}

SCORED_ON = D(2026, 11, 20)


def make_round(number: str = "98") -> Round:
    with as_system():
        return Round.objects.create(
            level="province",
            province=current_unit("province", "86"),
            year=2026,
            number=number,
            cutoff=D(2026, 10, 30),
            decide_by=D(2026, 12, 30),
        )


def dossier_in(round_, username, product_name, *, process="26-2026", kind="first", product=None):
    """A dossier in ``round_``; ``product`` (with its producer's ``username`` account) for an
    upgrade or a re-rating of the product's certificate."""
    if product is None:
        user, product = producer_with_product(username, product_name)
    else:
        from ocop.accounts.models import User

        user = User.objects.get(username=username)
    with on_day(D(2026, 10, 1)):
        dossier = ready_dossier(user, product, kind=kind)
    with as_system():
        Dossier.objects.filter(pk=dossier.pk).update(
            status=DossierStatus.IN_ROUND,
            round=round_,
            edition="26-2026",
            process=process,
            province_received_on=D(2026, 11, 2),
        )
    dossier.refresh_from_db()
    return dossier


def council_of_three(round_, prefix=""):
    office = province_office(f"{prefix}tinh")
    return office, {
        "chair": seat(round_, office, f"{prefix}chutich", "chair"),
        "vice": seat(round_, office, f"{prefix}phochutich", "vice_chair"),
        "member": seat(round_, office, f"{prefix}uyvien", "member"),
    }


def score_and_close(dossier, members, answers):
    with on_day(SCORED_ON):
        for user in members.values():
            card = scorecard_save(actor=user, dossier=dossier, answers=answers)
            scorecard_sign(actor=user, scorecard=card)
        return scoring_close(actor=members["chair"], dossier=dossier)


def closed_round(spec: dict[str, tuple[str, dict[str, int], str]], number="98", prefix=""):
    """``spec``: key → (product name, answers, process). Every member gives the same answers."""
    round_ = make_round(number)
    office, members = council_of_three(round_, prefix)
    dossiers = {}
    for index, (key, (name, answers, process)) in enumerate(spec.items()):
        dossier = dossier_in(round_, f"{prefix}chuthe{index}", name, process=process)
        score_and_close(dossier, members, answers)
        dossiers[key] = dossier
    return round_, office, members, dossiers


def today_is(day: dt.date):
    return on_day(day)


__all__ = ["Role"]
