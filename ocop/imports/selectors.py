"""Reads for imports: reference data, registry matches and the office's lists (scoped by user)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.selectors import scope_q, user_sees_everything, user_unit_scope_check
from ocop.core.errors import DomainError
from ocop.core.text import fold
from ocop.geo.models import AdminUnit, Authority
from ocop.imports.models import ImportBatch, ReviewItem
from ocop.producers import taxcode
from ocop.producers.choices import EnterpriseSize, Gender, LegalForm
from ocop.producers.models import Producer
from ocop.producers.selectors import DuplicateIndex, producer_duplicates
from ocop.producers.validation import personal_id_clean, tax_code_clean
from ocop.products.choices import ProductStatus
from ocop.products.models import Product
from ocop.products.selectors import product_set_list

if TYPE_CHECKING:
    from ocop.accounts.models import User

IMPORT_ROLES = (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER)


def user_may_import(user: User) -> bool:
    return bool(user.is_authenticated and user.has_role(*IMPORT_ROLES))


def import_batch_list(*, user: User) -> QuerySet[ImportBatch]:
    """The batches ``user`` brought in (superusers: all)."""
    qs = ImportBatch.objects.select_related("created_by")
    if not user_may_import(user):
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(created_by=user)


def review_item_list(*, user: User, open_only: bool = True) -> QuerySet[ReviewItem]:
    """Records to complete whose place lies in ``user``'s scope."""
    qs = ReviewItem.objects.select_related("batch", "unit", "content_type").order_by(
        "created_at", "pk"
    )
    if open_only:
        qs = qs.filter(completed_at__isnull=True)
    if not user_may_import(user) and not (user.is_authenticated and user_sees_everything(user)):
        return qs.none()
    return qs.filter(scope_q(user, "unit"))


# --- reference data --------------------------------------------------------------------------


def product_sets() -> dict[int, tuple[str, str]]:
    return {s.number: (s.code, s.name) for s in product_set_list()}


def legal_form_choices() -> dict[str, str]:
    return {str(code): str(label) for code, label in LegalForm.choices}


def import_choices() -> dict[str, dict[str, str]]:
    """Fields given as one of a model's choices: code → the label the exports write."""
    return {
        name: {str(code): str(label) for code, label in choices}
        for name, choices in (
            ("enterprise_size", EnterpriseSize.choices),
            ("representative_gender", Gender.choices),
            ("product_status", ProductStatus.choices),
        )
    }


def province_for_context(*, code: str, name: str, as_of: dt.date | None) -> AdminUnit | None:
    """The province a ``--context province=CODE`` or a title ("UBND TỈNH TRÀ VINH") names.

    Before 01/07/2025 (``as_of``) the legacy map's province is meant, else today's.
    """
    qs = AdminUnit.objects.filter(level="province").select_related("map")
    legacy_first = as_of is not None and as_of < dt.date(2025, 7, 1)
    order = ["map__valid_from"] if legacy_first else ["-map__valid_from"]
    if code:
        return qs.filter(code=code.zfill(2)).order_by(*order).first()
    if not name:
        return None
    key = fold(name)
    for unit in qs.order_by(*order):
        if fold(unit.name) == key:
            return unit
    return None


def authority_by_name(name: str) -> Authority | None:
    def norm(text: str) -> str:
        return fold(text).replace("uy ban nhan dan", "ubnd")

    key = norm(name)
    for authority in Authority.objects.select_related("unit").order_by("pk"):
        if norm(authority.name) == key:
            return authority
    return None


def scope_unit_ids(user: User) -> set[int] | None:
    """The units ``user`` may place records in (one query), or None when every unit.

    The same rule as ``accounts.selectors.user_unit_scope_check``, for checking many rows.
    """
    from ocop.accounts.selectors import user_scope_units

    if user_sees_everything(user) or user.role == Role.PRODUCER:
        return None
    return set(user_scope_units(user).values_list("pk", flat=True))


def scope_problem(*, user: User, unit_id: int) -> str:
    """ "" when ``user`` may place a record in the unit, else the refusal's message."""
    try:
        user_unit_scope_check(user=user, unit=AdminUnit.objects.get(pk=unit_id))
    except DomainError as exc:
        return exc.message
    return ""


def personal_id_check(value: str) -> str:
    return personal_id_clean(value)


def tax_code_check(*, tax_code: str, legal_form: str) -> str:
    return tax_code_clean(tax_code=tax_code, legal_form=legal_form, registered_on=None)


# --- registry matches ------------------------------------------------------------------------


def unit_for_match(unit_id: int) -> AdminUnit:
    return AdminUnit.objects.select_related("map", "province__map").get(pk=unit_id)


def producer_index(*, names: list[str], tax_codes: list[str]) -> DuplicateIndex:
    """The registered producers a file's rows may name, read in bulk (see ``producer_match``)."""
    return DuplicateIndex(names=names, tax_codes=[taxcode.normalize(t) for t in tax_codes])


def producer_match(
    *,
    name: str,
    tax_code: str,
    unit_id: int,
    unit: AdminUnit | None = None,
    index: DuplicateIndex | None = None,
) -> Producer | None:
    """The registered producer a row names (the registry's duplicate rules), or None.

    Several producers with the same folded name in the province: DomainError (the row must give
    the tax number to say which). ``index``: the file's :func:`producer_index` (no query).
    """
    unit = unit or unit_for_match(unit_id)
    if index is not None:
        candidates = index.candidates(name=name, tax_code=tax_code, address_unit=unit)
    else:
        candidates = producer_duplicates(name=name, tax_code=tax_code, address_unit=unit)
    by_tax = [c.producer for c in candidates if c.reason == "tax_code"]
    if by_tax:
        return by_tax[0]
    if tax_code:
        # a different tax number is a different producer, even under the same name
        candidates = [c for c in candidates if not c.producer.tax_code]
    if len(candidates) > 1:
        raise DomainError(
            _("%(n)s registered producers have this name in the province; give the tax number")
            % {"n": len(candidates)}
        )
    return candidates[0].producer if candidates else None


PRODUCER_FIELD_LABELS = {
    "legal_form": "loại hình",
    "tax_code": "mã số thuế",
    "representative_name": "người đại diện",
    "phone": "điện thoại",
    "email": "email",
    "product_set": "bộ sản phẩm",
    "legacy_code": "mã sản phẩm",
    "status": "trạng thái",
    "enterprise_size": "quy mô doanh nghiệp",
    "representative_title": "chức vụ",
    "representative_gender": "giới tính",
    "representative_ethnicity": "dân tộc",
    "representative_has_disability": "khuyết tật",
    "representative_personal_id": "số định danh cá nhân",
    "founded_on": "ngày thành lập",
    "registered_on": "ngày đăng ký",
}


def field_labels(changes: dict[str, Any]) -> list[str]:
    return [PRODUCER_FIELD_LABELS.get(k, k) for k in changes]


def producer_changes(producer: Producer, **given: str) -> dict[str, Any]:
    """The fields a row gives (non-empty) that differ from the registered producer."""
    return {k: v for k, v in given.items() if v and getattr(producer, k) != v}


def product_match(*, producer_id: int, name: str) -> Product | None:
    return (
        Product.objects.filter(producer_id=producer_id, name_folded=fold(name))
        .order_by("pk")
        .first()
    )


def products_by_name(*, producer_id: int) -> dict[str, Product]:
    """A registered producer's products by folded name (the first registered of a name):
    ``product_match`` for every row of the producer in one query."""
    out: dict[str, Product] = {}
    qs = Product.objects.filter(producer_id=producer_id).select_related("product_set")
    for product in qs.order_by("pk"):
        out.setdefault(product.name_folded, product)
    return out


def product_changes(
    product: Product, *, product_set: int | None, legacy_code: str, status: str = ""
) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    current_set = product.product_set.number if product.product_set is not None else None
    if product_set is not None and product_set != current_set:
        changes["product_set"] = product_set
    if legacy_code and legacy_code != product.legacy_code:
        changes["legacy_code"] = legacy_code
    if status and status != product.status:
        changes["status"] = status
    return changes


def result_exists(
    *, product_id: int, authority_id: int, number: str, signed_on: dt.date | None
) -> bool:
    """Is this product already listed in the authority's decision with this number and date?"""
    from ocop.certification.models import Result

    return Result.objects.filter(
        product_id=product_id,
        decision__authority_id=authority_id,
        decision__number=number,
        decision__signed_on=signed_on,
    ).exists()


def decision_exists(*, authority_id: int, number: str, signed_on: dt.date | None) -> bool:
    from ocop.certification.models import Decision

    return Decision.objects.filter(
        authority_id=authority_id, number=number, signed_on=signed_on
    ).exists()


def certificate_number_taken(number: str) -> bool:
    from ocop.certification.models import Certificate

    return Certificate.objects.filter(number=number).exists()
