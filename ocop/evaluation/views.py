"""The working calendar and the rounds calendar (office pages)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.choices import Role
from ocop.accounts.http import AuthenticatedRequest
from ocop.accounts.selectors import user_sees_everything
from ocop.core.errors import DomainError
from ocop.evaluation.choices import RoundLevel
from ocop.evaluation.forms import CalendarDayForm, ExtraRoundForm
from ocop.evaluation.models import CalendarDay
from ocop.evaluation.selectors import calendar_day_list, round_specs_for_year, user_provinces
from ocop.evaluation.services import (
    CALENDAR_EDITORS,
    calendar_day_add,
    calendar_day_remove,
    round_add_extra,
)

VIEWING_ROLES = (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER, Role.NATIONAL_OFFICE)
ROUND_EDITORS = (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE)
MIN_YEAR, MAX_YEAR = 2000, 2100


def _require(request: AuthenticatedRequest, roles: tuple[str, ...]) -> None:
    if not request.user.has_role(*roles):
        raise PermissionDenied


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


# --- working calendar -------------------------------------------------------------------------


@login_required
def calendar_current(request: AuthenticatedRequest) -> HttpResponse:
    return redirect("evaluation:calendar_year", year=timezone.localdate().year)


def _calendar_page(
    request: AuthenticatedRequest, year: int, form: CalendarDayForm | None = None
) -> HttpResponse:
    can_edit = request.user.has_role(*CALENDAR_EDITORS)
    return render(
        request,
        "evaluation/calendar_year.html",
        {
            "year": year,
            "days": calendar_day_list(year=year),
            "can_edit": can_edit,
            "form": form or (CalendarDayForm() if can_edit else None),
            "previous_year": year - 1,
            "next_year": year + 1,
        },
    )


@login_required
def calendar_year(request: AuthenticatedRequest, year: int) -> HttpResponse:
    _require(request, VIEWING_ROLES)
    return _calendar_page(request, _year(year))


@login_required
@require_POST
def calendar_day_add_view(request: AuthenticatedRequest, year: int) -> HttpResponse:
    _require(request, CALENDAR_EDITORS)
    form = CalendarDayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            day = calendar_day_add(
                actor=request.user,
                date=data["date"],
                kind=data["kind"],
                name=data["name"],
                reference=data["reference"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The day was added to the calendar."))
            return redirect("evaluation:calendar_year", year=day.date.year)
    return _calendar_page(request, _year(year), form)


@login_required
@require_POST
def calendar_day_remove_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, CALENDAR_EDITORS)
    day = get_object_or_404(CalendarDay, pk=pk)
    year = day.date.year
    calendar_day_remove(actor=request.user, day=day)
    messages.success(request, _("The day was removed from the calendar."))
    return redirect("evaluation:calendar_year", year=year)


# --- rounds -----------------------------------------------------------------------------------


@login_required
def round_current(request: AuthenticatedRequest) -> HttpResponse:
    return redirect("evaluation:round_year", year=timezone.localdate().year)


def _round_page(
    request: AuthenticatedRequest, year: int, form: ExtraRoundForm | None = None
) -> HttpResponse:
    # Officials of a province see its rounds; the national office (and superusers) the national
    # ones, which every official sees.
    provinces = [] if user_sees_everything(request.user) else list(user_provinces(request.user))
    province_rounds = [
        (province, round_specs_for_year(level=RoundLevel.PROVINCE, year=year, province=province))
        for province in provinces
    ]
    can_add = request.user.has_role(*ROUND_EDITORS)
    context: dict[str, Any] = {
        "year": year,
        "previous_year": year - 1,
        "next_year": year + 1,
        "province_rounds": province_rounds,
        "national_rounds": round_specs_for_year(level=RoundLevel.NATIONAL, year=year),
        "can_add": can_add,
        "form": form
        or (
            ExtraRoundForm(provinces=user_provinces(request.user), initial=_initial(request))
            if can_add
            else None
        ),
    }
    return render(request, "evaluation/round_year.html", context)


def _initial(request: AuthenticatedRequest) -> dict[str, Any]:
    if request.user.role == Role.NATIONAL_OFFICE:
        return {"level": RoundLevel.NATIONAL}
    province = user_provinces(request.user).first()
    return {"level": RoundLevel.PROVINCE, "province": province}


@login_required
def round_year(request: AuthenticatedRequest, year: int) -> HttpResponse:
    _require(request, VIEWING_ROLES)
    return _round_page(request, _year(year))


@login_required
@require_POST
def round_add_view(request: AuthenticatedRequest, year: int) -> HttpResponse:
    _require(request, ROUND_EDITORS)
    form = ExtraRoundForm(request.POST, provinces=user_provinces(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            added = round_add_extra(
                actor=request.user,
                level=data["level"],
                province=data["province"] if data["level"] == RoundLevel.PROVINCE else None,
                cutoff=data["cutoff"],
                decide_by=data["decide_by"],
                name=data["name"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The extra round was added."))
            return redirect("evaluation:round_year", year=added.year)
    return _round_page(request, _year(year), form)
