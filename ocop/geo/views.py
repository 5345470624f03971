from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from ocop.accounts.choices import OFFICE_ROLES
from ocop.accounts.http import AuthenticatedRequest
from ocop.core.errors import DomainError
from ocop.core.text import search_tokens
from ocop.geo.choices import UnitLevel
from ocop.geo.selectors import unit_list


@login_required
def units(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_role(*OFFICE_ROLES):
        raise PermissionDenied
    map_code = request.GET.get("map") or "current"
    if map_code not in ("legacy", "current"):
        map_code = "current"
    level = request.GET.get("level") if request.GET.get("level") in UnitLevel.values else None
    error = None
    try:
        qs = unit_list(map_code=map_code, level=level).select_related("province")
    except DomainError as exc:
        error, qs = exc.message, None
    q = request.GET.get("q", "")
    if qs is not None:
        for token in search_tokens(q):
            qs = qs.filter(name_folded__contains=token)
    page = Paginator(qs, 50).get_page(request.GET.get("page")) if qs is not None else None
    return render(
        request,
        "geo/unit_list.html",
        {
            "page": page,
            "q": q,
            "map_code": map_code,
            "level": level or "",
            "levels": UnitLevel.choices,
            "error": error,
        },
    )
