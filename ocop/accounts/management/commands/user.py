"""``ocop user grant USERNAME --role R --unit CODE --level L [--map M] --actor ADMIN``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.services import user_grant_role
from ocop.core.commands import ActorCommand
from ocop.core.errors import DomainError
from ocop.geo.choices import UnitLevel
from ocop.geo.selectors import unit_get_by_code


class Command(ActorCommand):
    help = "Accounts: give a user a role and the administrative units they act for"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        grant = sub.add_parser("grant", help="set a user's role and units")
        grant.add_argument("username")
        grant.add_argument("--role", required=True, choices=Role.values)
        grant.add_argument("--unit", action="append", default=[], help="unit code (repeatable)")
        grant.add_argument("--level", choices=UnitLevel.values, default=UnitLevel.PROVINCE)
        grant.add_argument("--map", choices=["legacy", "current"], default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(
                _("No user “%(username)s”. Nothing was saved.") % {"username": options["username"]}
            ) from exc
        try:
            units = [
                unit_get_by_code(code=code, level=options["level"], map_code=options["map"])
                for code in options["unit"]
            ]
            user_grant_role(
                user=user, actor=self.actor_required(), role=options["role"], units=units
            )
        except DomainError as exc:
            raise CommandError(f"{exc.message} " + _("Nothing was saved.")) from exc
        self.stdout.write(
            _("%(username)s: role %(role)s, units %(units)s")
            % {
                "username": user.username,
                "role": options["role"],
                "units": ", ".join(u.full_name for u in units) or "—",
            }
        )
