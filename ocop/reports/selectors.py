"""Reads of the reports app: saved runs, and the differences between a run and a fresh one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from ocop.accounts.choices import OFFICE_ROLES
from ocop.reports.models import ReportRun


def report_run_list(*, user: Any) -> QuerySet[ReportRun]:
    """Runs saved by the offices: officials see theirs and those of their colleagues' units."""
    qs = ReportRun.objects.select_related("created_by")
    if not user.is_authenticated or not user.has_role(*OFFICE_ROLES):
        return qs.none()
    return qs.order_by("-created_at", "-pk")


@dataclass(frozen=True)
class FigureDiff:
    key: str
    label: str
    saved: Any
    fresh: Any
    added: tuple[int, ...]  # records in the fresh run only
    removed: tuple[int, ...]  # records in the saved run only


def figures_diff(saved: list[dict[str, Any]], fresh: list[dict[str, Any]]) -> list[FigureDiff]:
    """Figures whose value or records differ (a figure present on one side only, too)."""
    before = {f["key"]: f for f in saved}
    after = {f["key"]: f for f in fresh}
    keys = [f["key"] for f in saved] + [f["key"] for f in fresh if f["key"] not in before]
    diffs = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        old_records = set(old["records"]) if old else set()
        new_records = set(new["records"]) if new else set()
        old_value = old["value"] if old else None
        new_value = new["value"] if new else None
        if old_value == new_value and old_records == new_records:
            continue
        diffs.append(
            FigureDiff(
                key=key,
                label=(new or old or {}).get("label", key),
                saved=old_value,
                fresh=new_value,
                added=tuple(sorted(new_records - old_records)),
                removed=tuple(sorted(old_records - new_records)),
            )
        )
    return diffs
