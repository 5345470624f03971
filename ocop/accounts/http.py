from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from ocop.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required``: its user is a real account."""

    user: User
    htmx: HtmxDetails  # set by django-htmx's middleware: truthy for htmx requests
