"""Base classes for the project's commands: every write names its actor."""

from __future__ import annotations

import argparse
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ocop.core.audit import acting_as, acting_as_system


class SystemCommand(BaseCommand):
    """Reference-data and demo commands: they act as the built-in ``system`` user."""

    def execute(self, *args: Any, **options: Any) -> str | None:
        with acting_as_system():
            return super().execute(*args, **options)


class ActorCommand(BaseCommand):
    """Commands that change records on a person's behalf: ``--actor USERNAME`` is required.

    Read-only subcommands (their names in ``read_only_actions``, the subparser's ``dest`` being
    ``action``) run without an actor: only writes must say on whose behalf they act.
    """

    read_only_actions: frozenset[str] = frozenset()
    actor: Any = None

    def actor_required(self) -> Any:
        """The acting user of a writing subcommand (``execute`` has checked it is there)."""
        if self.actor is None:
            raise CommandError(_("Missing --actor USERNAME. Nothing was saved."))
        return self.actor

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        help_text = "username of the person on whose behalf the command acts (audited)"
        parser.add_argument("--actor", help=help_text)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    sub.add_argument("--actor", default=argparse.SUPPRESS, help=help_text)
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        username = options.get("actor")
        if not username and options.get("action") in self.read_only_actions:
            self.actor = None
            return super().execute(*args, **options)
        if not username:
            raise CommandError(
                _(
                    "Missing --actor USERNAME: this command changes records on a person's "
                    "behalf and must record who. Nothing was saved."
                )
            )
        user_model = get_user_model()
        try:
            actor = user_model.objects.get(username=username, is_active=True)
        except user_model.DoesNotExist as exc:
            raise CommandError(
                _("No active user “%(username)s”. Nothing was saved.") % {"username": username}
            ) from exc
        self.actor = actor
        with acting_as(actor):
            return super().execute(*args, **options)
