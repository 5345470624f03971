"""The product-set classification of QĐ 26/2026 (Annex I; numbers as the sheets of Annex II).

Loaded by the data migration ``0002_product_sets`` and again by ``ocop.testing.
load_reference_data()`` after a flush. Idempotent: rows are keyed by set number.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "product_sets_26_2026.json"


def product_sets_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def product_sets_load(model: Any = None) -> int:
    """Create or update the 26 product sets; ``model`` is the historical model in migrations."""
    if model is None:
        from ocop.products.models import ProductSet

        model = ProductSet
    rows = product_sets_data()["sets"]
    for row in rows:
        model.objects.update_or_create(
            number=row["number"],
            defaults={
                "code": row["code"],
                "branch_code": row["branch_code"],
                "branch_name": row["branch_name"],
                "group_code": row["group_code"],
                "group_name": row["group_name"],
                "subgroup_name": row["subgroup_name"],
                "name": row["name"],
                "sheet_name": row["sheet_name"],
                "ministries": "; ".join(row["ministries"]),
            },
        )
    return len(rows)
