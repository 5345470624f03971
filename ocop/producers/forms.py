from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.core.errors import DomainError
from ocop.core.forms import DateField
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import LEGACY_MAP_CODE, GroupOn, group_map_code
from ocop.producers.choices import EnterpriseSize, Gender, LegalForm
from ocop.producers.services import ProducerData
from ocop.producers.validation import personal_id_clean, tax_code_clean

MAP_CHOICES = [("current", _("Current map (from 01/07/2025)")), ("legacy", _("Before 01/07/2025"))]


def unit_from_code(code: str, map_choice: str) -> AdminUnit:
    """The commune with ``code`` on the chosen map, or a ValidationError naming the code."""
    qs = AdminUnit.objects.filter(level=UnitLevel.COMMUNE, code=code.strip())
    qs = qs.filter(map__valid_to__isnull=map_choice != "legacy")
    unit = qs.select_related("map", "province").first()
    if unit is None:
        raise forms.ValidationError(
            _("No commune has code “%(code)s” on this map. Check the code."),
            code="unknown_unit",
            params={"code": code},
        )
    return unit


class UnitFieldsMixin(forms.Form):
    """A commune typed by its official code, on the current or the legacy map."""

    unit_prefix = "address"

    def _unit(self, code_field: str, map_field: str) -> AdminUnit | None:
        code = self.cleaned_data.get(code_field, "")
        map_choice = self.cleaned_data.get(map_field) or "current"
        if not code:
            return None
        try:
            return unit_from_code(code, map_choice)
        except forms.ValidationError as exc:
            self.add_error(code_field, exc)
            return None


class ProducerForm(UnitFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    legal_form = forms.ChoiceField(label=_("Legal form"), choices=LegalForm.choices)
    enterprise_size = forms.ChoiceField(
        label=_("Enterprise size"),
        choices=EnterpriseSize.choices,
        initial=EnterpriseSize.NOT_APPLICABLE,
    )
    tax_code = forms.CharField(
        label=_("Tax / registration number"),
        max_length=20,
        required=False,
        help_text=_("10 digits, 10 digits-3 digits (branch) or a 12-digit personal ID."),
    )
    address_unit_code = forms.CharField(
        label=_("Commune code"),
        max_length=10,
        help_text=_("The official code of the commune, e.g. 29308 for xã Cầu Kè."),
        widget=forms.TextInput(attrs={"list": "communes", "inputmode": "numeric"}),
    )
    address_unit_map = forms.ChoiceField(
        label=_("Map of the code"), choices=MAP_CHOICES, initial="current"
    )
    address_detail = forms.CharField(label=_("Street / hamlet"), max_length=255, required=False)
    phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^\+?[0-9 .]{8,15}$",
        max_length=30,
        required=False,
        error_messages={"invalid": _("Enter a phone number of 8 to 15 digits.")},
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    contact_consent = forms.BooleanField(
        label=_("The producer agrees to publish its phone, e-mail and address in the catalogue"),
        required=False,
    )
    contact_consent_on = DateField(
        label=_("Consent given on"), required=False, help_text=_("Left blank: today.")
    )
    founded_on = DateField(label=_("Founded on"), required=False)
    registered_on = DateField(label=_("Registered on"), required=False)
    representative_name = forms.CharField(
        label=_("Legal representative"), max_length=150, required=False
    )
    representative_title = forms.CharField(label=_("Title"), max_length=100, required=False)
    representative_gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN
    )
    representative_ethnicity = forms.CharField(label=_("Ethnicity"), max_length=50, required=False)
    representative_has_disability = forms.NullBooleanField(
        label=_("Person with a disability"),
        required=False,
        widget=forms.NullBooleanSelect,
    )
    representative_personal_id = forms.CharField(
        label=_("Representative's personal ID"), max_length=20, required=False
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("I confirm this is not a duplicate"), required=False
    )

    SENSITIVE = (
        "representative_gender",
        "representative_ethnicity",
        "representative_has_disability",
        "representative_personal_id",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.address_unit = self._unit("address_unit_code", "address_unit_map")
        try:
            data["tax_code"] = tax_code_clean(
                tax_code=data.get("tax_code", ""),
                legal_form=data.get("legal_form", ""),
                registered_on=data.get("registered_on"),
            )
        except DomainError as exc:
            self.add_error("tax_code", exc.message)
        try:
            data["representative_personal_id"] = personal_id_clean(
                data.get("representative_personal_id", "")
            )
        except DomainError as exc:
            self.add_error("representative_personal_id", exc.message)
        return data

    def to_data(self) -> ProducerData:
        d = self.cleaned_data
        assert self.address_unit is not None  # noqa: S101 - clean() guarantees it
        return ProducerData(
            name=d["name"],
            legal_form=d["legal_form"],
            address_unit=self.address_unit,
            enterprise_size=d["enterprise_size"],
            tax_code=d["tax_code"],
            representative_name=d["representative_name"],
            representative_title=d["representative_title"],
            representative_gender=d["representative_gender"],
            representative_ethnicity=d["representative_ethnicity"],
            representative_has_disability=d["representative_has_disability"],
            representative_personal_id=d["representative_personal_id"],
            address_detail=d["address_detail"],
            phone=d["phone"],
            email=d["email"],
            founded_on=d["founded_on"],
            registered_on=d["registered_on"],
            contact_consent=d["contact_consent"],
            contact_consent_on=d["contact_consent_on"],
        )

    @classmethod
    def initial_from(cls, producer: Any) -> dict[str, Any]:
        unit = producer.address_unit
        return {
            "name": producer.name,
            "legal_form": producer.legal_form,
            "enterprise_size": producer.enterprise_size,
            "tax_code": producer.tax_code,
            "address_unit_code": unit.code,
            "address_unit_map": "legacy" if unit.map.valid_to else "current",
            "address_detail": producer.address_detail,
            "phone": producer.phone,
            "email": producer.email,
            "founded_on": producer.founded_on,
            "registered_on": producer.registered_on,
            "contact_consent": producer.contact_consent,
            "contact_consent_on": producer.contact_consent_on,
            "representative_name": producer.representative_name,
            "representative_title": producer.representative_title,
            "representative_gender": producer.representative_gender,
            "representative_ethnicity": producer.representative_ethnicity,
            "representative_has_disability": producer.representative_has_disability,
            "representative_personal_id": producer.representative_personal_id,
        }


class PlaceFilterMixin(forms.Form):
    """Filter by place on either map: today's, or the one in force on a date (issue #4 item 6).

    ``clean()`` sets ``group_on`` (``"current"`` or the date) and ``filter_unit`` (the province
    or commune of that map whose records to keep, or None). The ``province`` select lists today's
    provinces; ``unit_code`` takes a province or commune code of the chosen map (84 = tỉnh Trà
    Vinh as of a date before 01/07/2025).
    """

    map_on = forms.ChoiceField(
        label=_("Map"),
        required=False,
        choices=[("current", _("current")), ("date", _("as of a date…"))],
    )
    as_of = DateField(label=_("As of"), required=False)
    unit_code = forms.CharField(
        label=_("Province or commune code"),
        required=False,
        max_length=10,
        help_text=_("On the chosen map, e.g. 84 = tỉnh Trà Vinh before 01/07/2025."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    group_on: GroupOn = "current"
    filter_unit: AdminUnit | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.group_on = "current"
        self.filter_unit = None
        if data.get("map_on") == "date":
            if data.get("as_of") is None:
                self.add_error("as_of", _("Give the date whose map to use."))
                return data
            self.group_on = data["as_of"]
        map_code = group_map_code(self.group_on)
        code = (data.get("unit_code") or "").strip()
        province = data.get("province")
        if code:
            level = {2: UnitLevel.PROVINCE, 5: UnitLevel.COMMUNE}.get(len(code))
            unit = (
                AdminUnit.objects.filter(map__code=map_code, level=level, code=code)
                .select_related("map")
                .first()
                if level
                else None
            )
            if unit is None:
                self.add_error(
                    "unit_code",
                    _("No province or commune has code “%(code)s” on the chosen map.")
                    % {"code": code},
                )
            self.filter_unit = unit
        elif province is not None:
            if map_code == LEGACY_MAP_CODE:
                self.add_error(
                    "province",
                    _(
                        "This list shows today's provinces: for the map before 01/07/2025 "
                        "type the province code instead."
                    ),
                )
            else:
                self.filter_unit = province
        return data


class ProducerFilterForm(PlaceFilterMixin, forms.Form):
    field_order = ["q", "legal_form", "map_on", "as_of", "province", "unit_code", "order"]

    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"), required=False, choices=[("", _("All")), *LegalForm.choices]
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        queryset=AdminUnit.objects.filter(
            level=UnitLevel.PROVINCE, map__valid_to__isnull=True
        ).order_by("sort_key"),
        empty_label=_("All"),
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


class AccountLinkForm(forms.Form):
    username = forms.CharField(label=_("Username of the producer account"), max_length=150)


class RepointForm(forms.Form):
    """Choose one of today's communes for a record written on a split legacy unit."""

    current_unit = forms.IntegerField(label=_("Current commune"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, choices: list[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["current_unit"].widget
        assert isinstance(widget, forms.RadioSelect)  # noqa: S101 - typing
        widget.choices = [(u.pk, u.address) for u in choices]

    def unit(self) -> AdminUnit | None:
        """The unit chosen (any unit: the service refuses one that is not a successor)."""
        return (
            AdminUnit.objects.select_related("map", "parent", "province")
            .filter(pk=self.cleaned_data["current_unit"])
            .first()
        )
