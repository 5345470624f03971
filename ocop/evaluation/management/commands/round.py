"""``ocop round which --level L --proposed-on D [--province CODE]``: the round of a proposal."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ocop.core.errors import DomainError
from ocop.evaluation import cli
from ocop.evaluation.rounds import LEVELS, PROVINCE, round_choose
from ocop.evaluation.selectors import round_for_proposal
from ocop.geo.models import AdminUnit


class Command(BaseCommand):
    help = "Evaluation rounds (read-only): which round a proposal falls into (QĐ 26/2026 Điều 5)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", nargs="?", help="the round a proposal made on a date falls into"
        )
        parser.add_argument("--level", help="province or national")
        parser.add_argument("--proposed-on", dest="proposed_on", help="YYYY-MM-DD")
        parser.add_argument(
            "--province", help="province code (current map): includes its extra rounds"
        )
        parser.add_argument("--format", help="json or text (default)")

    def handle(self, *args: Any, **options: Any) -> None:
        cli.action(options["action"], "round", "which")
        level = cli.one_of(options["level"], "--level", LEVELS)
        proposed_on = cli.iso_date(options["proposed_on"], "--proposed-on")
        fmt = cli.output_format(options["format"])
        province = None
        if options["province"]:
            if level != PROVINCE:
                raise CommandError(_("--province applies to provincial rounds only."))
            province = AdminUnit.objects.filter(
                map__code="2025", level="province", code=options["province"]
            ).first()
            if province is None:
                raise CommandError(
                    _("No province with code “%(code)s” on the current map.")
                    % {"code": options["province"]}
                )
        try:
            if level == PROVINCE and province is None:
                spec = round_choose(level, proposed_on)  # the law's standing rounds only
            else:
                spec = round_for_proposal(level, proposed_on, province)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if fmt == "json":
            document = {
                "level": spec.level,
                "year": spec.year,
                "number": spec.number,
                "cutoff": spec.cutoff.isoformat(),
                "decide_by": spec.decide_by.isoformat(),
            }
            self.stdout.write(cli.dumps(document))
        else:
            self.stdout.write(
                f"Đợt {spec.number}/{spec.year}: đề nghị trước ngày {spec.cutoff:%d/%m/%Y}, "
                f"đánh giá trước ngày {spec.decide_by:%d/%m/%Y}"
            )
