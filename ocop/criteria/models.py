"""Criteria editions as rows: editions, their revisions, and each sheet's parts, groups,
criteria and options; answer sheets (one row per criterion) that keep their revision.

The rows are loaded from the committed edition files by data migrations
(``ocop.criteria.loader``). A published revision is immutable: its rows refuse to be saved,
updated or deleted (``ImmutableRevision``); a correction is published as a new revision.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.core.errors import DomainError
from ocop.core.models import TimeStampedModel


class ImmutableRevision(DomainError):
    default_message = _(
        "A published criteria revision cannot be changed; publish a correction as a new revision."
    )


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class FrozenQuerySet(models.QuerySet[Any]):
    """Refuses bulk updates and deletes that would touch rows of a published revision."""

    def _touches_published(self) -> bool:
        path = self.model.REVISION_PATH
        status = f"{path}__status" if path else "status"
        return self.filter(**{status: RevisionStatus.PUBLISHED}).exists()

    def update(self, **kwargs: Any) -> int:
        if self._touches_published():
            raise ImmutableRevision
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self._touches_published():
            raise ImmutableRevision
        return super().delete()


class FrozenModel(models.Model):
    """A row that belongs to an edition revision and is frozen once that revision is published."""

    REVISION_PATH: ClassVar[str] = ""

    objects = FrozenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._check_mutable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._check_mutable()
        return super().delete(*args, **kwargs)

    def owning_revision(self) -> EditionRevision:
        raise NotImplementedError

    def _check_mutable(self) -> None:
        revision = self.owning_revision()
        if revision.pk is not None:
            status = EditionRevision.objects.filter(pk=revision.pk).values_list("status", flat=True)
            if status.first() == RevisionStatus.PUBLISHED:
                raise ImmutableRevision


class Edition(models.Model):
    """A legal criteria edition (QĐ 1048/2019, QĐ 148/2023, QĐ 26/2026)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    legal_reference = models.CharField(_("legal reference"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-effective_from"]
        verbose_name = _("criteria edition")
        verbose_name_plural = _("criteria editions")

    def __str__(self) -> str:
        return self.legal_reference


class EditionRevision(FrozenModel):
    """A published content of an edition: same legal reference, own content hash and reason."""

    REVISION_PATH = ""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("edition")
    )
    revision = models.PositiveIntegerField(_("revision"))
    content_hash = models.CharField(_("content hash"), max_length=80, unique=True)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    manifest = models.JSONField(_("manifest"))
    corrections = models.JSONField(_("corrections"), default=list)

    class Meta:
        ordering: ClassVar[list[str]] = ["edition", "-revision"]
        verbose_name = _("edition revision")
        verbose_name_plural = _("edition revisions")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["edition", "revision"], name="criteria_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.edition.code} r{self.revision}"

    def owning_revision(self) -> EditionRevision:
        return self

    @property
    def is_published(self) -> bool:
        return self.status == RevisionStatus.PUBLISHED


class SheetDef(FrozenModel):
    """The scoring sheet of one product set (1–26) in one edition revision."""

    REVISION_PATH = "revision"

    revision = models.ForeignKey(
        EditionRevision, on_delete=models.PROTECT, related_name="sheets", verbose_name=_("revision")
    )
    set_no = models.PositiveSmallIntegerField(_("product set"))
    name = models.CharField(_("name"), max_length=300)
    family = models.CharField(_("family"), max_length=30)
    category = models.CharField(_("category"), max_length=300, blank=True)
    disqualifiers = models.JSONField(_("dossier disqualifiers"), default=list)
    disqualifiers_text = models.TextField(_("dossier disqualifiers as printed"), blank=True)
    star_legend = models.TextField(_("star legend"), blank=True)
    printed_total = models.DecimalField(
        _("printed total"), null=True, blank=True, max_digits=6, decimal_places=2
    )
    corrections = models.JSONField(_("corrections applied"), default=list)

    class Meta:
        ordering: ClassVar[list[str]] = ["revision", "set_no"]
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["revision", "set_no"], name="criteria_sheet_unique")
        ]

    def __str__(self) -> str:
        return f"{self.set_no}. {self.name}"

    def owning_revision(self) -> EditionRevision:
        return self.revision


class Part(FrozenModel):
    """A part of a sheet (A, B, C) with its printed maximum."""

    REVISION_PATH = "sheet__revision"

    sheet = models.ForeignKey(SheetDef, on_delete=models.CASCADE, related_name="parts")
    order = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    max = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering: ClassVar[list[str]] = ["sheet", "order"]

    def __str__(self) -> str:
        return self.code

    def owning_revision(self) -> EditionRevision:
        return self.sheet.revision


class Group(FrozenModel):
    """A numbered group of criteria ("1. TỔ CHỨC SẢN XUẤT"), with its sub-groups as data."""

    REVISION_PATH = "part__sheet__revision"

    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    max = models.DecimalField(max_digits=6, decimal_places=2)
    subgroups = models.JSONField(default=list)

    class Meta:
        ordering: ClassVar[list[str]] = ["part", "order"]

    def __str__(self) -> str:
        return self.code

    def owning_revision(self) -> EditionRevision:
        return self.part.sheet.revision


class Criterion(FrozenModel):
    """A scored line of a sheet ("1.1 Nguồn nguyên liệu"), in law order within its sheet."""

    REVISION_PATH = "sheet__revision"

    sheet = models.ForeignKey(SheetDef, on_delete=models.CASCADE, related_name="criteria")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=20)
    text = models.TextField()
    max = models.DecimalField(max_digits=6, decimal_places=2)
    subgroup = models.CharField(max_length=20, blank=True)
    actionable = models.BooleanField(default=True)
    requires_story = models.BooleanField(default=False)
    eliminates = models.BooleanField(default=False)
    halts = models.BooleanField(default=False)
    min_star = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.JSONField(default=list)
    cases = models.JSONField(default=list)
    case_instruction = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["sheet", "order"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["sheet", "code"], name="criteria_criterion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def owning_revision(self) -> EditionRevision:
        return self.sheet.revision


class Option(FrozenModel):
    """A tick box of a criterion, in law order, with its points and star marker."""

    REVISION_PATH = "criterion__sheet__revision"

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    points = models.DecimalField(max_digits=6, decimal_places=2)
    text = models.TextField()
    min_star = models.PositiveSmallIntegerField(null=True, blank=True)
    case = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["criterion", "position"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["criterion", "position"], name="criteria_option_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"

    def owning_revision(self) -> EditionRevision:
        return self.criterion.sheet.revision


class AnswerSheetKind(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    SCORECARD = "scorecard", _("Council member's scorecard")


class AnswerSheet(TimeStampedModel):
    """One person's answers on one sheet: a producer's self-assessment or a member's scorecard.

    It keeps the revision it is scored against and the engine version of its stored result.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=AnswerSheetKind.choices)
    self_assessment = models.OneToOneField(
        "criteria.SelfAssessment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answer_sheet",
        verbose_name=_("self-assessment"),
    )
    label = models.CharField(_("label"), max_length=300, blank=True)
    revision = models.ForeignKey(
        EditionRevision, on_delete=models.PROTECT, related_name="answer_sheets"
    )
    sheet = models.ForeignKey(SheetDef, on_delete=models.PROTECT, related_name="answer_sheets")
    has_story = models.BooleanField(_("the product has a story"), default=True)
    case = models.PositiveSmallIntegerField(_("case"), null=True, blank=True)
    engine_version = models.CharField(_("engine version"), max_length=20, blank=True)
    total = models.DecimalField(_("total"), null=True, blank=True, max_digits=6, decimal_places=2)
    band_star = models.PositiveSmallIntegerField(_("band star"), null=True, blank=True)
    star = models.PositiveSmallIntegerField(_("star"), null=True, blank=True)
    complete = models.BooleanField(_("complete"), default=False)

    class Meta:
        verbose_name = _("answer sheet")
        verbose_name_plural = _("answer sheets")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(kind="scorecard") | models.Q(self_assessment__isnull=False),
                name="criteria_answersheet_owner",
            )
        ]

    def __str__(self) -> str:
        return self.label or f"{self.get_kind_display()} #{self.pk}"


class Answer(models.Model):
    """One criterion's answer: chosen option (0 = none met), points, description, evidence."""

    answer_sheet = models.ForeignKey(AnswerSheet, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    position = models.PositiveSmallIntegerField(_("chosen option"), null=True, blank=True)
    points = models.DecimalField(_("points"), null=True, blank=True, max_digits=6, decimal_places=2)
    description = models.TextField(_("description"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["answer_sheet", "criterion__order"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["answer_sheet", "criterion"], name="criteria_answer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.position}"


class SelfAssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class SelfAssessment(TimeStampedModel):
    """A producer's self-assessment report on a product (QĐ 26/2026 Phụ lục III, Mẫu số 02)."""

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SelfAssessmentStatus.choices,
        default=SelfAssessmentStatus.DRAFT,
    )
    product = models.ForeignKey(
        "products.Product",
        on_delete=models.PROTECT,
        related_name="self_assessments",
        verbose_name=_("product"),
    )
    business_results = models.TextField(_("results of the business plan (Part II)"), blank=True)
    plans = models.TextField(_("production and business plan (Part IV)"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def __str__(self) -> str:
        return f"{_('Self-assessment')} #{self.pk}"
