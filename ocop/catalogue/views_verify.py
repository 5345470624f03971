"""The public verification page: is the OCOP star on this package real and still valid?

No login. Conditional GET (ETag) so that caches revalidate and a revocation shows at once.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_GET

from ocop.certification.rules import LIVE_STATUSES, format_partial_date
from ocop.certification.selectors import (
    certificate_get_public,
    certificate_status,
    product_awaiting_national,
)


def _certificate(request: HttpRequest, number: str) -> Any:
    """The certificate of ``number``, read once per request (the ETag and the page share it)."""
    if not hasattr(request, "_ocop_certificate"):
        request._ocop_certificate = certificate_get_public(number=number) if number else None  # type: ignore[attr-defined]
    return request._ocop_certificate  # type: ignore[attr-defined]


def _etag(request: HttpRequest, number: str = "") -> str | None:
    certificate = _certificate(request, number)
    today = timezone.localdate().isoformat()
    if certificate is None:
        return hashlib.sha256(f"none|{number}|{today}".encode()).hexdigest()[:32]
    state = "|".join(
        str(x)
        for x in (
            certificate.pk,
            certificate.updated_at.isoformat(),
            certificate.revocation_decision_id,
            getattr(getattr(certificate, "superseded_by", None), "pk", None),
            certificate_status(certificate),
            today,
        )
    )
    return hashlib.sha256(state.encode()).hexdigest()[:32]


@require_GET
def certificate_search(request: HttpRequest) -> HttpResponse:
    """``/xac-thuc/?so=…``: the search form; a number goes to its canonical page."""
    number = (request.GET.get("so") or "").strip()
    if number:
        return redirect(reverse("catalogue:certificate_verify", args=[number]))
    response = render(request, "catalogue/certificate_verify.html", {"searched": False})
    patch_cache_control(response, public=True, max_age=3600)
    return response


@require_GET
@condition(etag_func=_etag)
def certificate_verify(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _certificate(request, number)
    if certificate is None:
        response = render(
            request,
            "catalogue/certificate_verify.html",
            {"searched": True, "number": number, "certificate": None},
            status=404,
        )
    else:
        status = certificate_status(certificate)
        decision = certificate.decision
        product = certificate.product
        response = render(
            request,
            "catalogue/certificate_verify.html",
            {
                "searched": True,
                "number": number,
                "certificate": certificate,
                "product": product,
                "producer": certificate.producer,
                "decision": decision,
                "decision_date": format_partial_date(
                    decision.signed_on, decision.date_precision, decision.date_until
                ),
                "status": status,
                "status_label": _status_label(status),
                "is_live": status in LIVE_STATUSES,
                "stars": range(certificate.star),
                "awaiting_national": product_awaiting_national(product),
                "successor": getattr(certificate, "superseded_by", None),
            },
        )
    patch_cache_control(response, public=True, no_cache=True)
    return response


def _status_label(status: str) -> str:
    from ocop.certification.choices import CertificateStatus

    return str(CertificateStatus(status).label)
