"""Programme periods, indicators, counting rules (reference data), targets and key products.

Actuals are never stored here: they are computed from the registry and the certificates register
by :mod:`ocop.programme.figures` under a named, versioned counting rule.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel


class Period(models.Model):
    """A programme period (giai đoạn) such as 2019–2021 or 2022–2025, in whole years."""

    code = models.CharField(_("code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=100)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("programme period")
        verbose_name_plural = _("programme periods")
        ordering = ["start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="programme_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def contains_year(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class CountingRule(models.Model):
    """A named, versioned rule saying exactly what a figure counts (shown beside the figure).

    A rule is never edited in place: a changed rule is a new version, and report runs remember
    the versions they were computed under.
    """

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    effective_from = models.DateField(_("in use from"), null=True, blank=True)
    is_default = models.BooleanField(_("default version"), default=True)

    class Meta:
        verbose_name = _("counting rule")
        verbose_name_plural = _("counting rules")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="programme_rule_version"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(is_default=True), name="programme_rule_one_default"
            ),
        ]

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        """``rated-in-period/v1``: how a figure names its rule (JSON, report runs)."""
        return f"{self.code}/v{self.version}"


class Indicator(models.Model):
    """A programme indicator (chỉ tiêu): what is counted, under which rule, in which unit."""

    class Subject(models.TextChoices):
        PRODUCTS = "products", _("Products")
        PRODUCERS = "producers", _("Producers")
        COMMUNES = "communes", _("Communes")
        CERTIFICATES = "certificates", _("Certificates")
        DOSSIERS = "dossiers", _("Dossiers")

    key = models.CharField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    rule_code = models.SlugField(_("counting rule"), max_length=60)
    unit_label = models.CharField(_("unit of measure"), max_length=30, blank=True)
    targetable = models.BooleanField(_("takes targets"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.name


class Target(TimeStampedModel):
    """A target a province (or a commune) sets for an indicator over a period.

    ``map_code`` is the map the target was set on: a 2022 target counts legacy communes, a new one
    today's (issue 12 item 7).
    """

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("indicator")
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="targets", verbose_name=_("period")
    )
    unit = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("administrative unit"),
    )
    value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source (resolution, plan)"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["period__start_year", "indicator__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "unit"], name="programme_target_once"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="programme_target_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"


class KeyProduct(TimeStampedModel):
    """A commune's key product (sản phẩm chủ lực, NQ 16-NQ/TU) — not necessarily an OCOP product."""

    commune = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    name = models.CharField(_("name"), max_length=255)
    product = models.ForeignKey(
        "products.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_product_marks",
        verbose_name=_("product in the registry"),
    )
    year = models.PositiveSmallIntegerField(_("year marked"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("key product")
        verbose_name_plural = _("key products")
        ordering = ["commune__sort_key", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="programme_key_product_once"),
        ]

    def __str__(self) -> str:
        return self.name
