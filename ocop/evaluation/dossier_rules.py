"""Which criteria edition and which process govern a dossier, by the date it was filed (pure).

- QĐ 1048/QĐ-TTg (21/8/2019): sheets and three-level process until 23/02/2023.
- QĐ 148/QĐ-TTg (24/02/2023) replaced 1048 from its signature date.
- QĐ 1489/QĐ-TTg (06/07/2025, effective the same day) amended 148's process for two-level local
  government (the commune pre-assesses; no district step); the sheets stay 148's.
- QĐ 26/2026/QĐ-TTg (effective 22/05/2026, Điều 11.1): new sheets and process. Dossiers filed
  before that day and not yet rated finish under the 2021–2025 rules (Điều 12.2) within 60 days
  for a first rating or an upgrade (12.2.a) and 30 days for a re-rating (12.2.b), counted from
  22/05/2026.
- Re-rating (Điều 7.6.a): the dossier is filed no earlier than 180 and no later than 120 days
  before the certificate expires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FIRST = "first"
UPGRADE = "upgrade"
RERATING = "rerating"
KINDS = (FIRST, UPGRADE, RERATING)

QD_148_FROM = dt.date(2023, 2, 24)
QD_1489_FROM = dt.date(2025, 7, 6)
QD_26_FROM = dt.date(2026, 5, 22)

# QĐ 26/2026 Điều 12.2.a (first, upgrade) and 12.2.b (re-rating): calendar days from 22/05/2026.
TRANSITION_DAYS = {FIRST: 60, UPGRADE: 60, RERATING: 30}

RERATING_EARLIEST_DAYS = 180  # QĐ 26/2026 Điều 7.6.a: "không sớm hơn 180 ngày"
RERATING_LATEST_DAYS = 120  # "và không muộn hơn 120 ngày tính đến ngày hết thời hạn"


@dataclass(frozen=True)
class DossierRules:
    """The criteria edition and process code a dossier is handled under."""

    edition: str
    process: str
    completion_deadline_days: int | None = None
    completion_deadline: dt.date | None = None


def dossier_rules(filed_on: dt.date, kind: str) -> DossierRules:
    """The rules of a ``kind`` dossier (first|upgrade|rerating) filed on ``filed_on``."""
    if kind not in KINDS:
        raise ValueError(f"unknown dossier kind {kind!r}")
    if filed_on < QD_148_FROM:
        return DossierRules(edition="1048-2019", process="1048-2019")
    if filed_on < QD_26_FROM:
        days = TRANSITION_DAYS[kind]
        return DossierRules(
            edition="148-2023",
            process="1489-2025" if filed_on >= QD_1489_FROM else "148-2023",
            completion_deadline_days=days,
            completion_deadline=QD_26_FROM + dt.timedelta(days=days),
        )
    return DossierRules(edition="26-2026", process="26-2026")


@dataclass(frozen=True)
class Window:
    """Inclusive first and last day of a filing window."""

    first: dt.date
    last: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


def rerating_window(expires_on: dt.date) -> Window:
    """When a re-rating dossier may be filed for a certificate expiring on ``expires_on``.

    QĐ 26/2026 Điều 7.6.a: no earlier than 180 days and no later than 120 days before the expiry
    date — read as the days from 180 to 120 days before it, both included.
    """
    return Window(
        first=expires_on - dt.timedelta(days=RERATING_EARLIEST_DAYS),
        last=expires_on - dt.timedelta(days=RERATING_LATEST_DAYS),
    )
