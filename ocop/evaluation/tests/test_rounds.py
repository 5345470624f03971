"""Rounds (QĐ 26/2026 Điều 5): expected rounds worked out by hand from the article's dates."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop.core.errors import DomainError, PermissionDenied
from ocop.evaluation.models import Round
from ocop.evaluation.rounds import RoundSpec, round_choose, standing_rounds
from ocop.evaluation.selectors import round_for_proposal, round_specs_for_year
from ocop.evaluation.services import round_add_extra, round_materialize
from ocop.testing import current_unit

D = dt.date


def _short(spec: RoundSpec) -> tuple[int, str, dt.date, dt.date]:
    return (spec.year, spec.number, spec.cutoff, spec.decide_by)


@pytest.mark.parametrize(
    ("proposed_on", "expected"),
    [
        (D(2026, 1, 1), (2026, "01", D(2026, 4, 30), D(2026, 6, 30))),
        (D(2026, 4, 29), (2026, "01", D(2026, 4, 30), D(2026, 6, 30))),
        (D(2026, 4, 30), (2026, "02", D(2026, 10, 30), D(2026, 12, 30))),  # on the cut-off
        (D(2026, 5, 1), (2026, "02", D(2026, 10, 30), D(2026, 12, 30))),
        (D(2026, 10, 29), (2026, "02", D(2026, 10, 30), D(2026, 12, 30))),
        (D(2026, 10, 30), (2027, "01", D(2027, 4, 30), D(2027, 6, 30))),  # on the cut-off
        (D(2026, 12, 31), (2027, "01", D(2027, 4, 30), D(2027, 6, 30))),
    ],
)
def test_province_standing_rounds(proposed_on, expected):
    assert _short(round_choose("province", proposed_on)) == expected


@pytest.mark.parametrize(
    ("proposed_on", "expected"),
    [
        (D(2026, 1, 29), (2026, "02", D(2026, 1, 30), D(2026, 3, 30))),
        (D(2026, 1, 30), (2026, "01", D(2026, 7, 30), D(2026, 9, 30))),  # on the cut-off
        (D(2026, 7, 29), (2026, "01", D(2026, 7, 30), D(2026, 9, 30))),
        (D(2026, 7, 30), (2027, "02", D(2027, 1, 30), D(2027, 3, 30))),  # on the cut-off
        (D(2026, 12, 31), (2027, "02", D(2027, 1, 30), D(2027, 3, 30))),
        (D(2027, 1, 29), (2027, "02", D(2027, 1, 30), D(2027, 3, 30))),
    ],
)
def test_national_standing_rounds(proposed_on, expected):
    assert _short(round_choose("national", proposed_on)) == expected


def test_standing_rounds_of_a_year_in_cutoff_order():
    assert [_short(s) for s in standing_rounds("national", 2027)] == [
        (2027, "02", D(2027, 1, 30), D(2027, 3, 30)),
        (2027, "01", D(2027, 7, 30), D(2027, 9, 30)),
    ]


def test_an_extra_round_deciding_earlier_wins_while_it_is_open():
    extra = RoundSpec("province", 2026, "03", D(2026, 8, 15), D(2026, 9, 30), is_standing=False)
    assert round_choose("province", D(2026, 5, 10), [extra]) == extra
    assert round_choose("province", D(2026, 8, 14), [extra]) == extra
    assert _short(round_choose("province", D(2026, 8, 15), [extra])) == (
        2026, "02", D(2026, 10, 30), D(2026, 12, 30),
    )  # fmt: skip


def test_an_extra_round_deciding_later_takes_only_what_the_standing_round_cannot():
    extra = RoundSpec("province", 2027, "03", D(2026, 11, 15), D(2027, 1, 15), is_standing=False)
    assert round_choose("province", D(2026, 10, 29), [extra]).number == "02"
    assert round_choose("province", D(2026, 10, 30), [extra]) == extra
    assert round_choose("province", D(2026, 11, 15), [extra]).number == "01"


# --- stored rounds ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_office_extra_round_applies_to_its_province_only(province_office):
    vinh_long, hanoi = current_unit("province", "86"), current_unit("province", "01")
    extra = round_add_extra(
        actor=province_office,
        level="province",
        province=vinh_long,
        cutoff=D(2026, 8, 15),
        decide_by=D(2026, 9, 30),
        name="Đợt bổ sung",
    )
    assert (extra.year, extra.number, extra.is_standing) == (2026, "03", False)
    chosen = round_for_proposal("province", D(2026, 6, 1), vinh_long)
    assert (chosen.round_id, chosen.number) == (extra.pk, "03")
    elsewhere = round_for_proposal("province", D(2026, 6, 1), hanoi)
    assert (elsewhere.round_id, elsewhere.number, elsewhere.province_id) == (None, "02", hanoi.pk)
    assert round_for_proposal("province", D(2026, 8, 15), vinh_long).number == "02"


@pytest.mark.django_db
def test_extra_rounds_are_numbered_after_the_standing_ones(province_office):
    vinh_long = current_unit("province", "86")
    numbers = [
        round_add_extra(
            actor=province_office, level="province", province=vinh_long,
            cutoff=D(2026, month, 1), decide_by=D(2026, month, 20),
        ).number
        for month in (3, 8)
    ]  # fmt: skip
    assert numbers == ["03", "04"]
    assert [
        s.number for s in round_specs_for_year(level="province", year=2026, province=vinh_long)
    ] == ["03", "01", "04", "02"]


@pytest.mark.django_db
def test_extra_round_refusals_change_nothing(
    province_office, other_province_office, national_office
):
    vinh_long = current_unit("province", "86")
    with pytest.raises(DomainError, match="trước ngày quyết định"):
        round_add_extra(
            actor=province_office, level="province", province=vinh_long,
            cutoff=D(2026, 9, 30), decide_by=D(2026, 9, 30),
        )  # fmt: skip
    with pytest.raises(DomainError, match="ngoài địa bàn"):
        round_add_extra(
            actor=other_province_office, level="province", province=vinh_long,
            cutoff=D(2026, 8, 1), decide_by=D(2026, 9, 30),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        round_add_extra(
            actor=national_office, level="province", province=vinh_long,
            cutoff=D(2026, 8, 1), decide_by=D(2026, 9, 30),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        round_add_extra(
            actor=province_office, level="national", province=None,
            cutoff=D(2026, 8, 1), decide_by=D(2026, 9, 30),
        )  # fmt: skip
    assert not Round.objects.exists()


@pytest.mark.django_db
def test_national_office_adds_a_national_round(national_office):
    extra = round_add_extra(
        actor=national_office, level="national", province=None,
        cutoff=D(2026, 10, 15), decide_by=D(2026, 12, 15),
    )  # fmt: skip
    assert round_for_proposal("national", D(2026, 8, 1)).round_id == extra.pk


@pytest.mark.django_db
def test_materialize_stores_a_standing_round_once(province_office):
    vinh_long = current_unit("province", "86")
    spec = round_for_proposal("province", D(2026, 5, 2), vinh_long)
    first = round_materialize(actor=province_office, spec=spec, province=vinh_long)
    again = round_materialize(
        actor=province_office,
        spec=round_for_proposal("province", D(2026, 5, 3), vinh_long),
        province=vinh_long,
    )
    assert first.pk == again.pk
    assert (first.year, first.number, first.cutoff, first.decide_by, first.is_standing) == (
        2026, "02", D(2026, 10, 30), D(2026, 12, 30), True,
    )  # fmt: skip
    assert Round.objects.count() == 1


@pytest.mark.django_db
def test_provincial_round_needs_a_province():
    with pytest.raises(DomainError):
        round_for_proposal("province", D(2026, 5, 2))
    with pytest.raises(DomainError):
        round_for_proposal("district", D(2026, 5, 2))
