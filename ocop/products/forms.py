from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ocop.certification.choices import CertificateStatus
from ocop.core.forms import DateField
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.producers.choices import LegalForm
from ocop.producers.forms import MAP_CHOICES, PlaceFilterMixin, UnitFieldsMixin
from ocop.producers.models import Producer
from ocop.products.choices import ChannelKind, IPKind, ProductStatus
from ocop.products.models import Product, ProductSet
from ocop.products.services import ProductData


class ProductForm(UnitFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    producer = forms.ModelChoiceField(label=_("Producer"), queryset=Producer.objects.none())
    product_set = forms.ModelChoiceField(
        label=_("Product set"), queryset=ProductSet.objects.order_by("number")
    )
    origin_unit_code = forms.CharField(
        label=_("Commune of origin (code)"),
        max_length=10,
        required=False,
        help_text=_("Leave empty to use the producer's commune."),
        widget=forms.TextInput(attrs={"list": "communes", "inputmode": "numeric"}),
    )
    origin_unit_map = forms.ChoiceField(
        label=_("Map of the code"), choices=MAP_CHOICES, initial="current"
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ProductStatus.choices, initial=ProductStatus.DRAFT
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    story = forms.CharField(label=_("Product story"), required=False, widget=forms.Textarea)
    specification = forms.CharField(label=_("Specification"), required=False, widget=forms.Textarea)
    packaging = forms.CharField(label=_("Packaging"), required=False, widget=forms.Textarea)
    legacy_code = forms.CharField(label=_("Legacy code"), max_length=60, required=False)

    def __init__(self, *args: Any, producers: QuerySet[Producer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        producer_field = self.fields["producer"]
        assert isinstance(producer_field, forms.ModelChoiceField)  # noqa: S101 - typing
        producer_field.queryset = producers.order_by("sort_key", "pk")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.origin_unit: AdminUnit | None = self._unit("origin_unit_code", "origin_unit_map")
        producer = data.get("producer")
        if self.origin_unit is None and not data.get("origin_unit_code") and producer:
            self.origin_unit = producer.address_unit
        return data

    def to_data(self) -> ProductData:
        d = self.cleaned_data
        assert self.origin_unit is not None  # noqa: S101 - clean() guarantees it
        return ProductData(
            name=d["name"],
            producer=d["producer"],
            origin_unit=self.origin_unit,
            product_set=d["product_set"],
            description=d["description"],
            story=d["story"],
            specification=d["specification"],
            packaging=d["packaging"],
            status=d["status"],
            legacy_code=d["legacy_code"],
        )

    @staticmethod
    def initial_from(product: Product) -> dict[str, Any]:
        unit = product.origin_unit
        return {
            "name": product.name,
            "producer": product.producer_id,
            "product_set": product.product_set_id,
            "origin_unit_code": unit.code,
            "origin_unit_map": "legacy" if unit.map.valid_to else "current",
            "status": product.status,
            "description": product.description,
            "story": product.story,
            "specification": product.specification,
            "packaging": product.packaging,
            "legacy_code": product.legacy_code,
        }


class ProductFilterForm(PlaceFilterMixin, forms.Form):
    field_order = [
        "q",
        "map_on",
        "as_of",
        "province",
        "unit_code",
        "legal_form",
        "product_set",
        "status",
        "channel_kind",
        "has_trademark",
        "star",
        "certificate_status",
        "order",
    ]

    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        queryset=AdminUnit.objects.filter(
            level=UnitLevel.PROVINCE, map__valid_to__isnull=True
        ).order_by("sort_key"),
        empty_label=_("All"),
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"), required=False, choices=[("", _("All")), *LegalForm.choices]
    )
    product_set = forms.ModelChoiceField(
        label=_("Product set"),
        required=False,
        queryset=ProductSet.objects.order_by("number"),
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ProductStatus.choices]
    )
    channel_kind = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All")), *ChannelKind.choices]
    )
    star = forms.TypedChoiceField(
        label=_("Star"),
        required=False,
        choices=[("", _("All")), ("3", "3★"), ("4", "4★"), ("5", "5★")],
        coerce=int,
        empty_value=None,
    )
    certificate_status = forms.ChoiceField(
        label=_("Certificate"),
        required=False,
        choices=[
            ("", _("All")),
            *CertificateStatus.choices,
            ("none", _("Never certified")),
        ],
    )
    has_trademark = forms.ChoiceField(
        label=_("Trademark"),
        required=False,
        choices=[("", _("All")), ("yes", _("Has a registered trademark")), ("no", _("None"))],
    )
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name A–Z")),
            ("-name", _("Name Z–A")),
            ("-created", _("Newest first")),
            ("created", _("Oldest first")),
        ],
    )


class PhotoForm(forms.Form):
    # A FileField, not ImageField: the service validates with Pillow and gives our own message.
    image = forms.FileField(label=_("Photo (JPEG, PNG, WebP, at most 5 MB)"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ChannelKind.choices)
    partner_name = forms.CharField(label=_("Partner"), max_length=255)
    contract_start = DateField(label=_("Contract start"), required=False)
    contract_end = DateField(label=_("Contract end"), required=False)
    proof_document = forms.FileField(label=_("Proof document"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class IPTitleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=IPKind.choices)
    title = forms.CharField(label=_("Mark / title"), max_length=255, required=False)
    number = forms.CharField(label=_("Number"), max_length=60, required=False)
    filed_on = DateField(label=_("Filed on"), required=False)
    granted_on = DateField(label=_("Granted on"), required=False)
    valid_until = DateField(label=_("Valid until"), required=False)
