"""Programme reference data: periods, counting rules and indicators (``data/reference.json``).

Loaded by the data migration ``0002_reference`` and again by ``ocop.testing.load_reference_data()``
after a flush, so a freshly migrated database can report. Idempotent: rows are keyed by code. A
rule is keyed by code *and* version — a changed rule is added as a new version, never rewritten.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "reference.json"


def reference_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def reference_load(apps: Any = None) -> dict[str, int]:
    """Create or update periods, rules and indicators; ``apps`` is the migration registry."""
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    period_model = apps.get_model("programme", "Period")
    rule_model = apps.get_model("programme", "CountingRule")
    indicator_model = apps.get_model("programme", "Indicator")
    data = reference_data()
    for row in data["periods"]:
        period_model.objects.update_or_create(
            code=row["code"],
            defaults={k: row[k] for k in ("name", "start_year", "end_year", "basis")},
        )
    for row in data["rules"]:
        rule_model.objects.update_or_create(
            code=row["code"],
            version=row["version"],
            defaults={"name": row["name"], "description": row["description"], "is_default": True},
        )
    for order, row in enumerate(data["indicators"], start=1):
        indicator_model.objects.update_or_create(
            key=row["key"],
            defaults={
                "name": row["name"],
                "subject": row["subject"],
                "rule_code": row["rule_code"],
                "unit_label": row["unit_label"],
                "targetable": row["targetable"],
                "order": order,
            },
        )
    return {
        "periods": len(data["periods"]),
        "rules": len(data["rules"]),
        "indicators": len(data["indicators"]),
    }
