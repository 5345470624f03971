from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the system: health and readiness, metrics, request ids, the worker's heartbeat."""

    name = "ocop.ops"
    label = "ops"
    verbose_name = _("Operations")
