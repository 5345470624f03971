from django.db import models


class DataVersion(models.Model):
    """The version of everything the database holds: a fresh random token that every write
    statement replaces inside the writing transaction (:mod:`ocop.catalogue.freshness`).

    The public pages and the API cache their answers under this token: a committed write makes
    the next answer fresh in every server process; a rolled-back write changes nothing. A random
    token, not a counter, so that a rolled-back transaction can never bring an old number back
    with other data (technical, not audited).
    """

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
