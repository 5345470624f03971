"""Evaluation rounds (đợt đánh giá, phân hạng) as plain data (pure: no Django, no database).

QĐ 26/2026/QĐ-TTg Điều 5 sets at least two standing rounds a year per level:

- province (Điều 5.1): đợt 01 decided before 30/6 for dossiers the commune proposes before
  30/4; đợt 02 decided before 30/12 for proposals before 30/10;
- national 5★ (Điều 5.2): đợt 01 decided before 30/9 for provincial proposals before 30/7;
  đợt 02 decided before 30/3 for proposals before 30/01 — the đợt 02 that follows a year's
  đợt 01 is decided in March of the next year.

A round's ``year`` is the year of its ``decide_by``. Both dates are the law's "trước ngày"
dates and are exclusive: a proposal made on the cut-off day is too late for that round and goes
to the next one. Extra rounds (Điều 5.1 and 5.2, second paragraphs) are added by the office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

PROVINCE = "province"
NATIONAL = "national"
LEVELS = (PROVINCE, NATIONAL)


@dataclass(frozen=True)
class RoundSpec:
    """One round: who runs it, its label, the exclusive cut-off and decision dates."""

    level: str
    year: int
    number: str
    cutoff: dt.date
    decide_by: dt.date
    is_standing: bool = True
    name: str = ""
    round_id: int | None = None  # the stored ``Round`` row, when there is one
    province_id: int | None = None

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.level, self.year, self.number)

    def is_open_for(self, proposed_on: dt.date) -> bool:
        """Điều 5: proposals "trước ngày" the cut-off; the cut-off day itself is too late."""
        return proposed_on < self.cutoff


def standing_rounds(level: str, year: int) -> list[RoundSpec]:
    """The law's two standing rounds of ``level`` whose decision falls in ``year``, by cut-off."""
    if level == PROVINCE:  # QĐ 26/2026 Điều 5.1
        return [
            RoundSpec(PROVINCE, year, "01", dt.date(year, 4, 30), dt.date(year, 6, 30)),
            RoundSpec(PROVINCE, year, "02", dt.date(year, 10, 30), dt.date(year, 12, 30)),
        ]
    if level == NATIONAL:  # QĐ 26/2026 Điều 5.2
        return [
            RoundSpec(NATIONAL, year, "02", dt.date(year, 1, 30), dt.date(year, 3, 30)),
            RoundSpec(NATIONAL, year, "01", dt.date(year, 7, 30), dt.date(year, 9, 30)),
        ]
    raise ValueError(f"unknown level {level!r}")


def _choice_key(spec: RoundSpec) -> tuple[dt.date, dt.date, bool, str]:
    return (spec.decide_by, spec.cutoff, not spec.is_standing, spec.number)


def round_choose(level: str, proposed_on: dt.date, extra: Iterable[RoundSpec] = ()) -> RoundSpec:
    """The round a proposal made on ``proposed_on`` falls into.

    Candidates are the standing rounds of this year and the next plus ``extra`` (the office's
    extra rounds of the same level and, for a province, the same province, and stored standing
    rounds, which replace the computed ones with the same year and number). Of the rounds still
    open on that day (``proposed_on < cutoff``) the one **decided first** wins — the dossier gets
    its result soonest; on equal decision dates the earlier cut-off, then the standing round.
    So an extra round with an earlier decision date takes the proposal while it is open, and
    once its cut-off has passed the proposal goes to the next standing round.
    """
    candidates: dict[tuple[str, int, str], RoundSpec] = {}
    for year in (proposed_on.year, proposed_on.year + 1):
        for spec in standing_rounds(level, year):
            candidates[spec.key] = spec
    for spec in extra:
        if spec.level != level:
            raise ValueError("an extra round of another level")
        candidates[spec.key] = spec
    open_rounds = [spec for spec in candidates.values() if spec.is_open_for(proposed_on)]
    return min(open_rounds, key=_choice_key)


def next_extra_number(existing: Iterable[str]) -> str:
    """Extra rounds are numbered after the standing "01" and "02": "03", "04", …"""
    numbers = [int(n) for n in existing if n.isdigit()]
    return f"{max([2, *numbers]) + 1:02d}"
