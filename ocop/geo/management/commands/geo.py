"""``ocop geo load`` / ``ocop geo resolve``: the official administrative units and addresses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from ocop.core.commands import SystemCommand
from ocop.core.errors import DomainError
from ocop.geo.services import geo_load


def _date(value: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise CommandError(f"Invalid date {value!r}: use YYYY-MM-DD or dd/mm/yyyy.")


class Command(SystemCommand):
    help = "Administrative units: load the pinned official lists; resolve a free-text address"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load", help="load (idempotent) the official unit lists, lineage and authorities"
        )
        load.add_argument("--force", action="store_true", help="reload even if already loaded")
        load.add_argument(
            "--data-dir", type=Path, default=None, help="another copy of ocop/geo/data (tests)"
        )
        resolve = sub.add_parser("resolve", help="resolve a free-text address to units (JSON)")
        resolve.add_argument("text", help='e.g. "ấp Chợ, xã Phong Phú, huyện Cầu Kè, Trà Vinh"')
        resolve.add_argument("--province", help="province code the address lies in (context)")
        resolve.add_argument("--as-of", dest="as_of", help="date the address was written")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "resolve":
            self._resolve(options)
            return
        try:
            result = geo_load(force=options["force"], data_dir=options["data_dir"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        state = "already loaded, skipped" if result.skipped else "loaded"
        self.stdout.write(f"geo data {result.version}: {state}")
        for era in sorted(result.counts):
            levels = ", ".join(f"{k}={v}" for k, v in sorted(result.counts[era].items()))
            self.stdout.write(f"  {era}: {levels} (pinned: {_pinned(result.expected, era)})")
        lineage = ", ".join(f"{k}={v}" for k, v in sorted(result.lineage_counts.items()))
        self.stdout.write(f"  lineage: {lineage}")
        self.stdout.write(f"  issuing authorities: {result.authorities}")

    def _resolve(self, options: dict[str, Any]) -> None:
        from ocop.geo.resolver import resolve

        as_of = _date(options["as_of"]) if options.get("as_of") else None
        result = resolve(options["text"], province=options.get("province"), as_of=as_of)
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))


def _pinned(expected: dict[str, dict[str, int]], era: str) -> str:
    counts = expected.get(era, {})
    return ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "none"
