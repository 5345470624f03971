"""What follows the council (issue 10, items 4–6): the proposal, the decision it leads to, the
ministry's result on a ≥ 90 product, and re-rating by written opinions.

QĐ 26/2026/QĐ-TTg Điều 7.3.d–g (proposal, chairman's decision, notices), 7.4.g (central result),
7.6 (re-rating by written opinions within 45 days).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel
from ocop.evaluation.outcome.choices import (
    FollowUp,
    NationalOutcome,
    ProposalOutcome,
    ProposalSource,
    ReviewState,
)


class Proposal(TimeStampedModel):
    """The council's proposal on one dossier of its round, and the decision that followed."""

    dossier = models.OneToOneField(
        "evaluation.Dossier", on_delete=models.CASCADE, related_name="proposal"
    )
    round = models.ForeignKey(
        "evaluation.Round", on_delete=models.PROTECT, related_name="proposals"
    )
    source = models.CharField(_("source"), max_length=20, choices=ProposalSource.choices)
    outcome = models.CharField(_("proposal"), max_length=20, choices=ProposalOutcome.choices)
    total = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    star = models.PositiveSmallIntegerField(_("proposed star"), null=True, blank=True)
    process = models.CharField(_("process"), max_length=20)
    edition = models.CharField(_("criteria edition"), max_length=20)
    reason = models.TextField(_("reason"), blank=True)
    gap = models.JSONField(_("gap to the next star"), default=dict, blank=True)
    proposed_on = models.DateField(_("proposed on"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        "certification.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("provincial decision"),
    )
    sent_to_ministry_on = models.DateField(_("sent to the ministry on"), null=True, blank=True)

    class Meta:
        verbose_name = _("council proposal")
        verbose_name_plural = _("council proposals")
        ordering = ["round", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(star__isnull=True) | Q(star__gte=1, star__lte=5),
                name="evaluation_proposal_star_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.get_outcome_display()}"


class NationalResult(TimeStampedModel):
    """The ministry's result on a product the province sent up (QĐ 26/2026 Điều 7.4.g)."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="national_result"
    )
    outcome = models.CharField(_("national result"), max_length=20, choices=NationalOutcome.choices)
    score = models.DecimalField(_("central score"), max_digits=5, decimal_places=2)
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ministry_decision = models.ForeignKey(
        "certification.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ministry decision"),
    )
    follow_up = models.CharField(
        _("follow-up by the province"),
        max_length=20,
        choices=FollowUp.choices,
        default=FollowUp.PENDING,
        blank=True,
    )
    follow_up_decision = models.ForeignKey(
        "certification.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provincial decision from the central result"),
    )

    class Meta:
        verbose_name = _("national result")
        verbose_name_plural = _("national results")

    def __str__(self) -> str:
        return f"{self.proposal.dossier}: {self.get_outcome_display()}"


class RerateReview(TimeStampedModel):
    """A re-rating dossier decided by the council's written opinions (QĐ 26/2026 Điều 7.6.b):
    meeting only when the opinions diverge; the whole re-rating within 45 days."""

    dossier = models.OneToOneField(
        "evaluation.Dossier", on_delete=models.CASCADE, related_name="rerate_review"
    )
    complete_on = models.DateField(_("dossier complete on"))
    deadline = models.DateField(_("to be decided by"))
    state = models.CharField(
        _("state"), max_length=20, choices=ReviewState.choices, default=ReviewState.COLLECTING
    )
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("re-rating by written opinions")
        verbose_name_plural = _("re-ratings by written opinions")

    def __str__(self) -> str:
        return str(self.dossier)


class WrittenOpinion(TimeStampedModel):
    """One member's written opinion on re-recognising the product at its current star."""

    review = models.ForeignKey(RerateReview, on_delete=models.CASCADE, related_name="opinions")
    member = models.ForeignKey(
        "evaluation.CouncilMember", on_delete=models.PROTECT, related_name="written_opinions"
    )
    agrees = models.BooleanField(_("agrees"))
    opinion = models.TextField(_("opinion"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("written opinion")
        verbose_name_plural = _("written opinions")
        ordering = ["review", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "member"], name="evaluation_opinion_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="evaluation_opinion_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.agrees}"
