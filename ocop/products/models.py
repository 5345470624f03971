from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel
from ocop.core.text import fold, nfc, sort_key
from ocop.products.choices import ChannelKind, IPKind, ProductStatus


class ProductSet(models.Model):
    """One of the 26 bộ sản phẩm of QĐ 26/2026 Annex I/II (ngành → nhóm → phân nhóm)."""

    number = models.PositiveSmallIntegerField(_("set number"), unique=True)
    code = models.CharField(_("code"), max_length=10, unique=True)
    branch_code = models.CharField(_("branch code"), max_length=4)
    branch_name = models.CharField(_("branch"), max_length=200)
    group_code = models.CharField(_("group code"), max_length=8)
    group_name = models.CharField(_("group"), max_length=200)
    subgroup_name = models.CharField(_("sub-group"), max_length=300, blank=True)
    name = models.CharField(_("name"), max_length=300)
    sheet_name = models.CharField(_("name on the scoring sheet"), max_length=300)
    ministries = models.CharField(_("managing ministries"), max_length=300)

    class Meta:
        verbose_name = _("product set")
        verbose_name_plural = _("product sets")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name} ({self.code})"


class Product(TimeStampedModel):
    """A product a producer makes and may submit for OCOP rating."""

    name = models.CharField(_("name"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    sort_key = models.CharField(max_length=800, editable=False, db_index=True)
    producer = models.ForeignKey(
        "producers.Producer",
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("producer"),
    )
    origin_unit = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune of origin (as written)"),
    )
    # See Producer.current_unit: the current commune the office chose for a split legacy unit.
    current_unit = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("re-pointed to (current commune)"),
    )
    # Empty only for a record brought in by an import that named no set; the office completes it
    # from the imports' "to complete" queue (forms always require a set).
    product_set = models.ForeignKey(
        ProductSet,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("product set"),
        null=True,
    )
    description = models.TextField(_("description"), blank=True)
    story = models.TextField(_("product story"), blank=True)
    specification = models.TextField(_("specification"), blank=True)
    packaging = models.TextField(_("packaging"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    legacy_code = models.CharField(_("legacy code"), max_length=60, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False, editable=False)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["sort_key", "pk"]
        indexes = [models.Index(fields=["status", "sort_key"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.compute_text_columns()
        super().save(*args, **kwargs)

    def compute_text_columns(self) -> None:
        self.name = nfc(self.name.strip())
        self.name_folded = fold(self.name)
        self.sort_key = sort_key(self.name)

    def get_absolute_url(self) -> str:
        return reverse("products:product_detail", args=[self.pk])


def _photo_path(instance: ProductPhoto, filename: str) -> str:
    return f"products/{instance.product_id}/{filename}"


class ProductPhoto(TimeStampedModel):
    """A photo of a product (validated image, ≤ 5 MB) with its generated thumbnail."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=_photo_path)
    thumbnail = models.ImageField(upload_to=_photo_path, editable=False)
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


def _proof_path(instance: Channel, filename: str) -> str:
    return f"channels/{instance.product_id}/{filename}"


class Channel(TimeStampedModel):
    """A place a product is sold: a supermarket chain, a platform, an export partner, …"""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("kind"), max_length=30, choices=ChannelKind.choices)
    partner_name = models.CharField(_("partner"), max_length=255)
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    proof_document = models.FileField(
        _("proof document"), upload_to=_proof_path, blank=True, max_length=255
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("distribution channel")
        verbose_name_plural = _("distribution channels")
        ordering = ["kind", "partner_name", "pk"]
        indexes = [models.Index(fields=["kind", "product"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_end__isnull=True)
                | Q(contract_start__isnull=True)
                | Q(contract_end__gte=models.F("contract_start")),
                name="channel_contract_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.partner_name}"


class IPTitle(TimeStampedModel):
    """An intellectual-property title held by a producer, for all its products or for one."""

    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.CASCADE, related_name="ip_titles"
    )
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="ip_titles", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=30, choices=IPKind.choices)
    title = models.CharField(_("mark / title"), max_length=255, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("intellectual-property title")
        verbose_name_plural = _("intellectual-property titles")
        ordering = ["kind", "pk"]
        indexes = [models.Index(fields=["kind", "producer"])]

    def __str__(self) -> str:
        number = f" {self.number}" if self.number else ""
        return f"{self.get_kind_display()}{number}"
