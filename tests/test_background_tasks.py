"""The background-task stack is real: django.tasks → django-tasks-db rows → `ocop db_worker`."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.tasks import task
from django.tasks.base import TaskResultStatus

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.core.audit import acting_as
from ocop.testing import make_user


@task
def rename_user(user_id: int, actor_id: int, full_name: str) -> str:
    """A task that writes an audited record on a person's behalf, as later tasks will."""
    actor = User.objects.get(pk=actor_id)
    with acting_as(actor):
        user = User.objects.get(pk=user_id)
        user.full_name = full_name
        user.save(update_fields=["full_name"])
    return user.full_name


@pytest.mark.django_db(transaction=True)
def test_worker_runs_an_enqueued_task(reference_data):
    from auditlog.models import LogEntry

    actor = make_user("tinh", role=Role.PROVINCE_OFFICE)
    target = make_user("xa", role=Role.COMMUNE_OFFICER)
    result = rename_user.enqueue(target.pk, actor.pk, "Trần Văn Hùng")
    assert result.status == TaskResultStatus.READY
    target.refresh_from_db()
    assert target.full_name == ""  # nothing happens until a worker runs

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "Trần Văn Hùng"
    target.refresh_from_db()
    assert target.full_name == "Trần Văn Hùng"
    assert LogEntry.objects.get_for_object(target).latest("timestamp").actor == actor
