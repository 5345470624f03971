"""Re-rating reminders (QĐ 26/2026 Điều 7.6.a): when the window opens, 14 days before it closes,
and 30 days before expiry. A daily idempotent job: each (certificate, milestone) is sent once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.certification.models import Certificate, Reminder
from ocop.certification.rules import RERATING_WINDOW_CLOSES_DAYS, RERATING_WINDOW_OPENS_DAYS

CLOSING_NOTICE_DAYS = 14
EXPIRY_NOTICE_DAYS = 30


@dataclass(frozen=True)
class Milestone:
    """A reminder sent once a certificate's day comes, while it is still useful (catch-up)."""

    code: str
    starts_before_expiry: int  # the reminder is due from valid_until − this many days
    ends_before_expiry: int  # … until valid_until − this many days (inclusive)
    title: str


MILESTONES = (
    Milestone(
        "window_open",
        RERATING_WINDOW_OPENS_DAYS,
        RERATING_WINDOW_CLOSES_DAYS,
        str(_("The re-rating window is open")),
    ),
    Milestone(
        "window_closing",
        RERATING_WINDOW_CLOSES_DAYS + CLOSING_NOTICE_DAYS,
        RERATING_WINDOW_CLOSES_DAYS,
        str(_("The re-rating window closes in 14 days")),
    ),
    Milestone(
        "expiry_30",
        EXPIRY_NOTICE_DAYS,
        0,
        str(_("The certificate expires in 30 days")),
    ),
)


def due_certificates(milestone: Milestone, day: dt.date) -> list[Certificate]:
    """Live certificates whose ``milestone`` is due on ``day`` and not yet sent."""
    latest = day + dt.timedelta(days=milestone.starts_before_expiry)
    earliest = day + dt.timedelta(days=milestone.ends_before_expiry)
    return list(
        Certificate.objects.filter(
            valid_until__gte=earliest,
            valid_until__lte=latest,
            revocation_decision__isnull=True,
            superseded_by__isnull=True,
        )
        .exclude(Q(reminders__milestone=milestone.code))
        .select_related("product", "producer", "decision__province")
        .order_by("valid_until", "pk")
    )


def reminders_plan(day: dt.date) -> list[tuple[Certificate, Milestone]]:
    return [(c, m) for m in MILESTONES for c in due_certificates(m, day)]


def reminders_send(*, day: dt.date) -> int:
    """Record each due reminder once and enqueue its delivery (in-app + e-mail) after commit."""
    from ocop.certification.tasks import deliver_reminder

    created = 0
    for certificate, milestone in reminders_plan(day):
        with transaction.atomic():
            reminder, new = Reminder.objects.get_or_create(
                certificate=certificate,
                milestone=milestone.code,
                defaults={"due_on": day},
            )
            if new:
                created += 1
                transaction.on_commit(partial(deliver_reminder.enqueue, reminder.pk))
    return created
