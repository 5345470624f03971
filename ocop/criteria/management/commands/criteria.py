"""``ocop criteria show|validate|impact``: the criteria editions for integrators and checks."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ocop.core.errors import DomainError
from ocop.criteria import engine
from ocop.criteria.checks import validate_all
from ocop.criteria.scoring import fmt
from ocop.criteria.selectors import edition_impact, engine_sheet, sheet_get


def _number(value: Decimal) -> int | float:
    """Points as JSON numbers: whole points (all of them today) as integers."""
    return int(value) if value == value.to_integral_value() else float(value)


def sheet_json(sheet: engine.Sheet) -> dict[str, Any]:
    return {
        "edition": sheet.edition.code,
        "revision": sheet.edition.revision,
        "content_hash": sheet.edition.content_hash,
        "legal_reference": sheet.edition.legal_reference,
        "set": sheet.set_no,
        "name": sheet.name,
        "max": _number(sheet.max_total),
        "disqualifiers": list(sheet.disqualifiers),
        "parts": [
            {
                "code": part.code,
                "title": part.title,
                "max": _number(part.max),
                "groups": [
                    {
                        "code": group.code,
                        "title": group.title,
                        "max": _number(group.max),
                        "criteria": [
                            {
                                "code": crit.code,
                                "max": _number(crit.max),
                                "text": crit.text,
                                "min_star": crit.min_star,
                                "actionable": crit.actionable,
                                "requires_story": crit.requires_story,
                                "eliminates": crit.eliminates,
                                "halts": crit.halts,
                                "notes": list(crit.notes),
                                "cases": [{"case": c.case, "label": c.label} for c in crit.cases],
                                "options": [
                                    {
                                        "position": o.position,
                                        "points": _number(o.points),
                                        "text": o.text,
                                        "min_star": o.min_star,
                                        "case": o.case,
                                    }
                                    for o in crit.options
                                ],
                            }
                            for crit in group.criteria
                        ],
                    }
                    for group in part.groups
                ],
            }
            for part in sheet.parts
        ],
    }


def sheet_text(sheet: engine.Sheet) -> list[str]:
    lines = [
        f"{sheet.edition.legal_reference} — bộ {sheet.set_no}: {sheet.name} "
        f"(r{sheet.edition.revision}, {sheet.edition.content_hash})"
    ]
    for part in sheet.parts:
        lines.append(f"{part.title} [{_number(part.max)}]")
        for group in part.groups:
            lines.append(f"  {group.code}. {group.title} [{_number(group.max)}]")
            for crit in group.criteria:
                star = "*" * crit.min_star if crit.min_star else ""
                lines.append(f"    {crit.code} {crit.text}{star} [{_number(crit.max)}]")
                for o in crit.options:
                    marker = "*" * o.min_star if o.min_star else ""
                    lines.append(f"      {o.position}. □ {o.text} {_number(o.points)}{marker}")
    return lines


class Command(BaseCommand):
    help = "Criteria editions: show a sheet, validate every edition, edition impact"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="print one product set's sheet")
        show.add_argument("--edition", required=True)
        show.add_argument("--set", type=int, required=True, dest="set_no")
        show.add_argument("--revision", type=int)
        show.add_argument("--format", choices=["json", "text"], default="text")
        sub.add_parser("validate", help="validate the edition files, crosswalks and rows")
        impact = sub.add_parser("impact", help="re-score stored answers under another edition")
        impact.add_argument("--from", required=True, dest="source")
        impact.add_argument("--to", required=True, dest="target")
        impact.add_argument("--set", type=int, dest="set_no")
        impact.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"handle_{options['action']}")(**options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def handle_show(self, **options: Any) -> None:
        sheet = engine_sheet(
            sheet_get(
                edition=options["edition"], set_no=options["set_no"], revision=options["revision"]
            )
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(sheet_json(sheet), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(sheet_text(sheet)))

    def handle_validate(self, **options: Any) -> None:
        report = validate_all()
        for line in report.lines:
            self.stdout.write(line)
        if report.problems:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(
                _("The criteria editions have %(count)s problems (listed above).")
                % {"count": len(report.problems)}
            )
        self.stdout.write("OK")

    def handle_impact(self, **options: Any) -> None:
        rows = edition_impact(
            from_edition=options["source"], to_edition=options["target"], set_no=options["set_no"]
        )
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([impact_json(row) for row in rows], ensure_ascii=False, indent=2)
            )
            return
        self.stdout.write(
            f"{'#':>5}  {'set':>3}  {'from':>12}  {'to (assumed)':>14}  {'to (top)':>12}  label"
        )
        for row in rows:
            if row.error:
                self.stdout.write(f"{row.answer_sheet_id:>5}  {row.from_set:>3}  ! {row.error}")
                continue
            mark = "*" if row.changed else " "
            self.stdout.write(
                f"{row.answer_sheet_id:>5}  {row.from_set:>3}  "
                f"{_star(row.from_star, row.from_total):>12}  "
                f"{_star(row.to_star, row.to_total):>14}  "
                f"{_star(row.top_star, row.top_total):>12} {mark}{row.label}"
            )
            for each in row.assumed:
                self.stdout.write(f"{'':>8}assumed {each.to} → {each.position}: {each.reason}")
        changed = sum(1 for row in rows if row.changed)
        self.stdout.write(f"{len(rows)} answer sheets, {changed} whose star would change (*)")


def _star(star: int | None, total: Decimal | None) -> str:
    shown = f"{star}★" if star else "—"
    return f"{shown} {fmt(total)}" if total is not None else shown


def impact_json(row: Any) -> dict[str, Any]:
    return {
        "answer_sheet": row.answer_sheet_id,
        "label": row.label,
        "from_set": row.from_set,
        "to_set": row.to_set,
        "from_star": row.from_star,
        "from_total": fmt(row.from_total) if row.from_total is not None else None,
        "to_star": row.to_star,
        "to_total": fmt(row.to_total) if row.to_total is not None else None,
        "top_star": row.top_star,
        "top_total": fmt(row.top_total) if row.top_total is not None else None,
        "changed": row.changed,
        "assumed": [
            {"code": a.to, "position": a.position, "reason": a.reason} for a in row.assumed
        ],
        "assumed_mappings": [
            {
                "code": a.to,
                "from": a.source,
                "from_position": a.source_position,
                "position": a.position,
                "reason": a.reason,
            }
            for a in row.assumed_mappings
        ],
        "error": row.error,
    }
