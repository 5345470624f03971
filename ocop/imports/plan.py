"""The preview: what every row of a file would do, before anything is written.

:func:`plan_build` reads the sheet, maps the columns, parses each row's values, resolves its
address, matches its producer and product against the registry (the registry's own duplicate
rules: tax number, or the folded name with legal-form abbreviations expanded in the same
commune or province) and against the earlier rows of the same file, and gives each row one
outcome (:class:`ocop.imports.choices.Outcome`) with Vietnamese messages naming the column.
The commit (``services.import_commit``) builds the same plan inside its transaction and writes
exactly the committable rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ocop.core.errors import DomainError
from ocop.core.text import duplicate_key, fold
from ocop.imports import layout as layout_mod
from ocop.imports import selectors
from ocop.imports.choices import COMMITTABLE, ImportKind, Outcome
from ocop.imports.reading import ImportFileError, Row, Workbook, cell_text, read_workbook
from ocop.imports.values import (
    DecisionRef,
    ValueProblem,
    legal_form_from_text,
    parse_choice,
    parse_date,
    parse_decision,
    parse_legal_form,
    parse_partial_date,
    parse_period,
    parse_product_set,
    parse_score,
    parse_stars,
    parse_year,
    parse_yes_no,
    suggest_product_set,
)

# Field → the label used in messages when the file's own header is unknown.
FIELD_LABELS = {
    "producer_name": "Tên chủ thể",
    "legal_form": "Loại hình",
    "tax_code": "Mã số thuế",
    "representative_name": "Người đại diện",
    "phone": "Điện thoại",
    "email": "Email",
    "address": "Địa chỉ",
    "commune": "Xã/Phường",
    "commune_code": "Mã xã/phường",
    "district": "Huyện",
    "province": "Tỉnh",
    "product_name": "Tên sản phẩm",
    "product_set": "Bộ sản phẩm",
    "legacy_code": "Mã sản phẩm",
    "star": "Hạng sao",
    "score": "Điểm",
    "round_year": "Năm đánh giá",
    "decision": "Số quyết định",
    "decision_date": "Ngày quyết định",
    "certificate_number": "Số giấy chứng nhận",
    "valid_until": "Thời hạn",
    "enterprise_size": "Quy mô doanh nghiệp",
    "representative_title": "Chức vụ",
    "representative_gender": "Giới tính",
    "representative_ethnicity": "Dân tộc",
    "representative_has_disability": "Khuyết tật",
    "representative_personal_id": "Số định danh cá nhân",
    "founded_on": "Ngày thành lập",
    "registered_on": "Ngày đăng ký",
    "product_status": "Trạng thái",
    "authority": "Cơ quan ban hành",
    # targets (issue 12 item 1)
    "indicator": "Chỉ tiêu",
    "target_value": "Giá trị chỉ tiêu",
    "unit": "Đơn vị",
    "unit_code": "Mã đơn vị",
    "period": "Giai đoạn",
    "target_source": "Căn cứ",
    "note": "Ghi chú",
}
MAX_LENGTHS = {
    "producer_name": 255,
    "product_name": 255,
    "representative_name": 150,
    "phone": 30,
    "email": 254,
    "legacy_code": 60,
    "certificate_number": 60,
    "address": 500,
    "representative_title": 100,
    "representative_ethnicity": 50,
    "authority": 255,
}

# Editions and processes by the decision's date (QĐ 148/QĐ-TTg of 24/02/2023 replaced 1048;
# QĐ 1489/QĐ-TTg of 06/07/2025 changed the process; QĐ 26/2026/QĐ-TTg of 22/05/2026 replaced both).
EDITIONS = ((dt.date(2026, 5, 22), "26-2026"), (dt.date(2023, 2, 24), "148-2023"))
PROCESSES = (
    (dt.date(2026, 5, 22), "26-2026"),
    (dt.date(2025, 7, 6), "1489-2025"),
    (dt.date(2023, 2, 24), "148-2023"),
)


def edition_for(day: dt.date | None) -> tuple[str, str]:
    if day is None:
        return "1048-2019", "1048-2019"
    edition = next((code for start, code in EDITIONS if day >= start), "1048-2019")
    process = next((code for start, code in PROCESSES if day >= start), "1048-2019")
    return edition, process


@dataclass
class Options:
    kind: str
    sheet: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)
    as_of: dt.date | None = None


@dataclass
class Review:
    code: str
    message: str


@dataclass
class PlannedProducer:
    key: tuple[str, ...]
    first_row: int
    existing_id: int | None
    name: str
    legal_form: str
    unit_id: int
    tax_code: str = ""
    representative_name: str = ""
    phone: str = ""
    email: str = ""
    address_detail: str = ""
    # what else the row gives: ProducerData's other fields (size, the representative's
    # title and personal data, dates), as the register of producers exports them
    details: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)
    values_seen: tuple[Any, ...] = ()


@dataclass
class PlannedProduct:
    key: tuple[Any, ...]
    first_row: int
    existing_id: int | None
    producer_key: tuple[str, ...]
    name: str
    product_set: int | None
    legacy_code: str = ""
    status: str = ""  # "" → the services' default (draft)
    changes: dict[str, Any] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)
    suggestion: str = ""


@dataclass
class PlannedResult:
    row: int
    product_key: tuple[Any, ...]
    star: int | None
    potential_5: bool
    score: Decimal | None
    round_year: int | None
    certificate_number: str
    valid_until: dt.date | None
    edition: str
    process: str


@dataclass
class PlannedDecision:
    key: tuple[Any, ...]
    kind: str
    first_row: int
    number: str
    signed_on: dt.date | None
    precision: str
    date_until: dt.date | None
    authority_id: int | None = None
    results: list[PlannedResult] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)


@dataclass
class RowPlan:
    row: int
    cells: list[str]
    outcome: str = Outcome.NEW
    messages: list[str] = field(default_factory=list)
    producer_key: tuple[str, ...] | None = None
    product_key: tuple[Any, ...] | None = None
    decision_key: tuple[Any, ...] | None = None
    result: PlannedResult | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "outcome": str(self.outcome), "messages": self.messages}


@dataclass
class Plan:
    kind: str
    sheet_name: str = ""
    sheets: list[str] = field(default_factory=list)
    header_rows: list[int] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)  # (header, field)
    ignored: list[str] = field(default_factory=list)
    context: dict[str, str] = field(default_factory=dict)
    rows: list[RowPlan] = field(default_factory=list)
    producers: dict[tuple[str, ...], PlannedProducer] = field(default_factory=dict)
    products: dict[tuple[Any, ...], PlannedProduct] = field(default_factory=dict)
    decisions: dict[tuple[Any, ...], PlannedDecision] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    province_unit_id: int | None = None
    authority_id: int | None = None
    targets: dict[int, Any] = field(default_factory=dict)  # row → PlannedTarget (kind targets)

    @property
    def counts(self) -> dict[str, int]:
        out = {str(o): 0 for o in Outcome}
        for row in self.rows:
            out[str(row.outcome)] += 1
        return out

    @property
    def has_errors(self) -> bool:
        return any(r.outcome == Outcome.ERROR for r in self.rows)

    @property
    def committable(self) -> list[RowPlan]:
        return [r for r in self.rows if r.outcome in COMMITTABLE]

    def as_json(self) -> dict[str, Any]:
        return {"counts": self.counts, "rows": [r.as_dict() for r in self.rows]}

    def as_preview(self) -> dict[str, Any]:
        """What the web preview stores: the JSON of the CLI plus the columns and context."""
        return {
            **self.as_json(),
            "sheet": self.sheet_name,
            "sheets": self.sheets,
            "columns": [{"header": h, "field": f} for h, f in self.columns],
            "ignored": self.ignored,
            "context": self.context,
        }


ProgressFn = Callable[[int, int], None]


def _message(column: str, problem: str) -> str:
    return _("Column “%(column)s”: %(problem)s.") % {"column": column, "problem": problem}


def plan_file(
    data: bytes,
    filename: str,
    options: Options,
    *,
    actor: Any = None,
    progress: ProgressFn | None = None,
) -> Plan:
    """Read ``data`` and plan it; :class:`ImportFileError` when the file or its columns fail."""
    workbook = read_workbook(data, filename)
    return plan_workbook(workbook, options, actor=actor, progress=progress)


def plan_workbook(
    workbook: Workbook,
    options: Options,
    *,
    actor: Any = None,
    progress: ProgressFn | None = None,
) -> Plan:
    if options.kind not in ImportKind.values:
        raise ImportFileError(_("Unknown kind of import “%(kind)s”.") % {"kind": options.kind})
    sheet = workbook.sheet(options.sheet)
    found = layout_mod.find_layout(sheet, options.kind, options.mapping)
    if not found.columns:
        raise ImportFileError(
            _(
                "No header row found in sheet “%(sheet)s”: no row names the columns "
                "(for example “Tên sản phẩm”, “Tên chủ thể”, “Hạng sao”)."
            )
            % {"sheet": sheet.name}
        )
    missing = [f for f in layout_mod.REQUIRED_FIELDS[options.kind] if f not in found.fields]
    if missing:
        raise ImportFileError(
            _("Column missing: %(fields)s. Columns found: %(headers)s.")
            % {
                "fields": ", ".join(f"“{FIELD_LABELS[f]}”" for f in missing),
                "headers": ", ".join(f"“{c.header}”" for c in found.columns if c.header),
            }
        )
    planner: Any
    if options.kind == ImportKind.TARGETS:
        from ocop.imports.targets import TargetPlanner

        plan = Plan(kind=options.kind, header_rows=found.header_rows, ignored=found.ignored)
        plan.columns = [(c.header, c.field) for c in found.columns]
        plan.header = [c.header for c in found.columns]
        planner = TargetPlanner(plan, options, found, actor)
    else:
        planner = _Planner(options, found, actor)
        plan = planner.plan
    plan.sheet_name = sheet.name
    plan.sheets = [s.name for s in workbook.sheets]
    total = len(found.data)
    for i, row in enumerate(found.data, start=1):
        planner.add_row(row)
        if progress is not None and (i % 200 == 0 or i == total):
            progress(i, total)
    planner.finish()
    return plan


@dataclass
class ColumnsView:
    """What the mapping step shows: the sheets, the header found and each column's field."""

    sheets: list[str]
    sheet: str
    columns: list[tuple[str, str]]
    rows: int
    error: str = ""


def columns_view(data: bytes, filename: str, options: Options) -> ColumnsView:
    try:
        workbook = read_workbook(data, filename)
        sheet = workbook.sheet(options.sheet)
    except ImportFileError as exc:
        return ColumnsView(sheets=[], sheet="", columns=[], rows=0, error=exc.message)
    found = layout_mod.find_layout(sheet, options.kind, options.mapping)
    return ColumnsView(
        sheets=[s.name for s in workbook.sheets],
        sheet=sheet.name,
        columns=[(c.header, c.field) for c in found.columns if c.header],
        rows=len(found.data),
    )


class _Planner:
    def __init__(self, options: Options, found: layout_mod.Layout, actor: Any) -> None:
        self.options = options
        self.kind = options.kind
        self.layout = found
        self.actor = actor
        self.plan = Plan(kind=options.kind)
        self.plan.header_rows = found.header_rows
        self.plan.columns = [(c.header, c.field) for c in found.columns]
        self.plan.header = [c.header for c in found.columns]
        self.plan.ignored = found.ignored
        self.columns = {c.field: c for c in found.columns if c.field}
        self.seen_rows: dict[tuple[str, ...], int] = {}
        self.address_cache: dict[str, tuple[int | None, list[Review], str]] = {}
        self.scope_cache: dict[int, str] = {}
        self.scope_ids = selectors.scope_unit_ids(actor) if actor is not None else None
        self.province_keys: dict[int, int] = {}
        self.certificate_numbers: set[str] = set()
        self.sets = selectors.product_sets()
        self.legal_form_choices = selectors.legal_form_choices()
        self.choices = selectors.import_choices()
        self.authorities: dict[str, Any] = {}
        # bulk look-ups: the registered producers the rows may name (by tax number and
        # duplicate key, a few queries for the file), units and products read once each
        self.duplicates = selectors.producer_index(
            names=[cell_text(self._raw(r, "producer_name")) for r in found.data],
            tax_codes=[cell_text(self._raw(r, "tax_code")) for r in found.data],
        )
        self.units: dict[int, Any] = {}
        self.products_of: dict[int, dict[str, Any]] = {}
        self._context(found.title)
        from ocop.geo.resolver import Resolver

        self.resolver = Resolver()

    # -- context --------------------------------------------------------------------------

    def _context(self, title: list[str]) -> None:
        ctx = layout_mod.title_context(title)
        given = {k: v for k, v in self.options.context.items() if v}
        period_text = given.get("period", "")
        self.period = parse_period(period_text) if period_text else ctx.period
        if period_text and self.period is None:
            raise ImportFileError(
                _("Context period “%(value)s” is not a period such as 2019-2021.")
                % {"value": period_text}
            )
        self.as_of = self.options.as_of
        if self.as_of is None and self.period is not None:
            self.as_of = dt.date(self.period[1], 12, 31)
        province = selectors.province_for_context(
            code=given.get("province", ""), name=ctx.province_name, as_of=self.as_of
        )
        if given.get("province") and province is None:
            raise ImportFileError(_("No province has code %(code)s.") % {"code": given["province"]})
        self.province = province
        self.plan.province_unit_id = province.pk if province else None
        authority_name = given.get("authority") or ctx.authority
        self.authority = selectors.authority_by_name(authority_name) if authority_name else None
        if given.get("authority") and self.authority is None:
            raise ImportFileError(
                _("No issuing authority is named “%(name)s”.") % {"name": given["authority"]}
            )
        self.plan.authority_id = self.authority.pk if self.authority else None
        self.plan.context = {
            "province": f"{province.full_name} ({province.code})" if province else "",
            "authority": self.authority.name if self.authority else "",
            "period": f"{self.period[0]}-{self.period[1]}" if self.period else "",
        }

    # -- cells ----------------------------------------------------------------------------

    def _label(self, field_name: str) -> str:
        column = self.columns.get(field_name)
        return column.header if column is not None else FIELD_LABELS[field_name]

    def _raw(self, row: Row, field_name: str) -> Any:
        column = self.columns.get(field_name)
        if column is None or column.index >= len(row.cells):
            return None
        return row.cells[column.index]

    def _text(self, row: Row, field_name: str, problems: list[str]) -> str:
        text = cell_text(self._raw(row, field_name))
        limit = MAX_LENGTHS.get(field_name)
        if limit and len(text) > limit:
            problems.append(
                _message(
                    self._label(field_name),
                    _("the text is longer than %(n)s characters") % {"n": limit},
                )
            )
            return text[:limit]
        return text

    def _parse(
        self, row: Row, field_name: str, parser: Callable[..., Any], problems: list[str], *args: Any
    ) -> Any:
        try:
            return parser(self._raw(row, field_name), *args)
        except ValueProblem as exc:
            problems.append(_message(self._label(field_name), str(exc)))
            return None

    # -- addresses --------------------------------------------------------------------------

    def _address(self, row: Row, problems: list[str]) -> tuple[int | None, list[Review], str]:
        parts = [
            self._text(row, f, problems) for f in ("address", "commune", "district", "province")
        ]
        detail = parts[0]
        code = self._text(row, "commune_code", problems)
        if code:
            # An exported register names the unit by its code: exact, the address is the detail.
            unit_id = self._unit_by_code(code, parts[1])
            if unit_id is None:
                problems.append(
                    _message(
                        self._label("commune_code"),
                        _("no commune has code %(code)s") % {"code": code},
                    )
                )
            return unit_id, [], detail
        text = ", ".join(p for p in parts if p)
        if text in self.address_cache:
            return self.address_cache[text]
        result = self._resolve(text)
        if result[0] is None and text:
            problems.append(
                _message(
                    self._label("address" if parts[0] else "commune"),
                    _("no administrative unit matches “%(text)s”") % {"text": text},
                )
            )
        elif result[0] is None:
            problems.append(
                _message(
                    self._label("address"),
                    _("empty, and the file names no province (give --context province=CODE)"),
                )
            )
        out = (result[0], result[1], detail)
        if result[0] is not None or not text:
            self.address_cache[text] = out
        return out

    def _unit_by_code(self, code: str, name: str) -> int | None:
        """A commune by its official code; a code both maps use is told apart by the name."""
        found = [
            u
            for u in self.resolver.index.units.values()
            if u.code == code.strip().zfill(5) and u.level == "commune"
        ]
        # the registers' exports name a legacy commune with its old district and province
        # ("Xã Phong Thạnh, huyện Cầu Kè, tỉnh Trà Vinh"), today's by its name alone
        first, _sep, rest = name.partition(",")
        if len(found) > 1 and first:
            found = [u for u in found if fold(u.full_name) == fold(first)] or found
        if len(found) > 1:
            era = "legacy" if rest.strip() else "current"
            found = [u for u in found if u.era == era]
        return found[0].id if len(found) == 1 else None

    def _resolve(self, text: str) -> tuple[int | None, list[Review]]:
        index = self.resolver.index
        province = self.province
        if not text:
            if province is None:
                return None, []
            return province.pk, [
                Review(
                    "address_missing",
                    _("No address: recorded under %(unit)s until completed.")
                    % {"unit": province.full_name},
                )
            ]
        resolution = self.resolver.resolve(
            text, province=province.code if province else None, as_of=self.as_of
        )
        best = resolution.best
        if best is not None:
            unit = best.unit
            if unit.level == "commune":
                return unit.id, []
            return unit.id, [
                Review(
                    "address_coarse",
                    _("The address “%(text)s” names no commune: recorded under %(unit)s.")
                    % {"text": text, "unit": unit.full_name},
                )
            ]
        if not resolution.matches:
            return None, []
        top = resolution.matches[0].confidence
        tops = [m for m in resolution.matches if round(top - m.confidence, 2) < 0.1]
        chains = [[m.unit.id, *index.ancestors(m.unit)] for m in tops]
        common = [u for u in chains[0] if all(u in c for c in chains[1:])]
        unit_id = common[0] if common else (province.pk if province else None)
        if unit_id is None:
            return None, []
        names = ", ".join(
            f"{m.unit.full_name} ({', '.join(p.full_name for p in m.parents)})" for m in tops[:4]
        )
        return unit_id, [
            Review(
                "address_ambiguous",
                _(
                    "The address “%(text)s” fits several places (%(names)s): recorded under "
                    "%(unit)s until completed."
                )
                % {"text": text, "names": names, "unit": index.units[unit_id].full_name},
            )
        ]

    def _province_key(self, unit_id: int) -> int:
        """Today's province of a unit (legacy units through lineage): the duplicate scope."""
        if unit_id not in self.province_keys:
            self.province_keys[unit_id] = self._compute_province_key(unit_id)
        return self.province_keys[unit_id]

    def _compute_province_key(self, unit_id: int) -> int:
        entry = self.resolver.index.units[unit_id]
        if entry.era == "current":
            return unit_id if entry.level == "province" else (entry.province_id or unit_id)
        if entry.level == "province":
            provinces = sorted(
                {
                    p
                    for u in self.resolver.index.units.values()
                    if u.province_id == unit_id and u.level == "commune"
                    for p in u.current_province_ids
                }
            )
            return provinces[0] if provinces else unit_id
        return min(entry.current_province_ids, default=unit_id)

    def _check_scope(self, unit_id: int) -> str:
        if self.actor is None:
            return ""
        if self.scope_ids is None:
            return ""
        if unit_id not in self.scope_cache:
            self.scope_cache[unit_id] = (
                "" if unit_id in self.scope_ids
                else selectors.scope_problem(user=self.actor, unit_id=unit_id)
            )  # fmt: skip
        return self.scope_cache[unit_id]

    # -- rows -----------------------------------------------------------------------------

    def add_row(self, row: Row) -> None:
        cells = [cell_text(c) for c in row.cells]
        plan_row = RowPlan(row=row.number, cells=cells)
        self.plan.rows.append(plan_row)
        identity = tuple(cell_text(self._raw(row, c.field)) for c in self.columns.values())
        if identity in self.seen_rows:
            plan_row.outcome = Outcome.DUPLICATE
            plan_row.messages.append(
                _("Exact repeat of row %(row)s: skipped.") % {"row": self.seen_rows[identity]}
            )
            return
        self.seen_rows[identity] = row.number
        problems: list[str] = []
        reviews: list[Review] = []
        writes: list[str] = []  # "new" / "update" per entity this row introduces or changes
        producer = self._producer(row, plan_row, problems, reviews, writes)
        if self.kind != ImportKind.PRODUCERS and producer is not None:
            product = self._product(row, plan_row, producer, problems, reviews, writes)
            if self.kind == ImportKind.CERTIFICATES and product is not None:
                self._certificate(row, plan_row, product, problems, reviews, writes)
        elif self.kind != ImportKind.PRODUCERS:
            # still report the row's other problems
            self._text(row, "product_name", problems)
            if self.kind == ImportKind.CERTIFICATES:
                self._parse(row, "star", parse_stars, problems)
        if problems:
            plan_row.outcome = Outcome.ERROR
            plan_row.messages = problems
            return
        messages = [r.message for r in reviews]
        if not writes:
            plan_row.outcome = Outcome.UNCHANGED
        elif reviews:
            plan_row.outcome = Outcome.REVIEW
        else:
            plan_row.outcome = Outcome.NEW if "new" in writes else Outcome.UPDATE
        plan_row.messages = messages + plan_row.messages

    def _producer(
        self,
        row: Row,
        plan_row: RowPlan,
        problems: list[str],
        reviews: list[Review],
        writes: list[str],
    ) -> PlannedProducer | None:
        name = self._text(row, "producer_name", problems)
        if not name:
            problems.append(_message(self._label("producer_name"), _("empty")))
        legal_form = self._parse(
            row, "legal_form", parse_legal_form, problems, self.legal_form_choices
        )
        tax_code = self._text(row, "tax_code", problems)
        if tax_code:
            try:
                tax_code = selectors.tax_code_check(
                    tax_code=tax_code, legal_form=legal_form or "unknown"
                )
            except DomainError as exc:
                problems.append(_message(self._label("tax_code"), exc.message.rstrip(".")))
        unit_id, address_reviews, detail = self._address(row, problems)
        if not name or unit_id is None:
            return None
        scope = self._check_scope(unit_id)
        if scope:
            problems.append(_message(self._label("address"), scope.rstrip(".")))
            return None
        province_id = self._province_key(unit_id)
        key: tuple[str, ...] = (
            ("tax", tax_code) if tax_code else ("name", duplicate_key(name), str(province_id))
        )
        planned = self.plan.producers.get(key)
        if planned is None and tax_code:
            planned = self.plan.producers.get(("name", duplicate_key(name), str(province_id)))
        details = self._details(row, problems) if self.kind == ImportKind.PRODUCERS else {}
        representative, phone, email = (
            self._text(row, f, problems) for f in ("representative_name", "phone", "email")
        )
        seen = (
            name,
            legal_form or "",
            tax_code,
            representative,
            phone,
            email,
            *sorted(details.items()),
        )
        if planned is not None:
            plan_row.producer_key = planned.key
            if self.kind != ImportKind.PRODUCERS:
                plan_row.messages.append(
                    _("Same producer as row %(row)s.") % {"row": planned.first_row}
                )
            elif seen != planned.values_seen:
                problems.append(
                    _("The same producer is on row %(row)s with other details; keep one row.")
                    % {"row": planned.first_row}
                )
            return planned
        form_reviews: list[Review] = []
        if not legal_form:
            guessed = legal_form_from_text(name)
            legal_form = guessed or "unknown"
            if not guessed:
                form_reviews.append(
                    Review(
                        "legal_form",
                        _("Legal form not given and not clear from the name “%(name)s”.")
                        % {"name": name},
                    )
                )
        try:
            if unit_id not in self.units:
                self.units[unit_id] = selectors.unit_for_match(unit_id)
            existing = selectors.producer_match(
                name=name,
                tax_code=tax_code,
                unit_id=unit_id,
                unit=self.units[unit_id],
                index=self.duplicates,
            )
        except DomainError as exc:
            problems.append(_message(self._label("producer_name"), exc.message.rstrip(".")))
            return None
        planned = PlannedProducer(
            key=key,
            first_row=row.number,
            existing_id=existing.pk if existing else None,
            name=name,
            legal_form=legal_form,
            unit_id=unit_id,
            tax_code=tax_code,
            representative_name=representative,
            phone=phone,
            email=email,
            address_detail=(
                detail if self.columns.get("commune") or self.columns.get("commune_code") else ""
            ),
            details=details,
            values_seen=seen,
        )
        self.plan.producers[key] = planned
        plan_row.producer_key = key
        if existing is None:
            planned.reviews = form_reviews + address_reviews
            reviews.extend(planned.reviews)
            writes.append("new")
        elif self.kind == ImportKind.PRODUCERS:
            planned.changes = selectors.producer_changes(
                existing,
                legal_form=legal_form if legal_form != "unknown" else "",
                tax_code=tax_code,
                representative_name=representative,
                phone=phone,
                email=email,
            ) | {k: v for k, v in details.items() if getattr(existing, k) != v}
            if planned.changes:
                writes.append("update")
                plan_row.messages.append(
                    _("Updates %(fields)s of the registered producer.")
                    % {"fields": ", ".join(selectors.field_labels(planned.changes))}
                )
            else:
                plan_row.messages.append(_("Already registered, no change."))
        else:
            plan_row.messages.append(_("Producer already registered: linked."))
        return planned

    def _details(self, row: Row, problems: list[str]) -> dict[str, Any]:
        """The producer's other fields a row gives (empty cells: not stated, left as they are)."""
        out: dict[str, Any] = {}
        for name in layout_mod.PRODUCER_DETAIL_FIELDS:
            if name not in self.columns:
                continue
            value: Any
            if name in self.choices:
                value = self._parse(row, name, parse_choice, problems, self.choices[name])
            elif name == "representative_has_disability":
                value = self._parse(row, name, parse_yes_no, problems)
            elif name in ("founded_on", "registered_on"):
                value = self._parse(row, name, parse_date, problems)
            else:
                value = self._text(row, name, problems)
            if name == "representative_personal_id" and value:
                try:
                    value = selectors.personal_id_check(value)
                except DomainError as exc:
                    problems.append(_message(self._label(name), exc.message.rstrip(".")))
            if value is not None and value != "":
                out[name] = value
        founded, registered = out.get("founded_on"), out.get("registered_on")
        if founded and registered and registered < founded:
            problems.append(
                _message(
                    self._label("registered_on"),
                    _("%(registered)s is before the founding date %(founded)s")
                    % {
                        "registered": registered.strftime("%d/%m/%Y"),
                        "founded": founded.strftime("%d/%m/%Y"),
                    },
                )
            )
        return out

    def _authority(self, row: Row, problems: list[str]) -> Any:
        """The row's issuing authority (an "Cơ quan ban hành" column), else the file's."""
        name = self._text(row, "authority", problems)
        if not name:
            return self.authority
        if name not in self.authorities:
            self.authorities[name] = selectors.authority_by_name(name)
        if self.authorities[name] is None:
            problems.append(
                _message(
                    self._label("authority"),
                    _("no issuing authority is named “%(name)s”") % {"name": name},
                )
            )
        return self.authorities[name]

    def _product(
        self,
        row: Row,
        plan_row: RowPlan,
        producer: PlannedProducer,
        problems: list[str],
        reviews: list[Review],
        writes: list[str],
    ) -> PlannedProduct | None:
        name = self._text(row, "product_name", problems)
        if not name:
            problems.append(_message(self._label("product_name"), _("empty")))
            return None
        product_set = self._parse(row, "product_set", parse_product_set, problems, self.sets)
        legacy_code = self._text(row, "legacy_code", problems)
        status = self._parse(
            row, "product_status", parse_choice, problems, self.choices["product_status"]
        )
        key = (producer.key, fold(name))
        planned = self.plan.products.get(key)
        if planned is not None:
            plan_row.product_key = key
            return planned
        existing = None
        if producer.existing_id:
            if producer.existing_id not in self.products_of:
                self.products_of[producer.existing_id] = selectors.products_by_name(
                    producer_id=producer.existing_id
                )
            existing = self.products_of[producer.existing_id].get(fold(name))
        planned = PlannedProduct(
            key=key,
            first_row=row.number,
            existing_id=existing.pk if existing else None,
            producer_key=producer.key,
            name=name,
            product_set=product_set,
            legacy_code=legacy_code,
            status=status or "",
        )
        self.plan.products[key] = planned
        plan_row.product_key = key
        if existing is None:
            if product_set is None:
                suggested = suggest_product_set(name)
                suggestion = (
                    _("Suggested: set %(number)s, %(name)s.")
                    % {"number": suggested, "name": self.sets[suggested][1]}
                    if suggested
                    else ""
                )
                planned.suggestion = suggestion
                no_set = _("No product set given.")
                planned.reviews.append(Review("product_set", f"{no_set} {suggestion}".strip()))
                reviews.extend(planned.reviews)
            writes.append("new")
        else:
            planned.changes = selectors.product_changes(
                existing, product_set=product_set, legacy_code=legacy_code, status=status or ""
            )
            if planned.changes and self.kind == ImportKind.PRODUCTS:
                writes.append("update")
                plan_row.messages.append(_("Updates the registered product."))
            elif self.kind == ImportKind.PRODUCTS:
                plan_row.messages.append(_("Already registered, no change."))
            else:
                planned.changes = {}
                plan_row.messages.append(_("Product already registered: linked."))
        return planned

    def _certificate(
        self,
        row: Row,
        plan_row: RowPlan,
        product: PlannedProduct,
        problems: list[str],
        reviews: list[Review],
        writes: list[str],
    ) -> None:
        stars = self._parse(row, "star", parse_stars, problems)
        if stars is None and not problems:
            problems.append(_message(self._label("star"), _("empty")))
        score = self._parse(row, "score", parse_score, problems)
        round_year = self._parse(row, "round_year", parse_year, problems)
        ref: DecisionRef | None = self._parse(row, "decision", parse_decision, problems)
        partial = parse_partial_date(self._raw(row, "decision_date"))
        decision_date = None if partial else self._parse(row, "decision_date", parse_date, problems)
        valid_until = self._parse(row, "valid_until", parse_date, problems)
        certificate_number = self._text(row, "certificate_number", problems)
        authority = self._authority(row, problems)
        if (
            ref is not None
            and decision_date is not None
            and ref.signed_on not in (None, decision_date)
        ):
            problems.append(
                _message(
                    self._label("decision_date"),
                    _("%(date)s differs from the date in “%(decision)s”")
                    % {
                        "date": decision_date.strftime("%d/%m/%Y"),
                        "decision": cell_text(self._raw(row, "decision")),
                    },
                )
            )
        if authority is None and not cell_text(self._raw(row, "authority")):
            problems.append(
                _(
                    "The issuing authority is unknown: the title rows name none "
                    "(give --context authority='UBND tỉnh …')."
                )
            )
        if problems or stars is None:
            return
        if ref is None:
            problems.append(_message(self._label("decision"), _("empty")))
            return
        star: int | None = stars.star
        kind = "recognition"
        authority_kind = authority.kind if authority else ""
        if star is not None and star < 3:
            # QĐ 26/2026 Điều 4.1.a: no recognition and no certificate below 3★.
            problems.append(
                _message(self._label("star"), _("only products rated 3 to 5 stars are recognised"))
            )
            return
        if star == 5 and authority_kind != "ministry":
            # QĐ 26/2026 Điều 4.1: the ministry recognises 5★, the province 3★ and 4★.
            problems.append(
                _message(
                    self._label("star"),
                    _("5-star products are recognised by the ministry, not by %(authority)s")
                    % {"authority": authority.name if authority else ""},
                )
            )
            return
        number = ref.number
        signed_on = ref.signed_on or decision_date
        row_reviews: list[Review] = []
        start: dt.date | None
        until: dt.date | None
        if signed_on is not None:
            precision, start, until = "day", signed_on, None
        elif partial is not None:
            precision, start, until = partial.precision, partial.start, partial.until
            row_reviews.append(
                Review(
                    "date_partial",
                    _("Decision date known only as “%(text)s”.")
                    % {"text": cell_text(self._raw(row, "decision_date"))},
                )
            )
        elif round_year is not None and self.period is None:
            precision, start, until = "year", dt.date(round_year, 1, 1), dt.date(round_year, 12, 31)
            row_reviews.append(
                Review(
                    "date_year",
                    _("Decision date unknown: only the year %(year)s is known.")
                    % {"year": round_year},
                )
            )
        elif self.period is not None:
            precision = "period" if self.period[0] != self.period[1] else "year"
            start = dt.date(self.period[0], 1, 1)
            until = dt.date(self.period[1], 12, 31)
            row_reviews.append(
                Review(
                    "date_period",
                    _("Decision date unknown: the file's period %(first)s–%(last)s is recorded.")
                    % {"first": self.period[0], "last": self.period[1]},
                )
            )
        else:
            precision, start, until = "unknown", None, None
            row_reviews.append(Review("date_unknown", _("Decision date unknown.")))
        edition, process = edition_for(signed_on or until)
        if stars.potential_5 and process == "26-2026":
            # QĐ 26/2026 Điều 7.3.e: ≥ 90 points → the result is approved, no certificate.
            star, kind = None, "result_approval"
        key = (authority.pk if authority else None, kind, number, precision, start, until)
        decision = self.plan.decisions.get(key)
        if decision is None:
            decision = PlannedDecision(
                key=key,
                kind=kind,
                first_row=row.number,
                number=number,
                signed_on=start,
                precision=precision,
                date_until=until if precision != "day" else None,
                authority_id=authority.pk if authority else None,
                reviews=row_reviews,
            )
            self.plan.decisions[key] = decision
        plan_row.decision_key = key
        result = PlannedResult(
            row=row.number,
            product_key=product.key,
            star=star,
            potential_5=stars.potential_5,
            score=score,
            round_year=round_year,
            certificate_number=certificate_number,
            valid_until=valid_until,
            edition=edition,
            process=process,
        )
        if any(r.product_key == product.key for r in decision.results):
            problems.append(
                _("The same product is already listed in this decision on another row.")
            )
            return
        if authority is None:
            return
        if product.existing_id and selectors.result_exists(
            product_id=product.existing_id,
            authority_id=authority.pk,
            number=number,
            signed_on=start,
        ):
            plan_row.messages.append(_("Certificate already recorded: no change."))
            return
        if selectors.decision_exists(authority_id=authority.pk, number=number, signed_on=start):
            problems.append(
                _message(
                    self._label("decision"),
                    _("decision %(number)s is already recorded without this product")
                    % {"number": number},
                )
            )
            return
        if certificate_number and (
            certificate_number in self.certificate_numbers
            or selectors.certificate_number_taken(certificate_number)
        ):
            problems.append(
                _message(
                    self._label("certificate_number"),
                    _("certificate number %(number)s is already used")
                    % {"number": certificate_number},
                )
            )
            return
        if certificate_number:
            self.certificate_numbers.add(certificate_number)
        decision.results.append(result)
        plan_row.result = result
        reviews.extend(row_reviews)
        writes.append("new" if not product.existing_id else "update")

    def finish(self) -> None:
        """Rows whose producer or product is used only by error rows are not planned."""
