"""The advisory team of a round (Tổ tư vấn, QĐ 26/2026 Điều 7.3.b–c): it reviews the round's
dossiers, inspects production sites, may order extra lab tests, and reports to the council chair.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel
from ocop.evaluation.advisory.choices import Recommendation


class AdvisoryMember(TimeStampedModel):
    """A member of the advisory team of a round (set up with the council, Điều 7.3.b)."""

    round = models.ForeignKey(
        "evaluation.Round", on_delete=models.PROTECT, related_name="advisory_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advisory_seats"
    )
    is_lead = models.BooleanField(_("team lead"), default=False)
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("advisory-team member")
        verbose_name_plural = _("advisory-team members")
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="evaluation_advisory_once"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class AdvisoryReview(TimeStampedModel):
    """The team's review of one dossier; once submitted it is the report to the council chair
    (Điều 7.3.c "báo cáo Chủ tịch Hội đồng") and is no longer edited."""

    dossier = models.OneToOneField(
        "evaluation.Dossier", on_delete=models.CASCADE, related_name="advisory_review"
    )
    findings = models.TextField(_("findings"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    report = models.TextField(_("report to the council chair"), blank=True)
    submitted_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("advisory review")
        verbose_name_plural = _("advisory reviews")

    def __str__(self) -> str:
        return str(self.dossier)


class SiteVisit(TimeStampedModel):
    """An inspection of the production site (Điều 7.3.c "kiểm tra thực tế")."""

    dossier = models.ForeignKey(
        "evaluation.Dossier", on_delete=models.CASCADE, related_name="site_visits"
    )
    visited_on = models.DateField(_("visited on"))
    place = models.CharField(_("place"), max_length=255)
    participants = models.CharField(_("participants"), max_length=500, blank=True)
    findings = models.TextField(_("findings"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")
        ordering = ["dossier", "visited_on", "pk"]

    def __str__(self) -> str:
        return f"{self.place} {self.visited_on:%d/%m/%Y}"


def _photo_path(instance: SiteVisitPhoto, filename: str) -> str:
    return f"advisory/{instance.visit.dossier_id}/{PurePath(filename).name}"


class SiteVisitPhoto(models.Model):
    """A photo taken on a site visit; served only through a view that checks who may see it."""

    visit = models.ForeignKey(SiteVisit, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("photo"), upload_to=_photo_path, max_length=255)
    file_format = models.CharField(max_length=10, editable=False)
    size = models.PositiveIntegerField(editable=False, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("site-visit photo")
        verbose_name_plural = _("site-visit photos")
        ordering = ["visit", "pk"]

    def __str__(self) -> str:
        return PurePath(self.file.name or "").name


def _lab_path(instance: LabTest, filename: str) -> str:
    return f"advisory/{instance.dossier_id}/lab/{PurePath(filename).name}"


class LabTest(TimeStampedModel):
    """An extra lab test the team ordered (Điều 7.3.c "kiểm tra, đánh giá bổ sung chỉ tiêu")
    and, once back, its result."""

    dossier = models.ForeignKey(
        "evaluation.Dossier", on_delete=models.CASCADE, related_name="lab_tests"
    )
    test = models.CharField(_("test"), max_length=255)
    lab = models.CharField(_("laboratory"), max_length=255)
    ordered_on = models.DateField(_("ordered on"))
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    result = models.TextField(_("result"), blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    result_on = models.DateField(_("result on"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=_lab_path, max_length=255, blank=True)
    file_format = models.CharField(max_length=10, editable=False, blank=True)

    class Meta:
        verbose_name = _("extra lab test")
        verbose_name_plural = _("extra lab tests")
        ordering = ["dossier", "ordered_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result_on__isnull=True)
                | models.Q(result_on__gte=models.F("ordered_on")),
                name="evaluation_labtest_result_after_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.test} ({self.lab})"
