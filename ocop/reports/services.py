"""Writes of the reports app: saving a report run (parameters, rules, figures, records, hash)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ocop.accounts.choices import OFFICE_ROLES
from ocop.core.audit import acting_as
from ocop.core.errors import PermissionDenied
from ocop.programme.selectors import ProgrammeFigures
from ocop.reports.models import ReportRun


def run_content(figures: ProgrammeFigures) -> dict[str, Any]:
    """What a run keeps and hashes: parameters, rule versions, figures with their records."""
    return {
        "parameters": figures.params.as_dict(),
        "rule_versions": figures.rule_versions(),
        "figures": figures.as_json()["figures"],
    }


def content_hash(content: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces): equal data, equal hash."""
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def report_run_save(*, actor: Any, figures: ProgrammeFigures, title: str = "") -> ReportRun:
    """Save the programme report handed to the committee as a run (issue 12 item 5).

    ``actor`` is an ``accounts.User`` (typed loosely: reports reads accounts through selectors).
    """
    if not actor.is_authenticated or not actor.has_role(*OFFICE_ROLES):
        raise PermissionDenied(_("Only the OCOP office saves report runs."))
    content = run_content(figures)
    with transaction.atomic(), acting_as(actor):
        return ReportRun.objects.create(
            kind="programme",
            title=title.strip()[:300],
            parameters=content["parameters"],
            rule_versions=content["rule_versions"],
            figures=content["figures"],
            content_hash=content_hash(content),
            created_by=actor,
        )
