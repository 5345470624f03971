"""Reads of producers, scoped: office users by the address unit, producer accounts by link."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from ocop.accounts.choices import Role
from ocop.accounts.selectors import UnitScope, scope_q, user_sees_everything
from ocop.core.text import duplicate_key, search_tokens
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import (
    LEGACY_MAP_CODE,
    GroupOn,
    group_map_code,
    units_current_successors,
    units_grouped_under,
)
from ocop.producers.models import Producer

if TYPE_CHECKING:
    from ocop.accounts.models import User


def located_scope_q(user: User, unit_field: str, current_field: str) -> Q:
    """Rows whose place lies in ``user``'s scope: the re-pointed current unit when the office
    chose one (issue #4 item 4), else the unit as written — on a split legacy unit, visible to
    the officials of every successor (``scope_q`` covers legacy units through lineage)."""
    return (Q(**{f"{current_field}__isnull": True}) & scope_q(user, unit_field)) | scope_q(
        user, current_field
    )


def located_group_q(unit_field: str, current_field: str, unit_ids: list[int], on: GroupOn) -> Q:
    """Rows counted under a grouping unit (``units_grouped_under``): on today's map a re-pointed
    record counts where the office put it; as of a date before 01/07/2025, where it was written."""
    if group_map_code(on) == LEGACY_MAP_CODE:
        return Q(**{f"{unit_field}__in": unit_ids})
    return Q(**{f"{current_field}__isnull": True, f"{unit_field}__in": unit_ids}) | Q(
        **{f"{current_field}__in": unit_ids}
    )


UNIT_RELATED = (
    "address_unit__map",
    "address_unit__parent__parent",
    "address_province",
    "current_unit__province",
    "current_unit__parent",
    "current_unit__map",
)


def producer_list(*, user: User) -> QuerySet[Producer]:
    """Producers ``user`` may see: all (national office), in scope (officials), own (producer)."""
    qs = Producer.objects.select_related(*UNIT_RELATED)
    if not user.is_authenticated:
        return qs.none()
    if user_sees_everything(user):
        return qs
    if user.role in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER):
        return qs.filter(located_scope_q(user, "address_unit", "current_unit"))
    if user.role == Role.PRODUCER:
        return qs.filter(account_links__user=user)
    return qs.none()


def producer_list_editable(*, user: User) -> QuerySet[Producer]:
    """Producers ``user`` may change: officials of the province/commune and own accounts."""
    if not user.is_authenticated:
        return Producer.objects.none()
    if user.is_superuser or user.role in (
        Role.PROVINCE_OFFICE,
        Role.COMMUNE_OFFICER,
        Role.PRODUCER,
    ):
        return producer_list(user=user)
    return Producer.objects.none()


def producer_is_editable(*, user: User, producer: Producer, scope: UnitScope | None = None) -> bool:
    """``producer_list_editable(user=user).filter(pk=producer.pk).exists()``; with ``scope``
    (the official's ``accounts.selectors.user_unit_scope``, read once) no query is made."""
    if (
        scope is not None
        and scope.user_id == user.pk
        and not user.is_superuser
        and user.role in (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER)
    ):
        return scope.located(producer.address_unit_id, producer.current_unit_id)
    return producer_list_editable(user=user).filter(pk=producer.pk).exists()


# The register's sort orders (``order`` → ``order_by``); names sort on the stored Vietnamese
# sort key (ARCHITECTURE: no database collation is relied on).
PRODUCER_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("sort_key", "pk"),
    "-name": ("-sort_key", "-pk"),
    "created": ("created_at", "pk"),
    "-created": ("-created_at", "-pk"),
}


def producer_search(
    qs: QuerySet[Producer],
    *,
    q: str = "",
    legal_form: str = "",
    province: AdminUnit | None = None,
    unit: AdminUnit | None = None,
    on: GroupOn = "current",
    order: str = "name",
) -> QuerySet[Producer]:
    """Filter by folded-name tokens (diacritics, case and tone placement ignored) and fields.

    ``unit`` (a province or commune of the map in force ``on``) keeps the producers a report
    grouped on that map counts under it (``ocop.geo.selectors.units_grouped_under``).
    """
    for token in search_tokens(q):
        qs = qs.filter(name_folded__contains=token)
    if legal_form:
        qs = qs.filter(legal_form=legal_form)
    if province is not None:
        qs = qs.filter(address_province=province)
    if unit is not None:
        ids = units_grouped_under(unit, on=on)
        qs = qs.filter(located_group_q("address_unit", "current_unit", ids, on))
    return qs.order_by(*PRODUCER_SORTS.get(order, PRODUCER_SORTS["name"]))


def unit_current_province(unit: AdminUnit) -> AdminUnit | None:
    """The province on the current map that ``unit`` (current or legacy) lies in today."""
    province = unit if unit.level == UnitLevel.PROVINCE else unit.province
    if province is None:
        return None
    if province.map.valid_to is None:
        return province
    return (
        AdminUnit.objects.filter(
            level=UnitLevel.PROVINCE,
            map__valid_to__isnull=True,
            source_links__source=province,
        )
        .order_by("pk")
        .first()
    )


@dataclass(frozen=True)
class DuplicateCandidate:
    producer: Producer
    reason: str  # "tax_code" | "same_commune" | "same_province"


def producer_duplicates(
    *,
    name: str,
    tax_code: str,
    address_unit: AdminUnit,
    exclude_pk: int | None = None,
) -> list[DuplicateCandidate]:
    """Probable duplicates, across every scope: equal tax number, or equal duplicate key
    (folded name with legal-form abbreviations expanded) in the same commune or province."""
    found: dict[int, DuplicateCandidate] = {}
    base = Producer.objects.select_related("address_unit")
    if exclude_pk is not None:
        base = base.exclude(pk=exclude_pk)
    if tax_code:
        for producer in base.filter(tax_code=tax_code):
            found[producer.pk] = DuplicateCandidate(producer, "tax_code")
    key = duplicate_key(name)
    if key:
        province = unit_current_province(address_unit)
        where = Q(address_unit=address_unit)
        if province is not None:
            where |= Q(address_province=province)
        for producer in base.filter(where, duplicate_key=key).order_by("pk")[:20]:
            reason = (
                "same_commune" if producer.address_unit_id == address_unit.pk else "same_province"
            )
            found.setdefault(producer.pk, DuplicateCandidate(producer, reason))
    return list(found.values())


class DuplicateIndex:
    """:func:`producer_duplicates` for many names at once (a spreadsheet import): the producers
    sharing a tax number or a duplicate key with any of them, read in a few queries, then the
    same rule per name in memory. Producers written after the index was built are not in it."""

    CHUNK = 500

    def __init__(self, *, names: Iterable[str], tax_codes: Iterable[str]) -> None:
        keys = sorted({k for k in (duplicate_key(n) for n in names) if k})
        taxes = sorted({t for t in tax_codes if t})
        self.by_tax: dict[str, list[Producer]] = {}
        self.by_key: dict[str, list[Producer]] = {}
        base = Producer.objects.select_related("address_unit").order_by("pk")
        for field, values, out in (
            ("tax_code", taxes, self.by_tax),
            ("duplicate_key", keys, self.by_key),
        ):
            for i in range(0, len(values), self.CHUNK):
                for producer in base.filter(**{f"{field}__in": values[i : i + self.CHUNK]}):
                    out.setdefault(getattr(producer, field), []).append(producer)
        self.provinces: dict[int, AdminUnit | None] = {}

    def province_of(self, unit: AdminUnit) -> AdminUnit | None:
        if unit.pk not in self.provinces:
            self.provinces[unit.pk] = unit_current_province(unit)
        return self.provinces[unit.pk]

    def candidates(
        self, *, name: str, tax_code: str, address_unit: AdminUnit
    ) -> list[DuplicateCandidate]:
        found: dict[int, DuplicateCandidate] = {}
        if tax_code:
            for producer in self.by_tax.get(tax_code, []):
                found[producer.pk] = DuplicateCandidate(producer, "tax_code")
        key = duplicate_key(name)
        if key:
            province = self.province_of(address_unit)
            same = [
                p
                for p in self.by_key.get(key, [])
                if p.address_unit_id == address_unit.pk
                or (province is not None and p.address_province_id == province.pk)
            ]
            for producer in same[:20]:
                reason = (
                    "same_commune"
                    if producer.address_unit_id == address_unit.pk
                    else "same_province"
                )
                found.setdefault(producer.pk, DuplicateCandidate(producer, reason))
        return list(found.values())


def with_unit_successors(records: list[Producer]) -> list[Producer]:
    """Set ``unit_successors`` (today's units of the address as written) on each producer of a
    page, fetched in bulk for the ``{% unit_with_lineage %}`` tag (one query for the page)."""
    successors = units_current_successors(
        {p.address_unit_id: p.address_unit for p in records}.values()
    )
    for producer in records:
        producer.unit_successors = successors.get(producer.address_unit_id, [])  # type: ignore[attr-defined]
    return records
