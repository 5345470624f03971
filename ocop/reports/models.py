"""Saved report runs: what was handed to the committee, exactly as it was computed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel


class ReportRun(TimeStampedModel):
    """A programme report as handed over: parameters, rule versions, figures, records, hash."""

    kind = models.CharField(_("report"), max_length=30, default="programme")
    title = models.CharField(_("title"), max_length=300, blank=True)
    parameters = models.JSONField(_("parameters"))
    rule_versions = models.JSONField(_("counting rule versions"))
    figures = models.JSONField(_("figures"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("saved by"),
    )

    class Meta:
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title or f"{self.kind} {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reports:run_detail", args=[self.pk])
