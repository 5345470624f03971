from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    PRODUCERS = "producers", _("Producers")
    PRODUCTS = "products", _("Products")
    CERTIFICATES = "certificates", _("Certificates (recognition lists)")
    TARGETS = "targets", _("Programme targets")


class BatchStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    PREVIEWING = "previewing", _("Preview being prepared")
    PREVIEWED = "previewed", _("Previewed")
    COMMITTING = "committing", _("Being committed")
    COMMITTED = "committed", _("Committed")
    FAILED = "failed", _("Failed")


class Outcome(models.TextChoices):
    """What a row of a file does (issue 11 item 1)."""

    NEW = "new", _("new")
    UPDATE = "update", _("update")
    UNCHANGED = "unchanged", _("unchanged")
    DUPLICATE = "duplicate", _("duplicate")
    REVIEW = "review", _("to complete")
    ERROR = "error", _("error")


# Rows that a commit writes (review rows are written with the unknown left empty).
COMMITTABLE = frozenset({Outcome.NEW, Outcome.UPDATE, Outcome.REVIEW})
