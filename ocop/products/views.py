from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.http import AuthenticatedRequest
from ocop.core.errors import DomainError
from ocop.geo.selectors import unit_repoint_choices
from ocop.producers.forms import RepointForm
from ocop.producers.selectors import producer_list_editable
from ocop.producers.views import REGISTRY_ROLES, commune_choices
from ocop.products.forms import (
    ChannelForm,
    IPTitleForm,
    PhotoForm,
    ProductForm,
)
from ocop.products.selectors import (
    channel_with_document_get,
    product_list,
    product_list_editable,
    products_with_flags,
)
from ocop.products.services import (
    channel_add,
    ip_title_add,
    product_create,
    product_photo_add,
    product_repoint_unit,
    product_update,
)
from ocop.products.tables import PRODUCT_LIST

EDITING_ROLES = (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER, Role.PRODUCER)
REPOINTING_ROLES = (Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER)


def _require(request: AuthenticatedRequest, roles: tuple[str, ...]) -> None:
    if not request.user.has_role(*roles):
        raise PermissionDenied


@login_required
def product_list_view(request: AuthenticatedRequest) -> HttpResponseBase:
    _require(request, REGISTRY_ROLES)
    return PRODUCT_LIST.respond(
        request,
        context={
            "can_create": request.user.has_role(*EDITING_ROLES),
            "figure": request.GET.get("figure", ""),  # issue 12: records behind a figure
        },
    )


def _certificates_context(product: Any) -> dict[str, Any]:
    """The product's current certificate with its live status, its chain, the ≥ 90 flag."""
    from ocop.certification.selectors import (
        certificate_public_url,
        certificate_status,
        product_awaiting_national,
        product_certificates,
        product_current_certificate,
    )

    current = product_current_certificate(product)
    return {
        "current": current,
        "status": certificate_status(current) if current else "",
        "public_url": certificate_public_url(current) if current else "",
        "chain": list(product_certificates(product)),
        "awaiting_national": product_awaiting_national(product),
    }


@login_required
def product_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, REGISTRY_ROLES)
    product = get_object_or_404(products_with_flags(product_list(user=request.user)), pk=pk)
    return render(
        request,
        "products/product_detail.html",
        {
            "product": product,
            "can_edit": product_list_editable(user=request.user).filter(pk=pk).exists(),
            "channels": product.channels.all(),
            "ip_titles": product.ip_titles.all(),
            "producer_ip_titles": product.producer.ip_titles.filter(product__isnull=True),
            "photos": product.photos.all(),
            "certificates": _certificates_context(product),
            "repoint_choices": (
                unit_repoint_choices(product.origin_unit)
                if request.user.has_role(*REPOINTING_ROLES)
                else []
            ),
        },
    )


def _render_form(
    request: AuthenticatedRequest, form: ProductForm, product: Any = None
) -> HttpResponse:
    return render(
        request,
        "products/product_form.html",
        {"form": form, "product": product, "communes": commune_choices(request.user)},
    )


@login_required
def product_create_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, EDITING_ROLES)
    producers = producer_list_editable(user=request.user)
    if request.method == "POST":
        form = ProductForm(request.POST, producers=producers)
        if form.is_valid():
            try:
                product = product_create(actor=request.user, data=form.to_data())
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The product was registered."))
                return redirect(product)
        return _render_form(request, form)
    initial = {}
    if request.GET.get("producer", "").isdigit():
        initial["producer"] = int(request.GET["producer"])
    return _render_form(request, ProductForm(initial=initial, producers=producers))


@login_required
def product_update_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, EDITING_ROLES)
    product = get_object_or_404(product_list_editable(user=request.user), pk=pk)
    producers = producer_list_editable(user=request.user)
    if request.method == "POST":
        form = ProductForm(request.POST, producers=producers)
        if form.is_valid():
            try:
                product = product_update(actor=request.user, product=product, data=form.to_data())
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The product was saved."))
                return redirect(product)
        return _render_form(request, form, product)
    form = ProductForm(initial=ProductForm.initial_from(product), producers=producers)
    return _render_form(request, form, product)


def _render_small(
    request: AuthenticatedRequest, form: Form, title: str, back: Any, multipart: bool = False
) -> HttpResponse:
    return render(
        request,
        "products/small_form.html",
        {"form": form, "title": title, "back": back, "multipart": multipart},
    )


@login_required
def photo_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, EDITING_ROLES)
    product = get_object_or_404(product_list_editable(user=request.user), pk=pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            product_photo_add(
                actor=request.user,
                product=product,
                image=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except DomainError as exc:
            form.add_error("image", exc.message)
        else:
            messages.success(request, _("The photo was added."))
            return redirect(product)
    return _render_small(request, form, _("Add a photo"), product, multipart=True)


@login_required
def channel_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, EDITING_ROLES)
    product = get_object_or_404(product_list_editable(user=request.user), pk=pk)
    form = ChannelForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            channel_add(actor=request.user, product=product, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The channel was added."))
            return redirect(product)
    return _render_small(request, form, _("Add a distribution channel"), product, multipart=True)


@login_required
def product_iptitle_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, EDITING_ROLES)
    product = get_object_or_404(product_list_editable(user=request.user), pk=pk)
    form = IPTitleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ip_title_add(
                actor=request.user, producer=product.producer, product=product, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The intellectual-property title was added."))
            return redirect(product)
    return _render_small(request, form, _("Add an IP title"), product)


@login_required
def producer_iptitle_create(request: AuthenticatedRequest, producer_pk: int) -> HttpResponse:
    _require(request, EDITING_ROLES)
    producer = get_object_or_404(producer_list_editable(user=request.user), pk=producer_pk)
    form = IPTitleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ip_title_add(actor=request.user, producer=producer, product=None, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The intellectual-property title was added."))
            return redirect(producer)
    return _render_small(request, form, _("Add an IP title"), producer)


@login_required
def product_repoint(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The office chooses today's commune of origin of a product on a split legacy unit."""
    _require(request, REPOINTING_ROLES)
    product = get_object_or_404(product_list_editable(user=request.user), pk=pk)
    choices = unit_repoint_choices(product.origin_unit)
    form = RepointForm(
        request.POST or None, choices=choices, initial={"current_unit": product.current_unit_id}
    )
    if request.method == "POST" and form.is_valid():
        unit = form.unit()
        if unit is None:
            form.add_error("current_unit", _("Choose one of the listed communes."))
        else:
            try:
                product_repoint_unit(actor=request.user, product=product, current_unit=unit)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("The product's commune of origin is now %(unit)s.")
                    % {"unit": unit.full_name},
                )
                return redirect(product)
    return render(
        request,
        "geo/repoint_form.html",
        {"form": form, "record": product, "unit": product.origin_unit, "choices": choices},
    )


@login_required
def channel_document(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """A channel's proof document (a contract): served only to those who may see the product."""
    channel = channel_with_document_get(user=request.user, pk=pk)
    if channel is None:
        raise Http404
    document = channel.proof_document
    return FileResponse(document.open("rb"), filename=Path(document.name or "").name)
