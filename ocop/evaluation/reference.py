"""The committed working-day calendar (scripts/export_calendar.py), loaded by a data migration."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

CALENDAR_FILE = Path(__file__).resolve().parent / "data" / "calendar-vn.json"


def calendar_seed_rows() -> list[dict[str, Any]]:
    document = json.loads(CALENDAR_FILE.read_text(encoding="utf-8"))
    return [
        {"date": dt.date.fromisoformat(row["date"]), "kind": row["kind"], "name": row["name"]}
        for row in document["days"]
    ]


def calendar_seed(model: Any = None) -> int:
    """Add the seeded days missing from the table (idempotent); returns how many were added.

    ``model`` is the migration's historical ``CalendarDay``; bulk creation writes no audit
    entries, like the other reference-data loads.
    """
    if model is None:
        from ocop.evaluation.models import CalendarDay

        model = CalendarDay
    present = set(model.objects.values_list("date", flat=True))
    rows = [
        model(source="package", reference="", **row)
        for row in calendar_seed_rows()
        if row["date"] not in present
    ]
    model.objects.bulk_create(rows)
    return len(rows)
