from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from ocop.accounts.choices import OFFICE_ROLES
from ocop.accounts.http import AuthenticatedRequest
from ocop.core.errors import DomainError
from ocop.core.text import search_tokens
from ocop.geo.choices import UnitLevel
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import (
    authority_list,
    unit_current_successors,
    unit_legacy_sources,
    unit_list,
)
from ocop.geo.selectors import unit_detail as unit_detail_get

# Said on the page and in the JSON: the coordinates are points, not polygon centroids.
COORDINATES_NOTE = (
    "Approximate point from vietnamadminunits 1.0.4 (geocoded or source-provided centre), "
    "not a computed polygon centroid."
)


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


def _require_office(request: AuthenticatedRequest) -> None:
    if not request.user.has_role(*OFFICE_ROLES):
        raise PermissionDenied


def _unit_json(unit: AdminUnit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.full_name,
        "level": unit.level,
        "era": unit.era,
        "latitude": str(unit.latitude) if unit.latitude is not None else None,
        "longitude": str(unit.longitude) if unit.longitude is not None else None,
    }


@login_required
def unit_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One unit: its parents, coordinates, today's unit(s) and its legacy sources (or JSON)."""
    _require_office(request)
    try:
        unit = unit_detail_get(pk=pk)
    except AdminUnit.DoesNotExist as exc:
        raise Http404 from exc
    successors = unit_current_successors(unit) if unit.is_legacy else []
    sources = unit_legacy_sources(unit)
    if request.GET.get("format") == "json":
        data = _unit_json(unit)
        data["parents"] = [_unit_json(u) for u in unit.chain[1:]]
        data["current"] = [_unit_json(u) for u in (successors or [unit])]
        data["legacy_sources"] = [_unit_json(u) for u in sources]
        data["coordinates_note"] = COORDINATES_NOTE
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return render(
        request,
        "geo/unit_detail.html",
        {
            "unit": unit,
            "successors": successors,
            "sources": sources,
            "children": unit.children.select_related("map").order_by("sort_key")[:200],
        },
    )


@login_required
def authorities(request: AuthenticatedRequest) -> HttpResponse:
    """The issuing authorities loaded as reference data, with validity and successor."""
    _require_office(request)
    return render(request, "geo/authority_list.html", {"authorities": authority_list()})
