"""Prometheus metrics, protected; request ids in the JSON logs (issue 14 item 5)."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging

import pytest
import time_machine
from django.conf import settings as django_settings
from django.utils.module_loading import import_string

from ocop.certification.services import ResultInput, decision_record
from ocop.geo.models import Authority
from ocop.ops.tasks import probe
from ocop.testing import current_unit, make_producer, make_product, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    """One 4-star certificate signed on 20/06/2026: valid until 20/06/2029 (3 years)."""
    province = current_unit("province", "86")
    office = make_user("office86", role="province_office", units=[province])
    producer = make_producer("Hộ kinh doanh Thạch Thị Hạnh")
    product = make_product("Bánh tét Trà Cuôn", producer=producer, set_number=6)
    authority = Authority.objects.get(name="UBND tỉnh Vĩnh Long", unit=province)
    decision = decision_record(
        actor=office, kind="recognition", number="152/QĐ-UBND", signed_on=dt.date(2026, 6, 20),
        authority=authority, province=province, items=[ResultInput(product=product, star=4)],
    )  # fmt: skip
    return decision.certificates.get()


def test_metrics_refuse_an_address_outside_the_allow_list(client, settings):
    settings.OCOP_METRICS_ALLOW = ["127.0.0.1/32"]
    settings.OCOP_METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 403
    wrong = client.get("/metrics", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.status_code == 403
    right = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer s3cret-token"
    )
    assert right.status_code == 200


def test_metrics_without_a_token_setting_accept_no_bearer(client, settings):
    settings.OCOP_METRICS_ALLOW = []
    settings.OCOP_METRICS_TOKEN = ""
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 403


def test_metrics_report_latency_by_view_queue_failures_and_expiring_certificates(
    client, settings, certificate
):
    settings.OCOP_METRICS_ALLOW = ["127.0.0.1/32"]
    # 100 days before expiry (20/06/2029): inside 120 and 180 days, not inside 30.
    with time_machine.travel(dt.datetime(2029, 3, 12, 9, tzinfo=dt.UTC), tick=False):
        probe.enqueue("one")
        probe.enqueue("two")
        client.get("/healthz")
        text = client.get("/metrics").content.decode()
    assert 'ocop_certificates_expiring{within_days="30"} 0.0' in text
    assert 'ocop_certificates_expiring{within_days="120"} 1.0' in text
    assert 'ocop_certificates_expiring{within_days="180"} 1.0' in text
    assert 'ocop_task_queue_length{queue="default"} 2.0' in text
    assert (
        'ocop_http_request_duration_seconds_bucket{le="0.01",method="GET",view="ops:healthz"}'
        in (text)
    )
    assert 'ocop_http_requests_total{method="GET",status="200",view="ops:healthz"}' in text


def test_metrics_count_failed_tasks(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.OCOP_METRICS_ALLOW = ["127.0.0.1/32"]
    result = probe.enqueue("x")
    DBTaskResult.objects.filter(pk=result.id).update(status="FAILED")
    text = client.get("/metrics").content.decode()
    assert 'ocop_tasks_failed{task="ocop.ops.tasks.probe"} 1.0' in text


def _json_log_stream() -> tuple[io.StringIO, logging.Handler]:
    """A handler built from the settings' own JSON formatter and request-id filter."""
    config = django_settings.LOGGING
    formatter_conf = dict(config["formatters"]["json"])
    formatter = import_string(formatter_conf.pop("()"))(**formatter_conf)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(import_string(config["filters"]["request_id"]["()"])())
    return stream, handler


def test_a_request_id_is_honoured_echoed_and_logged_as_json(client):
    stream, handler = _json_log_stream()
    logger = logging.getLogger("ocop.request")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-7f3a9c")
        generated = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert response["X-Request-ID"] == "nginx-7f3a9c"
    new_id = generated["X-Request-ID"]
    assert new_id != "bad id with spaces"
    assert len(new_id) == 32
    int(new_id, 16)  # a uuid4 in hex
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["request_id"] == "nginx-7f3a9c"
    assert first["logger"] == "ocop.request"
    assert first["level"] == "INFO"
    assert first["status"] == 200
    assert first["view"] == "ops:healthz"
    assert first["path"] == "/healthz"
    assert second["request_id"] == new_id
