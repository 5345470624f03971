from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE_OFFICE = "province_office", _("Provincial OCOP office")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    ADVISORY_MEMBER = "advisory_member", _("Advisory-team member")
    PRODUCER = "producer", _("Producer")
    NATIONAL_OFFICE = "national_office", _("National OCOP office")


OFFICE_ROLES = frozenset({Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER, Role.NATIONAL_OFFICE})
