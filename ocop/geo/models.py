from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel
from ocop.core.text import fold, sort_key
from ocop.geo.choices import AuthorityKind, UnitLevel


class AdminMap(TimeStampedModel):
    """An official list of administrative units, in force for a period (e.g. QĐ 19/2025/QĐ-TTg)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    data_version = models.CharField(_("data version"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("administrative map")
        verbose_name_plural = _("administrative maps")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.name


class AdminUnit(models.Model):
    """A province, district or commune as listed on one official map (codes repeat across maps)."""

    map = models.ForeignKey(AdminMap, on_delete=models.PROTECT, related_name="units")
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices)
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=150)
    unit_type = models.CharField(_("unit type"), max_length=40)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    province = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["map", "level", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "map"], name="geo_unit_level_code_map"
            ),
        ]
        indexes = [models.Index(fields=["map", "level", "code"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_folded = fold(self.full_name)
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return f"{self.unit_type} {self.name}".strip()

    @property
    def short_name(self) -> str:
        """The name as written inside an address: ``xã Phong Phú``, ``tỉnh Trà Vinh``."""
        return f"{self.unit_type.lower()} {self.name}".strip()

    @property
    def is_legacy(self) -> bool:
        """On the map in force until 30/06/2025 (reads ``map`` — select it with the unit)."""
        return self.map.code == "legacy"

    @property
    def era(self) -> str:
        return "legacy" if self.is_legacy else "current"

    @property
    def chain(self) -> list[AdminUnit]:
        """The unit and its parents up to the province (follows ``parent``: select_related it)."""
        units: list[AdminUnit] = []
        unit: AdminUnit | None = self
        while unit is not None and len(units) < 3:
            units.append(unit)
            unit = unit.parent
        return units

    @property
    def address(self) -> str:
        """``xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh``."""
        return ", ".join(u.short_name for u in self.chain)


class UnitLineage(models.Model):
    """One legacy unit → one of the current units that took its territory (1 July 2025)."""

    source = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="successor_links")
    target = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="source_links")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="geo_lineage_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class Authority(TimeStampedModel):
    """A body that issues decisions or certificates (UBND huyện Cầu Kè, Bộ NN&PTNT, …)."""

    name = models.CharField(_("name as written"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=AuthorityKind.choices)
    unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="authorities"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="predecessors"
    )

    class Meta:
        verbose_name = _("issuing authority")
        verbose_name_plural = _("issuing authorities")
        constraints = [
            models.UniqueConstraint(fields=["name", "unit"], name="geo_authority_name_unit"),
        ]

    def __str__(self) -> str:
        return self.name


class ReferenceDataVersion(models.Model):
    """Which pinned version of a reference data set (geo, criteria) is loaded in this database."""

    dataset = models.CharField(max_length=50, unique=True)
    version = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.dataset} {self.version}"
