"""valid_until (QĐ 26/2026 Điều 4.3, BLDS Điều 147–148) and the status rules, hand-worked dates."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop.certification.rules import (
    StatusFacts,
    format_partial_date,
    rerating_window,
    status_on,
    valid_until_for,
)

D = dt.date


@pytest.mark.parametrize(
    ("signed", "until"),
    [
        (D(2021, 3, 30), D(2024, 3, 30)),  # 612/QĐ-UBND of 30/3/2021
        (D(2023, 8, 31), D(2026, 8, 31)),  # the 31st exists 36 months later
        (D(2024, 2, 29), D(2027, 2, 28)),  # no 29 February in 2027: last day of that month
        (D(2023, 1, 31), D(2026, 1, 31)),
        (D(2025, 12, 31), D(2028, 12, 31)),
        (D(2026, 5, 23), D(2029, 5, 23)),
    ],
)
def test_valid_until_is_the_same_day_36_months_later(signed, until):
    assert valid_until_for(signed) == until


def test_valid_until_is_not_moved_for_a_weekend():
    # 28/06/2026 is a Sunday: a validity ends on it all the same.
    assert valid_until_for(D(2023, 6, 28)) == D(2026, 6, 28)
    assert D(2026, 6, 28).isoweekday() == 7


def test_rerating_window_is_180_to_120_days_before_expiry():
    opens, closes = rerating_window(D(2026, 12, 31))
    assert opens == D(2026, 7, 4)  # 31/12 − 180 days
    assert closes == D(2026, 9, 2)  # 31/12 − 120 days


UNTIL = D(2027, 3, 30)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2024, 3, 30), "valid"),
        (D(2026, 9, 30), "valid"),  # 181 days before 30/03/2027
        (D(2026, 10, 1), "expiring"),  # exactly 180 days before: the re-rating window opens
        (D(2027, 3, 30), "expiring"),  # the last valid day (inclusive)
        (D(2027, 3, 31), "expired"),
    ],
)
def test_status_through_time(on, expected):
    assert status_on(StatusFacts(valid_until=UNTIL), on) == expected


def test_revoked_and_superseded_from_their_dates():
    facts = StatusFacts(valid_until=UNTIL, revoked_on=D(2025, 6, 1))
    assert status_on(facts, D(2025, 5, 31)) == "valid"
    assert status_on(facts, D(2025, 6, 1)) == "revoked"
    facts = StatusFacts(valid_until=UNTIL, superseded_on=D(2026, 11, 1))
    assert status_on(facts, D(2026, 10, 31)) == "expiring"
    assert status_on(facts, D(2026, 11, 1)) == "superseded"


def test_unknown_without_a_usable_date():
    assert status_on(StatusFacts(valid_until=None), D(2026, 1, 1)) == "unknown"


def test_extended_under_article_12_3():
    # Valid until 30/08/2026: its window (03/03–02/05/2026) had closed on 22/05/2026.
    until = D(2026, 8, 30)
    facts = StatusFacts(valid_until=until, rerating_filed_on=D(2026, 7, 1))
    assert status_on(facts, D(2026, 8, 30)) == "expiring"
    assert status_on(facts, D(2026, 8, 31)) == "extended"
    assert status_on(facts, D(2027, 2, 26)) == "extended"  # 30/08/2026 + 180 days
    assert status_on(facts, D(2027, 2, 27)) == "expired"
    # Not filed: expired the day after.
    assert status_on(StatusFacts(valid_until=until), D(2026, 8, 31)) == "expired"
    # A certificate whose window was still open on 22/05/2026 gets no extension.
    late = D(2026, 9, 30)  # window closes 02/06/2026, after 22/05/2026
    facts = StatusFacts(valid_until=late, rerating_filed_on=D(2026, 7, 1))
    assert status_on(facts, D(2026, 10, 1)) == "expired"


@pytest.mark.parametrize(
    ("day", "precision", "until", "text"),
    [
        (D(2021, 3, 30), "day", None, "30/03/2021"),
        (D(2021, 3, 1), "month", None, "03/2021"),
        (D(2020, 1, 1), "year", None, "2020"),
        (D(2019, 1, 1), "period", D(2021, 12, 31), "2019–2021"),
        (None, "unknown", None, ""),
    ],
)
def test_partial_dates_keep_their_precision(day, precision, until, text):
    assert format_partial_date(day, precision, until) == text
