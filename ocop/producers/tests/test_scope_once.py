"""A scope read once (``accounts.selectors.user_unit_scope``, for imports) decides exactly as
the per-record queries it replaces: ``producer_list_editable(...).exists()``,
``product_list_editable(...).exists()`` and ``user_unit_scope_check``."""

from __future__ import annotations

import pytest

from ocop.accounts.selectors import user_unit_scope, user_unit_scope_check
from ocop.core.errors import DomainError
from ocop.producers.selectors import producer_is_editable, producer_list_editable
from ocop.products.selectors import product_is_editable, product_list_editable
from ocop.testing import current_unit, legacy_unit, make_producer, make_product

pytestmark = pytest.mark.django_db

SPLIT_NGAI_TU, CAI_VON = "29764", "29770"  # legacy xã Ngãi Tứ → … + phường Cái Vồn


@pytest.fixture
def places(db):
    hanoi = current_unit("commune", "00004")
    producers = [
        make_producer("HTX Cầu Kè", unit=current_unit("commune", "29308")),
        make_producer("HTX Phong Thạnh cũ", unit=legacy_unit("commune", "29329")),
        make_producer("HTX Hà Nội", unit=hanoi),
        # written on a split legacy commune, re-pointed by the office to phường Cái Vồn
        make_producer(
            "HTX Ngãi Tứ",
            unit=legacy_unit("commune", SPLIT_NGAI_TU),
            current_unit=current_unit("commune", CAI_VON),
        ),
    ]
    products = [make_product(f"Sản phẩm {p.name}", producer=p) for p in producers]
    # a product made in Hà Nội by a producer of Cầu Kè: in scope through its producer
    products.append(make_product("Trà Hà Nội", producer=producers[0], origin_unit=hanoi))
    return producers, products


@pytest.mark.parametrize(
    "user_fixture", ["province_office", "commune_officer", "other_province_office"]
)
def test_the_scope_read_once_agrees_with_the_queries(request, places, user_fixture):
    user = request.getfixturevalue(user_fixture)
    producers, products = places
    scope = user_unit_scope(user)
    assert scope is not None
    expected = [producer_list_editable(user=user).filter(pk=p.pk).exists() for p in producers]
    assert [producer_is_editable(user=user, producer=p, scope=scope) for p in producers] == expected
    expected = [product_list_editable(user=user).filter(pk=p.pk).exists() for p in products]
    assert [product_is_editable(user=user, product=p, scope=scope) for p in products] == expected
    # and the answers differ between users (the check is not vacuous)
    assert {
        "province_office": [True, True, False, True],
        "commune_officer": [True, False, False, False],
        "other_province_office": [False, False, True, False],
    }[user_fixture] == [producer_is_editable(user=user, producer=p) for p in producers]


def test_a_unit_outside_the_scope_is_refused_with_the_same_message(province_office):
    scope = user_unit_scope(province_office)
    hanoi = current_unit("commune", "00004")
    with pytest.raises(DomainError) as with_scope:
        user_unit_scope_check(user=province_office, unit=hanoi, scope=scope)
    with pytest.raises(DomainError) as without:
        user_unit_scope_check(user=province_office, unit=hanoi)
    assert with_scope.value.message == without.value.message
    user_unit_scope_check(user=province_office, unit=legacy_unit("commune", "29329"), scope=scope)


def test_a_scope_is_used_only_for_its_own_user(province_office, other_province_office):
    """Another user's scope is ignored: the check queries that user's own scope."""
    scope = user_unit_scope(province_office)
    with pytest.raises(DomainError):
        user_unit_scope_check(
            user=other_province_office, unit=current_unit("commune", "29308"), scope=scope
        )
