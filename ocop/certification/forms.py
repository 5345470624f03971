from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ocop.certification.choices import (
    CertificateStatus,
    DatePrecision,
    DecisionKind,
    Edition,
    Process,
    RatingKind,
    RevocationGround,
)
from ocop.certification.models import Decision
from ocop.certification.services import ResultInput
from ocop.core.forms import DATE_WIDGET
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit, Authority
from ocop.producers.forms import PlaceFilterMixin
from ocop.products.models import Product

STAR_CHOICES = [("", "—"), ("3", "3★"), ("4", "4★"), ("5", "5★")]


class AuthorityChoiceField(forms.ModelChoiceField[Authority]):
    """Authorities named with their period: two bodies share the name "UBND tỉnh Vĩnh Long"."""

    def label_from_instance(self, obj: Authority) -> str:
        if obj.valid_to is not None:
            return str(_("%(name)s (until %(day)s)")) % {
                "name": obj.name,
                "day": obj.valid_to.strftime("%d/%m/%Y"),
            }
        if obj.valid_from is not None:
            return str(_("%(name)s (from %(day)s)")) % {
                "name": obj.name,
                "day": obj.valid_from.strftime("%d/%m/%Y"),
            }
        return obj.name


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of decision"),
        choices=[
            (DecisionKind.RECOGNITION, DecisionKind.RECOGNITION.label),
            (DecisionKind.RESULT_APPROVAL, DecisionKind.RESULT_APPROVAL.label),
        ],
    )
    number = forms.CharField(label=_("Number and symbol"), max_length=60)
    signed_on = forms.DateField(label=_("Date signed"), widget=DATE_WIDGET, required=False)
    authority = AuthorityChoiceField(
        label=_("Issuing authority"), queryset=Authority.objects.none(), empty_label="—"
    )
    signer_name = forms.CharField(label=_("Signer"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=120, required=False)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False)
    is_legacy = forms.BooleanField(
        label=_("Recorded from earlier records (issued before this system)"), required=False
    )
    date_precision = forms.ChoiceField(
        label=_("What is known of the date"),
        choices=DatePrecision.choices,
        initial=DatePrecision.DAY,
        help_text=_("Only for earlier records: a date known to a year is never shown in full."),
    )
    date_until = forms.DateField(
        label=_("End of the period (earlier records)"), widget=DATE_WIDGET, required=False
    )

    def __init__(self, *args: Any, authorities: QuerySet[Authority], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authority"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - typing
        field.queryset = authorities


class ResultRowForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.none(), required=False, empty_label="—"
    )
    star = forms.TypedChoiceField(
        label=_("Star"), choices=STAR_CHOICES, coerce=int, empty_value=None, required=False
    )
    potential_5 = forms.BooleanField(label=_("≥ 90 points (potential 5★)"), required=False)
    score = forms.DecimalField(
        label=_("Score"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        localize=True,  # typed as people type it: 65,5
    )
    edition = forms.ChoiceField(
        label=_("Criteria edition"), choices=Edition.choices, initial=Edition.QD_26_2026
    )
    process = forms.ChoiceField(
        label=_("Process"), choices=Process.choices, initial=Process.QD_26_2026
    )
    rating_kind = forms.ChoiceField(
        label=_("Rating"), choices=RatingKind.choices, initial=RatingKind.FIRST
    )
    round_year = forms.IntegerField(
        label=_("Evaluation year"), min_value=2018, max_value=2100, required=False
    )
    certificate_number = forms.CharField(
        label=_("Printed certificate number (earlier records)"), max_length=80, required=False
    )
    valid_until = forms.DateField(
        label=_("Printed valid-until date"), widget=DATE_WIDGET, required=False
    )

    def __init__(self, *args: Any, products: QuerySet[Product], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["product"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - typing
        field.queryset = products

    def to_input(self) -> ResultInput | None:
        d = self.cleaned_data
        if not d.get("product"):
            return None
        return ResultInput(
            product=d["product"],
            star=d.get("star"),
            score=d.get("score"),
            potential_5=bool(d.get("potential_5")),
            edition=d["edition"],
            process=d["process"],
            rating_kind=d["rating_kind"],
            round_year=d.get("round_year"),
            certificate_number=d.get("certificate_number") or "",
            valid_until=d.get("valid_until"),
        )


ResultFormSet = forms.formset_factory(ResultRowForm, extra=5, max_num=200)


class RevokeForm(forms.Form):
    numbers = forms.CharField(
        label=_("Certificate numbers, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    number = forms.CharField(label=_("Number and symbol of the revocation decision"), max_length=60)
    signed_on = forms.DateField(label=_("Date signed"), widget=DATE_WIDGET)
    ground = forms.ChoiceField(label=_("Ground (Điều 8.1)"), choices=RevocationGround.choices)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea)
    concluded_on = forms.DateField(
        label=_("Date of the competent conclusion or of the commune's confirmation"),
        widget=DATE_WIDGET,
        help_text=_("The revocation is decided within 15 days of it (QĐ 26/2026 Điều 8.4)."),
    )
    signer_name = forms.CharField(label=_("Signer"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=120, required=False)

    def number_list(self) -> list[str]:
        return [n.strip() for n in self.cleaned_data["numbers"].splitlines() if n.strip()]


class ReratingFiledForm(forms.Form):
    filed_on = forms.DateField(
        label=_("Re-rating dossier filed on"), widget=DATE_WIDGET, required=False
    )


class NumberTemplateForm(forms.Form):
    template = forms.CharField(
        label=_("Number template"),
        max_length=80,
        help_text=_("Tokens: {T} province code, {YYYY} or {YY} year, {NNN} serial (width = N's)."),
    )


class CertificateFilterForm(PlaceFilterMixin, forms.Form):
    field_order = [
        "q",
        "status",
        "star",
        "edition",
        "authority",
        "expiring_within",
        "map_on",
        "as_of",
        "province",
        "unit_code",
        "order",
    ]
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *CertificateStatus.choices]
    )
    star = forms.TypedChoiceField(
        label=_("Star"),
        required=False,
        choices=[("", _("All")), ("3", "3★"), ("4", "4★"), ("5", "5★")],
        coerce=int,
        empty_value=None,
    )
    edition = forms.ChoiceField(
        label=_("Criteria edition"), required=False, choices=[("", _("All")), *Edition.choices]
    )
    authority = AuthorityChoiceField(
        label=_("Issuing authority"),
        required=False,
        queryset=Authority.objects.none(),
        empty_label=_("All"),
    )
    expiring_within = forms.IntegerField(
        label=_("Expiring within (days)"), required=False, min_value=0, max_value=3650
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
            ("-valid_from", _("Newest first")),
            ("valid_until", _("Expiry date")),
            ("product", _("Product A–Z")),
            ("number", _("Number")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authority"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - typing
        # The bodies that issued a recorded decision (a filter only: scope comes from the rows).
        field.queryset = Authority.objects.filter(
            pk__in=Decision.objects.values("authority_id")
        ).order_by("name", "valid_from")


class DecisionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *DecisionKind.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-date", _("Newest first")),
            ("date", _("Oldest first")),
            ("number", _("Number")),
        ],
    )
