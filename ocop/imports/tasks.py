"""Background work of imports (run by `ocop db_worker`): large files are previewed and committed
off the request; the batch row carries the status and the preview's progress."""

from __future__ import annotations

from django.tasks import task

from ocop.accounts.models import User
from ocop.imports.models import ImportBatch


@task
def import_preview_task(batch_id: int, actor_id: int) -> str:
    from ocop.imports.services import import_batch_preview

    batch = ImportBatch.objects.get(pk=batch_id)
    actor = User.objects.get(pk=actor_id)
    return str(import_batch_preview(actor=actor, batch=batch).status)


@task
def import_commit_task(batch_id: int, actor_id: int) -> str:
    from ocop.imports.services import import_batch_commit

    batch = ImportBatch.objects.get(pk=batch_id)
    actor = User.objects.get(pk=actor_id)
    return str(import_batch_commit(actor=actor, batch=batch).status)
