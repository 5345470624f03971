from collections.abc import Callable

from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest, HttpResponse

from ocop.core.audit import isolated_context


class AuditActorMiddleware(AuditlogMiddleware):  # type: ignore[misc]
    """Records the signed-in user as the actor of a request's writes, and only that request's."""

    get_response: Callable[[HttpRequest], HttpResponse]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with isolated_context():
            response: HttpResponse = super().__call__(request)
            return response
