"""Advisory-team pages (issue 10 item 1; QĐ 26/2026 Điều 7.3.c): the office appoints the team;
team members review the round's dossiers, record site visits with photos and extra lab tests,
and report to the council chair. Files are served only through the scoped views below."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.http import AuthenticatedRequest
from ocop.core.web import run_service as run
from ocop.evaluation.advisory import selectors, services
from ocop.evaluation.advisory.models import AdvisoryReview, LabTest
from ocop.evaluation.council import selectors as council_selectors
from ocop.evaluation.council.forms import (
    AdvisoryAppointForm,
    LabOrderForm,
    LabResultForm,
    ReportForm,
    ReviewForm,
    SiteVisitForm,
)
from ocop.evaluation.council.views import form_refused
from ocop.evaluation.dossiers.models import Dossier
from ocop.evaluation.models import Round


def _team_or_office_round(request: AuthenticatedRequest, pk: int) -> tuple[Round, bool, bool]:
    round_ = get_object_or_404(council_selectors.council_round_list(user=request.user), pk=pk)
    office = council_selectors.user_is_round_office(user=request.user, round_=round_)
    team = council_selectors.advisory_member_of(user=request.user, round_id=round_.pk)
    if not (office or team):
        raise PermissionDenied
    return round_, office, team


def _team_or_office_dossier(request: AuthenticatedRequest, pk: int) -> tuple[Dossier, bool]:
    dossier = council_selectors.council_dossier_get(user=request.user, pk=pk)
    if dossier is None or dossier.round is None:
        raise Http404
    office = council_selectors.user_is_round_office(user=request.user, round_=dossier.round)
    team = council_selectors.advisory_member_of(user=request.user, round_id=dossier.round_id)
    if not (office or team):
        raise PermissionDenied
    return dossier, team


@login_required
def advisory_round(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_, office, _team = _team_or_office_round(request, pk)
    dossiers = list(council_selectors.round_dossier_list(round_=round_))
    reviews = {r.dossier_id: r for r in AdvisoryReview.objects.filter(dossier__in=dossiers)}
    return render(
        request,
        "evaluation/advisory/round.html",
        {
            "round": round_,
            "team": selectors.advisory_team(round_=round_),
            "rows": [(d, reviews.get(d.pk)) for d in dossiers],
            "is_office": office,
            "appoint_form": AdvisoryAppointForm() if office else None,
        },
    )


@login_required
@require_POST
def advisory_appoint(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_, office, _team = _team_or_office_round(request, pk)
    if not office:
        raise PermissionDenied
    form = AdvisoryAppointForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run(
            request,
            lambda: services.advisory_member_appoint(
                actor=request.user,
                round_=round_,
                user=data["user"],
                is_lead=data["is_lead"],
                organisation_name=data["organisation_name"],
            ),
            _("The member was added to the advisory team."),
        )
    else:
        form_refused(request, form)
    return redirect("council:advisory_round", pk=round_.pk)


@login_required
def advisory_dossier(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    dossier, team = _team_or_office_dossier(request, pk)
    file = selectors.advisory_file(user=request.user, dossier=dossier)
    review = file.review
    editable = team and (review is None or review.submitted_at is None)
    initial = (
        {"findings": review.findings, "recommendation": review.recommendation} if review else {}
    )
    return render(
        request,
        "evaluation/advisory/dossier.html",
        {
            "dossier": dossier,
            "file": file,
            "editable": editable,
            "review_form": ReviewForm(initial=initial),
            "visit_form": SiteVisitForm(),
            "order_form": LabOrderForm(),
            "result_form": LabResultForm(),
            "report_form": ReportForm(),
        },
    )


def _back(dossier: Dossier) -> HttpResponse:
    return redirect("council:advisory_dossier", pk=dossier.pk)


def _team_dossier(request: AuthenticatedRequest, pk: int) -> Dossier:
    dossier, team = _team_or_office_dossier(request, pk)
    if not team:
        raise PermissionDenied
    return dossier


@login_required
@require_POST
def review_save(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    dossier = _team_dossier(request, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        run(
            request,
            lambda: services.advisory_review_save(
                actor=request.user,
                dossier=dossier,
                findings=form.cleaned_data["findings"],
                recommendation=form.cleaned_data["recommendation"],
            ),
            _("The review was saved."),
        )
    else:
        form_refused(request, form)
    return _back(dossier)


@login_required
@require_POST
def site_visit_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    dossier = _team_dossier(request, pk)
    form = SiteVisitForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        photos = request.FILES.getlist("photos")
        run(
            request,
            lambda: services.site_visit_record(
                actor=request.user,
                dossier=dossier,
                visit=services.VisitInput(
                    visited_on=data["visited_on"],
                    place=data["place"],
                    findings=data["findings"],
                    participants=data["participants"],
                ),
                photos=photos,
            ),
            _("The site visit was recorded."),
        )
    else:
        form_refused(request, form)
    return _back(dossier)


@login_required
@require_POST
def lab_order(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    dossier = _team_dossier(request, pk)
    form = LabOrderForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run(
            request,
            lambda: services.lab_test_order(
                actor=request.user,
                dossier=dossier,
                test=data["test"],
                lab=data["lab"],
                ordered_on=data["ordered_on"],
            ),
            _("The lab test was ordered."),
        )
    else:
        form_refused(request, form)
    return _back(dossier)


@login_required
@require_POST
def lab_result(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    test = selectors.lab_test_get(user=request.user, pk=pk)
    if test is None:
        raise Http404
    dossier = _team_dossier(request, test.dossier_id)
    form = LabResultForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        run(
            request,
            lambda: services.lab_test_result_record(
                actor=request.user,
                lab_test=test,
                result=data["result"],
                passed=data["passed"],
                result_on=data["result_on"],
                file=data["file"],
            ),
            _("The result of the lab test was recorded."),
        )
    else:
        form_refused(request, form)
    return _back(dossier)


@login_required
@require_POST
def report_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    dossier = _team_dossier(request, pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        run(
            request,
            lambda: services.advisory_report_submit(
                actor=request.user, dossier=dossier, report=form.cleaned_data["report"]
            ),
            _("The report was sent to the council chair."),
        )
    else:
        form_refused(request, form)
    return _back(dossier)


@login_required
def photo(request: AuthenticatedRequest, pk: int) -> FileResponse:
    found = selectors.site_photo_get(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return FileResponse(found.file.open("rb"), filename=Path(found.file.name or "").name)


@login_required
def lab_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    test: LabTest | None = selectors.lab_test_get(user=request.user, pk=pk)
    if test is None or not test.file:
        raise Http404
    return FileResponse(test.file.open("rb"), filename=Path(test.file.name or "").name)
