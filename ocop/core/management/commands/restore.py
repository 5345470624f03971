"""``ocop restore DIR``: recreate a backup's records, as they were, in an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ocop.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `ocop backup` into an empty database (SQLite or PostgreSQL); "
        "the manifest is checked after loading and any difference undoes the restore"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the backup folder (with its manifest.json)")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore(path=Path(options["path"]), using=options["database"])
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"restore: {result.tables} tables, {result.rows} rows, {result.media_files} uploaded "
            f"files from the {result.engine} backup of {result.created_at}"
        )
        if result.pending_migrations:
            self.stdout.write(
                _("This version of ocop has newer migrations: run `ocop migrate` now.")
            )
