"""One request id per request (``X-Request-ID`` honoured or made, echoed, in every log line),
latency by view for Prometheus, and one structured access-log line per request."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ocop.ops import metrics
from ocop.ops.logs import request_id_var

access_log = logging.getLogger("ocop.request")

# An id from the proxy (nginx's $request_id) or the client is kept when it is plain and short.
_VALID_ID = re.compile(r"^[A-Za-z0-9._\-]{1,128}$")


class RequestMiddleware:
    """Outermost middleware: sees every response, including the ones others return early."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            elapsed = time.perf_counter() - started
            match = getattr(request, "resolver_match", None)
            view = match.view_name if match is not None else "<unresolved>"
            metrics.REQUEST_LATENCY.labels(view, request.method).observe(elapsed)
            metrics.REQUESTS.labels(view, request.method, str(response.status_code)).inc()
            response["X-Request-ID"] = request_id
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "view": view,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)
