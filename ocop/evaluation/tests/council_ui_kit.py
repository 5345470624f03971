"""A round before its council, for the council pages and the browser walk-through.

``council_round_before_scoring()`` is the shared starting point: a set-7 dossier from xã Cầu Kè
accepted into a provincial round, the office, a council of four (chair, vice-chair, member, and a
member from the People's Committee of xã Cầu Kè — flagged automatically, the forwarding commune),
an advisory team member, and a member of another round's council. Later steps (proposal,
decision) start from what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.evaluation.advisory.services import advisory_member_appoint
from ocop.evaluation.dossiers.choices import DossierStatus
from ocop.evaluation.dossiers.models import Dossier
from ocop.evaluation.models import Round
from ocop.evaluation.tests.council_kit import council_of_four, dossier_before_council, seat
from ocop.evaluation.tests.dossier_kit import (
    D,
    on_day,
    producer_with_product,
    ready_dossier,
)
from ocop.testing import as_system, current_unit, make_user


@dataclass
class CouncilRound:
    dossier: Dossier
    round: Round
    office: User
    producer: User
    chair: User
    vice: User
    member: User
    recused: User
    advisory: User
    other: User


def extra_round(number: str, decide_day: int = 29) -> Round:
    with as_system():
        return Round.objects.create(
            level="province",
            province=current_unit("province", "86"),
            year=2026,
            number=number,
            cutoff=D(2026, 10, 30),
            decide_by=D(2026, 12, decide_day),
        )


def dossier_in_round(round_: Round, username: str, product_name: str) -> Dossier:
    """Another set-7 dossier (its own producer) accepted into ``round_``."""
    user, product = producer_with_product(username, product_name)
    with on_day(D(2026, 10, 1)):
        dossier = ready_dossier(user, product)
    with as_system():
        Dossier.objects.filter(pk=dossier.pk).update(
            status=DossierStatus.IN_ROUND, round=round_, edition="26-2026"
        )
    dossier.refresh_from_db()
    return dossier


def council_round_before_scoring() -> CouncilRound:
    dossier, round_ = dossier_before_council()
    office, users = council_of_four(round_, dossier)
    advisory = make_user("tuvan", role=Role.ADVISORY_MEMBER, full_name="Tổ viên tư vấn")
    advisory_member_appoint(actor=office, round_=round_, user=advisory, is_lead=True)
    other_round = extra_round("98")
    other = seat(other_round, office, "uyvienkhac", "member")
    return CouncilRound(
        dossier=dossier,
        round=round_,
        office=office,
        producer=User.objects.get(username="chuthe"),
        chair=users["chair"],
        vice=users["vice"],
        member=users["member"],
        recused=users["commune"],
        advisory=advisory,
        other=other,
    )
