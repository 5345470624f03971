"""Scoring: one member's answers, and a council's mean, against a sheet.

Answers are option positions, 1-based in law order (across both option groups of a set-26
criterion with two cases); 0 means "no option met" (0 points) and is allowed only where the
lowest printed option is above 0. Eliminate, halt, disqualification, "has a product story" and
the set-26 case are dossier-level facts (``DossierFlags``), decided once for the council.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from .sheet import Criterion, Sheet
from .version import ENGINE_VERSION

STARRED = (3, 4, 5)
_CONTEXT = decimal.Context(prec=60)


class ScoringError(ValueError):
    """Answers that cannot be scored: the message says which criterion and why."""


class UnknownCriterion(ScoringError):
    pass


class MissingAnswer(ScoringError):
    pass


class OptionOutOfRange(ScoringError):
    pass


class WrongCase(ScoringError):
    pass


class StoryMismatch(ScoringError):
    """A ``has_story`` flag that contradicts the answer to the sheet's story criterion."""


@dataclass(frozen=True)
class DossierFlags:
    """Facts about the dossier, given once for the whole council.

    - ``eliminated``: a criterion note eliminates the dossier (e.g. "Bị loại nếu sử dụng toàn bộ
      nguyên liệu nhập khẩu…", QĐ 26/2026 Annex II).
    - ``halted_at``: code of the criterion whose stop note applied ("không đánh giá các bước tiếp
      theo"); later criteria need no answer and score nothing.
    - ``disqualified``: the sheet's "Hồ sơ bị loại khi" applies.
    - ``has_story``: whether the product has a story; criteria marked "Chỉ áp dụng khi có câu
      chuyện sản phẩm" need no answer and score nothing without one. ``None`` (the default)
      derives it from the answer to the sheet's story criterion (``Sheet.story``); a value that
      contradicts that answer raises ``StoryMismatch``. On a sheet without a story criterion,
      ``None`` means True.
    - ``case``: for sheets with alternative option groups (set 26, "Lựa chọn một trong hai trường
      hợp"), the case (1 or 2) that applies to this product, recorded once per sheet.
    """

    eliminated: bool = False
    halted_at: str | None = None
    disqualified: bool = False
    has_story: bool | None = None
    case: int | None = None


SCORED = "scored"
NOT_APPLICABLE = "not_applicable"  # story-only criterion, product without a story
AFTER_HALT = "after_halt"


@dataclass(frozen=True)
class CriterionResult:
    code: str
    position: int | None
    points: Decimal
    status: str


@dataclass(frozen=True)
class MemberScore:
    """One member's sheet: points per criterion, group, part, and the total."""

    total: Decimal
    by_part: Mapping[str, Decimal]
    by_group: Mapping[str, Decimal]
    criteria: tuple[CriterionResult, ...]

    def points(self, code: str) -> Decimal:
        return next(c.points for c in self.criteria if c.code == code)

    def position(self, code: str) -> int | None:
        return next(c.position for c in self.criteria if c.code == code)


@dataclass(frozen=True)
class UnmetMinimum:
    """A star's minimum (Annex II star marker) the council did not reach on a criterion."""

    star: int
    code: str
    required: Decimal
    actual: Decimal


@dataclass(frozen=True)
class Outcome:
    """A council's (or one member's) result on one sheet, with everything needed to explain it."""

    edition: str
    revision: int
    content_hash: str
    set_no: int
    engine_version: str
    members: tuple[MemberScore, ...]
    total: Decimal
    by_part: Mapping[str, Decimal]
    by_group: Mapping[str, Decimal]
    criterion_points: Mapping[str, Decimal]
    band_star: int
    unmet_minimums: Mapping[int, tuple[UnmetMinimum, ...]]
    minimums_met_star: int
    star: int | None
    status: str
    policies: Mapping[str, str] = field(default_factory=dict)

    @property
    def total_display(self) -> str:
        """The mean shown to people: 2 places, half up (the band uses the unrounded mean)."""
        return str(self.total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _check_flags(sheet: Sheet, flags: DossierFlags) -> None:
    if flags.halted_at is not None:
        try:
            crit = sheet.criterion(flags.halted_at)
        except KeyError:
            raise UnknownCriterion(
                f"halted_at: set {sheet.set_no} has no criterion {flags.halted_at!r}"
            ) from None
        if not crit.halts:
            raise ScoringError(
                f"halted_at: criterion {crit.code} of set {sheet.set_no} has no stop note"
            )
    if sheet.has_cases:
        cases = {c.case for crit in sheet.criteria for c in crit.cases}
        if flags.case not in cases:
            raise WrongCase(
                f"set {sheet.set_no} has criteria with alternative cases {sorted(cases)}: "
                f"flags.case must be one of them, got {flags.case!r}"
            )


def story_told(sheet: Sheet, answers: Mapping[str, object]) -> bool | None:
    """Whether the answers say the product has a story (None: no story criterion or no answer).

    The product has a story when the answer to the sheet's story criterion is above its "no
    story" option (QĐ 26/2026 Annex II, 5.1 "Không có câu chuyện sản phẩm").
    """
    if sheet.story is None:
        return None
    position = answers.get(sheet.story.code)
    if isinstance(position, bool) or not isinstance(position, int):
        return None
    return sheet.story.told(position)


def has_story(sheet: Sheet, answers: Mapping[str, object], flags: DossierFlags) -> bool:
    """The story fact for these answers: derived from the story criterion, the flag agreeing."""
    told = story_told(sheet, answers)
    if told is None:
        return True if flags.has_story is None else flags.has_story
    if flags.has_story is not None and flags.has_story != told and sheet.story is not None:
        code = sheet.story.code
        raise StoryMismatch(
            f"has_story is {str(flags.has_story).lower()} but criterion {code} is answered "
            f"{answers[code]}, which says the product " + ("has a story" if told else "has none")
        )
    return told


def _answer_points(crit: Criterion, position: object, case: int | None) -> Decimal:
    if isinstance(position, bool) or not isinstance(position, int):
        raise OptionOutOfRange(
            f"criterion {crit.code}: answer must be an integer, got {position!r}"
        )
    if position == 0:
        if not crit.allows_none(case):
            raise OptionOutOfRange(
                f"criterion {crit.code}: 0 ('no option met') is not allowed, the sheet prints an "
                "option worth 0 points — choose it"
            )
        return Decimal(0)
    if not 1 <= position <= len(crit.options):
        raise OptionOutOfRange(
            f"criterion {crit.code}: option {position} out of range 0–{len(crit.options)}"
        )
    option = crit.option(position)
    if crit.has_cases and option.case != case:
        raise WrongCase(
            f"criterion {crit.code}: option {position} belongs to case {option.case}, "
            f"this sheet is scored under case {case}"
        )
    return option.points


def score_member(
    sheet: Sheet, answers: Mapping[str, int], flags: DossierFlags | None = None
) -> MemberScore:
    """Score one member's answers; raise ``ScoringError`` on any unknown, bad or missing answer."""
    flags = flags or DossierFlags()
    _check_flags(sheet, flags)
    known = {c.code for c in sheet.criteria}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise UnknownCriterion(f"set {sheet.set_no} has no criterion {', '.join(unknown)}")
    told = has_story(sheet, answers, flags)
    results: list[CriterionResult] = []
    halted = False
    missing: list[str] = []
    for crit in sheet.criteria:
        if halted:
            results.append(CriterionResult(crit.code, None, Decimal(0), AFTER_HALT))
            continue
        if crit.requires_story and not told:
            results.append(CriterionResult(crit.code, None, Decimal(0), NOT_APPLICABLE))
        elif crit.code not in answers:
            missing.append(crit.code)
        else:
            position = answers[crit.code]
            points = _answer_points(crit, position, flags.case)
            results.append(CriterionResult(crit.code, position, points, SCORED))
        if flags.halted_at == crit.code:
            halted = True
    if missing:
        raise MissingAnswer(
            f"set {sheet.set_no}: no answer for criteria {', '.join(missing)} "
            "(a missing answer is an error, never a zero: answer 0 for 'no option met')"
        )
    points_by_code = {r.code: r.points for r in results}
    by_group: dict[str, Decimal] = {}
    by_part: dict[str, Decimal] = {}
    for part in sheet.parts:
        part_sum = Decimal(0)
        for group in part.groups:
            group_sum = sum((points_by_code[c.code] for c in group.criteria), Decimal(0))
            by_group[group.code] = group_sum
            part_sum += group_sum
        by_part[part.code] = part_sum
    return MemberScore(
        total=sum(by_part.values(), Decimal(0)),
        by_part=MappingProxyType(by_part),
        by_group=MappingProxyType(by_group),
        criteria=tuple(results),
    )


def _mean(values: Sequence[Decimal]) -> Decimal:
    return _CONTEXT.divide(sum(values, Decimal(0)), Decimal(len(values)))


def minimums_met_star(
    sheet: Sheet, met: Mapping[str, Sequence[Decimal]], rule: str, total: Decimal
) -> tuple[int, dict[int, tuple[UnmetMinimum, ...]]]:
    """Highest star whose band holds ``total`` and whose cumulative minimums are all met.

    ``met`` maps a criterion code to the members' points there. Annex II legend of QĐ 26/2026:
    "Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao (*** - 3 sao; **** - 4 sao;
    ***** - 5 sao)"; a star needs its own and every lower star's minimums (project reading).
    """
    unmet: dict[int, tuple[UnmetMinimum, ...]] = {}
    for star in STARRED:
        misses: list[UnmetMinimum] = []
        for crit in sheet.criteria:
            required = crit.required_for(star)
            if required is None:
                continue
            points = met[crit.code]
            reached = (
                all(p >= required for p in points)
                if rule == "every_member"
                else _mean(points) >= required
            )
            if not reached:
                misses.append(UnmetMinimum(star, crit.code, required, _mean(points)))
        unmet[star] = tuple(misses)
    band_star = sheet.edition.band_star(total)
    best = min(band_star, 2)
    for star in STARRED:
        if star <= band_star and not unmet[star]:
            best = star
    return best, unmet


def score_council(
    sheet: Sheet, members: Sequence[Mapping[str, int]], flags: DossierFlags | None = None
) -> Outcome:
    """Score a council: the mean of members' totals, banded unrounded (QĐ 26/2026 Điều 3.3).

    The star awarded follows the edition's policies (printed in ``Outcome.policies``):
    ``minimum_rule`` (mean of members' points on the criterion vs. every member) and
    ``minimum_shortfall`` (highest star with minimums met vs. not rated). A dossier that is
    eliminated, halted or disqualified gets no star.
    """
    if not members:
        raise ScoringError("a council result needs at least one member's answers")
    flags = flags or DossierFlags()
    scores = tuple(score_member(sheet, answers, flags) for answers in members)
    edition = sheet.edition
    total = _mean([s.total for s in scores])
    by_part = {code: _mean([s.by_part[code] for s in scores]) for code in scores[0].by_part}
    by_group = {code: _mean([s.by_group[code] for s in scores]) for code in scores[0].by_group}
    per_criterion = {c.code: [s.points(c.code) for s in scores] for c in sheet.criteria}
    rule = str(edition.policy("minimum_rule"))
    shortfall = str(edition.policy("minimum_shortfall"))
    band_star = edition.band_star(total)
    met_star, unmet = minimums_met_star(sheet, per_criterion, rule, total)
    if flags.disqualified:
        status = "disqualified"
    elif flags.eliminated:
        status = "eliminated"
    elif flags.halted_at is not None:
        status = "halted"
    else:
        status = "rated"
    star: int | None
    if status != "rated":
        star = None
    elif shortfall == "not_rated":
        star = band_star if band_star < 3 or not unmet[band_star] else None
    else:
        star = met_star
    return Outcome(
        edition=edition.code,
        revision=edition.revision,
        content_hash=edition.content_hash,
        set_no=sheet.set_no,
        engine_version=ENGINE_VERSION,
        members=scores,
        total=total,
        by_part=MappingProxyType(by_part),
        by_group=MappingProxyType(by_group),
        criterion_points=MappingProxyType({k: _mean(v) for k, v in per_criterion.items()}),
        band_star=band_star,
        unmet_minimums=MappingProxyType(unmet),
        minimums_met_star=met_star,
        star=star,
        status=status,
        policies=MappingProxyType(
            {name: str(spec["value"]) for name, spec in edition.policies.items()}
        ),
    )


def score(sheet: Sheet, answers: Mapping[str, int], flags: DossierFlags | None = None) -> Outcome:
    """One member's (or a self-assessment's) answers as a council of one."""
    return score_council(sheet, [answers], flags)
