"""The import kind ``targets``: a province's programme targets from a spreadsheet (issue 12 item 1).

A row names the unit (a province or a commune, by code or by name), the period, the indicator and
the target value; the period may instead come from the title ("GIAI ĐOẠN 2022 - 2025") or
``--context period=2022-2025``. The unit is looked up on the map of the target's period: the map
in force on 1 January of its first year, so a 2022–2025 target names the legacy communes and a
2026–2030 one today's (issue 12 item 7; the reorganisation of NQ 202/2025/QH15 took effect on
01/07/2025). Each row is planned against the targets already recorded — ``new``, ``update`` (the
value, source or note differ) or ``unchanged`` — and written by ``programme.services.target_set``,
which checks the actor's role and scope and audits the change, so re-importing a file changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.core.errors import DomainError
from ocop.core.text import fold
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import CURRENT_MAP_CODE, LEGACY_MAP_CODE, REFORM_DATE
from ocop.imports import layout as layout_mod
from ocop.imports import selectors
from ocop.imports.choices import Outcome
from ocop.imports.reading import ImportFileError, Row, cell_text
from ocop.imports.values import parse_period
from ocop.programme.models import Indicator, Period, Target

if TYPE_CHECKING:
    from ocop.imports.plan import Options

# Who may set targets: the same roles as ``programme.services.TARGET_ROLES``.
TARGET_ROLES = (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE)

LABELS = {
    "unit": "Đơn vị",
    "unit_code": "Mã đơn vị",
    "period": "Giai đoạn",
    "indicator": "Chỉ tiêu",
    "target_value": "Giá trị chỉ tiêu",
    "target_source": "Căn cứ",
    "note": "Ghi chú",
}
_TYPE_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?|xa|phuong|thi tran|dac khu)\s+")


def _message(column: str, problem: str) -> str:
    return _("Column “%(column)s”: %(problem)s.") % {"column": column, "problem": problem}


def map_for_period(period: Period) -> str:
    """The map a target over ``period`` is set on: legacy before 01/07/2025, else today's."""
    return LEGACY_MAP_CODE if dt.date(period.start_year, 1, 1) < REFORM_DATE else CURRENT_MAP_CODE


def parse_target_value(value: Any) -> Decimal | None:
    """ "100", "1.234", "1.234,5", "35%", a number cell → a Decimal (2 places); "" → None."""
    text = cell_text(value)
    if not text:
        return None
    cleaned = text.replace(" ", "").rstrip("%")
    if isinstance(value, int | float) and not isinstance(value, bool):
        cleaned = str(value)
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 1.234,5
    elif re.fullmatch(r"\d+,\d+", cleaned):
        cleaned = cleaned.replace(",", ".")  # 35,5
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("cannot read “%(value)s” as a number") % {"value": text}) from None
    if not number.is_finite():
        raise ValueError(_("cannot read “%(value)s” as a number") % {"value": text})
    return number.quantize(Decimal("0.01"))


@dataclass
class PlannedTarget:
    row: int
    indicator_id: int
    period_id: int
    unit_id: int
    value: Decimal
    source: str | None  # None: the file has no such column (the recorded one is kept)
    note: str | None
    existing_id: int | None = None


@dataclass
class _Context:
    period: Period | None
    province: AdminUnit | None
    messages: list[str] = field(default_factory=list)


class TargetPlanner:
    """Plans the rows of a targets sheet into ``plan`` (a :class:`ocop.imports.plan.Plan`)."""

    def __init__(self, plan: Any, options: Options, found: layout_mod.Layout, actor: Any) -> None:
        self.plan = plan
        self.options = options
        self.actor = actor
        self.columns = {c.field: c for c in found.columns if c.field}
        self.periods = {(p.start_year, p.end_year): p for p in Period.objects.all()}
        self.indicators: dict[str, Indicator] = {}
        for indicator in Indicator.objects.all():
            self.indicators[fold(indicator.key)] = indicator
            self.indicators.setdefault(fold(indicator.name), indicator)
        self.unit_cache: dict[tuple[str, ...], tuple[AdminUnit | None, str]] = {}
        self.scope_ids = selectors.scope_unit_ids(actor) if actor is not None else None
        self.scope_cache: dict[int, str] = {}
        self.keys: dict[tuple[int, int, int], PlannedTarget] = {}
        self.seen: dict[tuple[str, ...], int] = {}
        self.recorded: dict[tuple[int, int], dict[int, Target]] = {}
        self.context = self._context(found.title)

    # -- context ------------------------------------------------------------------------

    def _context(self, title: list[str]) -> _Context:
        ctx = layout_mod.title_context(title)
        given = {k: v for k, v in self.options.context.items() if v}
        years = parse_period(given["period"]) if given.get("period") else ctx.period
        if given.get("period") and years is None:
            raise ImportFileError(
                _("Context period “%(value)s” is not a period such as 2019-2021.")
                % {"value": given["period"]}
            )
        period = self.periods.get(years) if years else None
        if given.get("period") and period is None:
            raise ImportFileError(
                _("No programme period %(value)s is known (known: %(known)s).")
                % {"value": given["period"], "known": self._known_periods()}
            )
        as_of = dt.date(period.start_year, 1, 1) if period else None
        province = selectors.province_for_context(
            code=given.get("province", ""), name=ctx.province_name, as_of=as_of
        )
        if given.get("province") and province is None:
            raise ImportFileError(_("No province has code %(code)s.") % {"code": given["province"]})
        self.plan.province_unit_id = province.pk if province else None
        self.plan.context = {
            "province": f"{province.full_name} ({province.code})" if province else "",
            "authority": "",
            "period": period.code if period else "",
        }
        return _Context(period=period, province=province)

    def _known_periods(self) -> str:
        return ", ".join(p.code for p in sorted(self.periods.values(), key=lambda p: p.start_year))

    # -- cells --------------------------------------------------------------------------

    def _label(self, name: str) -> str:
        column = self.columns.get(name)
        if column is not None:
            return column.header
        from ocop.imports.plan import FIELD_LABELS

        return FIELD_LABELS.get(name, name)

    def _text(self, row: Row, name: str) -> str:
        column = self.columns.get(name)
        if column is None or column.index >= len(row.cells):
            return ""
        return cell_text(row.cells[column.index])

    def _raw(self, row: Row, name: str) -> Any:
        column = self.columns.get(name)
        if column is None or column.index >= len(row.cells):
            return None
        return row.cells[column.index]

    # -- rows ---------------------------------------------------------------------------

    def add_row(self, row: Row) -> None:
        from ocop.imports.plan import RowPlan

        plan_row = RowPlan(row=row.number, cells=[cell_text(c) for c in row.cells])
        self.plan.rows.append(plan_row)
        identity = tuple(self._text(row, name) for name in self.columns)
        if identity in self.seen:
            plan_row.outcome = Outcome.DUPLICATE
            plan_row.messages.append(
                _("Exact repeat of row %(row)s: skipped.") % {"row": self.seen[identity]}
            )
            return
        self.seen[identity] = row.number
        problems: list[str] = []
        if self.actor is not None and not (
            self.actor.is_superuser or self.actor.has_role(*TARGET_ROLES)
        ):
            problems.append(_("Only the provincial or national OCOP office sets targets."))
        period = self._period(row, problems)
        indicator = self._indicator(row, problems)
        value = self._value(row, indicator, problems)
        unit = self._unit(row, period, problems) if period is not None else None
        if unit is not None and not problems:
            scope = self._scope(unit)
            if scope:
                problems.append(_message(self._unit_label(), scope.rstrip(".")))
        if problems or period is None or indicator is None or unit is None or value is None:
            plan_row.outcome = Outcome.ERROR
            plan_row.messages = problems
            return
        key = (indicator.pk, period.pk, unit.pk)
        earlier = self.keys.get(key)
        if earlier is not None:
            plan_row.outcome = Outcome.ERROR
            plan_row.messages = [
                _(
                    "Row %(row)s already sets this indicator for %(unit)s over %(period)s; "
                    "keep one row."
                )
                % {"row": earlier.row, "unit": unit.full_name, "period": period.name}
            ]
            return
        source = self._text(row, "target_source")[:300] if "target_source" in self.columns else None
        note = self._text(row, "note")[:500] if "note" in self.columns else None
        planned = PlannedTarget(
            row=row.number,
            indicator_id=indicator.pk,
            period_id=period.pk,
            unit_id=unit.pk,
            value=value,
            source=source,
            note=note,
        )
        self.keys[key] = planned
        existing = self._recorded(indicator.pk, period.pk).get(unit.pk)
        where = _("%(indicator)s, %(unit)s, %(period)s: %(value)s") % {
            "indicator": indicator.name,
            "unit": unit.full_name,
            "period": period.name,
            "value": _number(value),
        }
        if existing is None:
            plan_row.outcome = Outcome.NEW
            plan_row.messages.append(where)
        else:
            planned.existing_id = existing.pk
            changed = existing.value != value or any(
                given is not None and given != recorded
                for given, recorded in ((source, existing.source), (note, existing.note))
            )
            if changed:
                plan_row.outcome = Outcome.UPDATE
                plan_row.messages.append(
                    _("%(where)s (recorded: %(old)s).")
                    % {"where": where, "old": _number(existing.value)}
                )
            else:
                plan_row.outcome = Outcome.UNCHANGED
                plan_row.messages.append(_("Target already recorded, no change."))
        if plan_row.outcome != Outcome.UNCHANGED:
            self.plan.targets[row.number] = planned

    def _recorded(self, indicator_id: int, period_id: int) -> dict[int, Target]:
        """The recorded targets of an indicator and period by unit (one query per pair)."""
        pair = (indicator_id, period_id)
        if pair not in self.recorded:
            self.recorded[pair] = {
                t.unit_id: t
                for t in Target.objects.filter(indicator_id=indicator_id, period_id=period_id)
            }
        return self.recorded[pair]

    def finish(self) -> None:
        """Nothing to tidy: each target row stands alone."""

    def _period(self, row: Row, problems: list[str]) -> Period | None:
        text = self._text(row, "period")
        if not text:
            if self.context.period is None:
                problems.append(
                    _message(
                        self._label("period"),
                        _("empty, and the title names no period (give --context period=2022-2025)"),
                    )
                )
            return self.context.period
        years = parse_period(text)
        period = self.periods.get(years) if years else None
        if period is None:
            problems.append(
                _message(
                    self._label("period"),
                    _("“%(value)s” is not a programme period (known: %(known)s)")
                    % {"value": text, "known": self._known_periods()},
                )
            )
        return period

    def _indicator(self, row: Row, problems: list[str]) -> Indicator | None:
        text = self._text(row, "indicator")
        if not text:
            problems.append(_message(self._label("indicator"), _("empty")))
            return None
        indicator = self.indicators.get(fold(text))
        if indicator is None:
            problems.append(
                _message(
                    self._label("indicator"),
                    _("no indicator is named “%(value)s”") % {"value": text},
                )
            )
            return None
        if not indicator.targetable:
            problems.append(
                _message(
                    self._label("indicator"),
                    _("“%(value)s” is not an indicator that takes a target") % {"value": text},
                )
            )
            return None
        return indicator

    def _value(self, row: Row, indicator: Indicator | None, problems: list[str]) -> Decimal | None:
        label = self._label("target_value")
        try:
            value = parse_target_value(self._raw(row, "target_value"))
        except ValueError as exc:
            problems.append(_message(label, str(exc)))
            return None
        if value is None:
            problems.append(_message(label, _("empty")))
            return None
        if value < 0:
            problems.append(_message(label, _("a target is a number of zero or more")))
            return None
        if indicator is not None and indicator.unit_label == "%" and value > 100:
            problems.append(_message(label, _("a share is at most 100%")))
            return None
        return value

    def _unit_label(self) -> str:
        for name in ("unit", "unit_code", "commune_code", "commune", "province"):
            if name in self.columns:
                return self._label(name)
        return LABELS["unit"]

    def _unit(self, row: Row, period: Period, problems: list[str]) -> AdminUnit | None:
        map_code = map_for_period(period)
        code = self._text(row, "unit_code") or self._text(row, "commune_code")
        code_name = "unit_code" if self._text(row, "unit_code") else "commune_code"
        name = self._text(row, "unit") or self._text(row, "commune")
        name_field = "unit" if self._text(row, "unit") else "commune"
        district = self._text(row, "district")
        province_text = self._text(row, "province")
        if not name and not code and province_text:
            name, name_field = province_text, "province"
        if not code and not name:
            problems.append(
                _message(self._unit_label(), _("empty: name the province or commune, or its code"))
            )
            return None
        key = (map_code, code, name, district, province_text)
        if key not in self.unit_cache:
            if code:
                self.unit_cache[key] = self._unit_by_code(code, map_code)
            else:
                self.unit_cache[key] = self._unit_by_name(name, district, province_text, map_code)
        unit, problem = self.unit_cache[key]
        if unit is None:
            problems.append(_message(self._label(code_name if code else name_field), problem))
        return unit

    def _map_name(self, map_code: str) -> str:
        if map_code == LEGACY_MAP_CODE:
            return _("the map in force before 01/07/2025")
        return _("today's map")

    def _unit_by_code(self, code: str, map_code: str) -> tuple[AdminUnit | None, str]:
        digits = code.strip()
        if not digits.isdigit() or len(digits) > 5:
            return None, _("“%(code)s” is not the code of a province or a commune") % {"code": code}
        level = UnitLevel.PROVINCE if len(digits) <= 2 else UnitLevel.COMMUNE
        digits = digits.zfill(2 if level == UnitLevel.PROVINCE else 5)
        unit = (
            AdminUnit.objects.filter(map__code=map_code, level=level, code=digits)
            .select_related("map")
            .first()
        )
        if unit is None:
            return None, _(
                "no province or commune has code %(code)s on %(map)s (the map of the "
                "target's period)"
            ) % {"code": digits, "map": self._map_name(map_code)}
        return unit, ""

    def _unit_by_name(
        self, name: str, district: str, province_text: str, map_code: str
    ) -> tuple[AdminUnit | None, str]:
        folded = fold(name)
        bare = _TYPE_PREFIX.sub("", folded)
        candidates = [
            u
            for u in AdminUnit.objects.filter(
                map__code=map_code,
                level__in=(UnitLevel.PROVINCE, UnitLevel.COMMUNE),
                name_folded__endswith=bare,
            ).select_related("map", "parent", "province")
            if u.name_folded == folded or fold(u.name) == folded
        ]
        provinces = [u for u in candidates if u.level == UnitLevel.PROVINCE]
        if (provinces and folded.startswith(("tinh ", "thanh pho ", "tp"))) or (
            provinces and not [u for u in candidates if u.level == UnitLevel.COMMUNE]
        ):
            candidates = provinces
        else:
            candidates = [u for u in candidates if u.level == UnitLevel.COMMUNE]
            if province_text:
                key = _TYPE_PREFIX.sub("", fold(province_text))
                candidates = [
                    u for u in candidates if u.province and fold(u.province.name) == key
                ] or candidates
            elif self.context.province is not None:
                in_province = [
                    u for u in candidates if u.province_id == self._context_province(map_code)
                ]
                candidates = in_province or candidates
            if district and len(candidates) > 1:
                key = _TYPE_PREFIX.sub("", fold(district)).replace("huyen ", "")
                candidates = [
                    u
                    for u in candidates
                    if u.parent
                    and u.parent.level == UnitLevel.DISTRICT
                    and fold(u.parent.name) == key
                ] or candidates
        if not candidates:
            return None, _("no province or commune named “%(name)s” on %(map)s") % {
                "name": name,
                "map": self._map_name(map_code),
            }
        if len(candidates) > 1:
            places = ", ".join(
                f"{u.full_name} ({u.parent.full_name if u.parent else ''}, {u.code})"
                for u in candidates[:4]
            )
            return None, _("“%(name)s” fits several units (%(places)s): give the code") % {
                "name": name,
                "places": places,
            }
        return candidates[0], ""

    def _context_province(self, map_code: str) -> int | None:
        """The title's province on the target's map (a legacy province for a legacy target)."""
        province = self.context.province
        if province is None:
            return None
        if province.map.code == map_code:
            return province.pk
        same = (
            AdminUnit.objects.filter(
                map__code=map_code, level=UnitLevel.PROVINCE, code=province.code
            )
            .values_list("pk", flat=True)
            .first()
        )
        return same

    def _scope(self, unit: AdminUnit) -> str:
        if self.actor is None or self.scope_ids is None:
            return ""
        if unit.pk not in self.scope_cache:
            self.scope_cache[unit.pk] = (
                "" if unit.pk in self.scope_ids
                else selectors.scope_problem(user=self.actor, unit_id=unit.pk)
            )  # fmt: skip
        return self.scope_cache[unit.pk]


def _number(value: Decimal) -> str:
    """1.234,5 (Vietnamese grouping), 100 without decimals."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def write_targets(*, actor: Any, plan: Any, rows: list[Any], record: Any) -> int:
    """Write the planned targets of ``rows`` through ``target_set``.

    ``record(row, obj, action)`` remembers each record's batch and row."""
    from ocop.programme.services import target_set

    indicators = Indicator.objects.in_bulk()
    periods = Period.objects.in_bulk()
    planned = [plan.targets[r.row] for r in rows if r.row in plan.targets]
    units = AdminUnit.objects.select_related("map").in_bulk({p.unit_id for p in planned})
    existing = Target.objects.in_bulk({p.existing_id for p in planned if p.existing_id})
    written = 0
    for item in planned:
        recorded = existing.get(item.existing_id) if item.existing_id else None
        try:
            target = target_set(
                actor=actor,
                indicator=indicators[item.indicator_id],
                period=periods[item.period_id],
                unit=units[item.unit_id],
                value=item.value,
                source=item.source if item.source is not None else getattr(recorded, "source", ""),
                note=item.note if item.note is not None else getattr(recorded, "note", ""),
            )
        except DomainError as exc:
            raise DomainError(
                _("Row %(row)s: %(message)s Nothing was saved.")
                % {"row": item.row, "message": exc.message}
            ) from exc
        record(item.row, target, "updated" if recorded is not None else "created")
        written += 1
    return written
