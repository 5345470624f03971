from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.choices import Role
from ocop.accounts.http import AuthenticatedRequest
from ocop.accounts.models import User
from ocop.accounts.selectors import user_scope_units, user_sees_everything
from ocop.core.errors import DomainError
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import unit_repoint_choices
from ocop.producers.forms import AccountLinkForm, ProducerForm, RepointForm
from ocop.producers.models import Producer
from ocop.producers.policy import producer_sensitive_visible, producer_tax_code_for
from ocop.producers.selectors import producer_list, producer_list_editable
from ocop.producers.services import (
    DuplicateFound,
    producer_link_account,
    producer_register,
    producer_repoint_unit,
    producer_update,
)
from ocop.producers.tables import PRODUCER_LIST

REGISTRY_ROLES = (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER, Role.NATIONAL_OFFICE, Role.PRODUCER)
REGISTERING_ROLES = (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER)


def _require(request: AuthenticatedRequest, roles: tuple[str, ...]) -> None:
    if not request.user.has_role(*roles):
        raise PermissionDenied


def commune_choices(user: User) -> list[Any]:
    """Communes of the official's area on the current map (a datalist for the code field)."""
    if user_sees_everything(user) or user.role not in REGISTERING_ROLES:
        return []
    return list(
        user_scope_units(user)
        .filter(level=UnitLevel.COMMUNE, map__valid_to__isnull=True)
        .order_by("sort_key")
        .values_list("code", "unit_type", "name")
    )


@login_required
def producer_list_view(request: AuthenticatedRequest) -> HttpResponseBase:
    _require(request, REGISTRY_ROLES)
    return PRODUCER_LIST.respond(
        request,
        context={
            "can_register": request.user.has_role(*REGISTERING_ROLES),
            "figure": request.GET.get("figure", ""),  # issue 12: records behind a figure
        },
    )


@login_required
def producer_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, REGISTRY_ROLES)
    producer = get_object_or_404(producer_list(user=request.user), pk=pk)
    from ocop.products.selectors import product_list, products_with_flags

    products = products_with_flags(
        product_list(user=request.user).filter(producer=producer)
    ).order_by("sort_key", "pk")
    return render(
        request,
        "producers/producer_detail.html",
        {
            "producer": producer,
            "show_sensitive": producer_sensitive_visible(request.user, producer),
            "tax_code": producer_tax_code_for(request.user, producer),
            "can_edit": producer_list_editable(user=request.user).filter(pk=pk).exists(),
            "can_link": request.user.has_role(*REGISTERING_ROLES),
            "repoint_choices": _repoint_choices(request, producer),
            "products": products,
            "ip_titles": producer.ip_titles.select_related("product"),
            "accounts": producer.account_links.select_related("user"),
            "link_form": AccountLinkForm(),
        },
    )


def _repoint_choices(request: AuthenticatedRequest, producer: Producer) -> list[AdminUnit]:
    """Today's communes the office may choose for a producer on a split legacy unit."""
    if not request.user.has_role(*REGISTERING_ROLES):
        return []
    return unit_repoint_choices(producer.address_unit)


def _render_form(
    request: AuthenticatedRequest,
    form: ProducerForm,
    producer: Producer | None,
    duplicates: list[Any] | None = None,
) -> HttpResponse:
    return render(
        request,
        "producers/producer_form.html",
        {
            "form": form,
            "producer": producer,
            "duplicates": duplicates or [],
            "communes": commune_choices(request.user),
            "show_sensitive": producer is None
            or producer_sensitive_visible(request.user, producer),
        },
    )


def _size_warning(request: AuthenticatedRequest, producer: Producer) -> None:
    if producer.size_not_admitted:
        messages.warning(
            request,
            _(
                "QĐ 26/2026 Art. 2.3 admits only small and medium enterprises: a large "
                "enterprise cannot take part in OCOP rating."
            ),
        )


@login_required
def producer_create(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, REGISTERING_ROLES)
    form = ProducerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            producer = producer_register(
                actor=request.user,
                data=form.to_data(),
                confirm_not_duplicate=form.cleaned_data["confirm_not_duplicate"],
            )
        except DuplicateFound as exc:
            form.add_error(None, exc.message)
            return _render_form(request, form, None, exc.candidates)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The producer was registered."))
            _size_warning(request, producer)
            return redirect(producer)
    return _render_form(request, form, None)


@login_required
def producer_update_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, (*REGISTERING_ROLES, Role.PRODUCER))
    producer = get_object_or_404(producer_list_editable(user=request.user), pk=pk)
    if request.method == "POST":
        form = ProducerForm(request.POST)
        if form.is_valid():
            try:
                producer = producer_update(
                    actor=request.user,
                    producer=producer,
                    data=form.to_data(),
                    confirm_not_duplicate=form.cleaned_data["confirm_not_duplicate"],
                )
            except DuplicateFound as exc:
                form.add_error(None, exc.message)
                return _render_form(request, form, producer, exc.candidates)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The producer was saved."))
                _size_warning(request, producer)
                return redirect(producer)
        return _render_form(request, form, producer)
    form = ProducerForm(initial=ProducerForm.initial_from(producer))
    return _render_form(request, form, producer)


@login_required
@require_POST
def producer_account_link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, REGISTERING_ROLES)
    producer = get_object_or_404(producer_list_editable(user=request.user), pk=pk)
    form = AccountLinkForm(request.POST)
    if form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            messages.error(request, _("No account has this username."))
        else:
            try:
                producer_link_account(actor=request.user, producer=producer, user=user)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, _("%(user)s now acts for this producer.") % {"user": user}
                )
    return redirect(producer)


@login_required
def producer_repoint(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The office chooses today's commune of a producer written on a split legacy unit."""
    _require(request, REGISTERING_ROLES)
    producer = get_object_or_404(producer_list_editable(user=request.user), pk=pk)
    choices = unit_repoint_choices(producer.address_unit)
    form = RepointForm(
        request.POST or None,
        choices=choices,
        initial={"current_unit": producer.current_unit_id},
    )
    if request.method == "POST" and form.is_valid():
        unit = form.unit()
        if unit is None:
            form.add_error("current_unit", _("Choose one of the listed communes."))
        else:
            try:
                producer_repoint_unit(actor=request.user, producer=producer, current_unit=unit)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("The producer now belongs to %(unit)s.") % {"unit": unit.full_name},
                )
                return redirect(producer)
    return render(
        request,
        "geo/repoint_form.html",
        {"form": form, "record": producer, "unit": producer.address_unit, "choices": choices},
    )
