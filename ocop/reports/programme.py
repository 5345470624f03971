"""The programme report (issue 12 item 4): JSON, XLSX, DOCX and PDF from the same figures.

The figures come from ``ocop.programme.selectors.programme_figures``; this module only lays them
out. The narrative is generated from the figures; the sections the office writes itself
(limitations, tasks ahead) are left as headings with a placeholder.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.core.errors import DomainError
from ocop.programme.selectors import Figure, ProgrammeFigures, programme_figures, report_params

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {
    "json": "application/json",
    "xlsx": XLSX_CONTENT_TYPE,
    "docx": DOCX_CONTENT_TYPE,
    "pdf": "application/pdf",
}


def parse_date(value: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise DomainError(_("“%(value)s” is not a date (YYYY-MM-DD or dd/mm/yyyy).") % {"value": value})


def figures_json(result: ProgrammeFigures) -> str:
    """The JSON of the figures: stable keys and order, so a re-run on the same data is equal."""
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2)


def number(value: int | float) -> str:
    """1.234 and 16,3 (Vietnamese separators, settings' NUMBER_GROUPING)."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def report_filename(result: ProgrammeFigures, fmt: str) -> str:
    p = result.params
    return f"bao-cao-ocop-{p.period.code}-{p.map_code}-{p.unit.code}-{p.as_of.isoformat()}.{fmt}"


def render(result: ProgrammeFigures, fmt: str) -> bytes:
    if fmt == "json":
        return figures_json(result).encode("utf-8")
    if fmt == "xlsx":
        return render_xlsx(result)
    if fmt == "docx":
        from ocop.reports.programme_docx import render_docx

        return render_docx(result)
    if fmt == "pdf":
        from ocop.reports.programme_pdf import render_pdf

        return render_pdf(result)
    raise DomainError(_("Unknown format “%(fmt)s”.") % {"fmt": fmt})


def programme_command(command: BaseCommand, options: dict[str, Any]) -> None:
    """``ocop report programme``: read only unless ``--save --actor USER``."""
    if options.get("save") and not options.get("actor"):
        raise CommandError(_("--save needs --actor USERNAME (the account saving the run)."))
    if options.get("actor") and not options.get("save"):
        raise CommandError(
            _("--actor is only used with --save: the report itself changes nothing.")
        )
    actor = None
    if options.get("save"):
        actor = get_user_model().objects.filter(username=options["actor"], is_active=True).first()
        if actor is None:
            raise CommandError(_("No active user “%(name)s”.") % {"name": options["actor"]})
    as_of = parse_date(options["as_of"]) if options.get("as_of") else timezone.localdate()
    params = report_params(
        period_code=options["period"],
        unit_code=options["unit"],
        map_name=options["map"],
        as_of=as_of,
    )
    result = programme_figures(user=None, params=params)
    fmt = options["format"]
    if actor is not None:
        from ocop.reports.services import report_run_save

        run = report_run_save(actor=actor, figures=result, title=options.get("title") or "")
        command.stderr.write(
            _("Saved as report run %(pk)s (hash %(hash)s).")
            % {"pk": run.pk, "hash": run.content_hash}
        )
    if fmt == "json" and not options.get("output"):
        command.stdout.write(figures_json(result))
        return
    output = Path(options.get("output") or report_filename(result, fmt))
    output.write_bytes(render(result, fmt))
    command.stderr.write(str(output))


# --- the narrative -----------------------------------------------------------------------------


def _value(result: ProgrammeFigures, key: str) -> str:
    return number(result.value(key))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def narrative(result: ProgrammeFigures) -> dict[str, list[str]]:
    """Vietnamese paragraphs generated from the figures, by section."""
    p = result.params
    total = result.value("products.rated.total")
    results = [
        _(
            "In the period %(period)s, as of %(day)s, %(unit)s had %(total)s products rated and "
            "recognised as OCOP products of 3 stars or more (%(potential)s potential 5-star "
            "products awaiting the national level, %(five)s five-star, %(four)s four-star and "
            "%(three)s three-star products), from %(producers)s producers."
        )
        % {
            "period": p.period.name,
            "day": p.as_of.strftime("%d/%m/%Y"),
            "unit": p.unit.full_name,
            "total": number(total),
            "potential": _value(result, "products.rated.potential_5"),
            "five": _value(result, "products.rated.by_star.5"),
            "four": _value(result, "products.rated.by_star.4"),
            "three": _value(result, "products.rated.by_star.3"),
            "producers": _value(result, "producers.total"),
        },
        _(
            "Of these, %(new)s products were recognised for the first time, %(upgraded)s were "
            "upgraded and %(rerated)s were re-rated."
        )
        % {
            "new": _value(result, "products.rated.new"),
            "upgraded": _value(result, "products.rated.upgraded"),
            "rerated": _value(result, "products.rated.rerated"),
        },
    ]
    forms = ", ".join(
        f"{number(f.value)} {_lower_first(f.label.split(': ', 1)[-1])}"
        for f in result.group("by_legal_form")
    )
    structure = []
    if forms:
        structure.append(
            _("By legal form: %(forms)s; cooperatives make up %(share)s%% of the producers.")
            % {"forms": forms, "share": _value(result, "producers.cooperative_share")}
        )
    sets = ", ".join(
        f"{f.label.split(': ', 1)[-1]} ({number(f.value)})" for f in result.group("by_set")
    )
    if sets:
        structure.append(_("By product set: %(sets)s.") % {"sets": sets})
    places = ", ".join(
        f"{f.label.split(': ', 1)[-1]} ({number(f.value)})" for f in result.group("by_place")
    )
    if places:
        structure.append(_("By place: %(places)s.") % {"places": places})
    structure.append(
        _(
            "%(with)s of %(all)s communes have at least one OCOP product; %(key)s communes have a "
            "key product."
        )
        % {
            "with": _value(result, "communes.with_product"),
            "all": number(result.communes_total),
            "key": _value(result, "communes.with_key_product"),
        }
    )
    progress = []
    for item in result.progress:
        progress.append(
            _("%(indicator)s: %(actual)s against a target of %(target)s (%(percent)s%%).")
            % {
                "indicator": item.target.indicator.name,
                "actual": number(item.actual),
                "target": number(float(item.target.value)),
                "percent": number(item.percent),
            }
        )
    if not progress:
        progress.append(_("No target is recorded for this unit and period."))
    return {"results": results, "structure": structure, "progress": progress}


OFFICE_SECTIONS = (
    gettext_lazy("Limitations and causes"),
    gettext_lazy("Tasks and solutions ahead"),
)
OFFICE_PLACEHOLDER = gettext_lazy("(For the office to write.)")


def table_rows(figures: list[Figure]) -> list[tuple[str, str, str]]:
    """(label, value, rule) rows of a group of figures."""
    return [(f.label, number(f.value), f.rule) for f in figures]


TABLE_GROUPS = (
    ("", gettext_lazy("Results")),
    ("by_kind", gettext_lazy("New, upgraded and re-rated products")),
    ("by_star", gettext_lazy("Products by star")),
    ("by_legal_form", gettext_lazy("Producers by legal form")),
    ("by_set", gettext_lazy("Products by product set")),
    ("by_place", gettext_lazy("Products by place")),
    ("by_year", gettext_lazy("Products by year")),
    ("coverage", gettext_lazy("Communes")),
    ("certificates", gettext_lazy("Certificates")),
    ("dossiers", gettext_lazy("Dossiers in the pipeline")),
)


def grouped_tables(result: ProgrammeFigures) -> list[tuple[str, list[Figure]]]:
    return [
        (str(title), result.group(group)) for group, title in TABLE_GROUPS if result.group(group)
    ]


def render_xlsx(result: ProgrammeFigures) -> bytes:
    """The tables of the report: one sheet of figures (with rules), one of rules, one of targets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    p = result.params
    wb = Workbook()
    ws = wb.active
    ws.title = _("Figures")[:31]
    ws.append([_("OCOP programme report"), p.period.name, p.unit.full_name, p.as_of])
    ws["D1"].number_format = "DD/MM/YYYY"
    ws.append([])
    header = [_("Table"), _("Key"), _("Indicator"), _("Value"), _("Counting rule")]
    ws.append(header)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for title, figures in grouped_tables(result):
        for f in figures:
            ws.append([title, f.key, f.label, f.value, f.rule])
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["E"].width = 26
    rules = wb.create_sheet(_("Counting rules")[:31])
    rules.append([_("Rule"), _("Name"), _("Description")])
    for rule in sorted(result.rules.values(), key=lambda r: r.code):
        rules.append([rule.ref, rule.name, rule.description])
    targets = wb.create_sheet(_("Targets")[:31])
    targets.append([_("Indicator"), _("Period"), _("Target"), _("Actual"), _("Progress (%)")])
    for item in result.progress:
        targets.append(
            [
                item.target.indicator.name,
                item.target.period.name,
                float(item.target.value),
                item.actual,
                item.percent,
            ]
        )
    communes = wb.create_sheet(_("Communes without a product")[:31])
    communes.append([_("Code"), _("Commune"), _("District")])
    for unit in result.communes_without_product:
        communes.append([unit.code, unit.full_name, unit.parent.full_name if unit.parent else ""])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
