"""Decisions, their annex rows (results) and certificates: the register of what is OCOP today."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.certification.choices import (
    DatePrecision,
    DecisionKind,
    Edition,
    EventKind,
    Process,
    RatingKind,
    RevocationGround,
    ValidUntilSource,
)
from ocop.core.models import TimeStampedModel

DEFAULT_NUMBER_TEMPLATE = "{NNN}/{YYYY}/GCN-OCOP-{T}"


class Decision(TimeStampedModel):
    """A signed decision: recognising products, approving a ≥ 90 result, or revoking."""

    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    number = models.CharField(_("number and symbol"), max_length=60)
    # A legacy decision may be known only to a month, a year or a period: ``signed_on`` then holds
    # the first day, ``date_precision`` says what is known and ``date_until`` ends a period.
    signed_on = models.DateField(_("date signed"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_until = models.DateField(_("end of the period"), null=True, blank=True)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    authority = models.ForeignKey(
        "geo.Authority",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("issuing authority"),
    )
    province = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province (register)"),
    )
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    is_legacy = models.BooleanField(_("recorded from earlier records"), default=False)
    is_demo = models.BooleanField(_("demo record"), default=False, editable=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            # NĐ 30/2020 Điều 15: a number is unique within its year for one issuing body.
            models.UniqueConstraint(
                fields=["authority", "number", "signed_on"], name="cert_decision_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(date_until__isnull=True)
                | Q(signed_on__isnull=False, date_until__gte=models.F("signed_on")),
                name="cert_decision_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["kind", "signed_on"])]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("certification:decision_detail", args=[self.pk])


class Result(TimeStampedModel):
    """One product in a decision's annex: its star (or ≥ 90 result) under an edition and process."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="results")
    product = models.ForeignKey(
        "products.Product", on_delete=models.PROTECT, related_name="ocop_results"
    )
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="ocop_results"
    )
    star = models.PositiveSmallIntegerField(_("star"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    # "Tiềm năng 5 sao" is a flag on the result, never a star (ocop-rules §3.5).
    potential_5 = models.BooleanField(_("potential 5 stars"), default=False)
    edition = models.CharField(_("criteria edition"), max_length=12, choices=Edition.choices)
    process = models.CharField(_("process"), max_length=12, choices=Process.choices)
    rating_kind = models.CharField(
        _("rating"), max_length=10, choices=RatingKind.choices, default=RatingKind.FIRST
    )
    round_year = models.PositiveSmallIntegerField(_("evaluation year"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        ordering = ["decision", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "product"], name="cert_result_once"),
            models.CheckConstraint(
                condition=Q(star__isnull=True) | Q(star__gte=1, star__lte=5),
                name="cert_result_star_range",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="cert_result_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} — {self.decision}"


class Certificate(TimeStampedModel):
    """A certificate of an OCOP product (Giấy chứng nhận sản phẩm OCOP), valid 36 months."""

    result = models.OneToOneField(Result, on_delete=models.PROTECT, related_name="certificate")
    number = models.CharField(_("certificate number"), max_length=80, unique=True)
    number_printed = models.BooleanField(_("number printed on the certificate"), default=True)
    product = models.ForeignKey(
        "products.Product", on_delete=models.PROTECT, related_name="certificates"
    )
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="certificates"
    )
    star = models.PositiveSmallIntegerField(_("star"))
    edition = models.CharField(_("criteria edition"), max_length=12, choices=Edition.choices)
    process = models.CharField(_("process"), max_length=12, choices=Process.choices)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="certificates")
    round_year = models.PositiveSmallIntegerField(_("evaluation year"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until (inclusive)"), null=True, blank=True)
    valid_until_source = models.CharField(
        _("valid-until source"),
        max_length=10,
        choices=ValidUntilSource.choices,
        default=ValidUntilSource.COMPUTED,
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    rerating_filed_on = models.DateField(_("re-rating dossier filed on"), null=True, blank=True)
    revocation_decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revoked_certificates",
        verbose_name=_("revocation decision"),
    )
    revocation_ground = models.CharField(
        _("revocation ground"), max_length=4, choices=RevocationGround.choices, blank=True
    )
    revocation_reason = models.CharField(_("revocation reason"), max_length=500, blank=True)
    revocation_concluded_on = models.DateField(
        _("date of the conclusion behind the revocation"), null=True, blank=True
    )
    is_demo = models.BooleanField(_("demo record"), default=False, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(star__gte=3, star__lte=5), name="cert_certificate_star_range"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="cert_certificate_validity_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["valid_until"]),
            models.Index(fields=["product", "valid_from"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("certification:certificate_detail", args=[self.pk])


class CertificateEvent(models.Model):
    """A step on a certificate's timeline (issued, superseded, revoked, reminder sent, …)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    on = models.DateField(_("date"))
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["on", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate} {self.kind} {self.on}"


class NumberTemplate(TimeStampedModel):
    """How a province numbers the certificates it issues (tokens {T}, {YYYY}, {YY}, {NNN…})."""

    province = models.OneToOneField(
        "geo.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    template = models.CharField(_("template"), max_length=80, default=DEFAULT_NUMBER_TEMPLATE)

    class Meta:
        verbose_name = _("certificate number template")
        verbose_name_plural = _("certificate number templates")

    def __str__(self) -> str:
        return self.template


class CertificateSerial(models.Model):
    """The last serial a province gave a certificate in a year (locked row: race-free numbers)."""

    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="cert_serial_once"),
        ]

    def __str__(self) -> str:
        return f"{self.province_id}/{self.year}: {self.last}"


class Reminder(models.Model):
    """A reminder sent once for one certificate and one milestone (idempotent daily job)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    milestone = models.CharField(max_length=20)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "milestone", "due_on"], name="cert_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate} {self.milestone} {self.due_on}"


# Post-certification monitoring (issue 10 item 7) lives in its own module; importing registers it.
from ocop.certification.monitoring.models import (  # noqa: E402
    FollowUpAction,
    Inspection,
    InspectionFinding,
    InspectionPlan,
)

__all__ = [
    "Certificate",
    "CertificateEvent",
    "CertificateSerial",
    "Decision",
    "FollowUpAction",
    "Inspection",
    "InspectionFinding",
    "InspectionPlan",
    "NumberTemplate",
    "Reminder",
    "Result",
]
