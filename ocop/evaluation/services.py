"""Writes on the evaluation rules: the working-day calendar and the rounds. Audited."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import user_unit_scope_check
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.evaluation import rounds as round_rules
from ocop.evaluation.choices import CalendarDayKind, CalendarDaySource, RoundLevel
from ocop.evaluation.models import CalendarDay, Round
from ocop.geo.models import AdminUnit

CALENDAR_EDITORS = (Role.PROVINCE_OFFICE,)


def _check_calendar_editor(actor: User) -> None:
    if not actor.has_role(*CALENDAR_EDITORS):
        raise PermissionDenied(_("Only the provincial OCOP office edits the working calendar."))


def calendar_day_add(
    *, actor: User, date: dt.date, kind: str, name: str, reference: str = ""
) -> CalendarDay:
    """Record an announced day off or make-up working day (e.g. a Bộ Nội vụ notice)."""
    _check_calendar_editor(actor)
    name = name.strip()
    if kind not in CalendarDayKind.values:
        raise DomainError(_("Unknown kind of day."))
    if not name:
        raise DomainError(_("Give the day a name (e.g. the holiday or the notice)."))
    if kind == CalendarDayKind.WORKING_DAY and date.weekday() < 5:
        raise DomainError(
            _("%(date)s is a weekday: only a Saturday or Sunday can be a make-up working day.")
            % {"date": f"{date:%d/%m/%Y}"}
        )
    if CalendarDay.objects.filter(date=date).exists():
        raise DomainError(
            _("%(date)s is already in the calendar; remove it first to change it.")
            % {"date": f"{date:%d/%m/%Y}"}
        )
    with transaction.atomic(), acting_as(actor):
        return CalendarDay.objects.create(
            date=date,
            kind=kind,
            name=name,
            reference=reference.strip(),
            source=CalendarDaySource.OFFICE,
        )


def calendar_day_remove(*, actor: User, day: CalendarDay) -> None:
    """Take a day out of the calendar (e.g. a seeded day off that was not announced)."""
    _check_calendar_editor(actor)
    with transaction.atomic(), acting_as(actor):
        day.delete()


def _check_round_editor(actor: User, level: str, province: AdminUnit | None) -> None:
    if level == RoundLevel.PROVINCE:
        if not actor.has_role(Role.PROVINCE_OFFICE):
            raise PermissionDenied(_("Only the provincial OCOP office adds provincial rounds."))
        if province is None or province.level != "province":
            raise DomainError(_("A provincial round belongs to a province."))
        user_unit_scope_check(user=actor, unit=province)
    elif level == RoundLevel.NATIONAL:
        if not actor.has_role(Role.NATIONAL_OFFICE):
            raise PermissionDenied(_("Only the national OCOP office adds national rounds."))
        if province is not None:
            raise DomainError(_("A national round belongs to no province."))
    else:
        raise DomainError(_("Unknown level “%(level)s”.") % {"level": level})


def round_add_extra(
    *,
    actor: User,
    level: str,
    province: AdminUnit | None,
    cutoff: dt.date,
    decide_by: dt.date,
    name: str = "",
) -> Round:
    """Add an extra round (QĐ 26/2026 Điều 5.1 and 5.2, second paragraphs: "có thể tổ chức thêm
    các đợt đánh giá", written into the council's rules and plan).

    Its year is the year of ``decide_by``; it is numbered "03", "04", … after the standing ones.
    """
    _check_round_editor(actor, level, province)
    if cutoff >= decide_by:
        raise DomainError(_("The cut-off for proposals must come before the decision date."))
    year = decide_by.year
    try:
        with transaction.atomic(), acting_as(actor):
            existing = Round.objects.select_for_update().filter(
                level=level, province=province, year=year
            )
            number = round_rules.next_extra_number(existing.values_list("number", flat=True))
            return Round.objects.create(
                level=level,
                province=province,
                year=year,
                number=number,
                name=name.strip(),
                cutoff=cutoff,
                decide_by=decide_by,
                is_standing=False,
            )
    except IntegrityError as exc:  # the unique (level, province, year, number) caught a race
        raise DomainError(
            _("Another round of that year was added at the same moment; please try again.")
        ) from exc


def round_materialize(
    *, actor: User, spec: round_rules.RoundSpec, province: AdminUnit | None = None
) -> Round:
    """The stored ``Round`` of ``spec`` (from ``round_for_proposal``), created for a standing one.

    Dossiers point to stored rounds; standing rounds are computed from the law and stored the
    first time a dossier is assigned to them.
    """
    if spec.round_id is not None:
        return Round.objects.get(pk=spec.round_id)
    if not spec.is_standing:
        raise DomainError(_("An extra round must be added by the office first."))
    if (spec.level == RoundLevel.PROVINCE) != (province is not None):
        raise DomainError(_("A provincial round belongs to a province."))
    try:
        with transaction.atomic(), acting_as(actor):
            round_, _created = Round.objects.get_or_create(
                level=spec.level,
                province=province,
                year=spec.year,
                number=spec.number,
                defaults={
                    "cutoff": spec.cutoff,
                    "decide_by": spec.decide_by,
                    "is_standing": True,
                    "name": spec.name,
                },
            )
    except IntegrityError:  # a concurrent request stored it first
        round_ = Round.objects.get(
            level=spec.level, province=province, year=spec.year, number=spec.number
        )
    return round_
