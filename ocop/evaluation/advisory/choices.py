from django.db import models
from django.utils.translation import gettext_lazy as _


class Recommendation(models.TextChoices):
    """What the advisory team recommends to the council chair (QĐ 26/2026 Điều 7.3.c)."""

    SCORE = "score", _("Ready for the council to score")
    SUPPLEMENT = "supplement", _("Needs more documents first")
    NOT_ELIGIBLE = "not_eligible", _("Does not meet the dossier requirements")
