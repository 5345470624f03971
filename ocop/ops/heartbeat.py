"""The worker's heartbeat: a row per worker process, refreshed every few seconds."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from ocop.ops.models import WorkerHeartbeat

# Rows of workers gone quiet this long ago are removed (a restarted worker has a new id).
FORGET_AFTER = dt.timedelta(days=1)


def beat(*, worker_id: str, started_at: dt.datetime, tasks_run: int) -> None:
    """Record that ``worker_id`` is alive now (one upsert; old workers' rows are forgotten)."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": now,
            "tasks_run": tasks_run,
        },
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


class HeartbeatThread(threading.Thread):
    """Beats every ``OCOP_WORKER_HEARTBEAT_SECONDS`` beside the worker loop, until stopped.

    It has its own database connection (Django's connections are per thread) and never lets a
    failed beat kill the worker: a silent worker is what ``/readyz`` reports.
    """

    def __init__(self, *, worker_id: str, tasks_run: Callable[[], int]) -> None:
        super().__init__(name="ocop-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.tasks_run = tasks_run
        self.started_at = timezone.now()
        self.stopped = threading.Event()
        # The first beat, in the caller's thread: a worker that cannot write it fails at start.
        beat(worker_id=worker_id, started_at=self.started_at, tasks_run=0)

    def run(self) -> None:
        interval = float(settings.OCOP_WORKER_HEARTBEAT_SECONDS)
        while not self.stopped.wait(interval):
            try:
                close_old_connections()
                beat(
                    worker_id=self.worker_id,
                    started_at=self.started_at,
                    tasks_run=self.tasks_run(),
                )
            except Exception:
                import logging

                logging.getLogger("ocop.worker").exception("heartbeat failed")
        connection.close()

    def stop(self) -> None:
        self.stopped.set()
