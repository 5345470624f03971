"""The programme dashboard, its report downloads and the saved report runs (issue 12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.choices import OFFICE_ROLES
from ocop.accounts.http import AuthenticatedRequest
from ocop.core.errors import DomainError
from ocop.programme.selectors import (
    ProgrammeFigures,
    ReportParams,
    figure_token,
    period_list,
    programme_figures,
    report_params,
)
from ocop.reports.charts import bar_chart_svg
from ocop.reports.forms import ProgrammeReportForm
from ocop.reports.programme import CONTENT_TYPES, grouped_tables, narrative, report_filename
from ocop.reports.programme import render as render_report
from ocop.reports.selectors import figures_diff, report_run_list
from ocop.reports.services import report_run_save, run_content

CHART_GROUPS = ("by_star", "by_legal_form", "by_set", "by_place", "by_year")


def _require_office(request: AuthenticatedRequest) -> None:
    if not request.user.has_role(*OFFICE_ROLES):
        raise PermissionDenied


def _default_unit(request: AuthenticatedRequest) -> str:
    unit = request.user.units.filter(level__in=["province", "commune"]).order_by("level").first()
    return unit.code if unit is not None else ""


def _params(
    request: AuthenticatedRequest, data: Any
) -> tuple[ProgrammeReportForm, ReportParams | None]:
    periods = [(p.code, p.name) for p in period_list()]
    if not data:
        data = {
            "period": "2022-2025" if any(c == "2022-2025" for c, _n in periods) else periods[0][0],
            "map": "current",
            "unit": _default_unit(request),
        }
    form = ProgrammeReportForm(data, periods=periods)
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    try:
        params = report_params(
            period_code=d["period"],
            unit_code=d["unit"],
            map_name=d["map"],
            as_of=d["as_of"] or timezone.localdate(),
        )
    except DomainError as exc:
        form.add_error("unit", exc.message)
        return form, None
    return form, params


def _links(params: ReportParams, result: ProgrammeFigures) -> dict[str, str]:
    """Each figure's link: the register of exactly its records."""
    urls = {
        "products": reverse("products:product_list"),
        "producers": reverse("producers:producer_list"),
    }
    links = {}
    for figure in result.figures:
        if figure.subject in urls:
            links[figure.key] = (
                f"{urls[figure.subject]}?{urlencode({'figure': figure_token(params, figure.key)})}"
            )
    return links


@login_required
def programme_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    """KPIs, charts, progress against targets, coverage; every figure links to its records."""
    _require_office(request)
    form, params = _params(request, request.GET)
    context: dict[str, Any] = {"form": form}
    if params is not None:
        result = programme_figures(user=request.user, params=params)
        links = _links(params, result)
        context.update(
            {
                "params": params,
                "result": result,
                "kpis": [
                    (result.get(k), links.get(k))
                    for k in (
                        "products.rated.total",
                        "products.rated.new",
                        "products.rated.potential_5",
                        "producers.total",
                        "producers.cooperative_share",
                        "communes.with_product",
                    )
                ],
                "tables": [
                    (title, [(f, links.get(f.key)) for f in figures])
                    for title, figures in grouped_tables(result)
                ],
                "dossiers": result.group("dossiers"),
                "charts": [
                    (g, bar_chart_svg(result.group(g), title=g))
                    for g in CHART_GROUPS
                    if result.group(g)
                ],
                "links": links,
                "narrative": narrative(result),
                "query": request.GET.urlencode()
                or urlencode(
                    {
                        "period": params.period.code,
                        "map": form.cleaned_data["map"],
                        "unit": params.unit.code,
                    }
                ),
            }
        )
    return render(request, "reports/programme_dashboard.html", context)


@login_required
def programme_download(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    """The programme report as DOCX, PDF, XLSX or JSON, for what the user may see."""
    _require_office(request)
    if fmt not in CONTENT_TYPES:
        raise Http404
    form, params = _params(request, request.GET)
    if params is None:
        return HttpResponse(
            " ".join(str(e) for errs in form.errors.values() for e in errs), status=400
        )
    result = programme_figures(user=request.user, params=params)
    response = HttpResponse(render_report(result, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{report_filename(result, fmt)}"'
    return response


@login_required
@require_POST
def programme_run_save(request: AuthenticatedRequest) -> HttpResponse:
    """Save the report as handed to the committee (parameters, rules, figures, hash)."""
    _require_office(request)
    _form, params = _params(request, request.POST)
    if params is None:
        messages.error(request, _("The report's parameters are not valid."))
        return redirect("reports:programme_dashboard")
    result = programme_figures(user=request.user, params=params)
    run = report_run_save(actor=request.user, figures=result, title=request.POST.get("title", ""))
    messages.success(request, _("The report was saved as a run."))
    return redirect(run)


@login_required
def run_list(request: AuthenticatedRequest) -> HttpResponse:
    _require_office(request)
    runs = report_run_list(user=request.user)[:200]
    return render(request, "reports/run_list.html", {"runs": runs})


@login_required
def run_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A saved run's figures; with ``?compare=1`` the differences from a fresh run."""
    _require_office(request)
    run = get_object_or_404(report_run_list(user=request.user), pk=pk)
    context: dict[str, Any] = {"run": run, "diff": None}
    if request.GET.get("compare"):
        p = run.parameters
        params = report_params(
            period_code=p["period"],
            unit_code=p["unit"],
            map_name="legacy" if p["map"] == "legacy" else "current",
            as_of=dt.date.fromisoformat(p["as_of"]),
        )
        fresh = run_content(programme_figures(user=request.user, params=params))
        context["diff"] = figures_diff(run.figures, fresh["figures"])
        context["fresh_rules"] = fresh["rule_versions"]
    return render(request, "reports/run_detail.html", context)
