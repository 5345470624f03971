"""Work queues on the home page (issue 9 item 9): apps register providers, core shows them.

``core`` imports no other app, so each domain app registers, in its ``AppConfig.ready``, a
function that counts what waits for a user (built from that app's selectors). The home page
calls every provider and shows the lines with their counts and links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

WAITING = "waiting"
OVERDUE = "overdue"
EXPIRING = "expiring"


@dataclass(frozen=True)
class QueueLine:
    """One line of a work queue: what it is, how many, where to see them, how urgent."""

    key: str
    label: str
    count: int
    url: str
    tone: str  # WAITING | OVERDUE | EXPIRING


QueueProvider = Callable[[Any, dt.date], list[QueueLine]]
_PROVIDERS: dict[str, QueueProvider] = {}


def register(name: str, provider: QueueProvider) -> None:
    """Add (or replace, on a second ``ready``) the provider called ``name``."""
    _PROVIDERS[name] = provider


def queues_for(user: Any, *, today: dt.date | None = None) -> list[QueueLine]:
    """Every registered provider's lines for ``user``, in registration order."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    day = today or timezone.localdate()
    lines: list[QueueLine] = []
    for provider in _PROVIDERS.values():
        lines.extend(provider(user, day))
    return lines
