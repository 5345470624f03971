"""Reads of the advisory team's records, scoped: the office in scope and the round's advisory
team see everything; the round's council members see the records once the report is submitted
(they score on it, QĐ 26/2026 Điều 7.3.c–d); nobody else."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.evaluation.advisory.models import (
    AdvisoryMember,
    AdvisoryReview,
    LabTest,
    SiteVisit,
    SiteVisitPhoto,
)
from ocop.evaluation.dossiers.models import Dossier
from ocop.evaluation.models import Round
from ocop.evaluation.selectors import round_list


def advisory_team(*, round_: Round) -> list[AdvisoryMember]:
    return list(
        AdvisoryMember.objects.filter(round=round_)
        .select_related("user")
        .order_by("-is_lead", "pk")
    )


def _readable_dossiers(user: User) -> QuerySet[Dossier]:
    """Dossiers whose advisory records ``user`` may read."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    if user.is_superuser or user.role in (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE):
        return Dossier.objects.filter(round__in=round_list(user=user))
    if user.role == Role.ADVISORY_MEMBER:
        return Dossier.objects.filter(round__advisory_members__user=user)
    if user.role == Role.COUNCIL_MEMBER:
        return Dossier.objects.filter(
            round__council__members__user=user, advisory_review__submitted_at__isnull=False
        )
    return Dossier.objects.none()


@dataclass(frozen=True)
class AdvisoryFile:
    review: AdvisoryReview | None
    visits: list[SiteVisit]
    lab_tests: list[LabTest]


def advisory_file(*, user: User, dossier: Dossier) -> AdvisoryFile:
    """The review, the site visits (with photos) and lab tests of ``dossier`` that ``user`` may
    read; empty for anyone else."""
    if not _readable_dossiers(user).filter(pk=dossier.pk).exists():
        return AdvisoryFile(None, [], [])
    return AdvisoryFile(
        review=AdvisoryReview.objects.filter(dossier=dossier).first(),
        visits=list(
            SiteVisit.objects.filter(dossier=dossier)
            .select_related("recorded_by")
            .prefetch_related("photos")
        ),
        lab_tests=list(LabTest.objects.filter(dossier=dossier).select_related("ordered_by")),
    )


def site_photo_get(*, user: User, pk: int) -> SiteVisitPhoto | None:
    """A site-visit photo, only for those who may read its dossier's advisory records."""
    return (
        SiteVisitPhoto.objects.filter(pk=pk, visit__dossier__in=_readable_dossiers(user))
        .exclude(Q(file="") | Q(file__isnull=True))
        .first()
    )


def lab_test_get(*, user: User, pk: int) -> LabTest | None:
    return (
        LabTest.objects.select_related("dossier")
        .filter(pk=pk, dossier__in=_readable_dossiers(user))
        .first()
    )
