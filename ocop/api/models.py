from django.db import models


class RateCounter(models.Model):
    """Requests one client address made to the API in one rate-limit window (technical, not
    audited): a row in the database every server process shares (docs/adr/0004)."""

    address = models.CharField(max_length=64)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["address", "window"], name="api_rate_address_window")
        ]

    def __str__(self) -> str:
        return f"{self.address} @ {self.window}: {self.count}"
