"""Grouped reports for the offices: thin views over the owning apps' selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from ocop.accounts.choices import OFFICE_ROLES
from ocop.accounts.http import AuthenticatedRequest
from ocop.products.selectors import product_counts_by_unit
from ocop.reports.forms import GroupedReportForm


@login_required
def products_by_unit(request: AuthenticatedRequest) -> HttpResponse:
    """Products per province or commune, on today's map or the one in force on a date."""
    if not request.user.has_role(*OFFICE_ROLES):
        raise PermissionDenied
    form = GroupedReportForm(request.GET or None)
    counts = None
    if not request.GET or form.is_valid():
        on = form.group_on if request.GET else "current"
        level = form.cleaned_data["level"] if request.GET else "province"
        counts = product_counts_by_unit(user=request.user, on=on, level=level)
    return render(request, "reports/products_by_unit.html", {"form": form, "counts": counts})
