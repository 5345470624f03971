"""Reads of the public catalogue, the open-data API and the reports go to a read replica.

Only when ``DATABASE_REPLICA_URL`` is set (settings add the ``replica`` alias and this router).
The middleware marks a request whose view belongs to one of ``OCOP_REPLICA_NAMESPACES``; the
router then sends that request's reads to the replica, unless a transaction is open on the
primary (a read inside a write's transaction must see the write). Writes always go to the
primary, and nothing is ever migrated on the replica (the primary's replication copies it).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA_ALIAS = "replica"

_reads_from_replica: ContextVar[bool] = ContextVar("ocop_reads_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA_ALIAS in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if (
            _reads_from_replica.get()
            and replica_configured()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA_ALIAS
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the same rows as the primary: objects from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA_ALIAS


class ReplicaReadsMiddleware:
    """Marks the requests whose reads may come from the replica (by URL namespace)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reads_from_replica.set(False)
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        match = request.resolver_match
        if match is not None and match.namespace in settings.OCOP_REPLICA_NAMESPACES:
            _reads_from_replica.set(True)
