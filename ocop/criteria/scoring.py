"""Between people and the engine: check answers with Vietnamese messages, shape results as JSON.

The engine raises English ``ScoringError``s for integrators; people (CLI, web form) get the
same checks here first, as ``DomainError`` with a translated message naming the criterion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from ocop.core.errors import DomainError
from ocop.criteria import engine
from ocop.criteria.engine.gap import Gap, GapError, next_star_gap

FLAG_NAMES = ("eliminated", "halted_at", "disqualified", "has_story", "case")
TWO_PLACES = Decimal("0.01")


def fmt(value: Decimal) -> str:
    """A decimal as shown and exported: two places, half up."""
    return str(value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP))


def parse_flags(sheet: engine.Sheet, data: object) -> engine.DossierFlags:
    """Dossier-level flags from JSON, checked against the sheet."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DomainError(_("“flags” must be a JSON object."))
    unknown = sorted(set(data) - set(FLAG_NAMES))
    if unknown:
        raise DomainError(
            _("Unknown flag %(names)s; allowed flags: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(FLAG_NAMES)}
        )
    for name in ("eliminated", "disqualified", "has_story"):
        if name in data and not isinstance(data[name], bool):
            raise DomainError(_("Flag “%(name)s” must be true or false.") % {"name": name})
    halted_at = data.get("halted_at")
    if halted_at is not None:
        codes = {c.code: c for c in sheet.criteria}
        if halted_at not in codes or not codes[halted_at].halts:
            raise DomainError(
                _(
                    "Flag “halted_at”: criterion %(code)s of product set %(set)s has no note "
                    "that halts scoring."
                )
                % {"code": halted_at, "set": sheet.set_no}
            )
    case = data.get("case")
    cases = sorted({c.case for crit in sheet.criteria for c in crit.cases})
    if cases and case not in cases:
        raise DomainError(
            _(
                "Product set %(set)s has criteria with two alternative cases: flag “case” must "
                "be one of %(cases)s."
            )
            % {"set": sheet.set_no, "cases": ", ".join(str(c) for c in cases)}
        )
    if not cases and case is not None:
        raise DomainError(
            _("Product set %(set)s has no alternative cases: remove flag “case”.")
            % {"set": sheet.set_no}
        )
    return engine.DossierFlags(
        eliminated=bool(data.get("eliminated", False)),
        halted_at=halted_at,
        disqualified=bool(data.get("disqualified", False)),
        has_story=data.get("has_story"),
        case=case,
    )


def story_check(
    sheet: engine.Sheet, answers: Mapping[str, object], flags: engine.DossierFlags
) -> bool:
    """Whether the product has a story: the answer to the sheet's story criterion says so.

    A ``has_story`` flag that contradicts that answer is refused (a product whose story
    criterion is answered "has a documented story" has a story, and the reverse).
    """
    try:
        return engine.has_story(sheet, answers, flags)
    except engine.StoryMismatch as exc:
        story = sheet.story
        code = story.code if story is not None else ""
        told = engine.story_told(sheet, answers)
        raise DomainError(
            _(
                "Flag “has_story” is %(flag)s but criterion %(code)s is answered %(position)s, "
                "which says the product %(says)s. Remove the flag: it follows the answer."
            )
            % {
                "flag": "true" if flags.has_story else "false",
                "code": code,
                "position": answers.get(code),
                "says": _("has a story") if told else _("has no story"),
            }
        ) from exc


def check_answers(
    sheet: engine.Sheet,
    answers: object,
    flags: engine.DossierFlags,
    *,
    allow_missing: bool = False,
) -> dict[str, int]:
    """Check an answer set like the engine does, with messages people can act on."""
    if not isinstance(answers, dict):
        raise DomainError(_("“answers” must be a JSON object: criterion code → option number."))
    known = {c.code for c in sheet.criteria}
    unknown = [code for code in answers if code not in known]
    if unknown:
        raise DomainError(
            _("Unknown criterion %(codes)s: product set %(set)s of %(edition)s has no such code.")
            % {"codes": ", ".join(unknown), "set": sheet.set_no, "edition": sheet.edition.code}
        )
    told = story_check(sheet, answers, flags)
    missing: list[str] = []
    halted = False
    for crit in sheet.criteria:
        if halted:
            continue
        halted = flags.halted_at == crit.code
        if crit.requires_story and not told:
            continue
        if crit.code not in answers:
            missing.append(crit.code)
            continue
        position = answers[crit.code]
        if isinstance(position, bool) or not isinstance(position, int):
            raise DomainError(
                _("Criterion %(code)s: the answer must be an option number, not %(value)s.")
                % {"code": crit.code, "value": repr(position)}
            )
        if position == 0 and not crit.allows_none(flags.case):
            raise DomainError(
                _(
                    "Criterion %(code)s: 0 (“no option met”) is not allowed because the sheet "
                    "prints an option worth 0 points; choose that option."
                )
                % {"code": crit.code}
            )
        if not 0 <= position <= len(crit.options):
            raise DomainError(
                _("Criterion %(code)s: option %(position)s is out of range (0–%(count)s).")
                % {"code": crit.code, "position": position, "count": len(crit.options)}
            )
        if position and crit.has_cases and crit.option(position).case != flags.case:
            raise DomainError(
                _(
                    "Criterion %(code)s: option %(position)s belongs to case %(option_case)s, "
                    "but this sheet is scored under case %(case)s."
                )
                % {
                    "code": crit.code,
                    "position": position,
                    "option_case": crit.option(position).case,
                    "case": flags.case,
                }
            )
    if missing and not allow_missing:
        raise DomainError(
            _(
                "No answer for criteria %(codes)s. A missing answer is an error, never a zero; "
                "answer 0 for “no option met” where the sheet allows it."
            )
            % {"codes": ", ".join(missing)}
        )
    return dict(answers)


def gap_json(gap: Gap | None) -> dict[str, Any] | None:
    if gap is None:
        return None
    return {
        "current_star": gap.current_star,
        "target_star": gap.target_star,
        "reachable": gap.reachable,
        "added_points": fmt(gap.added_points),
        "reason": gap.reason,
        "writes_story": gap.writes_story,
        "changes": [
            {
                "code": c.code,
                "text": c.text,
                "current_option": c.current_position,
                "current_points": fmt(c.current_points),
                "needed_option": c.needed_position,
                "needed_points": fmt(c.needed_points),
                "plus": fmt(c.plus),
            }
            for c in gap.changes
        ],
        "lines": gap.lines(),
    }


def safe_gap(
    sheet: engine.Sheet, answers: Mapping[str, int], flags: engine.DossierFlags
) -> Gap | None:
    """The gap to the next star, or None when there is none (5★, halted, eliminated …)."""
    try:
        return next_star_gap(sheet, answers, flags)
    except GapError:
        return None


def outcome_json(outcome: engine.Outcome, gap: Gap | None) -> dict[str, Any]:
    return {
        "edition": outcome.edition,
        "revision": outcome.revision,
        "content_hash": outcome.content_hash,
        "engine_version": outcome.engine_version,
        "set": outcome.set_no,
        "members": len(outcome.members),
        "status": outcome.status,
        "total": fmt(outcome.total),
        "star": outcome.star,
        "band_star": outcome.band_star,
        "minimums_met_star": outcome.minimums_met_star,
        "by_part": {code: fmt(v) for code, v in outcome.by_part.items()},
        "by_group": {code: fmt(v) for code, v in outcome.by_group.items()},
        "unmet_minimums": {
            str(star): [
                {"code": u.code, "required": fmt(u.required), "actual": fmt(u.actual)}
                for u in misses
            ]
            for star, misses in outcome.unmet_minimums.items()
        },
        "next_star_gap": gap_json(gap),
        "policies": dict(outcome.policies),
    }


def score_document(sheet: engine.Sheet, document: object) -> dict[str, Any]:
    """Score ``{"answers": …, "flags": …}`` or ``{"members": [{"answers": …}, …], "flags": …}``."""
    if not isinstance(document, dict) or ("answers" in document) == ("members" in document):
        raise DomainError(
            _(
                "The input must be a JSON object with either “answers” (one member) or "
                "“members” (a list of objects with “answers”), and optionally “flags”."
            )
        )
    unknown_keys = sorted(set(document) - {"answers", "members", "flags"})
    if unknown_keys:
        raise DomainError(
            _("Unknown key %(keys)s in the input.") % {"keys": ", ".join(unknown_keys)}
        )
    flags = parse_flags(sheet, document.get("flags"))
    if "answers" in document:
        members = [document["answers"]]
    else:
        raw = document["members"]
        if not isinstance(raw, list) or not raw:
            raise DomainError(_("“members” must be a non-empty list."))
        members = []
        for index, member in enumerate(raw, start=1):
            if not isinstance(member, dict) or "answers" not in member:
                raise DomainError(
                    _("Member %(n)s: expected an object with “answers”.") % {"n": index}
                )
            members.append(member["answers"])
    checked = []
    for index, answers in enumerate(members, start=1):
        try:
            checked.append(check_answers(sheet, answers, flags))
        except DomainError as exc:
            if len(members) == 1:
                raise
            raise DomainError(
                _("Member %(n)s: %(error)s") % {"n": index, "error": exc.message}
            ) from exc
    try:
        outcome = engine.score_council(sheet, checked, flags)
    except engine.ScoringError as exc:  # a check above should have caught it
        raise DomainError(_("The answers cannot be scored: %(error)s") % {"error": exc}) from exc
    gap = safe_gap(sheet, checked[0], flags) if len(checked) == 1 else None
    return outcome_json(outcome, gap)


@dataclass(frozen=True)
class LiveResult:
    """What the self-assessment page shows while the user ticks options.

    Unanswered criteria are counted at their lowest option (0 points) and listed, so the figure
    is explicitly provisional until every criterion is answered.
    """

    outcome: engine.Outcome
    gap: Gap | None
    unanswered: tuple[str, ...]

    @property
    def provisional(self) -> bool:
        return bool(self.unanswered)


def _lowest(crit: engine.Criterion, case: int | None) -> int:
    if crit.allows_none(case):
        return 0
    return min(crit.options_for(case), key=lambda o: o.points).position


def live_result(
    sheet: engine.Sheet, answers: Mapping[str, int | None], flags: engine.DossierFlags
) -> LiveResult:
    chosen = {code: p for code, p in answers.items() if p is not None}
    check_answers(sheet, chosen, flags, allow_missing=True)
    # An unanswered story criterion counts at its lowest option, "no story", like every other
    # unanswered criterion: the story-only criteria then need no answer yet.
    probe: dict[str, object] = dict(chosen)
    if sheet.story is not None and sheet.story.code not in probe:
        probe[sheet.story.code] = _lowest(sheet.criterion(sheet.story.code), flags.case)
    told = story_check(sheet, probe, flags)
    unanswered = tuple(
        c.code
        for c in sheet.criteria
        if c.code not in chosen and not (c.requires_story and not told)
    )
    filled = {**{code: _lowest(sheet.criterion(code), flags.case) for code in unanswered}, **chosen}
    outcome = engine.score(sheet, filled, flags)
    return LiveResult(outcome, safe_gap(sheet, filled, flags), unanswered)
