"""``ocop reminders send --date YYYY-MM-DD``: the daily re-rating reminders (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certification.reminders import reminders_send
from ocop.core.commands import SystemCommand


class Command(SystemCommand):
    help = "Re-rating reminders due on a date (run daily by the timer; a re-run sends nothing)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser("send", help="record and enqueue the reminders due on DATE")
        send.add_argument("--date", default=None, help="YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options.get("date")
        try:
            day = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError as exc:
            raise CommandError(_("The date must be written YYYY-MM-DD.")) from exc
        count = reminders_send(day=day)
        self.stdout.write(
            _("%(count)s reminder(s) enqueued for %(day)s.")
            % {"count": count, "day": day.strftime("%d/%m/%Y")}
        )
