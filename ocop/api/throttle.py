"""Per-address rate limiting of the open-data API, counted in the shared database cache."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"300/min"`` → (300, 60)."""
    count, period = rate.split("/", 1)
    return int(count), PERIODS[period]


class AddressRateThrottle(BaseThrottle):
    """A fixed window per client address: at most N requests per period (OCOP_API_RATE).

    The counter lives in the default cache — the database table every server process shares —
    never in a process's memory, so two gunicorn workers cannot each grant the full quota.
    """

    def allow_request(self, request: HttpRequest) -> bool:
        limit, period = parse_rate(settings.OCOP_API_RATE)
        now = time.time()
        window = int(now // period)
        self.retry_after = period - (now - window * period)
        key = f"api-rate:{self.get_ident(request)}:{window}"
        cache.add(key, 0, timeout=period * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period * 2)
            count = 1
        return count <= limit

    def wait(self) -> float | None:
        return getattr(self, "retry_after", None)
