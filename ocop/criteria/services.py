"""Writes on answer sheets: a producer's self-assessment (QĐ 26/2026 Phụ lục III, Mẫu số 02)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.audit import acting_as
from ocop.core.errors import DomainError
from ocop.criteria import engine
from ocop.criteria.models import (
    Answer,
    AnswerSheet,
    AnswerSheetKind,
    EditionRevision,
    RevisionStatus,
    SelfAssessment,
    SelfAssessmentStatus,
    SheetDef,
)
from ocop.criteria.scoring import check_answers, story_check
from ocop.criteria.selectors import engine_sheet

if TYPE_CHECKING:
    from ocop.accounts.models import User
    from ocop.products.models import Product


def revision_in_force(*, on: dt.date | None = None) -> EditionRevision:
    """The latest published revision of the newest edition with sheets in force on ``on``.

    QĐ 26/2026 Điều 13: in force from 22/05/2026; before any edition with sheets is in force the
    newest one is used.
    """
    day = on or timezone.localdate()
    published = EditionRevision.objects.select_related("edition").filter(
        status=RevisionStatus.PUBLISHED, sheets__isnull=False
    )
    in_force = published.filter(edition__effective_from__lte=day).filter(
        Q(edition__effective_to__isnull=True) | Q(edition__effective_to__gte=day)
    )
    found = (
        in_force.order_by("-edition__effective_from", "-revision").first()
        or published.order_by("-edition__effective_from", "-revision").first()
    )
    if found is None:
        raise DomainError(_("No criteria edition is loaded; run “ocop migrate”."))
    return found


def self_assessment_start(*, product: Product, actor: User) -> SelfAssessment:
    """Open the product's draft self-assessment (or return the draft already open)."""
    existing = (
        SelfAssessment.objects.filter(product=product, status=SelfAssessmentStatus.DRAFT)
        .order_by("-pk")
        .first()
    )
    if existing is not None:
        return existing
    revision = revision_in_force()
    set_no = product.product_set.number
    sheet = SheetDef.objects.filter(revision=revision, set_no=set_no).first()
    if sheet is None:
        raise DomainError(
            _("Edition %(edition)s has no sheet for product set %(set)s.")
            % {"edition": revision.edition.code, "set": set_no}
        )
    criteria = list(sheet.criteria.all())
    with transaction.atomic(), acting_as(actor):
        assessment = SelfAssessment.objects.create(product=product, created_by=actor)
        answer_sheet = AnswerSheet.objects.create(
            kind=AnswerSheetKind.SELF_ASSESSMENT,
            self_assessment=assessment,
            label=product.name,
            revision=revision,
            sheet=sheet,
            has_story=bool(getattr(product, "story", "")),
            case=1 if any(c.cases for c in criteria) else None,
            engine_version=engine.ENGINE_VERSION,
        )
        Answer.objects.bulk_create(
            [Answer(answer_sheet=answer_sheet, criterion=c) for c in criteria]
        )
    return assessment


@dataclass(frozen=True)
class SelfAssessmentData:
    """What the form posts: option positions (None = not answered yet), texts, dossier facts."""

    answers: dict[str, int | None]
    descriptions: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    has_story: bool | None = None  # None: follows the story criterion's answer (the form's way)
    case: int | None = None
    business_results: str = ""
    plans: str = ""


def _points(sheet: engine.Sheet, code: str, position: int | None) -> Decimal | None:
    if position is None:
        return None
    if position == 0:
        return Decimal(0)
    return sheet.criterion(code).option(position).points


def self_assessment_save(
    *, self_assessment: SelfAssessment, data: SelfAssessmentData, actor: User
) -> SelfAssessment:
    """Save a draft: every answer row (option, points, description, evidence) and the result.

    A complete answer set is scored by the engine and keeps the revision and engine version;
    an incomplete one is saved as a draft with no result (a missing answer is never a zero).
    """
    if self_assessment.status != SelfAssessmentStatus.DRAFT:
        raise DomainError(_("This self-assessment is final and can no longer be changed."))
    answer_sheet = AnswerSheet.objects.select_related("sheet__revision").get(
        self_assessment=self_assessment
    )
    sheet = engine_sheet(answer_sheet.sheet)
    flags = engine.DossierFlags(has_story=data.has_story, case=data.case)
    chosen = {code: p for code, p in data.answers.items() if p is not None}
    check_answers(sheet, chosen, flags, allow_missing=True)
    has_story = story_check(sheet, chosen, flags)
    rows = list(answer_sheet.answers.select_related("criterion"))
    for row in rows:
        code = row.criterion.code
        row.position = chosen.get(code)
        row.points = _points(sheet, code, row.position)
        row.description = data.descriptions.get(code, "").strip()
        row.evidence = data.evidence.get(code, "").strip()
    outcome: engine.Outcome | None
    try:
        outcome = engine.score(sheet, chosen, flags)
    except engine.ScoringError:
        outcome = None
    with transaction.atomic(), acting_as(actor):
        for row in rows:
            row.save(update_fields=["position", "points", "description", "evidence"])
        answer_sheet.has_story = has_story
        answer_sheet.case = data.case
        answer_sheet.complete = outcome is not None
        answer_sheet.engine_version = engine.ENGINE_VERSION
        answer_sheet.total = outcome.total if outcome else None
        answer_sheet.band_star = outcome.band_star if outcome else None
        answer_sheet.star = outcome.star if outcome else None
        answer_sheet.save()
        self_assessment.business_results = data.business_results.strip()
        self_assessment.plans = data.plans.strip()
        self_assessment.save()
    return self_assessment
