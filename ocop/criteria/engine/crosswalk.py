"""Crosswalk between editions: carry a stored answer set from one edition's sheet to another's.

The crosswalk file (``editions/crosswalk-<from>_<to>.json``) maps each criterion of the target
sheet to the source criterion it corresponds to *by meaning*, option by option, each with its
reason. Re-scoring never invents an answer:

- a source answer is carried only through the option map; a source position the map does not
  list is an error (the crosswalk is incomplete), never a guess;
- a source answer that is missing (story-only criterion without a story, after a halt) leaves the
  target criterion without an answer, and the engine decides whether that is allowed;
- a target criterion with no counterpart takes the answer the crosswalk states for it
  (``assumed_position``, default the option worth 0 points, or 0 = "no option met"), and is marked
  *assumed*; ``Translation.at_top`` puts every assumed criterion at its top option instead, so a
  reader sees both ends.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .sheet import Sheet


class CrosswalkError(ValueError):
    """A crosswalk that is malformed or cannot carry this answer set."""


@dataclass(frozen=True)
class CriterionMap:
    """One target criterion: its source criterion (or none) and the option map, with a reason."""

    to: str
    source: str | None
    options: Mapping[int, int]
    reason: str
    assumed_options: frozenset[int] = frozenset()
    assumed_position: int | None = None


@dataclass(frozen=True)
class Dropped:
    source: str
    reason: str


@dataclass(frozen=True)
class SetMap:
    from_set: int
    to_set: int
    criteria: tuple[CriterionMap, ...]
    dropped: tuple[Dropped, ...] = ()


@dataclass(frozen=True)
class Crosswalk:
    code: str
    version: int
    from_edition: str
    to_edition: str
    from_content_hash: str
    to_content_hash: str
    default_assumption: str
    sets: tuple[SetMap, ...]

    def set_map(self, from_set: int) -> SetMap:
        for each in self.sets:
            if each.from_set == from_set:
                return each
        raise CrosswalkError(f"crosswalk {self.code} does not cover product set {from_set}")

    @property
    def set_numbers(self) -> tuple[int, ...]:
        return tuple(s.from_set for s in self.sets)


@dataclass(frozen=True)
class Carried:
    """How one target answer was obtained."""

    to: str
    source: str | None
    source_position: int | None
    position: int | None
    assumed: bool
    assumed_mapping: bool
    reason: str


@dataclass(frozen=True)
class Translation:
    """The target answer set, and how each answer was obtained."""

    answers: Mapping[str, int]
    carried: tuple[Carried, ...]
    dropped: tuple[Dropped, ...]

    @property
    def assumed(self) -> tuple[Carried, ...]:
        """Target criteria with no counterpart: their answer is the crosswalk's assumption."""
        return tuple(c for c in self.carried if c.assumed)

    def at_top(self, sheet: Sheet, case: int | None = None) -> dict[str, int]:
        """The same answers with every assumed criterion at its highest-point option."""
        answers = dict(self.answers)
        for each in self.assumed:
            crit = sheet.criterion(each.to)
            answers[each.to] = max(crit.options_for(case), key=lambda o: o.points).position
        return answers


def _default_position(sheet: Sheet, code: str, case: int | None) -> int:
    """The answer worth 0 points, or 0 = "no option met" where every printed option is above 0."""
    crit = sheet.criterion(code)
    if crit.allows_none(case):
        return 0
    return next(o.position for o in crit.options_for(case) if o.points == 0)


def crosswalk_from_dict(data: Mapping[str, Any]) -> Crosswalk:
    sets = []
    for each in data["sets"]:
        criteria = []
        for c in each["criteria"]:
            criteria.append(
                CriterionMap(
                    to=c["to"],
                    source=c.get("from"),
                    options=MappingProxyType(
                        {int(k): int(v) for k, v in (c.get("options") or {}).items()}
                    ),
                    reason=c["reason"],
                    assumed_options=frozenset(int(p) for p in c.get("assumed_options", [])),
                    assumed_position=c.get("assumed_position"),
                )
            )
        sets.append(
            SetMap(
                from_set=int(each["from_set"]),
                to_set=int(each["to_set"]),
                criteria=tuple(criteria),
                dropped=tuple(Dropped(d["from"], d["reason"]) for d in each.get("dropped", [])),
            )
        )
    return Crosswalk(
        code=data["crosswalk"],
        version=int(data["version"]),
        from_edition=data["from_edition"],
        to_edition=data["to_edition"],
        from_content_hash=data.get("from_content_hash", ""),
        to_content_hash=data.get("to_content_hash", ""),
        default_assumption=data.get("default_assumption", ""),
        sets=tuple(sets),
    )


def load_crosswalk(path: Path | str) -> Crosswalk:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CrosswalkError(f"missing crosswalk file {path}") from exc
    return crosswalk_from_dict(data)


def translate(
    set_map: SetMap,
    target: Sheet,
    answers: Mapping[str, int],
    *,
    case: int | None = None,
) -> Translation:
    """Carry ``answers`` (source codes → positions) to the target sheet through ``set_map``."""
    carried: list[Carried] = []
    result: dict[str, int] = {}
    for m in set_map.criteria:
        if m.source is None:
            position = (
                m.assumed_position
                if m.assumed_position is not None
                else _default_position(target, m.to, case)
            )
            result[m.to] = position
            carried.append(Carried(m.to, None, None, position, True, False, m.reason))
            continue
        if m.source not in answers:
            carried.append(Carried(m.to, m.source, None, None, False, False, m.reason))
            continue
        source_position = answers[m.source]
        if source_position not in m.options:
            raise CrosswalkError(
                f"criterion {m.to}: the crosswalk has no counterpart for {m.source} option "
                f"{source_position}; refusing to guess"
            )
        position = m.options[source_position]
        result[m.to] = position
        carried.append(
            Carried(
                m.to,
                m.source,
                source_position,
                position,
                False,
                source_position in m.assumed_options,
                m.reason,
            )
        )
    return Translation(MappingProxyType(result), tuple(carried), set_map.dropped)


def validate_crosswalk(
    crosswalk: Crosswalk, source: Mapping[int, Sheet], target: Mapping[int, Sheet]
) -> list[str]:
    """Problems of a crosswalk against the two editions' sheets; empty when it is sound.

    Every target criterion is mapped exactly once; every source criterion is mapped or listed as
    dropped; every source option (and 0 where the source allows "no option met") has a target
    position; every target position exists (0 only where the target allows it); every
    no-counterpart criterion has a valid assumed answer and a reason.
    """
    problems: list[str] = []
    for set_map in crosswalk.sets:
        where = f"{crosswalk.code} set {set_map.from_set}→{set_map.to_set}"
        src = source.get(set_map.from_set)
        dst = target.get(set_map.to_set)
        if src is None or dst is None:
            problems.append(f"{where}: sheet missing")
            continue
        mapped = [m.to for m in set_map.criteria]
        expected = [c.code for c in dst.criteria]
        if sorted(mapped) != sorted(expected) or len(set(mapped)) != len(mapped):
            problems.append(f"{where}: target criteria {mapped} ≠ sheet {expected}")
        used = {m.source for m in set_map.criteria if m.source} | {
            d.source for d in set_map.dropped
        }
        unmapped = [c.code for c in src.criteria if c.code not in used]
        if unmapped:
            problems.append(f"{where}: source criteria neither mapped nor dropped: {unmapped}")
        src_codes = {c.code for c in src.criteria}
        dst_codes = {c.code for c in dst.criteria}
        for m in set_map.criteria:
            if not m.reason.strip():
                problems.append(f"{where} {m.to}: no reason")
            if m.to not in dst_codes:
                continue
            to_crit = dst.criterion(m.to)
            valid_to = {o.position for o in to_crit.options} | (
                {0} if to_crit.allows_none() else set()
            )
            if m.source is None:
                if m.assumed_position is not None and m.assumed_position not in valid_to:
                    problems.append(f"{where} {m.to}: assumed option {m.assumed_position} invalid")
                continue
            if m.source not in src_codes:
                problems.append(f"{where} {m.to}: source criterion {m.source} does not exist")
                continue
            from_crit = src.criterion(m.source)
            valid_from = {o.position for o in from_crit.options} | (
                {0} if from_crit.allows_none() else set()
            )
            if set(m.options) != valid_from:
                problems.append(
                    f"{where} {m.to}: maps {m.source} options {sorted(m.options)}, "
                    f"the source has {sorted(valid_from)}"
                )
            bad = sorted(v for v in m.options.values() if v not in valid_to)
            if bad:
                problems.append(f"{where} {m.to}: target options {bad} invalid")
            if not m.assumed_options <= set(m.options):
                problems.append(f"{where} {m.to}: assumed_options outside the option map")
    return problems
