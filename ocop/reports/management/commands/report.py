"""``ocop report products-by-unit --on current|YYYY-MM-DD --level province|commune`` and
``ocop report programme --period 2019-2021 --unit 84 [--map legacy|current] --as-of DATE
--format docx|pdf|xlsx|json [--output FILE] [--save --actor USER]``.

Both take ``--on`` and ``--as-of`` as the same option (issue 12 item 4).
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from ocop.core.errors import DomainError
from ocop.geo.selectors import parse_group_on
from ocop.products.selectors import product_counts_by_unit
from ocop.reports.rows import CSV_COLUMNS, counts_as_dict


class Command(BaseCommand):
    help = "Grouped reports on today's map or the one in force on a date (read only)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True)
        products = sub.add_parser(
            "products-by-unit", help="products per province or commune (rows add up to the total)"
        )
        products.add_argument(
            "--on",
            "--as-of",
            dest="on",
            default="current",
            help="current (default) or a date YYYY-MM-DD / dd/mm/yyyy",
        )
        products.add_argument("--level", choices=["province", "commune"], default="province")
        products.add_argument("--format", choices=["json", "csv"], default="json")
        products.add_argument(
            "--user", help="count only what this account may see (default: every product)"
        )

        programme = sub.add_parser(
            "programme", help="the programme report: figures, rules, targets (read only)"
        )
        programme.add_argument("--period", required=True, help="e.g. 2019-2021")
        programme.add_argument("--unit", required=True, help="province or commune code, e.g. 84")
        programme.add_argument(
            "--map",
            choices=["legacy", "current"],
            default="current",
            help="which map the unit code is on (default: current)",
        )
        programme.add_argument(
            "--as-of",
            "--on",
            dest="as_of",
            help="the as-of date YYYY-MM-DD or dd/mm/yyyy (default: today)",
        )
        programme.add_argument("--format", choices=["json", "docx", "pdf", "xlsx"], default="json")
        programme.add_argument("--output", help="file to write (docx, pdf, xlsx; json: stdout)")
        programme.add_argument(
            "--save", action="store_true", help="save the report as a run (needs --actor)"
        )
        programme.add_argument("--actor", help="the account saving the run (with --save)")
        programme.add_argument("--title", default="", help="the run's title (with --save)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["report"] == "programme":
            with translation.override(settings.LANGUAGE_CODE):
                self._programme(options)
            return
        with translation.override(settings.LANGUAGE_CODE):
            try:
                on = parse_group_on(options["on"])
            except DomainError as exc:
                raise CommandError(exc.message) from exc
            user = None
            if options.get("user"):
                user_model = get_user_model()
                user = user_model.objects.filter(username=options["user"], is_active=True).first()
                if user is None:
                    raise CommandError(f"No active user “{options['user']}”.")
            counts = product_counts_by_unit(user=user, on=on, level=options["level"])
            data = counts_as_dict(counts)
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(data["rows"])

    def _programme(self, options: dict[str, Any]) -> None:
        from ocop.reports.programme import programme_command

        try:
            programme_command(self, options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
