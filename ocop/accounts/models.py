from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.accounts.choices import OFFICE_ROLES, Role


class User(AbstractUser):
    """A person who signs in: an official, a council member, a producer's staff member."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, blank=True)
    units = models.ManyToManyField(
        "geo.AdminUnit",
        verbose_name=_("administrative units acted for"),
        blank=True,
        related_name="officials",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_office(self) -> bool:
        """Office roles see sensitive fields and manage records in their scope."""
        return self.is_superuser or self.role in OFFICE_ROLES

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or self.role in roles


class Notification(models.Model):
    """A message shown to a user in the application (reminders, results, returns)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title
