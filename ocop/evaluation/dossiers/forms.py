"""Forms of the dossier pages: thin — they parse, the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.core.forms import DateField
from ocop.evaluation.dossiers.choices import DocumentKind, DossierKind, DossierStatus, ItemTarget
from ocop.evaluation.dossiers.services import (
    AssessmentData,
    DocumentInput,
    RegistrationData,
    ReturnItemInput,
)
from ocop.evaluation.models import Round
from ocop.products.models import Product


class DossierCreateForm(forms.Form):
    """Mẫu 01: the product, the kind of rating, the registering unit."""

    product: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=Product.objects.none(), label=_("Product")
    )
    kind = forms.ChoiceField(choices=DossierKind.choices, label=_("Kind of rating"))
    unit_name = forms.CharField(label=_("Registering unit"), max_length=255)
    representative_name = forms.CharField(label=_("Legal representative"), max_length=150)
    representative_title = forms.CharField(label=_("Title"), max_length=100, required=False)
    contact_address = forms.CharField(label=_("Contact address"), max_length=300, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    changes_summary = forms.CharField(
        label=_("Changes since recognition (upgrade, re-rating)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, products: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products  # type: ignore[attr-defined]

    def registration(self) -> RegistrationData:
        d = self.cleaned_data
        return RegistrationData(
            unit_name=d["unit_name"],
            representative_name=d["representative_name"],
            representative_title=d["representative_title"],
            contact_address=d["contact_address"],
            phone=d["phone"],
            email=d["email"],
            changes_summary=d["changes_summary"],
        )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=DocumentKind.choices, label=_("Kind of document"))
    title = forms.CharField(label=_("Document title"), max_length=255, required=False)
    number = forms.CharField(label=_("Number"), max_length=60, required=False)
    issued_on = DateField(label=_("Issued on"))
    expires_on = DateField(label=_("Valid until"), required=False)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, at most 10 MB)"))

    def document(self) -> DocumentInput:
        d = self.cleaned_data
        return DocumentInput(
            kind=d["kind"],
            issued_on=d["issued_on"],
            expires_on=d["expires_on"],
            file=d["file"],
            title=d["title"],
            number=d["number"],
        )


class ReceiveForm(forms.Form):
    samples_received = forms.IntegerField(label=_("Samples received"), min_value=0, max_value=99)


RETURN_ROWS = 5


class ReturnForm(forms.Form):
    """Up to five marked items, each: what it is about and the reason."""

    note = forms.CharField(
        label=_("Note to the producer"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents = {str(d.pk): d for d in documents}
        doc_choices = [("", "—"), *((str(d.pk), f"{d} #{d.pk}") for d in documents)]
        for i in range(1, RETURN_ROWS + 1):
            self.fields[f"target_{i}"] = forms.ChoiceField(
                label=_("Item %(n)s is about") % {"n": i},
                choices=[("", "—"), *ItemTarget.choices],
                required=False,
            )
            self.fields[f"document_{i}"] = forms.ChoiceField(
                label=_("Document"), choices=doc_choices, required=False
            )
            self.fields[f"document_kind_{i}"] = forms.ChoiceField(
                label=_("Missing document"),
                choices=[("", "—"), *DocumentKind.choices],
                required=False,
            )
            self.fields[f"criterion_{i}"] = forms.CharField(
                label=_("Criterion"), max_length=20, required=False
            )
            self.fields[f"reason_{i}"] = forms.CharField(
                label=_("Reason"), max_length=1000, required=False
            )

    def items(self) -> list[ReturnItemInput]:
        d = self.cleaned_data
        rows = []
        for i in range(1, RETURN_ROWS + 1):
            target = d.get(f"target_{i}") or ""
            reason = d.get(f"reason_{i}") or ""
            if not target and not reason.strip():
                continue
            rows.append(
                ReturnItemInput(
                    target=target,
                    reason=reason,
                    document=self.documents.get(d.get(f"document_{i}") or ""),
                    document_kind=d.get(f"document_kind_{i}") or "",
                    criterion_code=d.get(f"criterion_{i}") or "",
                )
            )
        return rows

    def rows(self) -> list[list[forms.BoundField]]:
        return [
            [
                self[f"target_{i}"],
                self[f"document_{i}"],
                self[f"document_kind_{i}"],
                self[f"criterion_{i}"],
                self[f"reason_{i}"],
            ]
            for i in range(1, RETURN_ROWS + 1)
        ]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    kind = forms.ChoiceField(
        choices=[("", "—"), *DocumentKind.choices], label=_("Kind of document"), required=False
    )
    issued_on = DateField(label=_("Issued on"), required=False)
    expires_on = DateField(label=_("Valid until"), required=False)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, at most 10 MB)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("file") and not (data.get("kind") and data.get("issued_on")):
            raise forms.ValidationError(_("Give the document's kind and its date of issue."))
        return data

    def document(self) -> DocumentInput | None:
        d = self.cleaned_data
        if not d.get("file"):
            return None
        return DocumentInput(
            kind=d["kind"], issued_on=d["issued_on"], expires_on=d["expires_on"], file=d["file"]
        )


class AssessmentForm(forms.Form):
    """Mẫu 03 Part II, the four topics of QĐ 26/2026 Điều 7.2.a."""

    raw_material = forms.CharField(
        label=_("1. Use of local raw material"), widget=forms.Textarea(attrs={"rows": 3})
    )
    local_labour = forms.CharField(
        label=_("2. Use of local labour"), widget=forms.Textarea(attrs={"rows": 3})
    )
    idea_origin = forms.CharField(
        label=_("3. Origin of the product idea"), widget=forms.Textarea(attrs={"rows": 3})
    )
    local_identity = forms.CharField(
        label=_("4. Local identity and know-how"), widget=forms.Textarea(attrs={"rows": 3})
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=100, required=False)

    def data_object(self) -> AssessmentData:
        d = self.cleaned_data
        return AssessmentData(
            raw_material=d["raw_material"],
            local_labour=d["local_labour"],
            idea_origin=d["idea_origin"],
            local_identity=d["local_identity"],
            signer_name=d["signer_name"],
            signer_title=d["signer_title"],
        )


class AssignForm(forms.Form):
    round = forms.ChoiceField(label=_("Round"), required=False)

    def __init__(self, *args: Any, rounds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [("", _("The round the proposal falls into")), *rounds]  # type: ignore[attr-defined]


class DossierFilterForm(forms.Form):
    """The register of dossiers' filters (CONTRIBUTING "Lists").

    ``queue`` (hidden) keeps the staff home's work-queue link while the other filters change."""

    field_order = ["q", "status", "kind", "round", "commune", "order"]

    q = forms.CharField(
        label=_("Product or producer"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *DossierStatus.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *DossierKind.choices]
    )
    round = forms.ModelChoiceField(
        label=_("Round"),
        required=False,
        queryset=Round.objects.none(),
        empty_label=_("All"),
    )
    commune = forms.CharField(
        label=_("Commune code"),
        required=False,
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-created", _("Newest first")),
            ("created", _("Oldest first")),
            ("-filed", _("Filed most recently")),
            ("product", _("Product A–Z")),
            ("status", _("Status")),
        ],
    )
    queue = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        round_field = self.fields["round"]
        assert isinstance(round_field, forms.ModelChoiceField)  # noqa: S101 - declared above
        round_field.queryset = Round.objects.order_by("-year", "level", "number")

    def clean_commune(self) -> str:
        code = (self.cleaned_data.get("commune") or "").strip()
        if code and not (code.isdigit() and len(code) == 5):
            raise forms.ValidationError(_("A commune code has 5 digits, e.g. 29308."))
        return code
