"""Registers (lists) declared once: filters, sorting, pagination, the htmx partial and the export.

A register is one :class:`ListSpec` value: the app gives its filter form, its selector (a function
from the user and the valid form to a queryset), a sort map, the templates and its **columns**.
The same columns draw the on-screen table (``core/_list_table.html``) and the XLSX/CSV export
(``?export=xlsx`` / ``?export=csv``), so the two never disagree (issue 11 item 7: every list,
as filtered on screen, exported with Vietnamese headers that re-import cleanly; sensitive fields
only for the roles that may see them). Core knows nothing of any domain: who may see a
``sensitive`` column is a predicate the app passes in.

A view stays a sentence::

    @login_required
    def producer_list_view(request):
        _require(request, REGISTRY_ROLES)
        return PRODUCER_LIST.respond(request, context={"can_register": ...})
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

EXPORT_FORMATS = ("xlsx", "csv")
EXPORT_CHUNK = 2000
XLSX_DATE_FORMAT = "DD/MM/YYYY"
XLSX_DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Text = str | Promise
NOTHING_MATCHES = _("Nothing matches.")


def _nobody(user: Any) -> bool:
    return False


@dataclass(frozen=True)
class Column:
    """One column of a register, on screen and in the export.

    ``value(row)`` gives the cell's data: ``str``, ``int``, ``Decimal``, ``date``, ``datetime``,
    ``bool`` or ``None`` (exports keep dates as date cells and numbers as numbers). ``formatter``
    turns that value into on-screen text (default :func:`display_text`); ``cell`` names a
    template drawing the on-screen cell instead (it receives ``row`` and ``value``), e.g. a
    link. ``sensitive`` columns are shown and exported only when the register's
    ``sensitive_visible(user)`` is true — otherwise ``mask(row)`` if given, else the column is
    left out. ``visible(user)`` hides a column from some users for any other reason.
    """

    key: str
    header: Text
    value: Callable[[Any], Any]
    formatter: Callable[[Any], str] | None = None
    cell: str = ""
    on_screen: bool = True
    exported: bool = True
    sensitive: bool = False
    mask: Callable[[Any], Any] | None = None
    visible: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class Cell:
    value: Any
    text: str
    template: str


@dataclass(frozen=True)
class Row:
    object: Any
    cells: list[Cell]


@dataclass(frozen=True)
class Table:
    """What ``core/_list_table.html`` draws: the page's rows through the visible columns."""

    id: str
    headers: list[str]
    rows: list[Row]
    count_text: str
    empty_text: str
    export_formats: tuple[str, ...]


@dataclass(frozen=True)
class _Shown:
    """A column as one user sees it: its value accessor is the real one or the mask."""

    column: Column
    value: Callable[[Any], Any]


def display_text(value: Any) -> str:
    """On-screen text of a cell value: dd/mm/yyyy dates, 1.234,5 numbers, có/không."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, int | Decimal | float):
        return formats.number_format(value, use_l10n=True)
    return str(value)


def yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


@dataclass(frozen=True)
class ListSpec:
    """A register: everything its list page, htmx partial and exports need (see module doc).

    ``rows(user, form)`` is the app's selector: the rows ``user`` may see, filtered by ``form``
    (``None`` when the filters are invalid — an invalid filter filters nothing, and its errors
    are shown). ``sorts`` maps the value of the form's ``sort_field`` to ``order_by`` fields;
    ``default_sort`` is used when it is empty or unknown. ``prepare_page(objects)`` may fetch in
    bulk what the on-screen cells of one page need (it is not called for exports, whose
    columns must need nothing beyond the selector's ``select_related``). ``export_name`` is the
    file-name stem (``chu-the`` → ``chu-the-2026-12-01.xlsx``), ``title`` the sheet title.
    """

    export_name: str
    title: Text
    form_class: type[forms.Form]
    rows: Callable[[Any, Any], QuerySet[Any]]
    columns: Sequence[Column]
    sorts: Mapping[str, Sequence[str]]
    default_sort: str
    template: str
    partial_template: str = "core/_list_table.html"
    sort_field: str = "order"
    page_size: int = 25
    table_id: str = ""
    count_text: Callable[[int], str] = lambda n: formats.localize(n)
    empty_text: Text = NOTHING_MATCHES
    prepare_page: Callable[[list[Any]], list[Any]] | None = None
    sensitive_visible: Callable[[Any], bool] = _nobody
    export_formats: tuple[str, ...] = EXPORT_FORMATS

    def __post_init__(self) -> None:
        if self.default_sort not in self.sorts:
            raise ValueError(f"default_sort {self.default_sort!r} is not in sorts")
        keys = [c.key for c in self.columns]
        if len(keys) != len(set(keys)):
            raise ValueError(f"column keys repeat: {keys}")

    # --- reading ---------------------------------------------------------------------------

    def bound_form(self, request: HttpRequest) -> forms.Form:
        return self.form_class(request.GET or None)

    def queryset(self, user: Any, form: forms.Form) -> QuerySet[Any]:
        """The filtered rows in the on-screen order (the export uses the same order)."""
        valid = form.is_valid()
        qs = self.rows(user, form if valid else None)
        sort = (form.cleaned_data.get(self.sort_field) if valid else "") or self.default_sort
        return qs.order_by(*self.sorts.get(sort, self.sorts[self.default_sort]))

    def shown_columns(self, user: Any, *, export: bool) -> list[_Shown]:
        """The columns ``user`` sees, on screen or in the export, with their accessors."""
        sensitive_ok: bool | None = None
        shown = []
        for column in self.columns:
            if not (column.exported if export else column.on_screen):
                continue
            if column.visible is not None and not column.visible(user):
                continue
            value = column.value
            if column.sensitive:
                if sensitive_ok is None:
                    sensitive_ok = bool(self.sensitive_visible(user))
                if not sensitive_ok:
                    if column.mask is None:
                        continue
                    value = column.mask
            shown.append(_Shown(column, value))
        return shown

    def headers(self, user: Any, *, export: bool) -> list[str]:
        return [str(s.column.header) for s in self.shown_columns(user, export=export)]

    # --- responding ------------------------------------------------------------------------

    def respond(
        self, request: HttpRequest, *, context: Mapping[str, Any] | None = None
    ) -> HttpResponseBase:
        """The list page, its htmx partial (``request.htmx``) or, with ``?export=``, the file.

        The caller has authenticated and authorised the request.
        """
        form = self.bound_form(request)
        qs = self.queryset(request.user, form)
        export = request.GET.get("export")
        if export:
            if export not in self.export_formats:
                # plain text: the format echoed back is the visitor's own input
                return HttpResponseBadRequest(
                    gettext("Unknown export format “%(format)s”.") % {"format": export},
                    content_type="text/plain; charset=utf-8",
                )
            return self.export(qs, user=request.user, fmt=export)
        page = Paginator(qs, self.page_size).get_page(request.GET.get("page"))
        objects = list(page.object_list)
        if self.prepare_page is not None:
            objects = self.prepare_page(objects)
        page.object_list = objects
        ctx = {
            "form": form,
            "page": page,
            "table": self.table(page, user=request.user),
            **(context or {}),
        }
        if getattr(request, "htmx", False):
            return render(request, self.partial_template, ctx)
        return render(request, self.template, ctx)

    def table(self, page: Page[Any], *, user: Any) -> Table:
        shown = self.shown_columns(user, export=False)
        rows = []
        for obj in page.object_list:
            cells = []
            for s in shown:
                value = s.value(obj)
                fmt = s.column.formatter or display_text
                cells.append(Cell(value=value, text=fmt(value), template=s.column.cell))
            rows.append(Row(object=obj, cells=cells))
        return Table(
            id=self.table_id,
            headers=[str(s.column.header) for s in shown],
            rows=rows,
            count_text=self.count_text(page.paginator.count),
            empty_text=str(self.empty_text),
            export_formats=self.export_formats,
        )

    # --- exporting -------------------------------------------------------------------------

    def export_rows(self, qs: QuerySet[Any], *, user: Any) -> Iterator[list[Any]]:
        """The header row, then one list of typed values per row of ``qs`` (in its order).

        Reads ``qs`` in chunks (``iterator``): memory and the number of queries do not grow
        with the number of rows, as long as the columns read only selected relations.
        """
        shown = self.shown_columns(user, export=True)
        yield [str(s.column.header) for s in shown]
        for obj in qs.iterator(chunk_size=EXPORT_CHUNK):
            yield [export_value(s.value(obj)) for s in shown]

    def filename(self, fmt: str) -> str:
        return f"{self.export_name}-{timezone.localdate().isoformat()}.{fmt}"

    def export(self, qs: QuerySet[Any], *, user: Any, fmt: str) -> HttpResponseBase:
        if fmt == "csv":
            return csv_response(self.export_rows(qs, user=user), filename=self.filename("csv"))
        return xlsx_response(
            self.export_rows(qs, user=user),
            filename=self.filename("xlsx"),
            title=str(self.title),
        )


# --- file writers (usable by any report that has rows) ----------------------------------------


def export_value(value: Any) -> Any:
    """A cell value for a spreadsheet: dates stay dates (local, naive), numbers stay numbers,
    booleans become Có/Không, text is NFC as stored, None is empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date | int | float | Decimal):
        return value
    return str(value)


def csv_text(value: Any) -> str:
    """CSV text of an exported value: dates dd/mm/yyyy (what the importer reads back)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(rows: Iterable[list[Any]], *, filename: str) -> StreamingHttpResponse:
    """UTF-8 with BOM (Excel then reads Vietnamese correctly), comma separated, streamed."""
    language = translation.get_language()

    def lines() -> Iterator[bytes]:
        writer = csv.writer(_Echo())
        yield "\ufeff".encode()
        with translation.override(language):
            for row in rows:
                yield writer.writerow([csv_text(v) for v in row]).encode()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def xlsx_response(rows: Iterable[list[Any]], *, filename: str, title: str) -> FileResponse:
    """A write-only workbook (rows go to disk as they come): a bold header row, frozen; dates
    as date cells shown dd/mm/yyyy."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_SHEET_TITLE_FORBIDDEN.sub("-", title)[:31] or "Sheet")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    rows = iter(rows)
    header = [WriteOnlyCell(sheet, value=value) for value in next(rows, [])]
    for cell in header:
        cell.font = bold
    sheet.append(header)

    def date_cell(value: dt.date) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = (
            XLSX_DATETIME_FORMAT if isinstance(value, dt.datetime) else XLSX_DATE_FORMAT
        )
        return cell

    for row in rows:
        # plain values are written as they are; only dates need a styled cell (dd/mm/yyyy)
        sheet.append([date_cell(v) if isinstance(v, dt.date) else v for v in row])
    buffer = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - closed by FileResponse
    workbook.save(buffer)
    buffer.seek(0)
    return FileResponse(
        buffer, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )


def choice_label(model: type[Model], field_name: str) -> Callable[[Any], Any]:
    """A column accessor giving ``row.get_<field>_display()``, fast enough for exports.

    Django's ``get_FOO_display`` rebuilds and hashes the whole choice list on every call, which
    translates every label for every row (half the time of a 10,000-row export); this builds the
    translated labels once per language.
    """
    labels_by_language: dict[str, dict[Any, str]] = {}

    def value(row: Any) -> Any:
        language = translation.get_language() or ""
        labels = labels_by_language.get(language)
        if labels is None:
            choices = model._meta.get_field(field_name).flatchoices  # type: ignore[union-attr]
            labels = labels_by_language[language] = {k: str(v) for k, v in choices}
        raw = getattr(row, field_name)
        return labels.get(raw, raw)

    return value
