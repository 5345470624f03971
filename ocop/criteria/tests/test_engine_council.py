"""Council rules in the pure engine: quorum, recusal, the spread and re-scoring.

Expected figures are worked by hand from the option points printed in QĐ 26/2026 Phụ lục II,
bộ 7 (see ``SET7_MID`` in test_engine_golden.py: 63 points), and from the provincial council
rules' arithmetic (≥ 75 % of the appointed members, rounded up, chair included; ≤ 10 points).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.criteria.engine import (
    CouncilMember,
    CouncilRules,
    DossierFlags,
    ScoringError,
    council_result,
    required_members,
    score_council,
)

from .conftest import sheet_26
from .test_engine_golden import SET7_MID, SEVENTY, SIXTY_NINE

# 63 with 3.3 → option 1 (3 → 1 point, −2) and 10 → option 1 (2 → 1 point, −1): 60.
SIXTY = SET7_MID | {"3.3": 1, "10": 1}
# 60 with 6.2 → option 1 (1 → 0 points, −1): 59.
FIFTY_NINE = SIXTY | {"6.2": 1}


def m(answers: dict[str, int] | None, role: str | None = None, recused: bool = False):
    return CouncilMember(answers=answers, role=role, recused=recused)


@pytest.mark.parametrize(
    ("appointed", "required"),
    [(1, 1), (3, 3), (4, 3), (5, 4), (7, 6), (8, 6), (9, 7), (12, 9)],
)
def test_quorum_is_75_percent_rounded_up(appointed: int, required: int) -> None:
    # 0.75 × 3 = 2.25 → 3; × 5 = 3.75 → 4; × 7 = 5.25 → 6; × 9 = 6.75 → 7; × 12 = 9 exactly.
    assert required_members(appointed, Decimal("0.75")) == required


def test_quorum_with_a_recusal_and_the_chair_present() -> None:
    sheet = sheet_26(7)
    result = council_result(
        sheet,
        [
            m(SEVENTY, "chair"),
            m(SEVENTY, "vice_chair"),
            m(SIXTY_NINE, "member"),
            m(FIFTY_NINE, "member", recused=True),
            m(SET7_MID, "secretary"),
        ],
        appointed=5,
    )
    q = result.quorum
    # 5 appointed → 4 required (3.75 up); 4 counted (one recused), the chair among them.
    assert (q.appointed, q.counted, q.required, q.met) == (5, 4, 4, True)
    assert result.member_totals == (70, 70, 69, None, 63)
    # The recused 59 is not averaged: (70 + 70 + 69 + 63) / 4 = 272 / 4 = 68 → 3★ band.
    assert result.outcome is not None
    assert result.outcome.total == Decimal(68)
    assert len(result.outcome.members) == 4
    assert (result.status, result.star) == ("rated", 3)
    # Spread over counted totals only: 70 − 63 = 7 (with the recused 59 it would be 11).
    assert (result.spread, result.needs_rescore) == (Decimal(7), False)


def test_a_recusal_can_break_the_quorum() -> None:
    sheet = sheet_26(7)
    result = council_result(
        sheet,
        [m(SEVENTY, "chair"), m(SEVENTY), m(SIXTY_NINE), m(None, recused=True)],
        appointed=5,
    )
    q = result.quorum
    # 5 appointed need 4; 3 counted.
    assert (q.appointed, q.counted, q.required, q.met) == (5, 3, 4, False)
    assert (result.status, result.star) == ("no_quorum", None)
    assert result.member_totals == (70, 70, 69, None)


def test_no_quorum_without_the_chair_when_roles_are_given() -> None:
    sheet = sheet_26(7)
    members = [
        m(SEVENTY, "chair", recused=True),
        m(SEVENTY, "vice_chair"),
        m(SIXTY_NINE, "member"),
        m(SET7_MID, "secretary"),
    ]
    result = council_result(sheet, members, appointed=4)
    q = result.quorum
    # 4 appointed need 3; 3 counted, but the chair is recused.
    assert (q.counted, q.required, q.chair_required, q.chair_counted, q.met) == (
        3,
        3,
        True,
        False,
        False,
    )
    assert (result.status, result.star) == ("no_quorum", None)
    # The chair absent altogether (not among the members given) is the same.
    absent = council_result(sheet, members[1:], appointed=4)
    assert (absent.quorum.met, absent.status) == (False, "no_quorum")


def test_without_roles_the_chair_is_not_checked() -> None:
    result = council_result(sheet_26(7), [m(SEVENTY), m(SEVENTY), m(SIXTY_NINE)], appointed=4)
    assert (result.quorum.required, result.quorum.met, result.star) == (3, True, 3)


def test_spread_exactly_at_the_limit_is_accepted() -> None:
    result = council_result(sheet_26(7), [m(SEVENTY), m(SIXTY)])
    # 70 − 60 = 10, not above 10.
    assert (result.spread, result.spread_limit, result.needs_rescore) == (
        Decimal(10),
        Decimal(10),
        False,
    )


def test_spread_above_the_limit_needs_a_rescore() -> None:
    result = council_result(sheet_26(7), [m(SEVENTY), m(FIFTY_NINE), m(SIXTY_NINE)])
    # 70 − 59 = 11 > 10.
    assert (result.spread, result.needs_rescore) == (Decimal(11), True)
    # The result itself is still the engine's: (70 + 59 + 69) / 3 = 66 → 3★.
    assert result.outcome is not None
    assert result.outcome.total == Decimal(66)
    assert (result.status, result.star) == ("rated", 3)
    wider = council_result(
        sheet_26(7), [m(SEVENTY), m(FIFTY_NINE)], rules=CouncilRules(spread_limit=Decimal(11))
    )
    assert wider.needs_rescore is False


def test_quorum_share_is_configurable() -> None:
    rules = CouncilRules(quorum_share=Decimal("0.5"))
    result = council_result(sheet_26(7), [m(SEVENTY), m(SEVENTY)], appointed=4, rules=rules)
    assert (result.quorum.required, result.quorum.met) == (2, True)
    three = council_result(sheet_26(7), [m(SEVENTY)], appointed=3, rules=rules)
    # 0.5 × 3 = 1.5 → 2.
    assert (three.quorum.required, three.status) == (2, "no_quorum")


def test_all_recused_gives_no_outcome() -> None:
    result = council_result(sheet_26(7), [m(None, recused=True), m(SEVENTY, recused=True)])
    assert result.outcome is None
    assert (result.quorum.counted, result.quorum.required, result.quorum.met) == (0, 2, False)
    assert (result.status, result.star, result.spread) == ("no_quorum", None, None)


def test_dossier_flags_still_apply_with_quorum() -> None:
    result = council_result(
        sheet_26(7), [m(SEVENTY), m(SEVENTY)], flags=DossierFlags(disqualified=True)
    )
    assert (result.status, result.star) == ("disqualified", None)


@pytest.mark.parametrize(
    ("members", "kwargs", "message"),
    [
        ([m(SEVENTY), m(SEVENTY)], {"appointed": 1}, "appointed (1) is less than"),
        ([m(SEVENTY, role="president")], {}, "role must be one of"),
        ([m(None)], {}, "member 1 is not recused and has no answers"),
        ([m(SEVENTY)], {"rules": CouncilRules(quorum_share=Decimal(0))}, "quorum_share"),
        ([m(SEVENTY)], {"rules": CouncilRules(spread_limit=Decimal(-1))}, "spread_limit"),
        ([], {}, "at least one member"),
    ],
)
def test_bad_council_input_is_refused(members, kwargs, message) -> None:
    with pytest.raises(ScoringError, match=re.escape(message)):
        council_result(sheet_26(7), members, **kwargs)


VARIANTS = [SET7_MID, SEVENTY, SIXTY_NINE, SIXTY, FIFTY_NINE]


@given(
    st.lists(st.tuples(st.integers(0, len(VARIANTS) - 1), st.booleans()), min_size=1, max_size=6),
    st.integers(0, len(VARIANTS) - 1),
)
def test_recused_answers_never_change_the_result(picks, other) -> None:
    sheet = sheet_26(7)
    members = [m(VARIANTS[i], recused=r) for i, r in picks]
    swapped = [m(VARIANTS[other], recused=True) if x.recused else x for x in members]
    a, b = council_result(sheet, members), council_result(sheet, swapped)
    assert (a.member_totals, a.spread, a.quorum, a.status, a.star) == (
        b.member_totals,
        b.spread,
        b.quorum,
        b.status,
        b.star,
    )
    counted = [VARIANTS[i] for i, r in picks if not r]
    if counted:
        assert a.outcome is not None
        assert a.outcome.total == score_council(sheet, counted).total
        assert (
            a.spread
            == max(a.outcome.members, key=lambda s: s.total).total
            - min(a.outcome.members, key=lambda s: s.total).total
        )
