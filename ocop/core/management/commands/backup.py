"""``ocop backup --output DIR``: a portable backup of every record and uploaded file (issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ocop.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write a portable backup (JSON lines per table, uploaded files, manifest with checksums) "
        "from one consistent snapshot of the running system"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="a new (or empty) folder")
        parser.add_argument(
            "--pg-dump",
            action="store_true",
            help="on PostgreSQL, add a pg_dump custom-format file of the same snapshot",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(
                output=Path(options["output"]),
                using=options["database"],
                pg_dump=options["pg_dump"],
            )
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"backup: {result.path} — {result.tables} tables, {result.rows} rows, "
            f"{result.media_files} uploaded files" + (", pg_dump" if result.pg_dump else "")
        )
        for reason in result.skipped.values():
            self.stdout.write(f"  not backed up: {reason}")
