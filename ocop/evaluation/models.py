from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel
from ocop.evaluation.choices import CalendarDayKind, CalendarDaySource, RoundLevel


class CalendarDay(TimeStampedModel):
    """A date off the Monday–Friday routine: a day off, or a weekend day worked to make up."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=CalendarDaySource.choices,
        default=CalendarDaySource.OFFICE,
    )
    reference = models.CharField(_("announced by"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class Round(TimeStampedModel):
    """An evaluation round (đợt đánh giá, phân hạng) of a province or of the national level."""

    level = models.CharField(_("level"), max_length=10, choices=RoundLevel.choices)
    province = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.CharField(_("round number"), max_length=10)
    name = models.CharField(_("name"), max_length=200, blank=True)
    cutoff = models.DateField(_("proposals before"))
    decide_by = models.DateField(_("decided before"))
    is_standing = models.BooleanField(_("standing round"), default=False)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["decide_by", "cutoff", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "province", "year", "number"],
                condition=Q(province__isnull=False),
                name="evaluation_round_province_number",
            ),
            models.UniqueConstraint(
                fields=["level", "year", "number"],
                condition=Q(province__isnull=True),
                name="evaluation_round_national_number",
            ),
            models.CheckConstraint(
                condition=(Q(level=RoundLevel.PROVINCE) & Q(province__isnull=False))
                | (Q(level=RoundLevel.NATIONAL) & Q(province__isnull=True)),
                name="evaluation_round_province_iff_provincial",
            ),
            models.CheckConstraint(
                condition=Q(cutoff__lt=F("decide_by")), name="evaluation_round_cutoff_first"
            ),
        ]

    def __str__(self) -> str:
        return f"Đợt {self.number}/{self.year}"


# The dossier models live in their own module (issue 9); importing them here registers them.
from ocop.evaluation.advisory.models import (  # noqa: E402
    AdvisoryMember,
    AdvisoryReview,
    LabTest,
    SiteVisit,
    SiteVisitPhoto,
)
from ocop.evaluation.council.models import (  # noqa: E402
    ConflictDeclaration,
    Council,
    CouncilMember,
    DossierScoring,
    Scorecard,
)
from ocop.evaluation.dossiers.models import (  # noqa: E402
    CommuneAssessment,
    Counter,
    Dossier,
    DossierDocument,
    DossierEvent,
    ProductSerial,
    SupplementItem,
    SupplementRequest,
)
from ocop.evaluation.outcome.models import (  # noqa: E402
    NationalResult,
    Proposal,
    RerateReview,
    WrittenOpinion,
)

__all__ = [
    "AdvisoryMember",
    "AdvisoryReview",
    "CalendarDay",
    "CommuneAssessment",
    "ConflictDeclaration",
    "Council",
    "CouncilMember",
    "Counter",
    "Dossier",
    "DossierDocument",
    "DossierEvent",
    "DossierScoring",
    "LabTest",
    "NationalResult",
    "ProductSerial",
    "Proposal",
    "RerateReview",
    "Round",
    "Scorecard",
    "SiteVisit",
    "SiteVisitPhoto",
    "SupplementItem",
    "SupplementRequest",
    "WrittenOpinion",
]
