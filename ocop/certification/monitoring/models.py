"""Post-certification monitoring (QĐ 26/2026/QĐ-TTg Điều 9): inspection plans (periodic or ad
hoc), inspection records with findings per product, follow-up actions, and the link to a
revocation (Điều 8.1.b: "không còn đáp ứng tiêu chí … theo kết luận kiểm tra")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.certification.monitoring.choices import ActionStatus, FindingResult, PlanKind
from ocop.core.models import TimeStampedModel


class InspectionPlan(TimeStampedModel):
    """A plan of inspections: its kind, scope, period and the certified products it covers."""

    province = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=255)
    scope = models.TextField(_("scope"), blank=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    certificates = models.ManyToManyField(
        "certification.Certificate", related_name="inspection_plans", verbose_name=_("products")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="cert_plan_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Inspection(TimeStampedModel):
    """An inspection carried out under a plan: date, inspectors and the conclusion."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="inspections")
    inspected_on = models.DateField(_("inspected on"))
    inspectors = models.CharField(_("inspectors"), max_length=500)
    conclusion = models.TextField(_("conclusion"))
    concluded_on = models.DateField(_("conclusion dated"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(concluded_on__gte=models.F("inspected_on")),
                name="cert_inspection_concluded_after",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.inspected_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("certification:inspection_detail", args=[self.pk])


class InspectionFinding(TimeStampedModel):
    """What the inspection found for one certified product."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    certificate = models.ForeignKey(
        "certification.Certificate", on_delete=models.PROTECT, related_name="inspection_findings"
    )
    result = models.CharField(_("result"), max_length=20, choices=FindingResult.choices)
    finding = models.TextField(_("finding"))
    revocation_decision = models.ForeignKey(
        "certification.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revocation decision"),
    )

    class Meta:
        verbose_name = _("inspection finding")
        verbose_name_plural = _("inspection findings")
        ordering = ["inspection", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "certificate"], name="cert_finding_once_per_inspection"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate}: {self.get_result_display()}"


class FollowUpAction(TimeStampedModel):
    """An action the producer (or an agency) must take after a finding, with its deadline."""

    finding = models.ForeignKey(InspectionFinding, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(_("action"), max_length=500)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.action
