# ruff: noqa: N999 - the command is `ocop import`, so the module is named import
"""``ocop import <kind> FILE``: preview (``--dry-run``) or commit a province's spreadsheet.

Exit status: 0 for a dry run (whatever its rows say) and for a commit that went through; 1 when
a commit is refused (rows in error without ``--skip-errors``, or a service refused a row); 2 when
the file cannot be read or the command is used wrongly (``--commit`` without ``--actor``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ocop.core.audit import acting_as
from ocop.core.errors import DomainError
from ocop.imports.choices import ImportKind, Outcome
from ocop.imports.plan import Options, Plan, plan_file
from ocop.imports.reading import ImportFileError
from ocop.imports.services import error_file_write, import_commit

EXIT_REFUSED = 1
EXIT_UNREADABLE = 2


def _date(value: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise CommandError(
        _("Invalid date %(value)s: use YYYY-MM-DD or dd/mm/yyyy.") % {"value": value},
        returncode=EXIT_UNREADABLE,
    )


def _pairs(values: list[str], what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise CommandError(
                _("%(what)s “%(value)s” is not of the form NAME=VALUE.")
                % {"what": what, "value": value},
                returncode=EXIT_UNREADABLE,
            )
        out[key.strip()] = rest.strip()
    return out


class Command(BaseCommand):
    help = "Import producers, products, certificate lists or targets from a spreadsheet"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument("--sheet", default=None, help="sheet name (default: the first)")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="map a header to a field (an empty FIELD ignores the column)",
        )
        parser.add_argument(
            "--context",
            nargs="+",
            default=[],
            metavar="NAME=VALUE",
            help="province=CODE authority='UBND tỉnh …' period=2019-2021 (overrides the title)",
        )
        parser.add_argument("--as-of", type=_date, default=None, help="addresses as of a date")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="preview only (the default)")
        mode.add_argument("--commit", action="store_true", help="write the rows")
        parser.add_argument(
            "--skip-errors",
            action="store_true",
            help="commit the valid rows; write the others to <name>.loi.xlsx beside the file",
        )
        parser.add_argument("--actor", default=None, help="username of the importing person")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        actor = self._actor(options["actor"], required=options["commit"])
        context = _pairs(options["context"], _("Context"))
        unknown = set(context) - {"province", "authority", "period"}
        if unknown:
            raise CommandError(
                _("Unknown context %(names)s: use province, authority, period.")
                % {"names": ", ".join(sorted(unknown))},
                returncode=EXIT_UNREADABLE,
            )
        import_options = Options(
            kind=options["kind"],
            sheet=options["sheet"],
            mapping=_pairs(options["column"], _("Column")),
            context=context,
            as_of=options["as_of"],
        )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot open %(path)s: %(error)s") % {"path": path, "error": exc.strerror},
                returncode=EXIT_UNREADABLE,
            ) from exc
        if not options["commit"]:
            try:
                if actor is not None:
                    with acting_as(actor):
                        plan = plan_file(data, path.name, import_options, actor=actor)
                else:
                    plan = plan_file(data, path.name, import_options)
            except ImportFileError as exc:
                raise CommandError(exc.message, returncode=EXIT_UNREADABLE) from exc
            self._print(plan, options["format"], committed=False)
            return
        try:
            result = import_commit(
                actor=actor,
                data=data,
                filename=path.name,
                options=import_options,
                skip_errors=options["skip_errors"],
            )
        except ImportFileError as exc:
            raise CommandError(exc.message, returncode=EXIT_UNREADABLE) from exc
        except DomainError as exc:
            if options["format"] == "json":
                try:
                    plan = plan_file(data, path.name, import_options, actor=actor)
                    self.stdout.write(json.dumps(plan.as_json(), ensure_ascii=False))
                except ImportFileError:
                    pass
            raise CommandError(exc.message, returncode=EXIT_REFUSED) from exc
        plan = result.plan
        if options["skip_errors"] and plan.has_errors:
            target = path.with_name(f"{path.stem}.loi.xlsx")
            error_file_write(plan, target)
            self.stderr.write(
                _("%(n)s rows with errors were skipped and written to %(path)s.")
                % {"n": plan.counts[Outcome.ERROR], "path": target}
            )
        self._print(plan, options["format"], committed=True, written=result.written)

    def _actor(self, username: str | None, *, required: bool) -> Any:
        if not username:
            if required:
                raise CommandError(
                    _(
                        "Missing --actor USERNAME: --commit changes records on a person's "
                        "behalf and must record who. Nothing was saved."
                    ),
                    returncode=EXIT_UNREADABLE,
                )
            return None
        user_model = get_user_model()
        try:
            return user_model.objects.get(username=username, is_active=True)
        except user_model.DoesNotExist as exc:
            raise CommandError(
                _("No active user “%(username)s”. Nothing was saved.") % {"username": username},
                returncode=EXIT_UNREADABLE,
            ) from exc

    def _print(self, plan: Plan, fmt: str, *, committed: bool, written: int = 0) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(plan.as_json(), ensure_ascii=False))
            return
        labels = {str(o): str(o.label) for o in Outcome}
        for row in plan.rows:
            text = "; ".join(row.messages)
            self.stdout.write(f"{_('Row')} {row.row}: {labels[str(row.outcome)]}  {text}".rstrip())
        if plan.ignored:
            self.stdout.write(
                _("Columns ignored: %(names)s")
                % {"names": ", ".join(f"“{h}”" for h in plan.ignored)}
            )
        counts = ", ".join(f"{labels[k]} {v}" for k, v in plan.counts.items())
        self.stdout.write(counts)
        if committed:
            self.stdout.write(_("%(n)s rows written.") % {"n": written})
        else:
            self.stdout.write(_("Dry run: nothing was saved."))
