"""Small helpers the apps' views share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from ocop.core import errors


def run_service(
    request: HttpRequest,
    call: Callable[[], Any],
    success: str,
    form: forms.Form | None = None,
) -> bool:
    """Call a service; its refusal becomes a Vietnamese message on the form (or the page when
    there is no form) and ``False``; a permission refusal becomes a 403. On success, ``success``
    is shown as a message and ``True`` returned."""
    try:
        call()
    except errors.PermissionDenied as exc:
        raise PermissionDenied(exc.message) from exc
    except errors.DomainError as exc:
        if form is not None:
            form.add_error(None, exc.message)
        else:
            messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True
