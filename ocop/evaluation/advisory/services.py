"""Writes of the advisory team (Tổ tư vấn, QĐ 26/2026 Điều 7.3.b–c): membership, the review of a
dossier, site visits with photos, extra lab tests, the report to the council chair.

The office appoints the team; only the team members of the dossier's round write its records;
once the report is submitted the review is final (the council scores on it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import user_unit_scope_check
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.evaluation.advisory.choices import Recommendation
from ocop.evaluation.advisory.models import (
    AdvisoryMember,
    AdvisoryReview,
    LabTest,
    SiteVisit,
    SiteVisitPhoto,
)
from ocop.evaluation.dossiers.choices import DossierStatus, EventKind
from ocop.evaluation.dossiers.files import document_file_validate
from ocop.evaluation.dossiers.models import Dossier, DossierEvent
from ocop.evaluation.models import Round

MAX_PHOTOS = 10


def _event(dossier: Dossier, kind: str, actor: User, note: str = "") -> None:
    DossierEvent.objects.create(
        dossier=dossier, kind=kind, actor=actor, on=timezone.localdate(), note=note
    )


def advisory_member_appoint(
    *, actor: User, round_: Round, user: User, is_lead: bool = False, organisation_name: str = ""
) -> AdvisoryMember:
    """The provincial office records the advisory team of a round (Điều 7.3.b)."""
    if not (actor.is_superuser or actor.has_role(Role.PROVINCE_OFFICE)):
        raise PermissionDenied(_("Only the provincial OCOP office appoints the advisory team."))
    if round_.province is not None:
        user_unit_scope_check(user=actor, unit=round_.province)
    if user.role != Role.ADVISORY_MEMBER:
        raise DomainError(
            _("Only an account with the advisory-team role can sit on the advisory team.")
        )
    with transaction.atomic(), acting_as(actor):
        if AdvisoryMember.objects.filter(round=round_, user=user).exists():
            raise DomainError(_("This person is already on the advisory team of this round."))
        return AdvisoryMember.objects.create(
            round=round_, user=user, is_lead=is_lead, organisation_name=organisation_name.strip()
        )


def _team_member(actor: User, dossier: Dossier) -> None:
    if dossier.status != DossierStatus.IN_ROUND or dossier.round_id is None:
        raise DomainError(_("This dossier is not before a council."))
    if not AdvisoryMember.objects.filter(round_id=dossier.round_id, user_id=actor.pk).exists():
        raise PermissionDenied(_("You are not on the advisory team of this dossier's round."))


def _open_review(dossier: Dossier) -> AdvisoryReview:
    review, _created = AdvisoryReview.objects.select_for_update().get_or_create(dossier=dossier)
    if review.submitted_at is not None:
        raise DomainError(_("The advisory report on this dossier is submitted and final."))
    return review


def advisory_review_save(
    *, actor: User, dossier: Dossier, findings: str, recommendation: str
) -> AdvisoryReview:
    """The team's findings on the dossier and its recommendation (Điều 7.3.c)."""
    _team_member(actor, dossier)
    if recommendation and recommendation not in Recommendation.values:
        raise DomainError(_("Unknown recommendation."))
    with transaction.atomic(), acting_as(actor):
        review = _open_review(dossier)
        review.findings = findings.strip()
        review.recommendation = recommendation
        review.save()
        return review


@dataclass(frozen=True)
class VisitInput:
    visited_on: dt.date
    place: str
    findings: str
    participants: str = ""


def site_visit_record(
    *,
    actor: User,
    dossier: Dossier,
    visit: VisitInput,
    photos: Sequence[UploadedFile[bytes]] = (),
) -> SiteVisit:
    """A site inspection with its photos; each photo is checked by its content (JPEG/PNG)."""
    _team_member(actor, dossier)
    if visit.visited_on > timezone.localdate():
        raise DomainError(_("The visit date is in the future."))
    if not visit.place.strip() or not visit.findings.strip():
        raise DomainError(_("Give the place visited and what the team found."))
    if len(photos) > MAX_PHOTOS:
        raise DomainError(_("At most %(n)s photos per visit.") % {"n": MAX_PHOTOS})
    formats = []
    for photo in photos:
        found = document_file_validate(photo)
        if found == "PDF":
            raise DomainError(
                _("“%(name)s”: a site-visit photo must be a JPEG or PNG image.")
                % {"name": photo.name or ""}
            )
        formats.append(found)
    with transaction.atomic(), acting_as(actor):
        _open_review(dossier)
        record = SiteVisit.objects.create(
            dossier=dossier,
            visited_on=visit.visited_on,
            place=visit.place.strip(),
            participants=visit.participants.strip(),
            findings=visit.findings.strip(),
            recorded_by=actor,
        )
        for photo, found in zip(photos, formats, strict=True):
            SiteVisitPhoto.objects.create(
                visit=record, file=photo, file_format=found, size=photo.size or 0, uploaded_by=actor
            )
        _event(
            dossier, EventKind.SITE_VISITED, actor, f"{record.place} {record.visited_on:%d/%m/%Y}"
        )
        return record


def lab_test_order(
    *, actor: User, dossier: Dossier, test: str, lab: str, ordered_on: dt.date
) -> LabTest:
    """An extra test the team orders (Điều 7.3.c)."""
    _team_member(actor, dossier)
    if not test.strip() or not lab.strip():
        raise DomainError(_("Give the test and the laboratory."))
    if ordered_on > timezone.localdate():
        raise DomainError(_("The order date is in the future."))
    with transaction.atomic(), acting_as(actor):
        _open_review(dossier)
        record = LabTest.objects.create(
            dossier=dossier,
            test=test.strip(),
            lab=lab.strip(),
            ordered_on=ordered_on,
            ordered_by=actor,
        )
        _event(dossier, EventKind.LAB_TEST, actor, f"{record.test} — {record.lab}")
        return record


def lab_test_result_record(
    *,
    actor: User,
    lab_test: LabTest,
    result: str,
    passed: bool,
    result_on: dt.date,
    file: UploadedFile[bytes] | None = None,
) -> LabTest:
    """The result of an ordered test, once (the laboratory's report may be attached)."""
    dossier = lab_test.dossier
    _team_member(actor, dossier)
    if not result.strip():
        raise DomainError(_("Give the result of the test."))
    if result_on < lab_test.ordered_on or result_on > timezone.localdate():
        raise DomainError(_("The result date must be between the order date and today."))
    found = document_file_validate(file) if file is not None else ""
    with transaction.atomic(), acting_as(actor):
        _open_review(dossier)
        record = LabTest.objects.select_for_update().get(pk=lab_test.pk)
        if record.result_on is not None:
            raise DomainError(_("The result of this test is already recorded."))
        record.result = result.strip()
        record.passed = passed
        record.result_on = result_on
        if file is not None:
            record.file = file
            record.file_format = found
        record.save()
        verdict = _("passed") if passed else _("failed")
        _event(dossier, EventKind.LAB_TEST, actor, f"{record.test}: {verdict}")
        return record


def advisory_report_submit(*, actor: User, dossier: Dossier, report: str) -> AdvisoryReview:
    """The report to the council chair (Điều 7.3.c); afterwards the review is final and the
    council members read it while scoring. Tests still waiting for a result block it."""
    _team_member(actor, dossier)
    if not report.strip():
        raise DomainError(_("Write the report to the council chair."))
    with transaction.atomic(), acting_as(actor):
        review = _open_review(dossier)
        if not review.findings or not review.recommendation:
            raise DomainError(_("Record the findings and the recommendation first."))
        if LabTest.objects.filter(dossier=dossier, result_on__isnull=True).exists():
            raise DomainError(_("An ordered lab test has no result yet."))
        review.report = report.strip()
        review.submitted_at = timezone.now()
        review.submitted_by = actor
        review.save()
        _event(dossier, EventKind.ADVISORY_REPORTED, actor, review.get_recommendation_display())
        return review
