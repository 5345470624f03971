"""Downloads of the certification documents: the certificate (PDF) and the decisions (DOCX).

Login required; a user gets a document only for a certificate or decision the certification
selectors show them (otherwise 404, so that the existence of a record in another province is not
disclosed).
"""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from ocop.accounts.http import AuthenticatedRequest
from ocop.certification.choices import DecisionKind
from ocop.certification.documents import certificate_pdf, decision_docx
from ocop.certification.selectors import certificate_list, decision_list
from ocop.core.text import fold

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_KINDS = (DecisionKind.RECOGNITION, DecisionKind.REVOCATION)


def _file_stem(text: str) -> str:
    """ "752/QĐ-UBND" → "752-qd-ubnd": a file name without slashes or diacritics."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "tai-lieu"


@require_GET
@login_required
def certificate_pdf_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(certificate_list(user=request.user), pk=pk)
    pdf = certificate_pdf(certificate, on=timezone.localdate())
    return _file_response(
        pdf, "application/pdf", f"giay-chung-nhan-{_file_stem(certificate.number)}.pdf", False
    )


@require_GET
@login_required
def decision_docx_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(decision_list(user=request.user), pk=pk)
    if decision.kind not in DOCUMENT_KINDS:
        raise Http404
    return _file_response(
        decision_docx(decision), DOCX_TYPE, f"quyet-dinh-{_file_stem(decision.number)}.docx", True
    )


def _file_response(
    content: bytes, content_type: str, filename: str, attachment: bool
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=attachment, filename=filename) or ""
    )
    # A document names people and products: never keep it in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
