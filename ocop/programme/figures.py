"""Programme figures computed from the records, each under a named counting rule (issue 12).

One pass reads the recognition results of the products in scope (a handful of queries for any
number of records) and applies the rules of ``data/reference.json`` in Python; the same
:class:`Figure` objects feed the dashboard, the report (DOCX/PDF/XLSX/JSON) and the report runs.
Every figure carries the ids of the records behind it, so a figure's link opens exactly them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ocop.certification.choices import CertificateStatus, DatePrecision, DecisionKind, RatingKind
from ocop.certification.models import Result
from ocop.certification.selectors import products_latest_certificate_status
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import (
    LEGACY_MAP_CODE,
    REFORM_DATE,
    GroupOn,
    group_keys_for_units,
    group_map_code,
    units_grouped_under,
)
from ocop.producers.choices import LegalForm
from ocop.producers.models import Producer
from ocop.producers.selectors import located_group_q
from ocop.products.choices import MODERN_CHANNELS, IPKind
from ocop.products.models import Channel, IPTitle, Product, ProductSet
from ocop.programme.models import CountingRule, Indicator, KeyProduct, Period, Target

COOPERATIVE_FORMS = frozenset({LegalForm.COOPERATIVE, LegalForm.COOPERATIVE_UNION})
UNDETERMINED = "undetermined"
LAST_LEGACY_DAY = REFORM_DATE - dt.timedelta(days=1)


@dataclass(frozen=True)
class ReportParams:
    """What a programme report is about: a period, a unit on a map, an as-of date."""

    period: Period
    unit: AdminUnit
    as_of: dt.date
    map_code: str  # "legacy" or "current"

    @property
    def group_on(self) -> GroupOn:
        """The map the records are grouped on: as of the date (legacy) or today's."""
        if self.map_code == LEGACY_MAP_CODE:
            return self.as_of if self.as_of < REFORM_DATE else LAST_LEGACY_DAY
        return "current"

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.code,
            "unit": self.unit.code,
            "map": self.map_code,
            "as_of": self.as_of.isoformat(),
        }


@dataclass(frozen=True)
class Figure:
    """One figure: a stable key, a Vietnamese label, the value, the rule and its records."""

    key: str
    label: str
    value: int | float
    rule: str  # the rule's reference, ``rated-in-period/v1``
    records: tuple[int, ...]
    subject: str = "products"  # what ``records`` are: products or producers (or nothing)
    group: str = ""  # the chart/table the figure belongs to ("by_star", "by_legal_form", …)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "rule": self.rule,
            "records": list(self.records),
        }


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    actual: int | float
    rule: str

    @property
    def percent(self) -> float:
        if not self.target.value:
            return 0.0
        return round(float(Decimal(str(self.actual)) * 100 / self.target.value), 1)

    @property
    def remaining(self) -> float:
        return max(float(self.target.value) - float(self.actual), 0.0)


@dataclass
class ProgrammeFigures:
    params: ReportParams
    figures: list[Figure]
    rules: dict[str, CountingRule]
    communes_without_product: list[AdminUnit] = field(default_factory=list)
    communes_total: int = 0
    progress: list[TargetProgress] = field(default_factory=list)

    def get(self, key: str) -> Figure | None:
        for figure in self.figures:
            if figure.key == key:
                return figure
        return None

    def value(self, key: str) -> int | float:
        figure = self.get(key)
        return figure.value if figure is not None else 0

    def group(self, name: str) -> list[Figure]:
        return [f for f in self.figures if f.group == name]

    def as_json(self) -> dict[str, Any]:
        return {"figures": [f.as_json() for f in self.figures]}

    def rule_versions(self) -> dict[str, int]:
        return {code: rule.version for code, rule in sorted(self.rules.items())}


# --- dates of a recognition --------------------------------------------------------------------


@dataclass(frozen=True)
class _Rating:
    """One recognition result of a product, with what the rules need to know about it."""

    result_id: int
    product_id: int
    star: int | None
    potential_5: bool
    rating_kind: str
    round_year: int | None
    signed_on: dt.date | None
    precision: str
    date_until: dt.date | None
    revoked_on: dt.date | None
    revoked_undated: bool

    @property
    def known_by(self) -> dt.date | None:
        """The last day the decision can have been signed (a year-only date: 31/12 of it)."""
        day = self.signed_on
        if day is None or self.precision == DatePrecision.UNKNOWN:
            if self.round_year is None:
                return None
            return dt.date(self.round_year, 12, 31)
        if self.precision == DatePrecision.MONTH:
            return day.replace(day=calendar.monthrange(day.year, day.month)[1])
        if self.precision == DatePrecision.YEAR:
            return dt.date(day.year, 12, 31)
        if self.precision == DatePrecision.PERIOD:
            return self.date_until or dt.date(day.year, 12, 31)
        return day

    @property
    def year(self) -> int | None:
        """The year the rating belongs to: its round year, else its decision's year."""
        if self.round_year is not None:
            return self.round_year
        if self.signed_on is None or self.precision in (DatePrecision.PERIOD, "unknown"):
            return None
        return self.signed_on.year

    def in_period(self, start: int, end: int) -> bool:
        year = self.year
        if year is not None:
            return start <= year <= end
        if self.precision == DatePrecision.PERIOD and self.signed_on is not None:
            last = (self.date_until or self.signed_on).year
            return start <= self.signed_on.year and last <= end
        return False

    def revoked_by(self, day: dt.date) -> bool:
        return self.revoked_undated or (self.revoked_on is not None and self.revoked_on <= day)

    @property
    def rank(self) -> str:
        """ "potential_5" (a flag, never a star: ocop-rules §3.5) or the star as text."""
        return "potential_5" if self.potential_5 else str(self.star)


def _ratings(products: QuerySet[Product]) -> dict[int, list[_Rating]]:
    rows = (
        Result.objects.filter(
            product__in=products.values("pk"),
            decision__kind__in=[DecisionKind.RECOGNITION, DecisionKind.RESULT_APPROVAL],
        )
        .filter(Q(star__gte=3) | Q(potential_5=True))
        .values_list(
            "pk",
            "product_id",
            "star",
            "potential_5",
            "rating_kind",
            "round_year",
            "decision__signed_on",
            "decision__date_precision",
            "decision__date_until",
            "certificate__revocation_decision_id",
            "certificate__revocation_decision__signed_on",
        )
        .order_by("product_id", "pk")
    )
    found: dict[int, list[_Rating]] = defaultdict(list)
    for (
        pk,
        product_id,
        star,
        potential_5,
        kind,
        round_year,
        signed_on,
        precision,
        until,
        revocation_id,
        revoked_on,
    ) in rows:
        found[product_id].append(
            _Rating(
                result_id=pk,
                product_id=product_id,
                star=star,
                potential_5=potential_5,
                rating_kind=kind,
                round_year=round_year,
                signed_on=signed_on,
                precision=precision,
                date_until=until,
                revoked_on=revoked_on,
                revoked_undated=revocation_id is not None and revoked_on is None,
            )
        )
    return found


@dataclass(frozen=True)
class Counted:
    """A product counted by ``rated-in-period``: the rating it counts at and its breakdowns."""

    product_id: int
    rating: _Rating  # the latest recognised up to the as-of date
    kind: str  # new / upgrade / rerating (rule new-in-period)
    year: int | None  # the year of its latest in-period rating


def count_products(
    ratings: dict[int, list[_Rating]], *, start: int, end: int, as_of: dt.date
) -> dict[int, Counted]:
    """Rule ``rated-in-period/v1`` (and ``new-in-period/v1``) — see ``data/reference.json``."""
    counted: dict[int, Counted] = {}
    for product_id, items in ratings.items():
        known = [r for r in items if r.known_by is not None and r.known_by <= as_of]
        if not known:
            continue
        known.sort(key=lambda r: (r.known_by, r.result_id))
        in_period = [r for r in known if r.in_period(start, end)]
        if not in_period:
            continue
        latest = known[-1]
        if latest.revoked_by(as_of):
            continue
        first = known[0]
        if first in in_period and first.rating_kind == RatingKind.FIRST:
            kind = RatingKind.FIRST
        elif any(r.rating_kind == RatingKind.UPGRADE for r in in_period):
            kind = RatingKind.UPGRADE
        else:
            kind = RatingKind.RERATING
        counted[product_id] = Counted(product_id, latest, kind, in_period[-1].year)
    return counted


# --- scope and place ---------------------------------------------------------------------------


def products_in_unit(base: QuerySet[Product], params: ReportParams) -> QuerySet[Product]:
    """Products whose place (rule ``place-of-product``) lies in the report's unit."""
    unit = params.unit
    if unit.level == UnitLevel.DISTRICT:
        # a legacy district (the province reported by district before 01/07/2025): its own
        # records and those its communes count on the legacy map
        found = {unit.pk}
        for commune in AdminUnit.objects.filter(parent=unit, level=UnitLevel.COMMUNE):
            found.update(units_grouped_under(commune, on=params.group_on))
        return base.filter(
            located_group_q("origin_unit", "current_unit", sorted(found), params.group_on)
        )
    ids = units_grouped_under(unit, on=params.group_on)
    return base.filter(located_group_q("origin_unit", "current_unit", ids, params.group_on))


def _place_keys(
    places: dict[int, int], params: ReportParams
) -> tuple[dict[int, int | None], dict[int, int | None]]:
    """For each product: its commune on the report map and its row in "by place"
    (legacy map: the legacy district; today's map: today's commune); ``None`` = undetermined."""
    unit_ids = set(places.values())
    keys = group_keys_for_units(unit_ids, on=params.group_on, level=UnitLevel.COMMUNE)
    legacy = group_map_code(params.group_on) == LEGACY_MAP_CODE
    info = {
        pk: (level, map_code, parent)
        for pk, level, map_code, parent in AdminUnit.objects.filter(
            pk__in=unit_ids | {k.unit_id for k in keys.values() if k.unit_id}
        ).values_list("pk", "level", "map__code", "parent_id")
    }
    commune_of: dict[int, int | None] = {}
    row_of: dict[int, int | None] = {}
    for product_id, unit_id in places.items():
        commune = keys[unit_id].unit_id if unit_id in keys else None
        commune_of[product_id] = commune
        if not legacy:
            row_of[product_id] = commune
            continue
        level, map_code, _parent = info.get(unit_id, ("", "", None))
        if map_code == LEGACY_MAP_CODE and level == UnitLevel.DISTRICT:
            row_of[product_id] = unit_id
        elif commune is not None:
            row_of[product_id] = info.get(commune, ("", "", None))[2]
        else:
            row_of[product_id] = None
    return commune_of, row_of


def communes_of_unit(params: ReportParams) -> list[AdminUnit]:
    """The communes of the report's unit on the report's map (Vietnamese order)."""
    code = LEGACY_MAP_CODE if params.map_code == LEGACY_MAP_CODE else "2025"
    qs = AdminUnit.objects.filter(map__code=code, level=UnitLevel.COMMUNE)
    if params.unit.level == UnitLevel.COMMUNE:
        qs = qs.filter(pk=params.unit.pk)
    else:
        qs = qs.filter(
            Q(province=params.unit) | Q(parent=params.unit) | Q(parent__parent=params.unit)
        )
    return list(qs.select_related("parent").order_by("parent__sort_key", "sort_key", "pk"))


# --- the figures -------------------------------------------------------------------------------


def _rules() -> dict[str, CountingRule]:
    return {r.code: r for r in CountingRule.objects.filter(is_default=True)}


def _ids(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(values)))


STAR_LABELS = {"3": "3 sao", "4": "4 sao", "5": "5 sao"}


def compute(params: ReportParams, base: QuerySet[Product]) -> ProgrammeFigures:
    """Every figure of the programme report for ``params`` over the products of ``base``."""
    rules = _rules()
    indicators = {i.key: i for i in Indicator.objects.all()}

    def ref(code: str) -> str:
        rule = rules.get(code)
        return rule.ref if rule is not None else f"{code}/v?"

    def name(key: str) -> str:
        indicator = indicators.get(key)
        return indicator.name if indicator is not None else key

    in_unit = products_in_unit(base, params)
    ratings = _ratings(in_unit)
    period = params.period
    counted = count_products(
        ratings, start=period.start_year, end=period.end_year, as_of=params.as_of
    )
    ever = count_products(ratings, start=0, end=9999, as_of=params.as_of)
    rows = {
        pk: (producer_id, set_number, origin, current)
        for pk, producer_id, set_number, origin, current in Product.objects.filter(
            pk__in=set(counted) | set(ever)
        ).values_list(
            "pk", "producer_id", "product_set__number", "origin_unit_id", "current_unit_id"
        )
    }
    legacy = group_map_code(params.group_on) == LEGACY_MAP_CODE
    places = {
        pk: (origin if legacy or current is None else current)
        for pk, (_p, _s, origin, current) in rows.items()
    }
    commune_of, row_of = _place_keys(places, params)

    figures: list[Figure] = []
    rated = ref("rated-in-period")
    all_ids = _ids(counted)
    figures.append(
        Figure("products.rated.total", name("products.rated.total"), len(all_ids), rated, all_ids)
    )
    kind_keys = (
        ("products.rated.new", RatingKind.FIRST),
        ("products.rated.upgraded", RatingKind.UPGRADE),
        ("products.rated.rerated", RatingKind.RERATING),
    )
    for key, kind in kind_keys:
        ids = _ids(pk for pk, c in counted.items() if c.kind == kind)
        figures.append(Figure(key, name(key), len(ids), ref("new-in-period"), ids, group="by_kind"))
    for star in ("3", "4", "5"):
        ids = _ids(pk for pk, c in counted.items() if c.rating.rank == star)
        figures.append(
            Figure(
                f"products.rated.by_star.{star}",
                f"{name('products.rated.by_star')}: {STAR_LABELS[star]}",
                len(ids),
                rated,
                ids,
                group="by_star",
            )
        )
    ids = _ids(pk for pk, c in counted.items() if c.rating.potential_5)
    figures.append(
        Figure(
            "products.rated.potential_5",
            name("products.rated.potential_5"),
            len(ids),
            rated,
            ids,
            group="by_star",
        )
    )
    # by product set
    sets = dict(ProductSet.objects.values_list("number", "name"))
    by_set: dict[int | None, list[int]] = defaultdict(list)
    for pk in counted:
        by_set[rows[pk][1]].append(pk)
    for number in sorted(by_set, key=lambda n: (n is None, n or 0)):
        label = f"{number}. {sets[number]}" if number is not None else _("No product set yet")
        suffix = str(number) if number is not None else "none"
        ids = _ids(by_set[number])
        figures.append(
            Figure(
                f"products.rated.by_set.{suffix}",
                f"{name('products.rated.by_set')}: {label}",
                len(ids),
                rated,
                ids,
                group="by_set",
            )
        )
    # by year
    by_year: dict[int | None, list[int]] = defaultdict(list)
    for pk, c in counted.items():
        by_year[c.year].append(pk)
    for year in sorted(by_year, key=lambda y: (y is None, y or 0)):
        suffix = str(year) if year is not None else "unknown"
        label = str(year) if year is not None else _("year known only to the period")
        ids = _ids(by_year[year])
        figures.append(
            Figure(
                f"products.rated.by_year.{suffix}",
                f"{name('products.rated.by_year')}: {label}",
                len(ids),
                rated,
                ids,
                group="by_year",
            )
        )
    # by place (legacy districts on the legacy map, today's communes on today's)
    by_place: dict[int | None, list[int]] = defaultdict(list)
    for pk in counted:
        by_place[row_of.get(pk)].append(pk)
    place_units = AdminUnit.objects.in_bulk([u for u in by_place if u is not None])
    for unit_id in sorted(
        by_place,
        key=lambda u: (u is None, place_units[u].sort_key if u is not None else ""),
    ):
        unit = place_units.get(unit_id) if unit_id is not None else None
        suffix = unit.code if unit is not None else UNDETERMINED
        label = unit.full_name if unit is not None else _("Place undetermined")
        ids = _ids(by_place[unit_id])
        figures.append(
            Figure(
                f"products.rated.by_place.{suffix}",
                f"{name('products.rated.by_place')}: {label}",
                len(ids),
                ref("place-of-product"),
                ids,
                group="by_place",
            )
        )
    # producers
    producer_rule = ref("producers-of-rated")
    producer_ids = _ids(rows[pk][0] for pk in counted)
    forms = dict(Producer.objects.filter(pk__in=producer_ids).values_list("pk", "legal_form"))
    figures.append(
        Figure(
            "producers.total",
            name("producers.total"),
            len(producer_ids),
            producer_rule,
            producer_ids,
            subject="producers",
        )
    )
    by_form: dict[str, list[int]] = defaultdict(list)
    for pk in producer_ids:
        by_form[forms[pk]].append(pk)
    for form in LegalForm:
        if form.value not in by_form:
            continue
        ids = _ids(by_form[form.value])
        figures.append(
            Figure(
                f"producers.by_legal_form.{form.value}",
                f"{name('producers.by_legal_form')}: {form.label}",
                len(ids),
                producer_rule,
                ids,
                subject="producers",
                group="by_legal_form",
            )
        )
    coop_ids = _ids(pk for pk in producer_ids if forms[pk] in COOPERATIVE_FORMS)
    share = round(len(coop_ids) * 100 / len(producer_ids), 1) if producer_ids else 0.0
    figures.append(
        Figure(
            "producers.cooperative_share",
            name("producers.cooperative_share"),
            share,
            producer_rule,
            coop_ids,
            subject="producers",
        )
    )
    # communes
    coverage = ref("communes-coverage")
    communes = communes_of_unit(params)
    commune_ids = {u.pk for u in communes}
    with_product: dict[int, list[int]] = defaultdict(list)
    for pk in ever:
        commune = commune_of.get(pk)
        if commune in commune_ids:
            with_product[commune].append(pk)
    ids = _ids(pk for pks in with_product.values() for pk in pks)
    figures.append(
        Figure(
            "communes.with_product",
            name("communes.with_product"),
            len(with_product),
            coverage,
            ids,
            group="coverage",
        )
    )
    without = [u for u in communes if u.pk not in with_product]
    figures.append(
        Figure(
            "communes.without_product",
            name("communes.without_product"),
            len(without),
            coverage,
            (),
            subject="communes",
            group="coverage",
        )
    )
    key_communes, key_products = _key_product_communes(params, commune_ids)
    figures.append(
        Figure(
            "communes.with_key_product",
            name("communes.with_key_product"),
            len(key_communes),
            coverage,
            _ids(key_products),
            group="coverage",
        )
    )
    # channels, IP titles, certificates
    figures.extend(_flag_figures(counted, params, ref, name))
    figures.extend(_dossier_figures(in_unit, ref, name))
    result = ProgrammeFigures(
        params=params,
        figures=figures,
        rules=rules,
        communes_without_product=without,
        communes_total=len(communes),
    )
    return result


def _key_product_communes(
    params: ReportParams, commune_ids: set[int]
) -> tuple[set[int], list[int]]:
    marks = list(
        KeyProduct.objects.filter(year__lte=params.as_of.year).values_list(
            "commune_id", "product_id"
        )
    )
    keys = group_keys_for_units({c for c, _p in marks}, on=params.group_on, level=UnitLevel.COMMUNE)
    communes: set[int] = set()
    products: list[int] = []
    for commune_id, product_id in marks:
        key = keys.get(commune_id)
        if key is None or key.unit_id not in commune_ids:
            continue
        communes.add(key.unit_id)
        if product_id is not None:
            products.append(product_id)
    return communes, products


def _flag_figures(
    counted: dict[int, Counted], params: ReportParams, ref: Any, name: Any
) -> list[Figure]:
    day = params.as_of
    ids = list(counted)
    valid = (Q(contract_start__isnull=True) | Q(contract_start__lte=day)) & (
        Q(contract_end__isnull=True) | Q(contract_end__gte=day)
    )
    modern = _ids(
        Channel.objects.filter(valid, product_id__in=ids, kind__in=MODERN_CHANNELS).values_list(
            "product_id", flat=True
        )
    )
    producers = dict(Product.objects.filter(pk__in=ids).values_list("pk", "producer_id"))
    titles = IPTitle.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        Q(granted_on__isnull=True) | Q(granted_on__lte=day),
        Q(product_id__in=ids) | Q(product__isnull=True, producer_id__in=set(producers.values())),
    ).values_list("kind", "product_id", "producer_id")
    holders: dict[str, set[int]] = defaultdict(set)
    producer_titles: dict[str, set[int]] = defaultdict(set)
    for kind, product_id, producer_id in titles:
        if product_id is not None:
            holders[kind].add(product_id)
        else:
            producer_titles[kind].add(producer_id)
    for kind, owners in producer_titles.items():
        holders[kind] |= {pk for pk, producer in producers.items() if producer in owners}
    trademark = _ids(holders[IPKind.TRADEMARK_REGISTRATION])
    gi = _ids(holders[IPKind.GI_USE_RIGHT])
    heads = products_latest_certificate_status(Product.objects.filter(pk__in=ids), on=day)
    statuses = {pk: status for pk, (_cert, status) in heads.items()}
    expiring = _ids(pk for pk, s in statuses.items() if s == CertificateStatus.EXPIRING)
    expired = _ids(pk for pk, s in statuses.items() if s == CertificateStatus.EXPIRED)
    return [
        Figure(
            "products.modern_channels",
            name("products.modern_channels"),
            len(modern),
            ref("channels-on-date"),
            modern,
        ),
        Figure(
            "products.trademark",
            name("products.trademark"),
            len(trademark),
            ref("ip-on-date"),
            trademark,
        ),
        Figure(
            "products.geographical_indication",
            name("products.geographical_indication"),
            len(gi),
            ref("ip-on-date"),
            gi,
        ),
        Figure(
            "certificates.expiring",
            name("certificates.expiring"),
            len(expiring),
            ref("certificate-status-on"),
            expiring,
            group="certificates",
        ),
        Figure(
            "certificates.expired",
            name("certificates.expired"),
            len(expired),
            ref("certificate-status-on"),
            expired,
            group="certificates",
        ),
    ]


def dossiers_by_status(products: QuerySet[Product]) -> dict[str, tuple[int, list[int]]]:
    """Dossiers in the pipeline (every status but draft) of the products in the report's unit:
    per status, the number of dossiers and the ids of their products (rule dossiers-by-status)."""
    from ocop.evaluation.dossiers.choices import DossierStatus
    from ocop.evaluation.dossiers.models import Dossier

    found: dict[str, tuple[int, list[int]]] = {}
    rows = (
        Dossier.objects.filter(product__in=products.values("pk"))
        .exclude(status=DossierStatus.DRAFT)
        .values_list("status", "product_id")
    )
    for status, product_id in rows:
        count, ids = found.get(status, (0, []))
        found[status] = (count + 1, [*ids, product_id])
    return found


def _dossier_figures(products: QuerySet[Product], ref: Any, name: Any) -> list[Figure]:
    from ocop.evaluation.dossiers.choices import DossierStatus

    figures = []
    found = dossiers_by_status(products)
    for status in DossierStatus:
        if status.value not in found:
            continue
        count, product_ids = found[status.value]
        figures.append(
            Figure(
                f"dossiers.by_status.{status.value}",
                f"{name('dossiers.by_status')}: {status.label}",
                count,
                ref("dossiers-by-status"),
                _ids(product_ids),
                group="dossiers",
            )
        )
    return figures


def targets_progress(result: ProgrammeFigures, base: QuerySet[Product]) -> list[TargetProgress]:
    """Targets of the period set on the report's unit, against the figures (never typed in)."""
    params = result.params
    targets = Target.objects.filter(period=params.period, unit=params.unit).select_related(
        "indicator", "period", "unit__map"
    )
    progress = []
    for target in targets:
        figure = result.get(target.indicator.key)
        if figure is None:
            continue
        progress.append(TargetProgress(target=target, actual=figure.value, rule=figure.rule))
    return progress
