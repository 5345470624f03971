"""``ocop score --edition 26-2026 --set 7 answers.json``: score answers and print JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ocop.core.errors import DomainError
from ocop.criteria.scoring import score_document
from ocop.criteria.selectors import engine_sheet, sheet_get


class Command(BaseCommand):
    help = (
        'Score {"answers": {...}, "flags": {...}} or {"members": [{"answers": ...}], "flags": ...} '
        "against a sheet and print the result as JSON"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", required=True, help="edition code, e.g. 26-2026")
        parser.add_argument("--set", type=int, required=True, dest="set_no", help="product set")
        parser.add_argument("--revision", type=int, help="revision (default: the latest)")
        parser.add_argument("file", help="answers file (JSON), or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(
                _("Cannot read the answers file %(file)s: %(error)s")
                % {"file": name, "error": exc.strerror}
            ) from exc
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                _("The answers file is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": exc.lineno, "column": exc.colno}
            ) from exc
        try:
            sheet = engine_sheet(
                sheet_get(
                    edition=options["edition"],
                    set_no=options["set_no"],
                    revision=options["revision"],
                )
            )
            result = score_document(sheet, document)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
