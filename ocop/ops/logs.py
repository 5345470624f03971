"""Structured logs: the request id of the current request on every record (JSON in production)."""

from __future__ import annotations

import logging
from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("ocop_request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to each record (``-`` outside a request: the worker, commands)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True
