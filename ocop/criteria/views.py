"""Criteria browser (editions, revisions, corrections, sheets) and the self-assessment pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.choices import OFFICE_ROLES, Role
from ocop.accounts.http import AuthenticatedRequest
from ocop.core.errors import DomainError
from ocop.criteria import engine
from ocop.criteria.forms import SelfAssessmentForm
from ocop.criteria.models import AnswerSheet, SelfAssessment, SelfAssessmentStatus
from ocop.criteria.scoring import LiveResult, live_result
from ocop.criteria.selectors import (
    edition_list,
    engine_sheet,
    self_assessment_list,
    self_assessment_list_editable,
    self_assessments_by_product,
    sheet_get,
)
from ocop.criteria.services import self_assessment_save, self_assessment_start
from ocop.producers.policy import producer_sensitive_visible
from ocop.products.selectors import product_list, product_list_editable


@login_required
def editions(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "criteria/edition_list.html", {"editions": edition_list()})


@login_required
def sheet_detail(
    request: AuthenticatedRequest, edition: str, revision: int, set_no: int
) -> HttpResponse:
    try:
        sheet_def = sheet_get(edition=edition, set_no=set_no, revision=revision)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    return render(
        request,
        "criteria/sheet_detail.html",
        {"sheet_def": sheet_def, "sheet": engine_sheet(sheet_def), "revision": sheet_def.revision},
    )


# ---------------------------------------------------------------------------------------------
# Self-assessment (QĐ 26/2026 Phụ lục III, Mẫu số 02)
# ---------------------------------------------------------------------------------------------

SELF_ASSESSMENT_ROLES = (*OFFICE_ROLES, Role.PRODUCER)


def _require_role(request: AuthenticatedRequest) -> None:
    if not request.user.has_role(*SELF_ASSESSMENT_ROLES):
        raise PermissionDenied


@login_required
def self_assessment_list_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_role(request)
    products = product_list(user=request.user).order_by("sort_key", "pk")
    page = Paginator(products, 50).get_page(request.GET.get("page"))
    latest = self_assessments_by_product(user=request.user, products=[p.pk for p in page])
    editable = set(
        product_list_editable(user=request.user)
        .filter(pk__in=[p.pk for p in page])
        .values_list("pk", flat=True)
    )
    rows = [(p, latest.get(p.pk), p.pk in editable) for p in page]
    return render(request, "criteria/self_assessment_list.html", {"page": page, "rows": rows})


@login_required
@require_POST
def self_assessment_start_view(request: AuthenticatedRequest, product_pk: int) -> HttpResponse:
    _require_role(request)
    product = get_object_or_404(product_list_editable(user=request.user), pk=product_pk)
    try:
        assessment = self_assessment_start(product=product, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("criteria:self_assessment_list")
    return redirect("criteria:self_assessment_detail", pk=assessment.pk)


def _assessment_context(assessment: SelfAssessment) -> tuple[AnswerSheet, engine.Sheet]:
    answer_sheet = AnswerSheet.objects.select_related("sheet__revision__edition").get(
        self_assessment=assessment
    )
    return answer_sheet, engine_sheet(answer_sheet.sheet)


def _live(form: SelfAssessmentForm, sheet: engine.Sheet) -> tuple[LiveResult | None, str]:
    if not form.is_valid():
        return None, _("Some answers are not valid options; correct them to see the result.")
    data = form.to_data()
    flags = engine.DossierFlags(has_story=data.has_story, case=data.case)
    try:
        return live_result(sheet, data.answers, flags), ""
    except DomainError as exc:
        return None, exc.message


@login_required
def self_assessment_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_role(request)
    assessment = get_object_or_404(self_assessment_list(user=request.user), pk=pk)
    editable = (
        assessment.status == SelfAssessmentStatus.DRAFT
        and self_assessment_list_editable(user=request.user).filter(pk=pk).exists()
    )
    answer_sheet, sheet = _assessment_context(assessment)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = SelfAssessmentForm(request.POST, sheet=sheet)
        if form.is_valid():
            try:
                self_assessment_save(
                    self_assessment=assessment, data=form.to_data(), actor=request.user
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The self-assessment draft was saved."))
                return redirect("criteria:self_assessment_detail", pk=pk)
    else:
        answer_sheet_rows = AnswerSheet.objects.prefetch_related("answers__criterion").get(
            pk=answer_sheet.pk
        )
        form = SelfAssessmentForm(
            initial=SelfAssessmentForm.initial_for(assessment, answer_sheet_rows), sheet=sheet
        )
        form = SelfAssessmentForm(form.initial, sheet=sheet)  # bound: the live result reads it
    live, live_error = _live(form, sheet)
    return render(
        request,
        "criteria/self_assessment_detail.html",
        {
            "assessment": assessment,
            "answer_sheet": answer_sheet,
            "sheet": sheet,
            "form": form,
            "layout": form.layout(),
            "editable": editable,
            "live": live,
            "live_error": live_error,
            "show_sensitive": producer_sensitive_visible(request.user, assessment.product.producer),
        },
    )


@login_required
@require_POST
def self_assessment_live(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The live total, star, unmet minimums and gap for the posted (unsaved) answers (htmx)."""
    _require_role(request)
    assessment = get_object_or_404(self_assessment_list(user=request.user), pk=pk)
    _answer_sheet, sheet = _assessment_context(assessment)
    form = SelfAssessmentForm(request.POST, sheet=sheet)
    live, live_error = _live(form, sheet)
    return render(
        request,
        "criteria/_live_result.html",
        {"live": live, "live_error": live_error, "sheet": sheet},
    )


@login_required
def self_assessment_print(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_role(request)
    assessment = get_object_or_404(self_assessment_list(user=request.user), pk=pk)
    answer_sheet, sheet = _assessment_context(assessment)
    answers = {a.criterion.code: a for a in answer_sheet.answers.select_related("criterion")}
    return render(
        request,
        "criteria/self_assessment_print.html",
        {
            "assessment": assessment,
            "answer_sheet": answer_sheet,
            "sheet": sheet,
            "answers": answers,
            "show_sensitive": producer_sensitive_visible(request.user, assessment.product.producer),
        },
    )
