"""Grouped counts as plain rows (the page, ``--format json`` and ``--format csv``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ocop.products.selectors import UnitCounts


def counts_as_dict(counts: UnitCounts) -> dict[str, Any]:
    on = counts.on.isoformat() if isinstance(counts.on, dt.date) else counts.on
    return {
        "on": on,
        "map": counts.map_code,
        "level": counts.level,
        "total": counts.total,
        "rows": [
            {
                "province_code": row.province.code if row.province else "",
                "province": row.province.full_name if row.province else "",
                "unit_code": row.unit.code if row.unit else "",
                "unit": row.label,
                "undetermined": row.reason,
                "count": row.count,
            }
            for row in counts.rows
        ],
    }


CSV_COLUMNS = ["province_code", "province", "unit_code", "unit", "undetermined", "count"]
