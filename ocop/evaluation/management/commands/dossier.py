"""``ocop dossier rules --filed-on D --kind K``: the edition and process a dossier falls under."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ocop.evaluation import cli
from ocop.evaluation.dossier_rules import KINDS, dossier_rules


class Command(BaseCommand):
    help = "Dossiers (read-only): the criteria edition and process chosen by the filing date"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", nargs="?", help="edition, process and transition deadline")
        parser.add_argument("--filed-on", dest="filed_on", help="YYYY-MM-DD")
        parser.add_argument("--kind", help="first, upgrade or rerating")
        parser.add_argument("--format", help="json or text (default)")

    def handle(self, *args: Any, **options: Any) -> None:
        cli.action(options["action"], "dossier", "rules")
        filed_on = cli.iso_date(options["filed_on"], "--filed-on")
        kind = cli.one_of(options["kind"], "--kind", KINDS)
        fmt = cli.output_format(options["format"])
        rules = dossier_rules(filed_on, kind)
        if fmt == "json":
            document = {
                "edition": rules.edition,
                "process": rules.process,
                "completion_deadline_days": rules.completion_deadline_days,
            }
            self.stdout.write(cli.dumps(document))
            return
        line = f"Bộ tiêu chí {rules.edition}, quy trình {rules.process}"
        if rules.completion_deadline is not None:
            line += (
                f"; hoàn thành trong {rules.completion_deadline_days} ngày kể từ 22/05/2026 "
                f"(đến {rules.completion_deadline:%d/%m/%Y})"
            )
        self.stdout.write(line)
