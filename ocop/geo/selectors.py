"""Reads of administrative units: maps, scope coverage, lineage, authorities, grouping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from django.db.models import Q, QuerySet

from ocop.core.errors import DomainError
from ocop.geo.choices import AuthorityKind, UnitLevel
from ocop.geo.models import AdminMap, AdminUnit, Authority, UnitLineage


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


# ---------------------------------------------------------------------------------------------
# Lineage: any unit → today's unit(s); any current unit → its legacy sources
# ---------------------------------------------------------------------------------------------

LEGACY_MAP_CODE = "legacy"
CURRENT_MAP_CODE = "2025"
# The first day of the current map (01/07/2025): a date before it is reported on the legacy map.
REFORM_DATE = dt.date(2025, 7, 1)


def unit_current_successors(unit: AdminUnit) -> list[AdminUnit]:
    """Today's unit(s) for ``unit``: itself when current; via lineage when legacy.

    A legacy commune → its current communes (several when it was split); a legacy district → the
    current communes that took the territory of its communes (plus the đặc khu of an island
    district without communes); a legacy province → the current province.
    """
    if unit.map.code != LEGACY_MAP_CODE:
        return [unit]
    qs = AdminUnit.objects.filter(map__code=CURRENT_MAP_CODE)
    if unit.level == UnitLevel.DISTRICT:
        qs = qs.filter(
            Q(source_links__source__parent=unit) | Q(source_links__source=unit)
        ).distinct()
    else:
        qs = qs.filter(source_links__source=unit)
    return list(qs.select_related("map", "parent", "province").order_by("level", "sort_key"))


def unit_legacy_sources(unit: AdminUnit) -> list[AdminUnit]:
    """The legacy units whose territory passed into the current ``unit`` (empty when legacy)."""
    if unit.map.code == LEGACY_MAP_CODE:
        return []
    qs = AdminUnit.objects.filter(map__code=LEGACY_MAP_CODE, successor_links__target=unit)
    return list(
        qs.select_related("map", "parent__parent", "province").order_by("level", "sort_key")
    )


def unit_detail(*, pk: int) -> AdminUnit:
    """One unit with what its page shows (map, parents up to the province)."""
    return AdminUnit.objects.select_related("map", "parent__parent", "province").get(pk=pk)


# ---------------------------------------------------------------------------------------------
# Issuing authorities
# ---------------------------------------------------------------------------------------------


def authority_list() -> QuerySet[Authority]:
    return Authority.objects.select_related("unit__map", "unit__parent", "successor").order_by(
        "kind", "unit__map__valid_from", "unit__code", "name"
    )


def _valid_on(qs: QuerySet[Authority], day: dt.date) -> QuerySet[Authority]:
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def authority_successor_for_revocation(authority: Authority, *, on: dt.date) -> Authority:
    """The body that may revoke, on ``on``, a certificate ``authority`` issued.

    QĐ 26/2026/QĐ-TTg Art. 8: the provincial chairman revokes 3★/4★, the minister 5★. A ministry
    is followed through its successors (Bộ NN&PTNT → Bộ NN&MT from 01/03/2025); a People's
    Committee is replaced by the provincial committee in force on ``on`` over the territory it
    governed, found through lineage (a legacy district's 3★ → today's provincial committee).
    """
    from django.utils.translation import gettext as _

    if authority.kind == AuthorityKind.MINISTRY:
        body: Authority | None = authority
        seen: set[int] = set()
        while body is not None and body.pk not in seen:
            if _valid_on(Authority.objects.filter(pk=body.pk), on).exists():
                return body
            seen.add(body.pk)
            body = body.successor
        raise DomainError(
            _("No successor of %(name)s is in force on %(day)s.")
            % {"name": authority.name, "day": on.strftime("%d/%m/%Y")}
        )
    if authority.unit is None:
        raise DomainError(_("%(name)s governs no administrative unit.") % {"name": authority.name})
    unit = authority.unit
    if on < REFORM_DATE:
        province_ids = {unit.province_id} if unit.map.code == LEGACY_MAP_CODE else set()
        if unit.map.code != LEGACY_MAP_CODE:
            province_ids = {u.province_id for u in unit_legacy_sources(unit)}
    else:
        province_ids = {u.province_id for u in unit_current_successors(unit)}
    candidates = list(
        _valid_on(
            Authority.objects.filter(
                kind=AuthorityKind.PROVINCIAL_COMMITTEE, unit_id__in=province_ids
            ),
            on,
        ).select_related("unit")
    )
    if len(candidates) != 1:
        raise DomainError(
            _(
                "Cannot determine the provincial People's Committee that succeeds "
                "%(name)s on %(day)s (%(count)s candidates)."
            )
            % {"name": authority.name, "day": on.strftime("%d/%m/%Y"), "count": len(candidates)}
        )
    return candidates[0]


# ---------------------------------------------------------------------------------------------
# Grouping on either map (issue #4 item 6: reports "as of then" or "on today's boundaries")
# ---------------------------------------------------------------------------------------------

GroupOn = dt.date | Literal["current"]

REASON_SPLIT = "split"
REASON_NO_COMMUNE = "no_commune"
REASON_SEVERAL_PROVINCES = "several_provinces"


@dataclass(frozen=True)
class GroupKey:
    """The row a record counts in: a grouping unit, or an "undetermined" row under a province.

    ``unit_id`` is the grouping unit (province or commune of the target map); when it is ``None``
    the record counts once in an undetermined row under ``province_id`` (``reason`` says why:
    ``split`` — a legacy commune split into several current communes and not re-pointed;
    ``no_commune`` — the record names a province or district only; ``several_provinces`` — the
    territory passed into several provinces, ``province_id`` is then ``None``).
    """

    unit_id: int | None
    province_id: int | None
    reason: str = ""


def _target_map(on: GroupOn) -> str:
    if on == "current" or (isinstance(on, dt.date) and on >= REFORM_DATE):
        return CURRENT_MAP_CODE
    return LEGACY_MAP_CODE


def grouping_units(*, on: GroupOn, level: str = UnitLevel.PROVINCE) -> QuerySet[AdminUnit]:
    """The units a report groups by: provinces or communes of the map in force ``on``.

    ``on`` is a date (before 01/07/2025 → the legacy map) or ``"current"`` (today's map).
    """
    if level not in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
        raise DomainError("Reports group by province or commune.")
    return (
        AdminUnit.objects.filter(map__code=_target_map(on), level=level)
        .select_related("province")
        .order_by("province__sort_key", "sort_key")
    )


def group_keys_for_units(
    unit_ids: Iterable[int], *, on: GroupOn, level: str = UnitLevel.PROVINCE
) -> dict[int, GroupKey]:
    """For each unit as written (any map, any level), the row it counts in (bulk, ≤ 4 queries).

    Call it once with the distinct unit ids of a report's records (20,000 records name a few
    thousand units at most), then look each record up in the returned mapping.
    """
    if level not in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
        raise DomainError("Reports group by province or commune.")
    target = _target_map(on)
    ids = set(unit_ids)
    rows = list(
        AdminUnit.objects.filter(pk__in=ids).values_list("pk", "level", "map__code", "province_id")
    )
    result: dict[int, GroupKey] = {}
    foreign: list[tuple[int, str]] = []
    for pk, unit_level, map_code, province_id in rows:
        if map_code == target:
            result[pk] = _same_map_key(pk, unit_level, province_id, level)
        else:
            foreign.append((pk, unit_level))
    if not foreign:
        return result
    # Units of the other map: map them through lineage (one query for each direction).
    links: dict[int, set[tuple[int, int | None]]] = {pk: set() for pk, _level in foreign}
    foreign_ids = [pk for pk, _level in foreign]
    if target == CURRENT_MAP_CODE:
        pairs = UnitLineage.objects.filter(
            Q(source_id__in=foreign_ids) | Q(source__parent_id__in=foreign_ids)
        ).values_list("source_id", "source__parent_id", "target_id", "target__province_id")
        for source_id, source_parent_id, target_id, target_province in pairs:
            for key in (source_id, source_parent_id):
                if key in links:
                    links[key].add((target_id, target_province))
    else:
        pairs = UnitLineage.objects.filter(
            Q(target_id__in=foreign_ids) | Q(target__province_id__in=foreign_ids)
        ).values_list("target_id", "target__province_id", "source_id", "source__province_id")
        for target_id, target_province_id, source_id, source_province in pairs:
            for key in (target_id, target_province_id):
                if key in links:
                    links[key].add((source_id, source_province))
    unit_level_of = dict(foreign)
    for pk, successors in links.items():
        provinces = {province for _unit, province in successors}
        if len(provinces) != 1:
            result[pk] = GroupKey(None, None, REASON_SEVERAL_PROVINCES)
            continue
        (province,) = provinces
        if level == UnitLevel.PROVINCE:
            result[pk] = GroupKey(province, province)
            continue
        communes = {u for u, _province in successors}
        if unit_level_of[pk] == UnitLevel.PROVINCE:
            result[pk] = GroupKey(None, province, REASON_NO_COMMUNE)
        elif len(communes) == 1:
            (commune,) = communes
            result[pk] = GroupKey(commune, province)
        else:
            result[pk] = GroupKey(None, province, REASON_SPLIT)
    return result


def _same_map_key(pk: int, unit_level: str, province_id: int | None, level: str) -> GroupKey:
    if level == UnitLevel.PROVINCE or unit_level == UnitLevel.PROVINCE:
        if level == UnitLevel.PROVINCE:
            return GroupKey(province_id, province_id)
        return GroupKey(None, province_id, REASON_NO_COMMUNE)
    if unit_level == UnitLevel.COMMUNE:
        return GroupKey(pk, province_id)
    return GroupKey(None, province_id, REASON_NO_COMMUNE)


def group_key_for_unit(
    unit: AdminUnit, *, on: GroupOn, level: str = UnitLevel.PROVINCE
) -> GroupKey:
    """The row one record on ``unit`` counts in (use :func:`group_keys_for_units` for lists)."""
    return group_keys_for_units([unit.pk], on=on, level=level)[unit.pk]


def units_grouped_under(unit: AdminUnit, *, on: GroupOn) -> list[int]:
    """Ids of the units as written (any map, any level) whose records count under ``unit``.

    ``unit`` is a province or commune of the map in force ``on``. A province takes every record
    whose row lies in it (its communes and its "undetermined" row); a commune only the records
    counted in its own row — the same rule as :func:`group_keys_for_units`, so a list filtered by
    a unit shows exactly what a grouped report counts in it (a few queries, any number of units).
    """
    from django.utils.translation import gettext as _

    target = _target_map(on)
    if unit.level not in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
        raise DomainError(_("Filter by a province or a commune."))
    if unit.map.code != target:
        raise DomainError(
            _("%(unit)s is not on the map in force on the chosen date.") % {"unit": unit.full_name}
        )
    if unit.level == UnitLevel.PROVINCE:
        inside = AdminUnit.objects.filter(Q(pk=unit.pk) | Q(province=unit) | Q(parent=unit))
    else:
        inside = AdminUnit.objects.filter(pk=unit.pk)
    inside_ids = list(inside.values_list("pk", flat=True))
    if target == CURRENT_MAP_CODE:
        other = AdminUnit.objects.filter(successor_links__target_id__in=inside_ids)
        other_ids = set(other.values_list("pk", "parent_id").distinct())
        candidates = {pk for pk, _parent in other_ids} | {
            parent for _pk, parent in other_ids if parent is not None
        }
    else:
        other = AdminUnit.objects.filter(source_links__source_id__in=inside_ids)
        candidates = set(other.values_list("pk", flat=True).distinct())
    keys = group_keys_for_units(candidates, on=on, level=unit.level)
    found = set(inside_ids)
    for pk, key in keys.items():
        if key.unit_id == unit.pk or (
            unit.level == UnitLevel.PROVINCE and key.unit_id is None and key.province_id == unit.pk
        ):
            found.add(pk)
    return sorted(found)


def parse_group_on(value: str) -> GroupOn:
    """``"current"`` or an ISO / dd/mm/yyyy date (commands and query strings)."""
    from django.utils.translation import gettext as _

    if value == "current":
        return "current"
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise DomainError(
        _("“%(value)s” is neither “current” nor a date (YYYY-MM-DD or dd/mm/yyyy).")
        % {"value": value}
    )


def group_map_code(on: GroupOn) -> str:
    """The map a report groups on: ``legacy`` before 01/07/2025, else today's (``2025``)."""
    return _target_map(on)


# ---------------------------------------------------------------------------------------------
# Records on a legacy unit: today's unit(s) in bulk, and re-pointing to one current successor
# ---------------------------------------------------------------------------------------------


def units_current_successors(units: Iterable[AdminUnit]) -> dict[int, list[AdminUnit]]:
    """:func:`unit_current_successors` for many units at once (one query for any number).

    Current units map to themselves; legacy communes and provinces through their lineage rows;
    legacy districts through their communes' rows (and their own, for island districts).
    """
    result: dict[int, list[AdminUnit]] = {}
    legacy: dict[int, AdminUnit] = {}
    for unit in units:
        if unit.map.code != LEGACY_MAP_CODE:
            result[unit.pk] = [unit]
        else:
            legacy[unit.pk] = unit
            result[unit.pk] = []
    if not legacy:
        return result
    districts = [pk for pk, u in legacy.items() if u.level == UnitLevel.DISTRICT]
    links = (
        UnitLineage.objects.filter(
            Q(source_id__in=list(legacy)) | Q(source__parent_id__in=districts)
        )
        .select_related("target__map", "target__parent", "target__province", "source")
        .order_by("target__level", "target__sort_key", "target_id")
    )
    seen: dict[int, set[int]] = {pk: set() for pk in legacy}

    def add(key: int, target: AdminUnit) -> None:
        if target.pk not in seen[key]:
            seen[key].add(target.pk)
            result[key].append(target)

    for link in links:
        if link.source_id in legacy:
            add(link.source_id, link.target)
        parent_id = link.source.parent_id
        if parent_id in legacy and legacy[parent_id].level == UnitLevel.DISTRICT:
            add(parent_id, link.target)
    return result


def unit_repoint_choices(unit: AdminUnit) -> list[AdminUnit]:
    """The current communes a record written on ``unit`` may be re-pointed to.

    Only a legacy unit whose territory passed into several current communes (a split commune, or
    a district) needs it: the office chooses one, and the unit as written stays recorded.
    """
    if unit.map.code != LEGACY_MAP_CODE:
        return []
    successors = [u for u in unit_current_successors(unit) if u.level == UnitLevel.COMMUNE]
    return successors if len(successors) > 1 else []


def unit_check_repoint(unit: AdminUnit, target: AdminUnit) -> None:
    """Refuse a re-pointing target that is not one of ``unit``'s current successor communes."""
    from django.utils.translation import gettext as _

    choices = unit_repoint_choices(unit)
    if not choices:
        raise DomainError(
            _("%(unit)s passed into a single current unit: there is nothing to choose.")
            % {"unit": unit.address}
        )
    if target.pk not in {u.pk for u in choices}:
        raise DomainError(
            _(
                "%(target)s is not one of the current communes that took the territory of "
                "%(unit)s. Choose one of: %(choices)s."
            )
            % {
                "target": target.full_name,
                "unit": unit.address,
                "choices": ", ".join(u.full_name for u in choices),
            }
        )
