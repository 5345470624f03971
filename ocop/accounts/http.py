from django.http import HttpRequest

from ocop.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required``: its user is a real account."""

    user: User
