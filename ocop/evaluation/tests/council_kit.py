"""Helpers for the council tests: a set-7 dossier before the council of a round, members."""

from __future__ import annotations

from ocop.accounts.choices import Role
from ocop.evaluation.council.services import council_member_appoint
from ocop.evaluation.dossiers.choices import DossierStatus
from ocop.evaluation.dossiers.models import Dossier
from ocop.evaluation.models import Round
from ocop.evaluation.tests.dossier_kit import (
    CAU_KE,
    D,
    on_day,
    producer_with_product,
    province_office,
    ready_dossier,
)
from ocop.testing import as_system, current_unit, make_user


def dossier_before_council(username: str = "chuthe") -> tuple[Dossier, Round]:
    user, product = producer_with_product(username)
    with on_day(D(2026, 10, 1)):
        dossier = ready_dossier(user, product)
    with as_system():
        round_ = Round.objects.create(
            level="province",
            province=current_unit("province", "86"),
            year=2026,
            number="99",
            cutoff=D(2026, 10, 30),
            decide_by=D(2026, 12, 30),
        )
        Dossier.objects.filter(pk=dossier.pk).update(
            status=DossierStatus.IN_ROUND, round=round_, edition="26-2026"
        )
    dossier.refresh_from_db()
    return dossier, round_


def seat(round_, office, username, role, **org):
    member_user = make_user(username, role=Role.COUNCIL_MEMBER, full_name=username)
    org.setdefault("organisation_kind", "department")
    org.setdefault("organisation_name", "Sở Nông nghiệp và Môi trường")
    council_member_appoint(actor=office, round_=round_, user=member_user, role=role, **org)
    return member_user


def council_of_four(round_, dossier):
    """Chair, vice-chair, a member, and a member from the dossier's own commune (auto-flagged)."""
    office = province_office()
    users = {
        "chair": seat(round_, office, "chutich", "chair"),
        "vice": seat(round_, office, "phochutich", "vice_chair"),
        "member": seat(round_, office, "uyvien", "member"),
        "commune": seat(
            round_,
            office,
            "xacauke",
            "member",
            organisation_kind="peoples_committee",
            organisation_name="UBND xã Cầu Kè",
            admin_unit=current_unit("commune", CAU_KE),
        ),
    }
    return office, users
