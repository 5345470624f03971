"""Dossier models (imported by ``ocop.evaluation.models`` so that Django registers them)."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel
from ocop.evaluation.dossiers.choices import (
    CounterKind,
    DocumentKind,
    DossierKind,
    DossierStatus,
    EventKind,
    ItemTarget,
    ReturnLevel,
)

OPEN = [
    DossierStatus.DRAFT,
    DossierStatus.SUBMITTED,
    DossierStatus.COMMUNE_REVIEW,
    DossierStatus.RETURNED_BY_COMMUNE,
    DossierStatus.FORWARDED,
    DossierStatus.RETURNED_BY_PROVINCE,
]


class Dossier(TimeStampedModel):
    """A product dossier (hồ sơ sản phẩm) a producer files for rating: QĐ 26/2026 Điều 6.1."""

    product = models.ForeignKey(
        "products.Product", on_delete=models.PROTECT, related_name="dossiers"
    )
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="dossiers"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DossierKind.choices)
    certificate = models.ForeignKey(
        "certification.Certificate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("certificate upgraded or re-rated"),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    # The commune that receives the dossier (the product's commune of origin on today's map) and
    # its province: scope of the commune officer and of the provincial office.
    commune = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    province = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    self_assessment = models.ForeignKey(
        "criteria.SelfAssessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("self-assessment (Mẫu 02)"),
    )
    # Mẫu 01: the registration form.
    unit_name = models.CharField(_("registering unit"), max_length=255)
    representative_name = models.CharField(_("legal representative"), max_length=150)
    representative_title = models.CharField(_("title"), max_length=100, blank=True)
    contact_address = models.CharField(_("contact address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    samples_declared = models.PositiveSmallIntegerField(_("samples (number)"), default=0)
    changes_summary = models.TextField(_("changes since recognition"), blank=True)
    # Set when filed: the rules follow the filing date (QĐ 26/2026 Điều 12.2, 13).
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    edition = models.CharField(_("criteria edition"), max_length=20, blank=True)
    process = models.CharField(_("process"), max_length=20, blank=True)
    completion_deadline = models.DateField(_("to be completed by"), null=True, blank=True)
    # The commune's receipt (Mẫu 01, "Dành cho UBND cấp xã").
    commune_receipt_number = models.CharField(
        _("commune receipt number"), max_length=60, blank=True
    )
    commune_received_on = models.DateField(_("received by the commune on"), null=True, blank=True)
    commune_received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    samples_received = models.PositiveSmallIntegerField(_("samples received"), default=0)
    forwarded_on = models.DateField(_("forwarded to the province on"), null=True, blank=True)
    # The province's receipt (Mẫu 01, "Dành cho cơ quan quản lý OCOP cấp tỉnh").
    province_receipt_number = models.CharField(
        _("province receipt number"), max_length=60, blank=True
    )
    province_received_on = models.DateField(_("received by the province on"), null=True, blank=True)
    round = models.ForeignKey(
        "evaluation.Round",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("round"),
    )
    evaluation_year = models.PositiveSmallIntegerField(_("evaluation year"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=Q(status__in=OPEN),
                name="evaluation_dossier_one_open_per_product",
            ),
            models.CheckConstraint(
                condition=Q(kind=DossierKind.FIRST) | Q(certificate__isnull=False),
                name="evaluation_dossier_certificate_for_upgrade_rerating",
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "status"]),
            models.Index(fields=["province", "status"]),
        ]

    def __str__(self) -> str:
        return f"{_('Dossier')} #{self.pk} — {self.product}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:dossier_detail", args=[self.pk])


class DossierEvent(models.Model):
    """One step on a dossier's timeline (who did what, when)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    on = models.DateField(_("on"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.on:%d/%m/%Y})"


def _document_path(instance: DossierDocument, filename: str) -> str:
    return f"dossiers/{instance.dossier.product_id}/{PurePath(filename).name}"


class DossierDocument(TimeStampedModel):
    """A piece of evidence in a dossier: typed, dated, with its file (QĐ 26/2026 Mẫu 02 Phần III).

    A still-valid document is carried forward into the next dossier of the same product: the new
    row points to the same stored file and to the row it came from.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=255)
    file_format = models.CharField(max_length=10, editable=False)
    size = models.PositiveIntegerField(editable=False, default=0)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("issued_on")),
                name="evaluation_document_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class SupplementRequest(models.Model):
    """A return for supplementation: its items; while open, the commune's clock is paused."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="returns")
    level = models.CharField(_("returned by"), max_length=10, choices=ReturnLevel.choices)
    returned_on = models.DateField(_("returned on"))
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    resubmitted_on = models.DateField(_("resubmitted on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("return for supplementation")
        verbose_name_plural = _("returns for supplementation")
        ordering = ["returned_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.returned_on:%d/%m/%Y}"


class SupplementItem(models.Model):
    """One item an official marked with a reason; the producer answers it on its own."""

    request = models.ForeignKey(SupplementRequest, on_delete=models.CASCADE, related_name="items")
    target = models.CharField(_("about"), max_length=20, choices=ItemTarget.choices)
    document = models.ForeignKey(
        DossierDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    document_kind = models.CharField(
        _("document kind"), max_length=30, choices=DocumentKind.choices, blank=True
    )
    criterion_code = models.CharField(_("criterion"), max_length=20, blank=True)
    reason = models.TextField(_("reason"))
    answer = models.TextField(_("answer"), blank=True)
    answer_document = models.ForeignKey(
        DossierDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supplementation item")
        verbose_name_plural = _("supplementation items")
        ordering = ["request", "pk"]

    def __str__(self) -> str:
        return self.reason[:60]


class CommuneAssessment(TimeStampedModel):
    """The commune's report on four topics of the dossier: QĐ 26/2026 Phụ lục III, Mẫu số 03."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="assessment")
    raw_material = models.TextField(_("use of local raw material"))
    local_labour = models.TextField(_("use of local labour"))
    idea_origin = models.TextField(_("origin of the product idea"))
    local_identity = models.TextField(_("local identity and know-how"))
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("commune assessment (Mẫu 03)")
        verbose_name_plural = _("commune assessments (Mẫu 03)")

    def __str__(self) -> str:
        return f"{_('Mẫu 03')} — {self.dossier}"


class ProductSerial(models.Model):
    """A product's serial number (STT) in its commune, part of its OCOP code (QĐ 26/2026 Phụ lục
    II: "(T)-(X)-(STT)-(năm)"), assigned when a commune first receives a dossier for it."""

    product = models.OneToOneField(
        "products.Product", on_delete=models.PROTECT, related_name="ocop_serial"
    )
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    serial = models.PositiveIntegerField(_("serial"))
    assigned_on = models.DateField(_("assigned on"))

    class Meta:
        verbose_name = _("product serial")
        verbose_name_plural = _("product serials")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "serial"], name="evaluation_serial_unique_in_commune"
            ),
        ]

    def __str__(self) -> str:
        return str(self.serial)


class Counter(models.Model):
    """The last number given out in one sequence (locked with select_for_update to number)."""

    kind = models.CharField(max_length=20, choices=CounterKind.choices)
    unit = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(default=0)  # 0: a sequence that never restarts
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit", "year"], name="evaluation_counter_key"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.unit_id} {self.year}: {self.last}"
