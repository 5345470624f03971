"""Working-day arithmetic on a calendar given as data (pure: no Django, no database).

A deadline "within N working days" is counted from the day after the event: the day of the
event is not counted (Bộ luật Dân sự 2015 Điều 147). Saturdays and Sundays are days off
except the make-up working Saturdays announced each year; public holidays (Bộ luật Lao động
2019 Điều 112) and the days off announced each year are days off whatever the weekday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

ONE_DAY = dt.timedelta(days=1)
# Bộ luật Lao động 2019 Điều 111 lets the employer choose the weekly rest day; public offices
# rest on Saturday and Sunday (Nghị định 48/2025/NĐ-CP keeps the 40-hour week of 2015).
WEEKEND = frozenset({5, 6})  # Monday is 0


@dataclass(frozen=True)
class WorkCalendar:
    """Which dates depart from the Monday–Friday week: days off and make-up working days."""

    days_off: frozenset[dt.date] = frozenset()
    working_weekend_days: frozenset[dt.date] = frozenset()

    @classmethod
    def of(
        cls, *, days_off: Iterable[dt.date] = (), working_days: Iterable[dt.date] = ()
    ) -> WorkCalendar:
        return cls(days_off=frozenset(days_off), working_weekend_days=frozenset(working_days))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.days_off:
            return False
        if day in self.working_weekend_days:
            return True
        return day.weekday() not in WEEKEND


@dataclass(frozen=True)
class Pause:
    """The clock stopped on ``paused_on`` (returned for supplementation) until ``resumed_on``.

    ``resumed_on`` is the day the producer resubmitted; ``None`` while still waiting.
    """

    paused_on: dt.date
    resumed_on: dt.date | None = None


@dataclass(frozen=True)
class ClockState:
    """Where a working-day clock stands: its deadline, or ``None`` while paused."""

    deadline: dt.date | None
    remaining: int
    paused: bool


def working_days_add(start: dt.date, n: int, *, calendar: WorkCalendar) -> dt.date:
    """The ``n``-th working day after ``start`` (``start`` itself not counted; BLDS Điều 147).

    ``n == 0`` gives ``start``.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    counted = 0
    while counted < n:
        day += ONE_DAY
        if calendar.is_working_day(day):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date, *, calendar: WorkCalendar) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``).

    The inverse of :func:`working_days_add`: ``working_days_between(s, working_days_add(s, n))
    == n``.
    """
    count = 0
    day = start + ONE_DAY
    while day <= end:
        if calendar.is_working_day(day):
            count += 1
        day += ONE_DAY
    return count


def deadline_with_pauses(
    received_on: dt.date,
    n: int,
    pauses: Iterable[Pause],
    *,
    calendar: WorkCalendar,
    restart: bool = False,
) -> ClockState:
    """The deadline of an ``n``-working-day clock started on ``received_on`` with pauses.

    QĐ 26/2026 Điều 7.2 gives the commune 15 working days; the text does not say what a return
    for supplementation does to them. Inferred rule (the usual practice of administrative
    procedures), documented in docs/glossary.md:

    - the working days strictly between the last (re)start and the day of return are used up;
      the day of return itself is not charged to the office;
    - on resubmission the clock resumes with the remaining working days, counted from the day
      after the resubmission (BLDS Điều 147 again); with ``restart`` the full ``n`` start over;
    - a return made after the deadline had already passed does not move it;
    - while a pause is open the deadline is ``None`` (``paused`` is true).

    Pauses must be in date order, each resumed on or after the day it paused, and no pause may
    start before the previous resumption.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    anchor = received_on
    remaining = n
    for pause in pauses:
        if pause.paused_on < anchor:
            raise ValueError("pauses must follow the receipt and each other in date order")
        if pause.resumed_on is not None and pause.resumed_on < pause.paused_on:
            raise ValueError("a pause cannot resume before it starts")
        deadline = working_days_add(anchor, remaining, calendar=calendar)
        if deadline < pause.paused_on:
            return ClockState(deadline=deadline, remaining=0, paused=False)
        used = working_days_between(anchor, pause.paused_on - ONE_DAY, calendar=calendar)
        remaining -= used
        if pause.resumed_on is None:
            return ClockState(deadline=None, remaining=n if restart else remaining, paused=True)
        anchor = pause.resumed_on
        if restart:
            remaining = n
    return ClockState(
        deadline=working_days_add(anchor, remaining, calendar=calendar),
        remaining=remaining,
        paused=False,
    )
