"""Which edition and process apply by filing date, and the re-rating window."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop.evaluation.dossier_rules import DossierRules, dossier_rules, rerating_window

D = dt.date


@pytest.mark.parametrize(
    ("filed_on", "kind", "expected"),
    [
        (D(2023, 2, 23), "first", DossierRules("1048-2019", "1048-2019")),
        (D(2023, 2, 24), "first", DossierRules("148-2023", "148-2023", 60, D(2026, 7, 21))),
        (D(2025, 7, 5), "upgrade", DossierRules("148-2023", "148-2023", 60, D(2026, 7, 21))),
        (D(2025, 7, 6), "rerating", DossierRules("148-2023", "1489-2025", 30, D(2026, 6, 21))),
        (D(2026, 5, 21), "first", DossierRules("148-2023", "1489-2025", 60, D(2026, 7, 21))),
        (D(2026, 5, 21), "rerating", DossierRules("148-2023", "1489-2025", 30, D(2026, 6, 21))),
        (D(2026, 5, 22), "first", DossierRules("26-2026", "26-2026")),
        (D(2026, 5, 22), "rerating", DossierRules("26-2026", "26-2026")),
    ],
)
def test_rules_by_filing_date(filed_on, kind, expected):
    assert dossier_rules(filed_on, kind) == expected


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown dossier kind"):
        dossier_rules(D(2026, 6, 1), "renewal")


def test_rerating_window_is_180_to_120_days_before_expiry():
    window = rerating_window(D(2027, 6, 30))
    assert (window.first, window.last) == (D(2027, 1, 1), D(2027, 3, 2))
    assert D(2026, 12, 31) not in window
    assert D(2027, 1, 1) in window
    assert D(2027, 3, 2) in window
    assert D(2027, 3, 3) not in window
