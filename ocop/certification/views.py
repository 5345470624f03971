"""Staff pages of the certificates register: decisions, certificates, revocation, numbering."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.http import AuthenticatedRequest
from ocop.accounts.selectors import user_scope_units, user_sees_everything
from ocop.certification.forms import (
    DecisionForm,
    NumberTemplateForm,
    ReratingFiledForm,
    ResultFormSet,
    RevokeForm,
)
from ocop.certification.models import NumberTemplate
from ocop.certification.monitoring.selectors import findings_for_certificate
from ocop.certification.rules import format_partial_date, rerating_window
from ocop.certification.selectors import (
    authorities_for_recording,
    certificate_chain,
    certificate_events,
    certificate_list,
    certificate_status,
    decision_list,
    decision_results,
    product_awaiting_national,
    products_for_recording,
)
from ocop.certification.services import (
    RECORDING_ROLES,
    certificate_revoke,
    certificate_set_rerating_filed,
    decision_record,
    number_template_set,
    revocation_authority_for,
)
from ocop.certification.tables import CERTIFICATE_LIST, DECISION_LIST
from ocop.core.errors import DomainError
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit

PAGE_SIZE = 25
READING_ROLES = (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER, Role.NATIONAL_OFFICE, Role.PRODUCER)


def _require(request: AuthenticatedRequest, roles: tuple[str, ...]) -> None:
    if not request.user.has_role(*roles):
        raise PermissionDenied


def _register_province(request: AuthenticatedRequest) -> AdminUnit | None:
    """The province whose register the office writes in: its own (today's map)."""
    units = user_scope_units(request.user).filter(
        level=UnitLevel.PROVINCE, map__valid_to__isnull=True
    )
    if user_sees_everything(request.user):
        code = request.GET.get("tinh") or request.POST.get("register_province") or ""
        return units.filter(code=code).first() if code else None
    return units.order_by("code").first()


@login_required
def certificate_list_view(request: AuthenticatedRequest) -> HttpResponseBase:
    _require(request, READING_ROLES)
    return CERTIFICATE_LIST.respond(
        request, context={"can_record": request.user.has_role(*RECORDING_ROLES)}
    )


@login_required
def certificate_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, READING_ROLES)
    certificate = get_object_or_404(certificate_list(user=request.user), pk=pk)
    today = timezone.localdate()
    decision = certificate.decision
    window = rerating_window(certificate.valid_until) if certificate.valid_until else None
    can_record = request.user.has_role(*RECORDING_ROLES)
    revoking_body = None
    if can_record and certificate.revocation_decision_id is None:
        try:
            revoking_body = revocation_authority_for(certificate, on=today)
        except DomainError:
            revoking_body = None
    return render(
        request,
        "certification/certificate_detail.html",
        {
            "certificate": certificate,
            "status": certificate_status(certificate, on=today),
            "decision_date": format_partial_date(
                decision.signed_on, decision.date_precision, decision.date_until
            ),
            "chain": certificate_chain(certificate),
            "events": certificate_events(certificate),
            "window": window,
            "awaiting_national": product_awaiting_national(certificate.product),
            "can_record": can_record,
            "revoking_body": revoking_body,
            "rerating_form": ReratingFiledForm(initial={"filed_on": certificate.rerating_filed_on}),
            "public_url": reverse("catalogue:certificate_verify", args=[certificate.number]),
            "inspections": findings_for_certificate(user=request.user, certificate=certificate),
        },
    )


@login_required
def decision_list_view(request: AuthenticatedRequest) -> HttpResponseBase:
    _require(request, READING_ROLES)
    return DECISION_LIST.respond(
        request, context={"can_record": request.user.has_role(*RECORDING_ROLES)}
    )


@login_required
def decision_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, READING_ROLES)
    decision = get_object_or_404(decision_list(user=request.user), pk=pk)
    return render(
        request,
        "certification/decision_detail.html",
        {
            "decision": decision,
            "decision_date": format_partial_date(
                decision.signed_on, decision.date_precision, decision.date_until
            ),
            "results": decision_results(decision),
            "revoked": decision.revoked_certificates.select_related("product", "producer"),
        },
    )


@login_required
def decision_create(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, RECORDING_ROLES)
    province = _register_province(request)
    authorities = authorities_for_recording(user=request.user)
    products = products_for_recording(user=request.user)
    form = DecisionForm(request.POST or None, authorities=authorities)
    formset = ResultFormSet(request.POST or None, form_kwargs={"products": products}, prefix="sp")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        items = [i for i in (row.to_input() for row in formset.forms) if i is not None]
        d = form.cleaned_data
        if province is None:
            form.add_error(None, _("Choose the province whose register this decision goes to."))
        else:
            try:
                decision = decision_record(
                    actor=request.user,
                    kind=d["kind"],
                    number=d["number"],
                    signed_on=d.get("signed_on"),
                    authority=d["authority"],
                    province=province,
                    items=items,
                    signer_name=d.get("signer_name") or "",
                    signer_title=d.get("signer_title") or "",
                    date_precision=d["date_precision"],
                    date_until=d.get("date_until"),
                    summary=d.get("summary") or "",
                    is_legacy=bool(d.get("is_legacy")),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                count = decision.certificates.count()
                messages.success(
                    request,
                    _("Decision %(number)s recorded: %(count)s certificate(s) issued.")
                    % {"number": decision.number, "count": count},
                )
                return redirect(decision)
    return render(
        request,
        "certification/decision_form.html",
        {"form": form, "formset": formset, "province": province},
    )


@login_required
def certificate_revoke_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, RECORDING_ROLES)
    province = _register_province(request)
    initial: dict[str, Any] = {}
    pk = request.GET.get("giay")
    if pk and pk.isdigit():
        cert = certificate_list(user=request.user).filter(pk=int(pk)).first()
        if cert is not None:
            initial["numbers"] = cert.number
    form = RevokeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        numbers = form.number_list()
        found = list(certificate_list(user=request.user).filter(number__in=numbers))
        missing = sorted(set(numbers) - {c.number for c in found})
        if missing:
            form.add_error(
                "numbers",
                _("No certificate you may see has these numbers: %(numbers)s.")
                % {"numbers": ", ".join(missing)},
            )
        elif province is None:
            form.add_error(None, _("Choose the province whose register this decision goes to."))
        else:
            d = form.cleaned_data
            try:
                decision = certificate_revoke(
                    actor=request.user,
                    certificates=found,
                    number=d["number"],
                    signed_on=d["signed_on"],
                    ground=d["ground"],
                    reason=d["reason"],
                    concluded_on=d["concluded_on"],
                    province=province,
                    signer_name=d.get("signer_name") or "",
                    signer_title=d.get("signer_title") or "",
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("Revocation decision %(number)s recorded.") % {"number": decision.number},
                )
                return redirect(decision)
    return render(request, "certification/revoke_form.html", {"form": form})


@login_required
def certificate_rerating_filed(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, RECORDING_ROLES)
    certificate = get_object_or_404(certificate_list(user=request.user), pk=pk)
    form = ReratingFiledForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_set_rerating_filed(
                actor=request.user, certificate=certificate, filed_on=form.cleaned_data["filed_on"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The re-rating filing date was saved."))
    return redirect(certificate)


@login_required
def number_template_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, (Role.PROVINCE_OFFICE,))
    province = _register_province(request)
    if province is None:
        raise PermissionDenied
    current = NumberTemplate.objects.filter(province=province).first()
    form = NumberTemplateForm(
        request.POST or None,
        initial={"template": current.template if current else "{NNN}/{YYYY}/GCN-OCOP-{T}"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            number_template_set(
                actor=request.user, province=province, template=form.cleaned_data["template"]
            )
        except DomainError as exc:
            form.add_error("template", exc.message)
        else:
            messages.success(request, _("The number template was saved."))
            return redirect("certification:number_template")
    return render(
        request,
        "certification/number_template.html",
        {"form": form, "province": province, "title": _("Certificate numbers")},
    )
