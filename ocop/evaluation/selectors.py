"""Reads of the evaluation rules: the working-day calendar and the rounds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.selectors import user_scope_units, user_sees_everything
from ocop.core.errors import DomainError
from ocop.evaluation import rounds as round_rules
from ocop.evaluation import workdays
from ocop.evaluation.choices import CalendarDayKind, RoundLevel
from ocop.evaluation.models import CalendarDay, Round
from ocop.geo.models import AdminUnit

if TYPE_CHECKING:
    from ocop.accounts.models import User

# --- working-day calendar ---------------------------------------------------------------------


def calendar_day_list(*, year: int) -> QuerySet[CalendarDay]:
    """The days off and make-up working days of ``year`` (the calendar is national data)."""
    return CalendarDay.objects.filter(date__year=year).order_by("date")


def calendar_years() -> list[int]:
    """Years that have calendar data, oldest first."""
    dates = CalendarDay.objects.dates("date", "year")
    return [day.year for day in dates]


def work_calendar() -> workdays.WorkCalendar:
    """The whole stored calendar as data for the pure arithmetic (a few hundred rows)."""
    days_off: list[dt.date] = []
    working: list[dt.date] = []
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (working if kind == CalendarDayKind.WORKING_DAY else days_off).append(day)
    return workdays.WorkCalendar.of(days_off=days_off, working_days=working)


def _require_years(first: dt.date, last: dt.date) -> None:
    known = set(calendar_years())
    missing = [year for year in range(first.year, last.year + 1) if year not in known]
    if missing:
        raise DomainError(
            _(
                "The working-day calendar has no data for %(years)s: the office must enter that "
                "year's days off first."
            )
            % {"years": ", ".join(str(year) for year in missing)}
        )


def working_days_add(
    start: dt.date, n: int, *, calendar: workdays.WorkCalendar | None = None
) -> dt.date:
    """The ``n``-th working day after ``start`` on the stored calendar (BLDS 2015 Điều 147).

    Refuses (DomainError) when the span reaches a year the calendar has no data for.
    """
    if n < 0:
        raise DomainError(_("The number of working days cannot be negative."))
    result = workdays.working_days_add(start, n, calendar=calendar or work_calendar())
    if calendar is None:
        _require_years(start, result)
    return result


def working_days_between(
    start: dt.date, end: dt.date, *, calendar: workdays.WorkCalendar | None = None
) -> int:
    """Working days after ``start`` up to and including ``end`` on the stored calendar."""
    if calendar is None and end > start:
        _require_years(start, end)
    return workdays.working_days_between(start, end, calendar=calendar or work_calendar())


def clock_restarts_on_resubmission() -> bool:
    """Setting ``OCOP_CLOCK_RESTART_ON_RESUBMISSION``: a resubmission restarts the full term."""
    return bool(getattr(settings, "OCOP_CLOCK_RESTART_ON_RESUBMISSION", False))


def deadline_with_pauses(
    received_on: dt.date,
    n: int,
    pauses: Iterable[workdays.Pause],
    *,
    restart: bool | None = None,
    calendar: workdays.WorkCalendar | None = None,
) -> workdays.ClockState:
    """The clock of a dossier received on ``received_on`` with ``n`` working days (e.g. the
    commune's 15, QĐ 26/2026 Điều 7.2), stopped while returned for supplementation.

    See :func:`ocop.evaluation.workdays.deadline_with_pauses` for the (inferred) rule; ``restart``
    defaults to the ``OCOP_CLOCK_RESTART_ON_RESUBMISSION`` setting.
    """
    return workdays.deadline_with_pauses(
        received_on,
        n,
        list(pauses),
        calendar=calendar or work_calendar(),
        restart=clock_restarts_on_resubmission() if restart is None else restart,
    )


# --- rounds -----------------------------------------------------------------------------------


def round_spec(round_: Round) -> round_rules.RoundSpec:
    return round_rules.RoundSpec(
        level=round_.level,
        year=round_.year,
        number=round_.number,
        cutoff=round_.cutoff,
        decide_by=round_.decide_by,
        is_standing=round_.is_standing,
        name=round_.name,
        round_id=round_.pk,
        province_id=round_.province_id,
    )


def _stored_rounds(level: str, province: AdminUnit | None) -> QuerySet[Round]:
    if level == RoundLevel.PROVINCE:
        if province is None:
            raise DomainError(_("A provincial round belongs to a province."))
        return Round.objects.filter(level=level, province=province)
    return Round.objects.filter(level=level, province__isnull=True)


def round_for_proposal(
    level: str, proposed_on: dt.date, province: AdminUnit | None = None
) -> round_rules.RoundSpec:
    """The round a proposal made on ``proposed_on`` falls into (QĐ 26/2026 Điều 5).

    ``level`` is "province" (a commune's proposal to its province, ``province`` required) or
    "national" (a province's proposal for 5★). The law's standing rounds are computed; the
    office's extra rounds (and any stored standing round) come from the database; the rule for
    choosing is :func:`ocop.evaluation.rounds.round_choose`. The result carries ``round_id`` when
    the round is stored; ``round_materialize`` stores a computed one.
    """
    if level not in round_rules.LEVELS:
        raise DomainError(_("Unknown level “%(level)s”.") % {"level": level})
    stored = _stored_rounds(level, province).filter(
        cutoff__gt=proposed_on, year__lte=proposed_on.year + 2
    )
    spec = round_rules.round_choose(level, proposed_on, [round_spec(r) for r in stored])
    if level == RoundLevel.PROVINCE and province is not None and spec.province_id is None:
        return dataclasses.replace(spec, province_id=province.pk)
    return spec


def round_specs_for_year(
    *, level: str, year: int, province: AdminUnit | None = None
) -> list[round_rules.RoundSpec]:
    """The rounds decided in ``year``: the standing ones (stored or computed) and the extras."""
    specs = {spec.key: spec for spec in round_rules.standing_rounds(level, year)}
    for row in _stored_rounds(level, province).filter(year=year):
        specs[(row.level, row.year, row.number)] = round_spec(row)
    return sorted(specs.values(), key=lambda s: (s.decide_by, s.cutoff, s.number))


def round_list(*, user: User) -> QuerySet[Round]:
    """Stored rounds the user may see: national ones for every official, provincial in scope."""
    qs = Round.objects.select_related("province")
    if user_sees_everything(user):
        return qs
    if not user.is_authenticated or not user.is_office:
        return qs.none()
    return qs.filter(Q(level=RoundLevel.NATIONAL) | Q(province__in=user_scope_units(user)))


def user_provinces(user: User) -> QuerySet[AdminUnit]:
    """The current-map provinces whose rounds the user works with."""
    current = AdminUnit.objects.filter(map__code="2025", level="province")
    if user_sees_everything(user):
        return current
    if user.role in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER):
        units = user.units.all()
        return current.filter(Q(pk__in=units.values("pk")) | Q(pk__in=units.values("province")))
    return current.none()
