"""``ocop worker``: django-tasks-db's ``db_worker`` with a heartbeat that ``/readyz`` reads.

Takes every option of ``db_worker`` (``--queue-name``, ``--interval``, ``--batch`` …).
django-tasks-db has no hook in its idle loop, so the heartbeat runs in a thread beside it for
as long as the worker runs (deploy/ocop-worker.service starts this command).
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands import db_worker

from ocop.ops.heartbeat import HeartbeatThread


class HeartbeatWorker(db_worker.Worker):
    def run(self) -> None:
        thread = HeartbeatThread(worker_id=self.worker_id, tasks_run=lambda: self._run_tasks)
        thread.start()
        try:
            super().run()
        finally:
            thread.stop()


class Command(db_worker.Command):
    help = "Run the background worker (django-tasks-db) and record its heartbeat"

    def handle(self, *args: Any, **options: Any) -> None:
        # db_worker.Command.handle builds a ``Worker`` by its module-level name: run it with ours.
        original = db_worker.Worker
        db_worker.Worker = HeartbeatWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
