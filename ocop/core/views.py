from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ocop.core import audit, queues


@login_required
def home(request: HttpRequest) -> HttpResponse:
    units = getattr(request.user, "units", None)
    return render(
        request,
        "core/home.html",
        {"units": units.all()[:20] if units else [], "queues": queues.queues_for(request.user)},
    )


@login_required
def object_history(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    """The audit timeline of one record the user may see: who changed what, before → after."""
    audited = audit.audited_model(label)
    if audited is None:
        raise Http404
    obj = get_object_or_404(audited.visible(request.user), pk=pk)
    entries = audit.history_for(obj)
    return render(
        request,
        "core/object_history.html",
        {"object": obj, "entries": entries, "model_name": obj._meta.verbose_name},
    )
