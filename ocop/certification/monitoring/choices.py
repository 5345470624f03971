from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    """QĐ 26/2026 Điều 9.1: post-control by periodic and ad-hoc inspections."""

    PERIODIC = "periodic", _("Periodic")
    AD_HOC = "ad_hoc", _("Ad hoc")


class FindingResult(models.TextChoices):
    """What an inspection found for one product (QĐ 26/2026 Điều 9.3)."""

    MAINTAINED = "maintained", _("Criteria maintained")
    TO_REMEDY = "to_remedy", _("Shortcomings to remedy")
    NOT_MAINTAINED = "not_maintained", _("No longer meets the criteria")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
