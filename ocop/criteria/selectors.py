"""Reads on criteria editions and answer sheets; rows → engine dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from ocop.core.errors import DomainError
from ocop.criteria import engine
from ocop.criteria.engine.crosswalk import (
    Carried,
    Crosswalk,
    CrosswalkError,
    load_crosswalk,
    translate,
)
from ocop.criteria.engine.sheet import edition_from_dict, sheet_from_dict, story_criteria
from ocop.criteria.loader import EDITIONS_DIR
from ocop.criteria.models import (
    Answer,
    AnswerSheet,
    Criterion,
    Edition,
    EditionRevision,
    Group,
    Option,
    Part,
    RevisionStatus,
    SelfAssessment,
    SheetDef,
)

if TYPE_CHECKING:
    from ocop.accounts.models import User


def edition_list() -> QuerySet[Edition]:
    """Every edition with its revisions, newest edition first."""
    return Edition.objects.prefetch_related(
        Prefetch(
            "revisions",
            queryset=EditionRevision.objects.order_by("-revision").prefetch_related(
                Prefetch("sheets", queryset=SheetDef.objects.only("id", "revision_id", "set_no"))
            ),
        )
    )


def revision_get(*, edition: str, revision: int | None = None) -> EditionRevision:
    """The published revision ``revision`` of ``edition`` (default: its latest)."""
    qs = EditionRevision.objects.select_related("edition").filter(
        edition__code=edition, status=RevisionStatus.PUBLISHED
    )
    if revision is not None:
        qs = qs.filter(revision=revision)
    found = qs.order_by("-revision").first()
    if found is None:
        if not Edition.objects.filter(code=edition).exists():
            raise DomainError(
                _("Unknown criteria edition “%(edition)s”; known editions: %(known)s.")
                % {
                    "edition": edition,
                    "known": ", ".join(Edition.objects.values_list("code", flat=True)) or "—",
                }
            )
        raise DomainError(
            _("Edition %(edition)s has no published revision %(revision)s.")
            % {"edition": edition, "revision": revision if revision is not None else ""}
        )
    return found


def sheet_get(*, edition: str, set_no: int, revision: int | None = None) -> SheetDef:
    """The sheet of product set ``set_no`` in the (latest published) revision of ``edition``."""
    rev = revision_get(edition=edition, revision=revision)
    sheet = SheetDef.objects.select_related("revision__edition").filter(revision=rev, set_no=set_no)
    found = sheet.first()
    if found is None:
        raise DomainError(
            _("Edition %(edition)s has no sheet for product set %(set)s.")
            % {"edition": edition, "set": set_no}
        )
    return found


def sheet_rows(sheet: SheetDef) -> SheetDef:
    """``sheet`` with its parts, groups, criteria and options prefetched (4 queries)."""
    options = Prefetch("options", queryset=Option.objects.order_by("position"))
    criteria = Prefetch(
        "criteria", queryset=Criterion.objects.order_by("order").prefetch_related(options)
    )
    groups = Prefetch("groups", queryset=Group.objects.order_by("order").prefetch_related(criteria))
    parts = Part.objects.filter(sheet=sheet).order_by("order").prefetch_related(groups)
    sheet._parts_rows = list(parts)  # type: ignore[attr-defined]
    return sheet


def _points(value: Decimal) -> Decimal:
    """A stored DECIMAL(6,2) as the files write it: 3.00 → 3, 0.50 → 0.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _criterion_dict(crit: Criterion) -> dict[str, Any]:
    return {
        "code": crit.code,
        "text": crit.text,
        "max": _points(crit.max),
        "subgroup": crit.subgroup or None,
        "actionable": crit.actionable,
        "requires_story": crit.requires_story,
        "eliminates": crit.eliminates,
        "halts": crit.halts,
        "min_star": crit.min_star,
        "notes": crit.notes,
        "cases": crit.cases,
        "case_instruction": crit.case_instruction or None,
        "options": [
            {
                "position": o.position,
                "points": _points(o.points),
                "text": o.text,
                "min_star": o.min_star,
                "case": o.case,
            }
            for o in crit.options.all()
        ],
    }


def sheet_dict(sheet: SheetDef) -> dict[str, Any]:
    """The sheet rows in the JSON shape of the edition files (``sheet_from_dict`` reads it)."""
    if not hasattr(sheet, "_parts_rows"):
        sheet_rows(sheet)
    return {
        "set": sheet.set_no,
        "name": sheet.name,
        "family": sheet.family,
        "disqualifiers": sheet.disqualifiers,
        "disqualifiers_text": sheet.disqualifiers_text or None,
        "corrections": sheet.corrections,
        "printed_total": sheet.printed_total,
        "parts": [
            {
                "code": part.code,
                "title": part.title,
                "max": _points(part.max),
                "groups": [
                    {
                        "code": group.code,
                        "title": group.title,
                        "max": _points(group.max),
                        "subgroups": group.subgroups,
                        "criteria": [_criterion_dict(c) for c in group.criteria.all()],
                    }
                    for group in part.groups.all()
                ],
            }
            for part in sheet._parts_rows  # type: ignore[attr-defined]
        ],
    }


def engine_edition(revision: EditionRevision) -> engine.Edition:
    return edition_from_dict(revision.manifest)


def engine_sheet(sheet: SheetDef) -> engine.Sheet:
    """The engine's immutable sheet, built from the rows (same result as from the files)."""
    edition = engine_edition(sheet.revision)
    story = story_criteria(EDITIONS_DIR).get((edition.code, sheet.set_no))
    return sheet_from_dict(sheet_dict(sheet), edition, story=story)


def answer_sheet_list(*, user: User | None = None) -> QuerySet[AnswerSheet]:
    """Stored answer sheets: everything for the system (``user=None``) and superusers.

    Self-assessments are visible through their product's scope (``self_assessment_list``);
    council scorecards come with the evaluation issue.
    """
    qs = AnswerSheet.objects.select_related("revision__edition", "sheet")
    if user is None or user.is_superuser:
        return qs
    return qs.filter(Q(self_assessment__in=self_assessment_list(user=user)))


def self_assessment_list(*, user: User) -> QuerySet[SelfAssessment]:
    """Self-assessments of the products ``user`` may see (the registry's scope)."""
    from ocop.products.selectors import product_list

    return SelfAssessment.objects.select_related(
        "product__producer", "product__product_set", "answer_sheet__sheet__revision__edition"
    ).filter(product__in=product_list(user=user).values("pk"))


def self_assessment_list_editable(*, user: User) -> QuerySet[SelfAssessment]:
    """Self-assessments ``user`` may change: the producer's own, office roles in scope."""
    from ocop.products.selectors import product_list_editable

    return self_assessment_list(user=user).filter(
        product__in=product_list_editable(user=user).values("pk")
    )


# ---------------------------------------------------------------------------------------------
# Edition impact: re-score stored answer sheets through a crosswalk
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactRow:
    """One stored answer sheet re-scored under the target edition."""

    answer_sheet_id: int
    label: str
    from_set: int
    to_set: int
    from_star: int | None
    from_total: Decimal | None
    to_star: int | None
    to_total: Decimal | None
    top_star: int | None
    top_total: Decimal | None
    assumed: tuple[Carried, ...] = ()
    assumed_mappings: tuple[Carried, ...] = ()
    error: str = ""

    @property
    def changed(self) -> bool:
        """The star would change under the stated assumptions, or could with assumed tops."""
        return not self.error and (
            self.to_star != self.from_star or self.top_star != self.from_star
        )


def crosswalk_get(*, from_edition: str, to_edition: str) -> Crosswalk:
    path = EDITIONS_DIR / f"crosswalk-{from_edition}_{to_edition}.json"
    if not path.exists():
        raise DomainError(
            _("There is no crosswalk from %(source)s to %(target)s.")
            % {"source": from_edition, "target": to_edition}
        )
    return load_crosswalk(path)


def edition_impact(
    *,
    from_edition: str,
    to_edition: str,
    set_no: int | None = None,
    user: User | None = None,
) -> list[ImpactRow]:
    """Stored complete answer sheets of ``from_edition`` re-scored under ``to_edition``.

    Each row shows the star under the crosswalk's stated assumptions (criteria with no
    counterpart take the answer the crosswalk gives, by default the 0-point one) and the star
    with every assumed criterion at its top option. Nothing is invented: an answer the crosswalk
    cannot carry makes the row an error.
    """
    crosswalk = crosswalk_get(from_edition=from_edition, to_edition=to_edition)
    sets = [s for s in crosswalk.set_numbers if set_no is None or s == set_no]
    if set_no is not None and not sets:
        raise DomainError(
            _("The crosswalk from %(source)s to %(target)s does not cover product set %(set)s.")
            % {"source": from_edition, "target": to_edition, "set": set_no}
        )
    target_rev = revision_get(edition=to_edition)
    stored = (
        answer_sheet_list(user=user)
        .filter(revision__edition__code=from_edition, sheet__set_no__in=sets, complete=True)
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("criterion")))
        .order_by("sheet__set_no", "pk")
    )
    engine_sheets: dict[tuple[int, int], engine.Sheet] = {}

    def sheet_of(sheet: SheetDef) -> engine.Sheet:
        key = (sheet.revision_id, sheet.set_no)
        if key not in engine_sheets:
            engine_sheets[key] = engine_sheet(sheet)
        return engine_sheets[key]

    rows: list[ImpactRow] = []
    for answer_sheet in stored:
        source = sheet_of(answer_sheet.sheet)
        set_map = crosswalk.set_map(source.set_no)
        target = sheet_of(
            SheetDef.objects.select_related("revision").get(
                revision=target_rev, set_no=set_map.to_set
            )
        )
        answers = {
            a.criterion.code: a.position
            for a in answer_sheet.answers.all()
            if a.position is not None
        }
        # has_story follows each sheet's story criterion (stored flags from before that rule may
        # contradict the answers).
        flags = engine.DossierFlags(case=answer_sheet.case)
        label = answer_sheet.label or str(answer_sheet)
        try:
            before = engine.score(source, answers, flags)
            translation = translate(set_map, target, answers, case=None)
            target_flags = engine.DossierFlags()
            after = engine.score(target, translation.answers, target_flags)
            top = engine.score(target, translation.at_top(target), target_flags)
        except (engine.ScoringError, CrosswalkError) as exc:
            rows.append(
                ImpactRow(
                    answer_sheet.pk,
                    label,
                    source.set_no,
                    set_map.to_set,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    error=str(exc),
                )
            )
            continue
        rows.append(
            ImpactRow(
                answer_sheet_id=answer_sheet.pk,
                label=label,
                from_set=source.set_no,
                to_set=set_map.to_set,
                from_star=before.star,
                from_total=before.total,
                to_star=after.star,
                to_total=after.total,
                top_star=top.star,
                top_total=top.total,
                assumed=translation.assumed,
                assumed_mappings=tuple(c for c in translation.carried if c.assumed_mapping),
            )
        )
    return rows


def self_assessments_by_product(*, user: User, products: list[int]) -> dict[int, SelfAssessment]:
    """The latest visible self-assessment of each of ``products`` (one query)."""
    latest: dict[int, SelfAssessment] = {}
    for assessment in self_assessment_list(user=user).filter(product__in=products).order_by("pk"):
        latest[assessment.product_id] = assessment
    return latest
