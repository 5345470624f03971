"""``ocop report products-by-unit --on current|YYYY-MM-DD --level province|commune``."""

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
            "--on", default="current", help="current (default) or a date YYYY-MM-DD / dd/mm/yyyy"
        )
        products.add_argument("--level", choices=["province", "commune"], default="province")
        products.add_argument("--format", choices=["json", "csv"], default="json")
        products.add_argument(
            "--user", help="count only what this account may see (default: every product)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
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
