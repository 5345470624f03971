"""``ocop geo load``: load the pinned official administrative units (and lineage)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from ocop.core.commands import SystemCommand
from ocop.core.errors import DomainError
from ocop.geo.services import geo_load


class Command(SystemCommand):
    help = "Administrative units: load the pinned official lists"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="load (idempotent) the official unit lists and lineage")
        load.add_argument("--force", action="store_true", help="reload even if already loaded")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            try:
                result = geo_load(force=options["force"])
            except DomainError as exc:
                raise CommandError(exc.message) from exc
            state = "already loaded, skipped" if result.skipped else "loaded"
            self.stdout.write(f"geo data {result.version}: {state}")
            for era in sorted(result.counts):
                levels = ", ".join(f"{k}={v}" for k, v in sorted(result.counts[era].items()))
                self.stdout.write(f"  {era}: {levels}")
