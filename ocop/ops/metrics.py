"""Prometheus metrics (prometheus_client; django-prometheus does not support Django 6.1 yet).

Two kinds:
- per request, in the process: latency by view (``ocop_http_request_duration_seconds``) and a
  counter by view and status. Under gunicorn with several workers, ``PROMETHEUS_MULTIPROC_DIR``
  (set by deploy/ocop-web.service) makes every worker write to shared files that one scrape sums.
- from the database, computed at scrape with a few aggregate queries: the task queue's length,
  failed tasks, the newest worker heartbeat and the certificates that expire soon.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

from django.db.models import Count, Max, Q
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUEST_LATENCY = Histogram(
    "ocop_http_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it, by view",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
REQUESTS = Counter(
    "ocop_http_requests", "Responses by view, method and status code", ["view", "method", "status"]
)

# Certificates expiring within these many days (the reminders' milestones: 30 days before
# expiry; the re-rating window closes 120 days and opens 180 days before — QĐ 26/2026 Điều 7.6.a).
EXPIRY_HORIZONS = (30, 120, 180)


class DatabaseCollector(Collector):
    """Gauges read from the database at each scrape."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from django_tasks_db.models import DBTaskResult

        from ocop.certification.models import Certificate
        from ocop.ops.models import WorkerHeartbeat

        queue = GaugeMetricFamily(
            "ocop_task_queue_length", "Tasks waiting to run, by queue", labels=["queue"]
        )
        rows = (
            DBTaskResult.objects.filter(status="READY")
            .values_list("queue_name")
            .annotate(n=Count("id"))
            .order_by()
        )
        for queue_name, n in rows:
            queue.add_metric([queue_name], n)
        yield queue

        failed = GaugeMetricFamily(
            "ocop_tasks_failed",
            "Failed task results kept in the database, by task",
            labels=["task"],
        )
        rows = (
            DBTaskResult.objects.filter(status="FAILED")
            .values_list("task_path")
            .annotate(n=Count("id"))
            .order_by()
        )
        for task_path, n in rows:
            failed.add_metric([task_path], n)
        yield failed

        seen = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
        age = GaugeMetricFamily(
            "ocop_worker_heartbeat_age_seconds", "Seconds since the newest worker heartbeat"
        )
        if seen is not None:
            age.add_metric([], (timezone.now() - seen) / dt.timedelta(seconds=1))
        yield age

        today = timezone.localdate()
        live = Q(revocation_decision__isnull=True, superseded_by__isnull=True)
        counts = Certificate.objects.aggregate(
            **{
                f"d{days}": Count(
                    "pk",
                    filter=live
                    & Q(valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=days)),
                )
                for days in EXPIRY_HORIZONS
            }
        )
        expiring = GaugeMetricFamily(
            "ocop_certificates_expiring",
            "Live certificates whose validity ends within the given number of days",
            labels=["within_days"],
        )
        for days in EXPIRY_HORIZONS:
            expiring.add_metric([str(days)], counts[f"d{days}"])
        yield expiring


def render() -> tuple[bytes, str]:
    """The exposition text: the process (or all gunicorn workers') metrics, then the database's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        process_registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(process_registry)  # type: ignore[no-untyped-call]
    else:
        process_registry = REGISTRY
    database_registry = CollectorRegistry()
    database_registry.register(DatabaseCollector())
    return generate_latest(process_registry) + generate_latest(
        database_registry
    ), CONTENT_TYPE_LATEST
