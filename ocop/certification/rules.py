"""The certificate rules as pure functions of dates (no database): validity and live status.

Every rule cites its source; the selectors express the same rules as database filters, and
``tests/test_rules.py`` checks both against hand-worked dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from ocop.certification.choices import CertificateStatus

VALIDITY_MONTHS = 36  # QĐ 26/2026 Điều 4.3 (also QĐ 148 and QĐ 1048): 36 months from the decision
RERATING_WINDOW_OPENS_DAYS = 180  # QĐ 26/2026 Điều 7.6.a: no earlier than 180 days before expiry
RERATING_WINDOW_CLOSES_DAYS = 120  # … and no later than 120 days before expiry
EXTENSION_DAYS = 180  # QĐ 26/2026 Điều 12.3: at most 180 days after expiry
QD_26_2026_EFFECTIVE = dt.date(2026, 5, 22)  # QĐ 26/2026 Điều 11: in force from signature
REVOCATION_DAYS = 15  # QĐ 26/2026 Điều 8.4: within 15 days of the conclusion


def valid_until_for(decision_date: dt.date) -> dt.date:
    """The last day (inclusive) a certificate of a decision signed on ``decision_date`` is valid.

    QĐ 26/2026 Điều 4.3: 36 months from the date the competent body issued it. Bộ luật Dân sự
    2015 Điều 147: the day of the event is not counted; Điều 148.1: a period in months ends at the
    end of the corresponding day of the last month, or of that month's last day when it has no
    such day (29/02/2024 → 28/02/2027). Not moved for weekends or holidays (Điều 148.3 concerns
    deadlines to act; this is a validity).
    """
    until: dt.date = decision_date + relativedelta(months=VALIDITY_MONTHS)
    return until


def rerating_window(valid_until: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a re-rating dossier may be filed (QĐ 26/2026 Điều 7.6.a)."""
    return (
        valid_until - dt.timedelta(days=RERATING_WINDOW_OPENS_DAYS),
        valid_until - dt.timedelta(days=RERATING_WINDOW_CLOSES_DAYS),
    )


def extension_applies(valid_until: dt.date, rerating_filed_on: dt.date | None) -> bool:
    """QĐ 26/2026 Điều 12.3 (transitional), as this system reads it (inferred):

    a certificate whose re-rating window had already closed when the decision took effect
    (22/05/2026) — so its holder could not file within Điều 7.6.a — stays valid until the
    authority decides, at most 180 days after expiry, once its re-rating dossier is filed.
    """
    if rerating_filed_on is None:
        return False
    _opens, closes = rerating_window(valid_until)
    return closes < QD_26_2026_EFFECTIVE


@dataclass(frozen=True)
class StatusFacts:
    """What the status of a certificate on a day depends on."""

    valid_until: dt.date | None
    revoked_on: dt.date | None = None  # date of the revocation decision (if any)
    revoked: bool = False  # revoked by a decision whose date is unknown
    superseded_on: dt.date | None = None  # date the next certificate of the chain took effect
    superseded: bool = False
    rerating_filed_on: dt.date | None = None


def status_on(facts: StatusFacts, on: dt.date) -> str:
    """The live status of a certificate on ``on`` — derived, never stored."""
    if facts.revoked or (facts.revoked_on is not None and facts.revoked_on <= on):
        return CertificateStatus.REVOKED
    if facts.superseded or (facts.superseded_on is not None and facts.superseded_on <= on):
        return CertificateStatus.SUPERSEDED
    if facts.valid_until is None:
        return CertificateStatus.UNKNOWN
    if on > facts.valid_until:
        if (
            extension_applies(facts.valid_until, facts.rerating_filed_on)
            and facts.rerating_filed_on is not None
            and facts.rerating_filed_on <= on
            and on <= facts.valid_until + dt.timedelta(days=EXTENSION_DAYS)
        ):
            return CertificateStatus.EXTENDED
        return CertificateStatus.EXPIRED
    if on >= facts.valid_until - dt.timedelta(days=RERATING_WINDOW_OPENS_DAYS):
        return CertificateStatus.EXPIRING
    return CertificateStatus.VALID


LIVE_STATUSES = frozenset(
    {CertificateStatus.VALID, CertificateStatus.EXPIRING, CertificateStatus.EXTENDED}
)


def format_partial_date(day: dt.date | None, precision: str, until: dt.date | None = None) -> str:
    """A date as precisely as it is known: never a full date for a year or a period."""
    if day is None or precision == "unknown":
        return ""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return day.strftime("%m/%Y")
    if precision == "period":
        end = until.year if until is not None else day.year
        return f"{day.year}–{end}" if end != day.year else str(day.year)
    return day.strftime("%d/%m/%Y")
