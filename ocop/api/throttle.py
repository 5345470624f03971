"""Per-address rate limiting of the open-data API, counted in the database every process shares.

One atomic statement per request (``INSERT … ON CONFLICT DO UPDATE … RETURNING``, SQLite ≥ 3.35
and PostgreSQL alike): two gunicorn workers, or two servers behind a load balancer, add to the
same counter and can never each grant the full quota (docs/adr/0004-open-data-api.md).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from ocop.api.models import RateCounter

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"300/min"`` → (300, 60)."""
    count, period = rate.split("/", 1)
    return int(count), PERIODS[period]


def rate_count(address: str, window: int, period: int = 60) -> int:
    """Add one request of ``address`` in ``window`` and return the window's count.

    In Redis when ``OCOP_REDIS_URL`` is set (``OCOP_RATE_LIMIT_STORE = "cache"``): ``SET NX``
    then ``INCR``, both atomic on the server, the key expiring with its window.
    """
    if settings.OCOP_RATE_LIMIT_STORE == "cache":
        key = f"api-rate:{address[:64]}:{window}"
        cache.add(key, 0, timeout=period * 2)
        return int(cache.incr(key))
    q = connection.ops.quote_name  # "window" is a reserved word in PostgreSQL
    table, addr, win, count_ = (
        q(n) for n in (RateCounter._meta.db_table, "address", "window", "count")
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({addr}, {win}, {count_}) VALUES (%s, %s, 1) "  # noqa: S608 - names from the model
            f"ON CONFLICT ({addr}, {win}) DO UPDATE SET {count_} = {table}.{count_} + 1 "
            f"RETURNING {count_}",
            [address[:64], window],
        )
        (count,) = cursor.fetchone()
        if count == 1:
            # The address's first request of a window: forget windows that are over.
            RateCounter.objects.filter(window__lt=window - 1).delete()
    return int(count)


class AddressRateThrottle(BaseThrottle):
    """A fixed window per client address: at most N requests per period (``OCOP_API_RATE``)."""

    def allow_request(self, request: HttpRequest) -> bool:
        limit, period = parse_rate(settings.OCOP_API_RATE)
        now = time.time()
        window = int(now // period)
        self.retry_after = period - (now - window * period)
        return rate_count(self.get_ident(request) or "unknown", window, period) <= limit

    def wait(self) -> float | None:
        return getattr(self, "retry_after", None)
