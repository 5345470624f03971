"""The council of a round, conflicts of interest and scorecards (issue 10, items 2–3).

Council rules (quorum share, spread limit) are the province's "Quy chế hoạt động của Hội đồng"
(e.g. Tây Ninh: ≥ 75 % of the members including the chair; totals within 10 points).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel
from ocop.evaluation.council.choices import MemberRole, OrganisationKind


class Council(TimeStampedModel):
    """The evaluation council of a round (QĐ 26/2026 Điều 7.3.b) and its rules."""

    round = models.OneToOneField(
        "evaluation.Round", on_delete=models.PROTECT, related_name="council"
    )
    quorum_share = models.DecimalField(
        _("quorum share"), max_digits=3, decimal_places=2, default=Decimal("0.75")
    )
    spread_limit = models.DecimalField(
        _("spread limit (points)"), max_digits=5, decimal_places=2, default=Decimal(10)
    )

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_share__gt=0) & Q(quorum_share__lte=1),
                name="evaluation_council_quorum_share",
            ),
            models.CheckConstraint(
                condition=Q(spread_limit__gte=0), name="evaluation_council_spread_limit"
            ),
        ]

    def __str__(self) -> str:
        return f"Hội đồng {self.round}"


class CouncilMember(TimeStampedModel):
    """An appointed member; the organisation links to its record so conflict checks compare ids."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_seats"
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    organisation_kind = models.CharField(
        _("organisation kind"), max_length=20, choices=OrganisationKind.choices
    )
    organisation_name = models.CharField(_("organisation"), max_length=255)
    authority = models.ForeignKey(
        "geo.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    admin_unit = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="evaluation_member_once"),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(role=MemberRole.CHAIR),
                name="evaluation_council_one_chair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ConflictDeclaration(TimeStampedModel):
    """A member's declaration on one dossier of the round, with the automatic flag and recusal."""

    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="declarations")
    dossier = models.ForeignKey(
        "evaluation.Dossier", on_delete=models.CASCADE, related_name="conflict_declarations"
    )
    declared_conflict = models.BooleanField(_("conflict declared"), default=False)
    auto_flag = models.BooleanField(_("flagged automatically"), default=False)
    auto_reason = models.CharField(_("reason of the flag"), max_length=255, blank=True)
    recused = models.BooleanField(_("recused"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "dossier"], name="evaluation_declaration_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} / {self.dossier}"


class Scorecard(TimeStampedModel):
    """One member's sheet for one dossier. Once signed it is never edited (see the migration's
    database trigger); a re-score is a new scorecard that supersedes it."""

    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="scorecards")
    dossier = models.ForeignKey(
        "evaluation.Dossier", on_delete=models.PROTECT, related_name="scorecards"
    )
    edition = models.CharField(_("criteria edition"), max_length=20)
    revision = models.PositiveSmallIntegerField(_("revision"), null=True, blank=True)
    set_no = models.PositiveSmallIntegerField(_("product set"))
    answers = models.JSONField(_("answers"), default=dict)
    notes = models.JSONField(_("notes per criterion"), default=dict)
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2, null=True, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    rescore_round = models.PositiveSmallIntegerField(_("re-score round"), default=0)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["dossier", "member", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "dossier"],
                condition=Q(signed_at__isnull=True),
                name="evaluation_scorecard_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} / {self.dossier}"


class DossierScoring(TimeStampedModel):
    """The council's state on one dossier: all signed, re-score rounds, the closed result."""

    dossier = models.OneToOneField(
        "evaluation.Dossier", on_delete=models.CASCADE, related_name="scoring"
    )
    rescore_round = models.PositiveSmallIntegerField(_("re-score round"), default=0)
    all_signed_at = models.DateTimeField(_("all signed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    total = models.DecimalField(_("mean total"), max_digits=6, decimal_places=2, null=True)
    star = models.PositiveSmallIntegerField(_("star"), null=True, blank=True)
    status = models.CharField(_("result"), max_length=20, blank=True)
    result = models.JSONField(_("result details"), default=dict)
    # Eliminate / halt / disqualification (QĐ 26/2026 Phụ lục II notes "Bị loại nếu…",
    # "không đánh giá các bước tiếp theo", "Hồ sơ bị loại khi…"): facts about the dossier,
    # recorded once by the chair for the whole council (engine.DossierFlags).
    eliminated = models.BooleanField(_("eliminated"), default=False)
    halted_at = models.CharField(_("halted at criterion"), max_length=20, blank=True)
    disqualified = models.BooleanField(_("disqualified"), default=False)
    flags_note = models.TextField(_("grounds"), blank=True)
    flags_recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    flags_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("council scoring of a dossier")
        verbose_name_plural = _("council scoring of dossiers")

    def __str__(self) -> str:
        return str(self.dossier)
