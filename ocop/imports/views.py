"""Upload → column mapping → preview → confirm, and the office's "to complete" queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.http import AuthenticatedRequest
from ocop.core.errors import DomainError
from ocop.imports.choices import BatchStatus, Outcome
from ocop.imports.forms import MappingForm, UploadForm
from ocop.imports.models import ImportBatch
from ocop.imports.plan import columns_view
from ocop.imports.selectors import import_batch_list, review_item_list, user_may_import
from ocop.imports.services import (
    batch_options,
    import_batch_configure,
    import_batch_start,
    import_batch_upload,
    review_item_complete,
)

PAGE_SIZE = 50
RUNNING = (BatchStatus.PREVIEWING, BatchStatus.COMMITTING)


def _require(request: AuthenticatedRequest) -> None:
    if not user_may_import(request.user):
        raise PermissionDenied


@login_required
def batch_list(request: AuthenticatedRequest) -> HttpResponse:
    _require(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_batch_upload(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                filename=upload.name or "",
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect(batch)
    batches = list(import_batch_list(user=request.user)[:PAGE_SIZE])
    return render(request, "imports/batch_list.html", {"form": form, "batches": batches})


def _batch(request: AuthenticatedRequest, pk: int) -> ImportBatch:
    _require(request)
    return get_object_or_404(import_batch_list(user=request.user), pk=pk)


@login_required
def batch_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    data = batch.file.open("rb").read()
    batch.file.close()
    view = columns_view(data, batch.filename, batch_options(batch))
    initial = {**batch.context, "sheet": view.sheet, "skip_errors": batch.skip_errors}
    form = MappingForm(
        request.POST or None,
        kind=batch.kind,
        sheets=view.sheets,
        columns=view.columns,
        initial=initial,
    )
    if request.method == "POST" and batch.status != BatchStatus.COMMITTED and form.is_valid():
        sheet = form.cleaned_data.get("sheet") or ""
        mapping = form.mapping() if sheet == view.sheet else {}
        try:
            batch = import_batch_configure(
                actor=request.user,
                batch=batch,
                mapping=mapping,
                context=form.context(),
                sheet_name=sheet,
                skip_errors=form.cleaned_data["skip_errors"],
            )
            if sheet == view.sheet:
                import_batch_start(actor=request.user, batch=batch, commit=False)
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect(batch)
    preview = batch.preview or {}
    rows = preview.get("rows", [])
    page = Paginator(rows, 200).get_page(request.GET.get("page"))
    counts = preview.get("counts", {})
    outcome_labels = {str(o): str(o.label) for o in Outcome}
    context = {
        "batch": batch,
        "form": form,
        "file_error": view.error,
        "preview": preview,
        "page": page,
        "counts": [(outcome_labels[k], v, k) for k, v in counts.items()],
        "outcome_labels": outcome_labels,
        "running": batch.status in RUNNING,
        "may_commit": batch.status == BatchStatus.PREVIEWED
        and (not counts.get(Outcome.ERROR) or batch.skip_errors),
    }
    return render(request, "imports/batch_detail.html", context)


@login_required
def batch_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The progress fragment htmx polls while the worker runs; a finished run reloads the page."""
    batch = _batch(request, pk)
    response = render(
        request, "imports/_progress.html", {"batch": batch, "running": batch.status in RUNNING}
    )
    if batch.status not in RUNNING:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def batch_commit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        batch = import_batch_start(actor=request.user, batch=batch, commit=True)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(batch)
    if batch.status == BatchStatus.COMMITTED:
        messages.success(request, _("The file was committed."))
    elif batch.error_message:
        messages.error(request, batch.error_message)
    return redirect(batch)


@login_required
def review_list(request: AuthenticatedRequest) -> HttpResponse:
    _require(request)
    qs = review_item_list(user=request.user).select_related("batch__created_by")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "imports/review_list.html", {"page": page})


@login_required
@require_POST
def review_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request)
    item = get_object_or_404(review_item_list(user=request.user), pk=pk)
    review_item_complete(actor=request.user, item=item)
    messages.success(request, _("Taken off the list of records to complete."))
    return redirect("imports:review_list")
