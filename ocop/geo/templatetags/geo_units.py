"""``{% unit_with_lineage unit %}``: a unit as written → today's unit(s).

    {% load geo_units %}
    {% unit_with_lineage producer.commune %}

renders "xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh (trước 01/07/2025) → xã Phong Thạnh, tỉnh
Vĩnh Long". For a current unit only its address is shown. Pass ``successors`` (a list from
``unit_current_successors``) when a list page has fetched them in bulk; otherwise the tag reads
them (two queries per legacy unit). Pass ``chosen`` (a record's re-pointed current unit) to
show only the unit the office chose among the successors of a split unit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from ocop.geo.models import AdminUnit
from ocop.geo.selectors import unit_current_successors

register = template.Library()


def successor_groups(successors: list[AdminUnit]) -> list[str]:
    """Today's units grouped by province: ["xã Phong Thạnh, tỉnh Vĩnh Long"]."""
    groups: dict[int | None, list[str]] = {}
    provinces: dict[int | None, str] = {}
    for unit in successors:
        province = unit.province if unit.province_id else None
        key = province.pk if province is not None else None
        provinces[key] = province.short_name if province is not None else ""
        names = groups.setdefault(key, [])
        if unit.level != "province":
            names.append(unit.short_name)
    return [", ".join([*names, provinces[key]]) for key, names in groups.items()]


@register.inclusion_tag("geo/_unit_with_lineage.html")
def unit_with_lineage(
    unit: AdminUnit | None,
    successors: list[AdminUnit] | None = None,
    chosen: AdminUnit | None = None,
) -> dict[str, Any]:
    if unit is None:
        return {"unit": None}
    legacy = unit.is_legacy
    if chosen is not None:
        successors = [chosen]
    elif legacy and successors is None:
        successors = unit_current_successors(unit)
    return {
        "unit": unit,
        "legacy": legacy,
        # "before 01/07/2025": the day after the legacy map's last day
        "legacy_end": unit.map.valid_to + dt.timedelta(days=1) if unit.map.valid_to else None,
        "groups": successor_groups(successors or []) if legacy else [],
        "chosen": chosen is not None and legacy,
    }
