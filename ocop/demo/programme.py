"""The seed report's targets, entered once as a province would (issue 12 item 7); idempotent.

Trà Vinh (legacy 84) reported in 2022: at least 100 more OCOP products in 2022–2025, and one key
product (sản phẩm chủ lực, NQ 16-NQ/TU) per commune by 2030 — on the map of 2022, whose 104
communes the target counts. Today's Vĩnh Long (86) sets the same key-product target on its 124
communes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ocop.geo.models import AdminUnit
from ocop.programme.models import Indicator, Period
from ocop.programme.services import target_set

SEED_SOURCE = "Báo cáo của UBND tỉnh Trà Vinh gửi Ban Thường vụ Tỉnh ủy (2022)"


def demo_targets_create(*, actor: Any) -> int:
    legacy = AdminUnit.objects.get(map__code="legacy", level="province", code="84")
    current = AdminUnit.objects.get(map__code="2025", level="province", code="86")
    new = Indicator.objects.get(key="products.rated.new")
    key = Indicator.objects.get(key="communes.with_key_product")
    rows = [
        (new, "2022-2025", legacy, Decimal(100), SEED_SOURCE),
        (key, "2026-2030", legacy, Decimal(communes_of(legacy)), SEED_SOURCE),
        (key, "2026-2030", current, Decimal(communes_of(current)), ""),
    ]
    for indicator, period, unit, value, source in rows:
        target_set(
            actor=actor,
            indicator=indicator,
            period=Period.objects.get(code=period),
            unit=unit,
            value=value,
            source=source,
        )
    return len(rows)


def communes_of(province: AdminUnit) -> int:
    """The communes of a province on its own map (one key product each)."""
    return AdminUnit.objects.filter(map=province.map, level="commune", province=province).count()
