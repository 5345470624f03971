from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel
from ocop.imports.choices import BatchStatus, ImportKind


def _batch_path(instance: ImportBatch, filename: str) -> str:
    return f"imports/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class ImportBatch(TimeStampedModel):
    """One spreadsheet file brought in by a person: kept with its hash, mapping and outcome."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.UPLOADED
    )
    file = models.FileField(_("file"), upload_to=_batch_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sheet_name = models.CharField(_("sheet"), max_length=100, blank=True)
    # header → field chosen by the person (overrides the synonyms); "" ignores the column
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    # province / authority / period given by the person (overrides the title rows)
    context = models.JSONField(_("context"), default=dict, blank=True)
    as_of = models.DateField(_("addresses as of"), null=True, blank=True)
    skip_errors = models.BooleanField(_("skip rows with errors"), default=False)
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="import_batches",
        verbose_name=_("imported by"),
    )
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return reverse("imports:batch_detail", args=[self.pk])


class ImportedRecord(models.Model):
    """A record an import created or changed, with the file and row it came from."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="records")
    row = models.PositiveIntegerField(_("row"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    obj = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=10)  # "created" | "updated" | "linked"

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        ordering = ["batch", "row", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "row", "content_type", "object_id"],
                name="imports_record_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.batch.filename}:{self.row} → {self.content_type.model} #{self.object_id}"


class ReviewItem(TimeStampedModel):
    """An imported record the office must complete ("cần bổ sung"): what is unknown, and where."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="review_items")
    row = models.PositiveIntegerField(_("row"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    obj = GenericForeignKey("content_type", "object_id")
    # The record's place: the queue is scoped like the records themselves.
    unit = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    reasons = models.JSONField(_("to complete"), default=list)
    label = models.CharField(_("record"), max_length=300)
    suggestion = models.CharField(_("suggestion"), max_length=300, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )

    class Meta:
        verbose_name = _("record to complete")
        verbose_name_plural = _("records to complete")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["completed_at", "unit"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(completed_at__isnull=True),
                name="imports_one_open_review_per_record",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def record_url(self) -> str:
        """The record's page, from its type (select ``content_type``: no query per row)."""
        name = RECORD_URLS.get(self.content_type.model)
        return reverse(name, args=[self.object_id]) if name else ""


RECORD_URLS = {
    "producer": "producers:producer_detail",
    "product": "products:product_detail",
    "decision": "certification:decision_detail",
}
