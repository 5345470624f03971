from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and synthetic national-scale data (never part of a production deployment's data)."""

    name = "ocop.demo"
    label = "demo"
    verbose_name = _("Demo data")
