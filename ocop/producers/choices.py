from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    """Who may be a chủ thể OCOP (QĐ 26/2026 Art. 2.3), plus "unknown" for imported records."""

    COOPERATIVE = "cooperative", _("Cooperative (HTX)")
    COOPERATIVE_UNION = "cooperative_union", _("Union of cooperatives")
    COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group")
    COMPANY_LLC = "company_llc", _("Limited liability company")
    COMPANY_JSC = "company_jsc", _("Joint-stock company")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Private enterprise")
    FARM = "farm", _("Farm")
    PRODUCTION_HOUSEHOLD = "production_household", _("Production household")
    BUSINESS_HOUSEHOLD = "business_household", _("Registered business household")
    ASSOCIATION = "association", _("Association (tourism)")
    FEDERATION = "federation", _("Federation of associations (tourism)")
    TOURISM_CENTRE = "tourism_centre", _("Tourism operating centre or equivalent")
    UNKNOWN = "unknown", _("Unknown (imported record)")


# Enterprises: their size matters (Art. 2.3 admits small and medium enterprises only).
ENTERPRISE_FORMS = frozenset(
    {LegalForm.COMPANY_LLC, LegalForm.COMPANY_JSC, LegalForm.PRIVATE_ENTERPRISE}
)
# Households and individuals: since 01/07/2025 their tax number is the 12-digit personal ID.
HOUSEHOLD_FORMS = frozenset(
    {LegalForm.PRODUCTION_HOUSEHOLD, LegalForm.BUSINESS_HOUSEHOLD, LegalForm.FARM}
)
# Admitted only for the tourism product set (Art. 2.3, second sentence).
TOURISM_ONLY_FORMS = frozenset(
    {LegalForm.ASSOCIATION, LegalForm.FEDERATION, LegalForm.TOURISM_CENTRE}
)


class EnterpriseSize(models.TextChoices):
    """Size classes of Nghị định 80/2021/NĐ-CP; micro, small and medium are all SMEs."""

    NOT_APPLICABLE = "not_applicable", _("Not an enterprise")
    MICRO = "micro", _("Micro enterprise")
    SMALL = "small", _("Small enterprise")
    MEDIUM = "medium", _("Medium enterprise")
    LARGE = "large", _("Large enterprise")
    UNKNOWN = "unknown", _("Unknown")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not stated")
