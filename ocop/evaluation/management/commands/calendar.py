"""``ocop calendar deadline --from D --working-days N``: a deadline on the working calendar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ocop.core.errors import DomainError
from ocop.evaluation import cli
from ocop.evaluation.selectors import working_days_add


class Command(BaseCommand):
    help = "Working-day calendar (read-only): deadlines counted in working days"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            nargs="?",
            help="the N-th working day after a date (the date itself not counted)",
        )
        parser.add_argument("--from", dest="start", help="event date, YYYY-MM-DD")
        parser.add_argument("--working-days", dest="working_days", help="N, a whole number")
        parser.add_argument("--format", help="json or text (default)")

    def handle(self, *args: Any, **options: Any) -> None:
        cli.action(options["action"], "calendar", "deadline")
        start = cli.iso_date(options["start"], "--from")
        n = cli.whole_number(options["working_days"], "--working-days")
        fmt = cli.output_format(options["format"])
        try:
            deadline = working_days_add(start, n)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if fmt == "json":
            document = {
                "from": start.isoformat(),
                "working_days": n,
                "deadline": deadline.isoformat(),
            }
            self.stdout.write(cli.dumps(document))
        else:
            self.stdout.write(f"{start:%d/%m/%Y} + {n} → {deadline:%d/%m/%Y}")
