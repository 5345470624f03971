from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off")
    WORKING_DAY = "working_day", _("Make-up working day")


class CalendarDaySource(models.TextChoices):
    PACKAGE = "package", _("Seeded from the holidays package")
    OFFICE = "office", _("Added by the office")


class RoundLevel(models.TextChoices):
    PROVINCE = "province", _("Provincial")
    NATIONAL = "national", _("National")
