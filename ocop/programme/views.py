"""Targets and key products: the two things of the programme an office types in (issue 12)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ocop.accounts.choices import OFFICE_ROLES
from ocop.accounts.http import AuthenticatedRequest
from ocop.core import errors
from ocop.products.selectors import product_list
from ocop.programme.forms import KeyProductForm, TargetForm
from ocop.programme.selectors import key_product_list, target_list
from ocop.programme.services import KEY_PRODUCT_ROLES, TARGET_ROLES, key_product_mark, target_set


def _require(request: AuthenticatedRequest, roles: tuple[str, ...] | frozenset[str]) -> None:
    if not request.user.has_role(*roles):
        raise PermissionDenied


@login_required
def target_list_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, OFFICE_ROLES)
    form = TargetForm(request.POST or None)
    if request.method == "POST":
        _require(request, TARGET_ROLES)
        if form.is_valid() and form.unit is not None:
            d = form.cleaned_data
            try:
                target_set(
                    actor=request.user,
                    indicator=d["indicator"],
                    period=d["period"],
                    unit=form.unit,
                    value=d["value"],
                    source=d["source"],
                    note=d["note"],
                )
            except errors.PermissionDenied as exc:
                raise PermissionDenied(exc.message) from exc
            except errors.DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The target was saved."))
                return redirect("programme:target_list")
    return render(
        request,
        "programme/target_list.html",
        {
            "form": form,
            "targets": target_list(user=request.user),
            "can_edit": request.user.has_role(*TARGET_ROLES),
        },
    )


@login_required
def key_product_list_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, OFFICE_ROLES)
    form = KeyProductForm(request.POST or None)
    if request.method == "POST":
        _require(request, KEY_PRODUCT_ROLES)
        if form.is_valid() and form.unit is not None:
            d = form.cleaned_data
            product = None
            if d.get("product_id"):
                product = product_list(user=request.user).filter(pk=d["product_id"]).first()
                if product is None:
                    form.add_error("product_id", _("No product you may see has this number."))
            if not form.errors:
                try:
                    key_product_mark(
                        actor=request.user,
                        commune=form.unit,
                        name=d["name"],
                        year=d["year"],
                        product=product,
                        note=d["note"],
                    )
                except errors.PermissionDenied as exc:
                    raise PermissionDenied(exc.message) from exc
                except errors.DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(request, _("The key product was marked."))
                    return redirect("programme:key_product_list")
    return render(
        request,
        "programme/key_product_list.html",
        {"form": form, "key_products": key_product_list(user=request.user)},
    )
