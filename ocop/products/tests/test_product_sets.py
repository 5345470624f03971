"""The Annex I classification of QĐ 26/2026, numbered as the 26 sheets of Annex II."""

from __future__ import annotations

import pytest

from ocop.products.models import ProductSet
from ocop.products.reference import product_sets_data

pytestmark = pytest.mark.django_db


def test_six_branches_seventeen_groups_twenty_six_sets():
    sets = list(ProductSet.objects.order_by("number"))
    assert len(sets) == 26
    assert len({s.branch_code for s in sets}) == 6
    assert len({s.group_code for s in sets}) == 17
    assert [s.number for s in sets] == list(range(1, 27))
    data = product_sets_data()
    assert len(data["branches"]) == 6
    assert len(data["groups"]) == 17


def test_numbering_follows_annex_ii():
    codes = dict(ProductSet.objects.values_list("number", "code"))
    assert codes == {
        1: "I.1.a", 2: "I.1.b", 3: "I.2.a", 4: "I.2.b", 5: "I.3.a", 6: "I.3.b", 7: "I.3.c",
        8: "I.3.d", 9: "I.4.a", 10: "I.4.b", 11: "I.5.a", 12: "I.5.b", 13: "I.6",
        14: "II.1.a", 15: "II.1.b", 16: "II.2.a", 17: "II.2.b", 18: "III.1", 19: "III.2",
        20: "III.3", 21: "IV.1", 22: "IV.2", 23: "V.1", 24: "V.2", 25: "V.3", 26: "VI.1",
    }  # fmt: skip


def test_names_and_ministries_as_written():
    s7 = ProductSet.objects.get(code="I.3.c")
    assert (s7.number, s7.name, s7.group_name, s7.branch_name) == (
        7,
        "Chế biến từ rau, củ, quả, hạt",
        "Thực phẩm chế biến",
        "Sản phẩm thực phẩm",
    )
    assert s7.ministries == "Bộ Nông nghiệp và Môi trường"
    s16 = ProductSet.objects.get(number=16)
    assert s16.ministries == "Bộ Y tế"
    s10 = ProductSet.objects.get(number=10)
    assert s10.sheet_name == "Gia vị khác (muối, hành, tỏi, tiêu)"
    s26 = ProductSet.objects.get(number=26)
    assert s26.ministries == "Bộ Văn hóa, Thể thao và Du lịch; Bộ Nông nghiệp và Môi trường"


def test_reference_data_reloads_after_a_flush():
    from ocop.testing import load_reference_data

    ProductSet.objects.all().delete()  # what a flush does to this table
    assert not ProductSet.objects.exists()
    load_reference_data()
    assert ProductSet.objects.count() == 26
    load_reference_data()  # idempotent
    assert ProductSet.objects.count() == 26
