"""Dossier pages: thin views — parse, authorise by role, call one service or selector."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.choices import Role
from ocop.accounts.http import AuthenticatedRequest
from ocop.core import errors
from ocop.core.web import run_service as _run
from ocop.evaluation.choices import RoundLevel
from ocop.evaluation.dossiers import docx, services
from ocop.evaluation.dossiers import selectors as ds
from ocop.evaluation.dossiers.choices import DossierStatus, EventKind
from ocop.evaluation.dossiers.forms import (
    AnswerForm,
    AssessmentForm,
    AssignForm,
    DocumentForm,
    DossierCreateForm,
    ReceiveForm,
    ReturnForm,
)
from ocop.evaluation.dossiers.models import CommuneAssessment, Dossier
from ocop.evaluation.dossiers.tables import DOSSIER_LIST
from ocop.evaluation.dossiers.transitions import allowed_actions
from ocop.evaluation.models import Round
from ocop.products.selectors import product_list

READERS = (
    Role.PRODUCER,
    Role.COMMUNE_OFFICER,
    Role.PROVINCE_OFFICE,
    Role.NATIONAL_OFFICE,
)
PRODUCER = (Role.PRODUCER,)
COMMUNE = (Role.COMMUNE_OFFICER,)
PROVINCE = (Role.PROVINCE_OFFICE,)


def _require(request: AuthenticatedRequest, roles: tuple[str, ...]) -> None:
    if not request.user.has_role(*roles):
        raise PermissionDenied


def _dossier(request: AuthenticatedRequest, pk: int) -> Dossier:
    return get_object_or_404(ds.dossier_list(user=request.user), pk=pk)


@login_required
def dossier_list_view(request: AuthenticatedRequest) -> HttpResponseBase:
    _require(request, READERS)
    return DOSSIER_LIST.respond(
        request, context={"can_create": request.user.has_role(Role.PRODUCER)}
    )


@login_required
def dossier_create_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, PRODUCER)
    products = product_list(user=request.user)
    form = DossierCreateForm(request.POST or None, products=products)
    if request.method == "GET" and request.GET.get("product", "").isdigit():
        product = products.filter(pk=int(request.GET["product"])).first()
        if product is not None:
            defaults = services.registration_defaults(product)
            form = DossierCreateForm(
                initial={"product": product.pk, **defaults.__dict__}, products=products
            )
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_create(
                actor=request.user,
                product=form.cleaned_data["product"],
                kind=form.cleaned_data["kind"],
                registration=form.registration(),
            )
        except errors.PermissionDenied as exc:
            raise PermissionDenied(exc.message) from exc
        except errors.DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The dossier was opened; attach its evidence."))
            return redirect(dossier)
    return render(request, "evaluation/dossiers/dossier_create.html", {"form": form})


@login_required
def dossier_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, READERS)
    dossier = _dossier(request, pk)
    user = request.user
    actions = allowed_actions(dossier.status)
    is_filer = ds.dossier_user_is_filer(user, dossier)
    commune_actor = user.has_role(Role.COMMUNE_OFFICER) and not user.is_superuser
    province_actor = user.has_role(Role.PROVINCE_OFFICE) and not user.is_superuser
    if user.is_superuser:
        commune_actor = province_actor = True
    open_request = ds.dossier_open_request(dossier)
    documents = ds.dossier_documents(dossier)
    assessment = CommuneAssessment.objects.filter(dossier=dossier).first()
    context = {
        "dossier": dossier,
        "documents": documents,
        "new_documents": [d for d in documents if d.carried_from_id is None],
        "events": dossier.events.select_related("actor"),
        "returns": [
            (r, ds.supplement_items(r)) for r in dossier.returns.select_related("returned_by")
        ],
        "open_request": open_request,
        "assessment": assessment,
        "clock": ds.dossier_commune_clock(dossier),
        "ocop_code": ds.dossier_ocop_code(dossier),
        "suggested_round": ds.dossier_suggested_round(dossier),
        "previous": ds.dossier_previous(dossier),
        "can_add_documents": is_filer and dossier.status == DossierStatus.DRAFT,
        "can_submit": is_filer and "submit" in actions,
        "can_resubmit": is_filer and "resubmit" in actions,
        "can_answer": is_filer and open_request is not None,
        "can_receive": commune_actor and "receive" in actions,
        "can_commune_act": commune_actor and dossier.status == DossierStatus.COMMUNE_REVIEW,
        "can_province_act": province_actor and dossier.status == DossierStatus.FORWARDED,
        "document_form": DocumentForm(),
        "receive_form": ReceiveForm(initial={"samples_received": dossier.samples_declared}),
        "event_kinds": EventKind,
    }
    return render(request, "evaluation/dossiers/dossier_detail.html", context)


@login_required
def document_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, PRODUCER)
    dossier = _dossier(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.dossier_document_add(
                actor=request.user, dossier=dossier, document=form.document()
            ),
            _("The document was attached."),
            form,
        )
    ):
        return redirect(dossier)
    return render(
        request,
        "evaluation/dossiers/small_form.html",
        {"form": form, "dossier": dossier, "title": _("Attach a document"), "multipart": True},
    )


@login_required
def document_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """A dossier document, served only to those who may see its dossier."""
    _require(request, READERS)
    document = ds.dossier_document_get(user=request.user, pk=pk)
    if document is None:
        raise Http404
    return FileResponse(document.file.open("rb"), filename=Path(document.file.name or "").name)


@login_required
@require_POST
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, PRODUCER)
    dossier = _dossier(request, pk)
    _run(
        request,
        lambda: services.dossier_submit(actor=request.user, dossier=dossier),
        _("The dossier was filed with the commune."),
    )
    return redirect(dossier)


@login_required
@require_POST
def receive(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, COMMUNE)
    dossier = _dossier(request, pk)
    form = ReceiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of samples received."))
        return redirect(dossier)
    _run(
        request,
        lambda: services.dossier_receive(
            actor=request.user,
            dossier=dossier,
            samples_received=form.cleaned_data["samples_received"],
        ),
        _("The dossier was received; the 15-working-day period runs."),
    )
    return redirect(dossier)


@login_required
def return_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, (*COMMUNE, *PROVINCE))
    dossier = _dossier(request, pk)
    form = ReturnForm(request.POST or None, documents=ds.dossier_documents(dossier))
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.dossier_return(
                actor=request.user,
                dossier=dossier,
                items=form.items(),
                note=form.cleaned_data["note"],
            ),
            _("The dossier was returned to the producer with the marked items."),
            form,
        )
    ):
        return redirect(dossier)
    return render(
        request, "evaluation/dossiers/dossier_return.html", {"form": form, "dossier": dossier}
    )


@login_required
def item_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, PRODUCER)
    item = ds.supplement_item_get(user=request.user, pk=pk)
    if item is None:
        raise Http404
    dossier = item.request.dossier
    form = AnswerForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.supplement_item_answer(
                actor=request.user,
                item=item,
                answer=form.cleaned_data["answer"],
                document=form.document(),
            ),
            _("Your answer was saved."),
            form,
        )
    ):
        return redirect(dossier)
    return render(
        request,
        "evaluation/dossiers/item_answer.html",
        {"form": form, "item": item, "dossier": dossier},
    )


@login_required
@require_POST
def resubmit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, PRODUCER)
    dossier = _dossier(request, pk)
    _run(
        request,
        lambda: services.dossier_resubmit(actor=request.user, dossier=dossier),
        _("The dossier was resubmitted."),
    )
    return redirect(dossier)


@login_required
def assessment_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, COMMUNE)
    dossier = _dossier(request, pk)
    existing = CommuneAssessment.objects.filter(dossier=dossier).first()
    initial = (
        {
            f: getattr(existing, f)
            for f in (
                "raw_material",
                "local_labour",
                "idea_origin",
                "local_identity",
                "signer_name",
                "signer_title",
            )
        }
        if existing
        else {}
    )
    form = AssessmentForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.commune_assessment_save(
                actor=request.user, dossier=dossier, data=form.data_object()
            ),
            _("The commune's assessment (Mẫu 03) was saved."),
            form,
        )
    ):
        return redirect(dossier)
    return render(
        request,
        "evaluation/dossiers/small_form.html",
        {"form": form, "dossier": dossier, "title": _("Commune assessment (Mẫu 03)")},
    )


@login_required
@require_POST
def forward(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, COMMUNE)
    dossier = _dossier(request, pk)
    _run(
        request,
        lambda: services.dossier_forward(actor=request.user, dossier=dossier),
        _("The dossier was forwarded to the province."),
    )
    return redirect(dossier)


def _open_rounds(dossier: Dossier) -> list[tuple[str, str]]:
    rounds = Round.objects.filter(
        level=RoundLevel.PROVINCE, province=dossier.province, decide_by__gte=timezone.localdate()
    ).order_by("decide_by")
    return [(str(r.pk), f"{r} ({r.cutoff:%d/%m/%Y})") for r in rounds]


@login_required
def assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, PROVINCE)
    dossier = _dossier(request, pk)
    form = AssignForm(request.POST or None, rounds=_open_rounds(dossier))
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["round"]
        round_ = Round.objects.filter(pk=int(chosen)).first() if chosen else None
        if _run(
            request,
            lambda: services.dossier_assign_round(
                actor=request.user, dossier=dossier, round_=round_
            ),
            _("The dossier was accepted into the round."),
            form,
        ):
            return redirect(dossier)
    return render(
        request,
        "evaluation/dossiers/small_form.html",
        {
            "form": form,
            "dossier": dossier,
            "title": _("Accept into a round"),
            "suggested_round": ds.dossier_suggested_round(dossier),
        },
    )


@login_required
def province_intake(request: AuthenticatedRequest) -> HttpResponse:
    """The provincial office's intake: forwarded dossiers by the round their proposal falls
    into (QĐ 26/2026 Điều 5.1), and the dossiers already accepted into each round."""
    _require(request, (*PROVINCE, Role.NATIONAL_OFFICE))
    visible = ds.dossier_list(user=request.user)
    waiting = list(visible.filter(status=DossierStatus.FORWARDED).order_by("forwarded_on", "pk"))
    groups: dict[tuple[int, str], dict[str, Any]] = {}
    for dossier in waiting:
        spec = ds.dossier_suggested_round(dossier)
        if spec is None:
            continue
        key = (spec.year, spec.number)
        groups.setdefault(key, {"spec": spec, "dossiers": []})["dossiers"].append(dossier)
    accepted = list(
        visible.filter(status=DossierStatus.IN_ROUND).order_by("round__decide_by", "pk")[:200]
    )
    return render(
        request,
        "evaluation/dossiers/province_intake.html",
        {"groups": [groups[k] for k in sorted(groups)], "accepted": accepted},
    )


@login_required
def mau03_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, READERS)
    dossier = _dossier(request, pk)
    assessment = CommuneAssessment.objects.filter(dossier=dossier).first()
    if assessment is None:
        raise Http404
    return _docx_response(docx.mau03_document(dossier, assessment), f"mau-03-ho-so-{dossier.pk}")


@login_required
def letter_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, READERS)
    dossier = _dossier(request, pk)
    assessment = CommuneAssessment.objects.filter(dossier=dossier).first()
    if assessment is None:
        raise Http404
    return _docx_response(
        docx.letter_document(dossier, assessment), f"cong-van-de-nghi-ho-so-{dossier.pk}"
    )


def _docx_response(content: bytes, stem: str) -> HttpResponse:
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.docx"'
    return response
