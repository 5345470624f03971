"""Reading spreadsheets as offices keep them: .xlsx, .xls (Excel 97–2003) and .csv.

The format is recognised from the file's first bytes, not its name. Formulas are read as the
values Excel last computed (openpyxl ``data_only=True``); macros are never run (neither library
executes anything). Every text cell is converted from the legacy encodings (``encoding.py``) and
NFC-normalised. Whatever goes wrong inside a parser becomes an :class:`ImportFileError` with a
Vietnamese message: a corrupt file is the uploader's problem to fix, never a crash.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from ocop.core.errors import DomainError
from ocop.imports import encoding

XLSX = "xlsx"
XLS = "xls"
CSV = "csv"

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_CELL_CHARS = 32_767  # Excel's own limit; longer text is cut (and then fails a field check)


class ImportFileError(DomainError):
    """The file cannot be read as a spreadsheet; ``message`` says why, in Vietnamese."""


Cell = str | int | float | dt.date | dt.datetime | bool | None


@dataclass
class Row:
    number: int  # the spreadsheet's own row number (1-based)
    cells: list[Cell]

    def text(self, index: int) -> str:
        value = self.cells[index] if index < len(self.cells) else None
        return cell_text(value)

    @property
    def is_empty(self) -> bool:
        return all(cell_text(c) == "" for c in self.cells)


@dataclass
class Sheet:
    name: str
    rows: list[Row] = field(default_factory=list)
    # (first row, first column, last row, last column), 1-based, as in the file (when known)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass
class Workbook:
    format: str
    sheets: list[Sheet]

    def sheet(self, name: str | None) -> Sheet:
        if not self.sheets:
            raise ImportFileError(_("The file contains no sheet."))
        if not name:
            return self.sheets[0]
        for sheet in self.sheets:
            if sheet.name == name or encoding.convert(sheet.name, "unicode") == name:
                return sheet
        raise ImportFileError(
            _("The file has no sheet “%(name)s”. Its sheets: %(names)s.")
            % {"name": name, "names": ", ".join(s.name for s in self.sheets)}
        )


def cell_text(value: Cell) -> str:
    """A cell as text: numbers without a trailing ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def detect_format(head: bytes, filename: str = "") -> str:
    if head.startswith(_ZIP_MAGIC):
        return XLSX
    if head.startswith(_OLE_MAGIC):
        return XLS
    lower = filename.lower()
    if lower.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        # Named like a workbook but not one inside: truncated or not a spreadsheet at all.
        raise ImportFileError(
            _("The file is damaged or is not an Excel workbook (.xlsx or .xls) despite its name.")
        )
    return CSV


def read_workbook(data: bytes, filename: str = "") -> Workbook:
    """Read every sheet of ``data`` (bytes of the uploaded file)."""
    if len(data) > settings.OCOP_IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(mb)s MB; split it into smaller files.")
            % {"mb": settings.OCOP_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if not data:
        raise ImportFileError(_("The file is empty."))
    kind = detect_format(data[:8], filename)
    try:
        if kind == XLSX:
            sheets = _read_xlsx(data)
        elif kind == XLS:
            sheets = _read_xls(data)
        else:
            sheets = [_read_csv(data, filename)]
    except ImportFileError:
        raise
    except MemoryError as exc:
        raise ImportFileError(_("The file is too large to read.")) from exc
    except Exception as exc:
        raise ImportFileError(
            _("The file is damaged or is not a spreadsheet this system can read (%(format)s).")
            % {"format": kind.upper()}
        ) from exc
    for sheet in sheets:
        _to_unicode(sheet)
    return Workbook(format=kind, sheets=sheets)


def _limit_rows(count: int) -> None:
    if count > settings.OCOP_IMPORT_MAX_ROWS:
        raise ImportFileError(
            _("The sheet has more than %(n)s rows; split it into smaller files.")
            % {"n": settings.OCOP_IMPORT_MAX_ROWS}
        )


def _clean(value: Any) -> Cell:
    if isinstance(value, str):
        return value[:MAX_CELL_CHARS]
    if isinstance(value, (int, float, dt.date, bool)) or value is None:
        return value
    return str(value)[:MAX_CELL_CHARS]


def _trim(rows: list[Row]) -> list[Row]:
    """Drop empty trailing rows and empty trailing columns."""
    while rows and rows[-1].is_empty:
        rows.pop()
    for row in rows:
        while row.cells and cell_text(row.cells[-1]) == "":
            row.cells.pop()
    return rows


def _read_xlsx(data: bytes) -> list[Sheet]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets: list[Sheet] = []
        for ws in book.worksheets:
            rows: list[Row] = []
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                _limit_rows(number)
                rows.append(Row(number, [_clean(v) for v in values]))
            sheets.append(Sheet(name=ws.title, rows=_trim(rows)))
        return sheets
    finally:
        book.close()


def _read_xls(data: bytes) -> list[Sheet]:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    sheets: list[Sheet] = []
    try:
        for index in range(book.nsheets):
            ws = book.sheet_by_index(index)
            _limit_rows(ws.nrows)
            rows: list[Row] = []
            for r in range(ws.nrows):
                cells: list[Cell] = []
                for c in range(ws.ncols):
                    cell = ws.cell(r, c)
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        cells.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                        cells.append(None)
                    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                        cells.append(bool(cell.value))
                    else:
                        cells.append(_clean(cell.value))
                rows.append(Row(r + 1, cells))
            merged = [(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in ws.merged_cells]
            sheets.append(Sheet(name=ws.name, rows=_trim(rows), merged=merged))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return sheets


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1258 (Vietnamese Windows, combining marks)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "The CSV file is neither UTF-8 nor Windows-1258 text; save it again as "
                "“CSV UTF-8” from Excel."
            )
        ) from exc


def _delimiter(sample: str) -> str:
    """The separator that splits the first lines into the most columns (Excel in Vietnamese
    locales writes ";"; title rows above the header have one cell whatever the separator)."""
    best, widest = ",", 0
    for candidate in (",", ";", "\t"):
        try:
            lines = list(csv.reader(io.StringIO(sample, newline=""), delimiter=candidate))[:50]
        except csv.Error:
            continue
        width = max((len(line) for line in lines), default=0)
        if width > widest:
            best, widest = candidate, width
    return best


def _read_csv(data: bytes, filename: str) -> Sheet:
    text = decode_text(data)
    if "\x00" in text:
        raise ImportFileError(_("The file is not a text (CSV) file nor an Excel workbook."))
    delimiter = _delimiter(text[:65536])
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, values in enumerate(reader, start=1):
        _limit_rows(number)
        rows.append(Row(number, [_clean(v) if v != "" else None for v in values]))
    name = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "CSV"
    return Sheet(name=name, rows=_trim(rows))


def _to_unicode(sheet: Sheet) -> None:
    """Legacy encodings → Unicode, column by column; every text NFC."""
    width = max((len(r.cells) for r in sheet.rows), default=0)
    for col in range(width):
        positions = [
            (r, r.cells[col])
            for r in sheet.rows
            if col < len(r.cells) and isinstance(r.cells[col], str)
        ]
        converted = encoding.to_unicode_column([str(v) for _r, v in positions])
        for (row, _old), new in zip(positions, converted, strict=True):
            row.cells[col] = new
    sheet.name = unicodedata.normalize(
        "NFC", encoding.convert(sheet.name, encoding.detect(sheet.name)[0])
    )


def iter_text(rows: Iterable[Row]) -> Iterable[str]:
    for row in rows:
        for cell in row.cells:
            text = cell_text(cell)
            if text:
                yield text
