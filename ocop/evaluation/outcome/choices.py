from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalOutcome(models.TextChoices):
    """What the council proposes for a dossier (QĐ 26/2026 Điều 3.3, 4.1, 7.3.d–e)."""

    RECOGNISE = "recognise", _("Recognise (3 or 4 stars)")
    POTENTIAL_5 = "potential_5", _("90 points or more: to the ministry")
    NOT_RECOGNISED = "not_recognised", _("Below 3 stars: no decision")


class ProposalSource(models.TextChoices):
    SCORING = "scoring", _("Council scoring")
    WRITTEN_OPINIONS = "written_opinions", _("Written opinions (re-rating)")


class NationalOutcome(models.TextChoices):
    """The ministry's result on a ≥ 90 product (QĐ 26/2026 Điều 7.4.g)."""

    RECOGNISED_5 = "recognised_5", _("Recognised 5 stars")
    BELOW_90 = "below_90", _("Below 90 points at the national level")


class FollowUp(models.TextChoices):
    """What the province does with a central result below 90 (QĐ 26/2026 Điều 7.4.g)."""

    PENDING = "", _("Not decided yet")
    RECOGNISED_FROM_CENTRAL = "recognised", _("Recognised 3 or 4 stars from the central result")
    EVALUATE_AGAIN = "evaluate_again", _("Sent for evaluation again")


class ReviewState(models.TextChoices):
    """A re-rating decided by written opinions (QĐ 26/2026 Điều 7.6.b)."""

    COLLECTING = "collecting", _("Collecting written opinions")
    AGREED = "agreed", _("Opinions agree")
    MEETING = "meeting", _("Opinions diverge: meeting required")
