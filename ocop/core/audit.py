"""One audit mechanism for every model that matters: django-auditlog's LogEntry.

Web requests get their actor from ``AuditlogMiddleware``; commands, imports and tasks wrap their
writes in :func:`acting_as`. Reference-data and demo commands act as the built-in ``system``
user. With ``OCOP_AUDIT_REQUIRE_ACTOR`` on (always in tests) a write with no actor raises.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditlog.context import auditlog_value, disable_auditlog, set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models.signals import pre_save
from django.utils.translation import gettext_noop

from ocop.core.errors import MissingActorError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.db.models import QuerySet

VisibleFn = Callable[[Any], "QuerySet[Any]"]

# django-auditlog ships no Vietnamese catalogue: its action labels are translated in ours.
AUDITLOG_ACTION_LABELS = (
    gettext_noop("create"),
    gettext_noop("update"),
    gettext_noop("delete"),
    gettext_noop("access"),
)


@dataclass(frozen=True)
class AuditedModel:
    model: type[models.Model]
    visible: VisibleFn


_AUDITED: dict[str, AuditedModel] = {}


def register(
    model: type[models.Model],
    *,
    visible: VisibleFn,
    exclude_fields: list[str] | None = None,
    mask_fields: list[str] | None = None,
) -> None:
    """Audit ``model``; ``visible(user)`` returns the rows whose history ``user`` may read."""
    auditlog.register(model, exclude_fields=exclude_fields or [], mask_fields=mask_fields or [])
    _AUDITED[model._meta.label_lower] = AuditedModel(model=model, visible=visible)


def audited_model(label: str) -> AuditedModel | None:
    return _AUDITED.get(label.lower())


def current_actor() -> Any | None:
    value = auditlog_value.get(None)
    return value.get("actor") if value else None


@contextlib.contextmanager
def isolated_context() -> Iterator[None]:
    """Restore the previous audit context on exit (django-auditlog's own leaves it set)."""
    token = auditlog_value.set(auditlog_value.get(None))
    try:
        yield
    finally:
        auditlog_value.reset(token)


@contextlib.contextmanager
def acting_as(user: AbstractBaseUser) -> Iterator[None]:
    """Record ``user`` as the actor of every audited write inside the block."""
    with isolated_context(), set_actor(user):
        yield


def system_user() -> Any:
    """The built-in actor of reference-data loads, data migrations and demo data."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user = user_model.objects.filter(username=settings.OCOP_SYSTEM_USERNAME).first()
    if user is None:
        # The built-in actor cannot be created by an actor: it is the root of the audit chain,
        # so its own creation is the one write not logged.
        with disable_auditlog():
            user, _created = user_model.objects.get_or_create(
                username=settings.OCOP_SYSTEM_USERNAME,
                defaults={"full_name": "Hệ thống", "is_active": False},
            )
    return user


@contextlib.contextmanager
def acting_as_system() -> Iterator[Any]:
    user = system_user()
    with acting_as(user):
        yield user


def _require_actor(sender: type[models.Model], instance: LogEntry, **kwargs: Any) -> None:
    if settings.OCOP_AUDIT_REQUIRE_ACTOR and instance.actor_id is None and current_actor() is None:
        raise MissingActorError(
            f"{instance.content_type} #{instance.object_pk} changed with no actor; "
            "wrap the write in ocop.core.audit.acting_as(user)"
        )


def connect_signals() -> None:
    pre_save.connect(_require_actor, sender=LogEntry, dispatch_uid="ocop.audit.require_actor")


def history_for(obj: models.Model) -> QuerySet[LogEntry]:
    entries: QuerySet[LogEntry] = LogEntry.objects.get_for_object(obj)
    return entries.select_related("actor").order_by("-timestamp", "-pk")
