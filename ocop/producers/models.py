from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.models import TimeStampedModel
from ocop.core.text import duplicate_key, fold, nfc, sort_key
from ocop.producers.choices import ENTERPRISE_FORMS, EnterpriseSize, Gender, LegalForm

MINORITY_FREE_ETHNICITIES = frozenset({"", "kinh", "viet"})


class Producer(TimeStampedModel):
    """A chủ thể OCOP: the cooperative, enterprise, farm or household that makes OCOP products."""

    legal_form = models.CharField(
        _("legal form"), max_length=30, choices=LegalForm.choices, default=LegalForm.UNKNOWN
    )
    name = models.CharField(_("name"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    sort_key = models.CharField(max_length=800, editable=False, db_index=True)
    duplicate_key = models.CharField(max_length=255, editable=False, db_index=True)
    enterprise_size = models.CharField(
        _("enterprise size"),
        max_length=20,
        choices=EnterpriseSize.choices,
        default=EnterpriseSize.NOT_APPLICABLE,
    )
    tax_code = models.CharField(
        _("tax / registration number"),
        max_length=14,
        blank=True,
        help_text=_(
            "10 digits (with check digit), 10 digits-3 digits for a branch, "
            "or the 12-digit personal ID of a household business since 01/07/2025."
        ),
    )
    representative_name = models.CharField(_("legal representative"), max_length=150, blank=True)
    representative_title = models.CharField(_("representative's title"), max_length=100, blank=True)
    representative_gender = models.CharField(
        _("representative's gender"),
        max_length=10,
        choices=Gender.choices,
        default=Gender.UNKNOWN,
    )
    representative_ethnicity = models.CharField(
        _("representative's ethnicity"), max_length=50, blank=True
    )
    representative_has_disability = models.BooleanField(
        _("representative has a disability"), null=True, blank=True
    )
    representative_personal_id = models.CharField(
        _("representative's personal ID"), max_length=12, blank=True
    )
    address_unit = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune (as written)"),
    )
    # The current-map province of ``address_unit`` (through lineage for legacy units): scope,
    # filters and duplicate checks use it.
    address_province = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
    )
    # A split legacy unit's record is visible to the officials of every successor until the
    # office re-points it to one current commune; ``address_unit`` keeps the unit as written.
    current_unit = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("re-pointed to (current commune)"),
    )
    address_detail = models.CharField(_("street / hamlet"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # A household's phone and e-mail are personal data (Luật Bảo vệ dữ liệu cá nhân 2025, in force
    # 01/01/2026; Nghị định 13/2023/NĐ-CP Điều 11: consent is explicit and dated): the public
    # catalogue shows contact details only while this consent stands.
    contact_consent = models.BooleanField(_("agrees to publish contact details"), default=False)
    contact_consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ProducerAccount",
        related_name="producers",
        blank=True,
        verbose_name=_("producer accounts"),
    )
    is_demo = models.BooleanField(_("demo record"), default=False, editable=False)

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"], condition=~Q(tax_code=""), name="producer_tax_code_unique"
            ),
        ]
        indexes = [models.Index(fields=["address_province", "duplicate_key"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.compute_text_columns()
        super().save(*args, **kwargs)

    def compute_text_columns(self) -> None:
        """Stored search/sort/duplicate keys (also called by bulk paths, which skip save())."""
        self.name = nfc(self.name.strip())
        self.name_folded = fold(self.name)
        self.sort_key = sort_key(self.name)
        self.duplicate_key = duplicate_key(self.name)

    def get_absolute_url(self) -> str:
        return reverse("producers:producer_detail", args=[self.pk])

    @property
    def is_enterprise(self) -> bool:
        return self.legal_form in ENTERPRISE_FORMS

    @property
    def size_not_admitted(self) -> bool:
        """QĐ 26/2026 Art. 2.3 admits small and medium enterprises only (micro counts as SME)."""
        return self.is_enterprise and self.enterprise_size == EnterpriseSize.LARGE

    @property
    def representative_is_ethnic_minority(self) -> bool | None:
        if not self.representative_ethnicity:
            return None
        return fold(self.representative_ethnicity) not in MINORITY_FREE_ETHNICITIES

    @property
    def tax_code_is_personal_id(self) -> bool:
        return len(self.tax_code) == 12


class ProducerAccount(models.Model):
    """A user account that acts for a producer (its owner or staff): sees and edits only it."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="account_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="producer_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("producer account")
        verbose_name_plural = _("producer accounts")
        constraints = [
            models.UniqueConstraint(fields=["producer", "user"], name="producer_account_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.producer}"
