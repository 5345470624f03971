from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    DISCONTINUED = "discontinued", _("Discontinued")


class ChannelKind(models.TextChoices):
    """Where a product is sold (criterion 4.1 and the programme's modern-channel indicator)."""

    SUPERMARKET = "supermarket", _("Supermarket chain")
    CONVENIENCE_STORE = "convenience_store", _("Convenience store chain")
    OCOP_SHOWROOM = "ocop_showroom", _("OCOP showroom")
    ECOMMERCE = "ecommerce", _("E-commerce platform")
    EXPORT = "export", _("Export")
    AGENT = "agent", _("Agent / wholesale")
    OTHER = "other", _("Other")


# Modern channels as the programme counts them (supermarkets, convenience chains, e-commerce).
MODERN_CHANNELS = frozenset(
    {ChannelKind.SUPERMARKET, ChannelKind.CONVENIENCE_STORE, ChannelKind.ECOMMERCE}
)


class IPKind(models.TextChoices):
    """Intellectual-property titles scored by criterion 3.5."""

    TRADEMARK_APPLICATION = "trademark_application", _("Trademark application (accepted)")
    TRADEMARK_REGISTRATION = "trademark_registration", _("Registered trademark")
    GI_USE_RIGHT = "gi_use_right", _("Right to use a geographical indication")
    COLLECTIVE_MARK = "collective_mark", _("Right to use a collective mark")
    CERTIFICATION_MARK = "certification_mark", _("Right to use a certification mark")
    INDUSTRIAL_DESIGN = "industrial_design", _("Industrial design")
    PATENT = "patent", _("Patent")
    UTILITY_SOLUTION = "utility_solution", _("Utility solution")
