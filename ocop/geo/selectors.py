"""Reads of administrative units: maps, scope coverage, lineage."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from ocop.core.errors import DomainError
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminMap, AdminUnit


def map_get(name: str, *, on: dt.date | None = None) -> AdminMap:
    """``legacy`` = the list in force until 30/06/2025; ``current`` = the list in force ``on``."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    day = on or timezone.localdate()
    qs = AdminMap.objects.all()
    if name == "current":
        found = (
            qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        )
    else:
        found = qs.filter(code=name).first()
    if found is None:
        raise DomainError(_("Unknown administrative map “%(name)s”.") % {"name": name})
    return found


def unit_list(*, map_code: str = "current", level: str | None = None) -> QuerySet[AdminUnit]:
    qs = AdminUnit.objects.filter(map=map_get(map_code)).select_related("map", "parent")
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("level", "sort_key")


def unit_get_by_code(*, code: str, level: str, map_code: str | None = None) -> AdminUnit:
    """Find a unit by code; without ``map_code`` the code must be unambiguous across maps."""
    from django.utils.translation import gettext as _

    qs = AdminUnit.objects.filter(code=code, level=level).select_related("map")
    if map_code:
        qs = qs.filter(map=map_get(map_code))
    units = list(qs[:3])
    if not units:
        raise DomainError(
            _("No %(level)s has code %(code)s.") % {"level": UnitLevel(level).label, "code": code}
        )
    if len(units) > 1:
        raise DomainError(
            _(
                "Code %(code)s names different units on different maps "
                "(%(maps)s); say which map (--map legacy|current)."
            )
            % {"code": code, "maps": ", ".join(u.map.code for u in units)}
        )
    return units[0]


def units_covered_by(units: QuerySet[AdminUnit]) -> QuerySet[AdminUnit]:
    """Every unit, on any map, inside ``units`` or whose territory passed into them.

    A record on a legacy unit is visible to the officials of every successor of that unit
    (issue #4 item 4): lineage links legacy communes and provinces to today's units.
    """
    unit_ids = units.values("pk")
    current = AdminUnit.objects.filter(
        Q(pk__in=unit_ids) | Q(province__in=unit_ids) | Q(parent__in=unit_ids)
    )
    current_ids = current.values("pk")
    legacy_communes = AdminUnit.objects.filter(successor_links__target__in=current_ids)
    legacy_ids = legacy_communes.values("pk")
    return AdminUnit.objects.filter(
        Q(pk__in=current_ids)
        | Q(pk__in=legacy_ids)
        | Q(level=UnitLevel.PROVINCE, successor_links__target__in=unit_ids)
        | Q(level=UnitLevel.DISTRICT, children__in=legacy_ids)
    ).distinct()
