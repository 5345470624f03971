"""Pages of post-certification monitoring (QĐ 26/2026 Điều 9): the inspections register, plans,
inspection records, follow-up actions and a revocation opened from a finding."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.http import AuthenticatedRequest
from ocop.accounts.selectors import user_scope_units, user_sees_everything
from ocop.certification.monitoring import services
from ocop.certification.monitoring.forms import (
    FindingForm,
    FindingRevokeForm,
    InspectionForm,
    PlanForm,
)
from ocop.certification.monitoring.models import FollowUpAction, InspectionFinding
from ocop.certification.monitoring.selectors import inspection_get, may_inspect, plan_list
from ocop.certification.monitoring.tables import INSPECTION_LIST
from ocop.certification.selectors import certificate_list
from ocop.core.web import run_service as _run
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit


def _require(request: AuthenticatedRequest) -> None:
    if not may_inspect(request.user):
        raise PermissionDenied


@login_required
def inspection_list_view(request: AuthenticatedRequest) -> HttpResponseBase:
    _require(request)
    plans = plan_list(user=request.user).order_by("-period_start")[:20]
    return INSPECTION_LIST.respond(request, context={"plans": plans})


def _province(request: AuthenticatedRequest) -> AdminUnit | None:
    if user_sees_everything(request.user):
        return None
    return user_scope_units(request.user).filter(level=UnitLevel.PROVINCE).first()


@login_required
def plan_create_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request)
    today = timezone.localdate()
    live = (
        certificate_list(user=request.user)
        .filter(
            revocation_decision__isnull=True, superseded_by__isnull=True, valid_until__gte=today
        )
        .select_related("product")
        .order_by("product__name")[:500]
    )
    choices = [(str(c.pk), f"{c.product.name} — {c.number} ({c.star}★)") for c in live]
    form = PlanForm(request.POST or None, choices=choices)
    province = _province(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(certificate_list(user=request.user).filter(pk__in=data["certificates"]))
        target = province or (chosen[0].decision.province if chosen else None)
        if target is None:
            form.add_error(None, _("Choose at least one certified product to inspect."))
        else:
            holder: dict[str, Any] = {}

            def call() -> None:
                holder["plan"] = services.plan_create(
                    actor=request.user,
                    province=target,
                    kind=data["kind"],
                    title=data["title"],
                    scope=data["scope"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    certificates=chosen,
                )

            if _run(request, call, _("The inspection plan was saved."), form):
                return redirect("certification:inspection_create", pk=holder["plan"].pk)
    return render(
        request,
        "certification/inspection_form.html",
        {"title": _("New inspection plan"), "form": form, "finding_forms": []},
    )


@login_required
def inspection_create_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request)
    plan = get_object_or_404(plan_list(user=request.user), pk=pk)
    certificates = list(plan.certificates.select_related("product").order_by("product__name"))
    form = InspectionForm(request.POST or None)
    finding_forms = [
        (c, FindingForm(request.POST or None, prefix=f"c{c.pk}")) for c in certificates
    ]
    if (
        request.method == "POST"
        and form.is_valid()
        and all(f.is_valid() for _c, f in finding_forms)
    ):
        findings = []
        for certificate, finding_form in finding_forms:
            d = finding_form.cleaned_data
            if not d["result"]:
                continue
            actions = ((d["action"], d["due_on"]),) if d["action"] and d["due_on"] else ()
            findings.append(services.FindingInput(certificate, d["result"], d["finding"], actions))
        data = form.cleaned_data
        holder: dict[str, Any] = {}

        def call() -> None:
            holder["inspection"] = services.inspection_record(
                actor=request.user, plan=plan, findings=findings, **data
            )

        if _run(request, call, _("The inspection was recorded."), form):
            return redirect(holder["inspection"])
    return render(
        request,
        "certification/inspection_form.html",
        {"title": plan.title, "plan": plan, "form": form, "finding_forms": finding_forms},
    )


@login_required
def inspection_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request)
    inspection = inspection_get(user=request.user, pk=pk)
    if inspection is None:
        raise PermissionDenied
    findings = inspection.findings.select_related(
        "certificate__product", "revocation_decision"
    ).prefetch_related("actions")
    return render(
        request,
        "certification/inspection_detail.html",
        {
            "inspection": inspection,
            "findings": findings,
            "revoke_form": FindingRevokeForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def action_close_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request)
    action = get_object_or_404(FollowUpAction.objects.select_related("finding__inspection"), pk=pk)
    inspection = inspection_get(user=request.user, pk=action.finding.inspection_id)
    if inspection is None:
        raise PermissionDenied
    _run(
        request,
        lambda: services.follow_up_close(
            actor=request.user,
            action=action,
            status=request.POST.get("status", ""),
            on=timezone.localdate(),
        ),
        _("The follow-up action was closed."),
    )
    return redirect(inspection)


@login_required
@require_POST
def finding_revoke_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request)
    finding = get_object_or_404(
        InspectionFinding.objects.select_related("inspection__plan", "certificate__decision"),
        pk=pk,
    )
    inspection = inspection_get(user=request.user, pk=finding.inspection_id)
    if inspection is None:
        raise PermissionDenied
    form = FindingRevokeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: services.finding_revoke(actor=request.user, finding=finding, **data),
            _("The revocation was recorded."),
        )
    else:
        messages.error(request, _("Give the decision's number, date and reason."))
    return redirect(inspection)
