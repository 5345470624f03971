"""Domain errors raised by services; views turn them into Vietnamese messages."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the operation; ``message`` is user-facing."""

    default_message = _("The operation was refused.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class PermissionDenied(DomainError):
    default_message = _("You do not have permission to do this.")


class InvalidTransition(DomainError):
    default_message = _("This status change is not allowed.")


class MissingActorError(RuntimeError):
    """An audited record was saved with no acting user: every write must name its actor."""
