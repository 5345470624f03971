"""Reads of the programme: periods, targets, key products and the figures, scoped by user."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ocop.accounts.choices import OFFICE_ROLES
from ocop.accounts.selectors import scope_q
from ocop.core.errors import DomainError
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import CURRENT_MAP_CODE, LEGACY_MAP_CODE
from ocop.products.models import Product
from ocop.products.selectors import product_list
from ocop.programme.figures import (
    Figure,
    ProgrammeFigures,
    ReportParams,
    TargetProgress,
    compute,
    targets_progress,
)
from ocop.programme.models import CountingRule, Indicator, KeyProduct, Period, Target

if TYPE_CHECKING:
    from ocop.accounts.models import User

__all__ = [
    "Figure",
    "ProgrammeFigures",
    "ReportParams",
    "TargetProgress",
    "figure_filter_ids",
    "figure_get",
    "figure_records",
    "figure_token",
    "programme_figures",
    "report_params",
]

MAP_CODES = {"legacy": LEGACY_MAP_CODE, "current": CURRENT_MAP_CODE}


def period_list() -> QuerySet[Period]:
    return Period.objects.order_by("start_year", "end_year")


def period_get(*, code: str) -> Period:
    period = Period.objects.filter(code=code.strip().replace("–", "-")).first()
    if period is None:
        raise DomainError(
            _("Unknown programme period “%(code)s” (known: %(known)s).")
            % {"code": code, "known": ", ".join(period_list().values_list("code", flat=True))}
        )
    return period


def indicator_list(*, targetable: bool | None = None) -> QuerySet[Indicator]:
    qs = Indicator.objects.order_by("order", "key")
    if targetable is not None:
        qs = qs.filter(targetable=targetable)
    return qs


def counting_rule_list() -> QuerySet[CountingRule]:
    return CountingRule.objects.order_by("code", "-version")


def report_unit_get(*, code: str, map_name: str) -> AdminUnit:
    """The province (2 digits), commune (5 digits) or — on the legacy map — district (3 digits)
    ``code`` on the legacy or today's map."""
    if map_name not in MAP_CODES:
        raise DomainError(_("The map is “legacy” or “current”."))
    levels = {2: UnitLevel.PROVINCE, 5: UnitLevel.COMMUNE}
    if map_name == "legacy":
        levels[3] = UnitLevel.DISTRICT  # legacy districts: how a province reported before 2025
    level = levels.get(len(code.strip()))
    unit = (
        AdminUnit.objects.filter(map__code=MAP_CODES[map_name], level=level, code=code.strip())
        .select_related("map")
        .first()
        if level
        else None
    )
    if unit is None:
        raise DomainError(
            _("No province or commune has code “%(code)s” on the %(map)s map.")
            % {"code": code, "map": _("legacy") if map_name == "legacy" else _("current")}
        )
    return unit


def report_params(
    *, period_code: str, unit_code: str, map_name: str, as_of: dt.date
) -> ReportParams:
    """Validated parameters of a programme report (clear Vietnamese errors)."""
    return ReportParams(
        period=period_get(code=period_code),
        unit=report_unit_get(code=unit_code, map_name=map_name),
        as_of=as_of,
        map_code=MAP_CODES[map_name],
    )


def products_for_figures(*, user: User | None) -> QuerySet[Product]:
    """Every product (commands, ``user=None``) or those ``user`` may see."""
    if user is None:
        return Product.objects.all()
    return product_list(user=user)


def programme_figures(*, user: User | None, params: ReportParams) -> ProgrammeFigures:
    """Every figure of the programme report, with the targets' progress."""
    base = products_for_figures(user=user)
    result = compute(params, base)
    result.progress = targets_progress(result, base)
    return result


def figure_get(*, user: User | None, params: ReportParams, key: str) -> Figure | None:
    """One figure (with its records) — what a figure's link on the dashboard opens."""
    return programme_figures(user=user, params=params).get(key)


def target_list(*, user: User) -> QuerySet[Target]:
    """Targets of the units ``user`` acts for (the national office: all)."""
    qs = Target.objects.select_related("indicator", "period", "unit__map").filter(
        scope_q(user, "unit")
    )
    if not user.is_authenticated or not user.has_role(*OFFICE_ROLES):
        return qs.none()
    return qs.order_by("period__start_year", "indicator__order", "unit__code", "pk")


def key_product_list(*, user: User) -> QuerySet[KeyProduct]:
    """Key products of the communes ``user`` acts for (the national office: all)."""
    qs = KeyProduct.objects.select_related(
        "commune__parent__parent", "commune__map", "product"
    ).filter(scope_q(user, "commune"))
    if not user.is_authenticated or not user.has_role(*OFFICE_ROLES):
        return qs.none()
    return qs.order_by("commune__sort_key", "name", "pk")


# --- a figure's records, for the lists a figure links to -----------------------------------------

TOKEN_SEPARATOR = "~"  # noqa: S105 - a separator, not a password


def figure_token(params: ReportParams, key: str) -> str:
    """``products.rated.by_star.3~2019-2021~legacy~84~2022-02-21``: a figure and its report."""
    return TOKEN_SEPARATOR.join(
        [
            key,
            params.period.code,
            "legacy" if params.map_code == LEGACY_MAP_CODE else "current",
            params.unit.code,
            params.as_of.isoformat(),
        ]
    )


def figure_records(*, user: User, token: str) -> tuple[str, list[int]]:
    """The subject (``products``/``producers``) and ids of the records behind a figure token,
    computed afresh for ``user`` — exactly what the figure on ``user``'s dashboard counts."""
    parts = token.split(TOKEN_SEPARATOR)
    if len(parts) != 5:
        raise DomainError(_("This link to a figure is not valid."))
    key, period_code, map_name, unit_code, day = parts
    try:
        as_of = dt.date.fromisoformat(day)
    except ValueError as exc:
        raise DomainError(_("This link to a figure is not valid.")) from exc
    params = report_params(
        period_code=period_code, unit_code=unit_code, map_name=map_name, as_of=as_of
    )
    figure = figure_get(user=user, params=params, key=key)
    if figure is None:
        return "products", []
    return figure.subject, list(figure.records)


def figure_filter_ids(*, user: User, token: str, subject: str) -> list[int] | None:
    """For a register's ``?figure=`` filter: the ids to keep (``None`` when no figure is asked;
    an invalid link or a figure about other records keeps nothing)."""
    if not token:
        return None
    try:
        figure_subject, ids = figure_records(user=user, token=token)
    except DomainError:
        return []
    return ids if figure_subject == subject else []
