from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    """Council roles (QĐ 26/2026 Điều 7.3.b; the province's council rules)."""

    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


class OrganisationKind(models.TextChoices):
    """Where a member comes from (QĐ 26/2026 Điều 7.3.b)."""

    DEPARTMENT = "department", _("Provincial department")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee of a unit")
    ASSOCIATION = "association", _("Association")
    RESEARCH_TRAINING = "research_training", _("Research or training body")
    EXPERT = "expert", _("Independent expert")
    PRODUCER = "producer", _("Producer")
