"""Beyond one machine, as settings (issue 14 item 8): a read replica, media on S3, Redis."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test.utils import CaptureQueriesContext
from PIL import Image

from ocop.ops.replica import REPLICA_ALIAS

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- The settings read the environment -----------------------------------------------------------


def test_each_setting_switches_its_backend(tmp_path):
    script = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({'dbs': sorted(s.DATABASES), 'replica': s.DATABASES['replica']['NAME'],"
        "'storage': s.STORAGES['default']['BACKEND'],"
        "'bucket': s.STORAGES['default']['OPTIONS']['bucket_name'],"
        "'cache': s.CACHES['default']['BACKEND'], 'sessions': s.SESSION_ENGINE,"
        "'rates': s.OCOP_RATE_LIMIT_STORE}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "OCOP_VAR_DIR": str(tmp_path),
        "DATABASE_REPLICA_URL": "postgres://ocop_ro@10.0.0.3:5432/ocop",
        "OCOP_S3_BUCKET": "ocop-media",
        "OCOP_REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "dbs": ["default", "replica"],
        "replica": "ocop",
        "storage": "storages.backends.s3.S3Storage",
        "bucket": "ocop-media",
        "cache": "django.core.cache.backends.redis.RedisCache",
        "sessions": "django.contrib.sessions.backends.cache",
        "rates": "cache",
    }


# --- Read replica: a second alias on the same database ------------------------------------------


@pytest.fixture
def replica(transactional_db):
    """A ``replica`` alias with the default's settings: another connection to the same data."""
    django_settings.DATABASES[REPLICA_ALIAS] = {**connections["default"].settings_dict}
    # Connected here, explicitly: the test case forbids *opening* connections to aliases it was
    # not told of, and this one appears after it started (the test client keeps it open).
    connections[REPLICA_ALIAS].connect()
    try:
        yield connections[REPLICA_ALIAS]
    finally:
        connections[REPLICA_ALIAS].close()
        del connections[REPLICA_ALIAS]
        del django_settings.DATABASES[REPLICA_ALIAS]


TRANSACTION_CONTROL = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT"}


def test_catalogue_api_and_report_reads_go_to_the_replica(client, replica):
    from ocop.accounts.choices import Role
    from ocop.testing import make_user

    primary = connections["default"]
    for url in ("/", "/api/v1/product-sets"):
        with (
            CaptureQueriesContext(primary) as on_primary,
            CaptureQueriesContext(replica) as on_replica,
        ):
            assert client.get(url).status_code == 200
        reads = [q["sql"] for q in on_replica.captured_queries]
        assert any(sql.lstrip().upper().startswith("SELECT") for sql in reads), url
        assert all(sql.lstrip().upper().startswith("SELECT") for sql in reads), url
        # On the primary: only the API's rate counter (a write), never a read of the catalogue.
        primary_sql = [
            q["sql"] for q in on_primary.captured_queries if q["sql"] not in TRANSACTION_CONTROL
        ]
        assert all("api_ratecounter" in sql for sql in primary_sql), (url, primary_sql)

    # A staff page of another app: everything on the primary.
    office = make_user("office", role=Role.PROVINCE_OFFICE)
    client.force_login(office)
    with CaptureQueriesContext(primary) as on_primary, CaptureQueriesContext(replica) as on_replica:
        assert client.get("/lam-viec/").status_code == 200
    assert on_replica.captured_queries == []
    assert on_primary.captured_queries


def test_reports_read_from_the_replica(client, replica):
    from ocop.accounts.choices import Role
    from ocop.testing import make_user

    client.force_login(make_user("office", role=Role.PROVINCE_OFFICE))
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(replica) as on_replica,
    ):
        response = client.get("/bao-cao/san-pham-theo-dia-ban/")
    assert response.status_code == 200
    assert on_replica.captured_queries
    # The primary sees only authentication, before the view (the session and the signed-in
    # user, read by the audit middleware) and the session's save; no report read.
    primary_sql = [q["sql"] for q in on_primary.captured_queries]
    assert all(
        "django_session" in sql or '"accounts_user"' in sql or sql in TRANSACTION_CONTROL
        for sql in primary_sql
    ), [sql[:70] for sql in primary_sql]
    assert not any("certification_" in sql or "products_" in sql for sql in primary_sql)


def test_without_a_replica_everything_stays_on_the_primary(client, transactional_db):
    assert REPLICA_ALIAS not in django_settings.DATABASES
    with CaptureQueriesContext(connections["default"]) as on_primary:
        assert client.get("/").status_code == 200
    assert on_primary.captured_queries


# --- Media on S3-compatible object storage (moto's server, on a free loopback port) ---------------


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_product_photo_is_stored_on_s3_and_read_back(settings, s3_server, tmp_path):
    import boto3

    from ocop.products.models import ProductPhoto
    from ocop.products.services import product_photo_add
    from ocop.testing import make_producer, make_product, make_user

    keys = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **keys)
    s3.create_bucket(Bucket="ocop-media")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "ocop-media",
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    actor = make_user("chuthe", role="producer")
    producer = make_producer("HTX Nông nghiệp Cầu Kè", accounts=[actor])
    product = make_product("Dừa sáp Cầu Kè", producer=producer)
    content = _png()
    photo = product_photo_add(
        actor=actor, product=product, image=SimpleUploadedFile("dua.png", content, "image/png")
    )
    photo = ProductPhoto.objects.get(pk=photo.pk)
    assert photo.image.name == f"products/{product.pk}/dua.png"
    # Read back through the storage, and straight from the bucket.
    with photo.image.open("rb") as f:
        assert f.read() == content
    stored = s3.get_object(Bucket="ocop-media", Key=photo.image.name)["Body"].read()
    assert stored == content
    with Image.open(photo.thumbnail.open("rb")) as thumb:
        assert thumb.size == (320, 240)
    # Private objects: the URL is signed and short-lived.
    assert photo.image.url.startswith(f"{s3_server}/ocop-media/products/")
    assert "Signature=" in photo.image.url or "X-Amz-Signature=" in photo.image.url
    # Nothing was written on the local disk.
    assert not (tmp_path / "media").exists()


# --- Sessions and rate limits in Redis (a private redis-server on a free loopback port) -----------


@pytest.fixture(scope="module")
def redis_url():
    binary = shutil.which("redis-server")
    assert binary, "redis-server is required (Makefile DEB_PACKAGES)"
    port = _free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def in_redis(settings, redis_url):
    import redis
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "ocop",
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    settings.OCOP_RATE_LIMIT_STORE = "cache"
    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    yield server
    caches["default"].close()


@pytest.mark.django_db
def test_sessions_live_in_redis(client, in_redis):
    from django.contrib.sessions.models import Session

    from ocop.accounts.choices import Role
    from ocop.testing import make_user

    client.force_login(make_user("office", role=Role.PROVINCE_OFFICE))
    assert client.get("/lam-viec/").status_code == 200
    key = client.cookies["sessionid"].value
    assert not Session.objects.exists()
    assert in_redis.exists(f"ocop:1:django.contrib.sessions.cache{key}") == 1


@pytest.mark.django_db
def test_rate_limits_count_in_redis(client, settings, in_redis):
    from ocop.api.models import RateCounter

    settings.OCOP_API_RATE = "3/min"
    for _ in range(3):
        assert client.get("/api/v1/product-sets").status_code == 200
    assert client.get("/api/v1/product-sets").status_code == 429
    assert not RateCounter.objects.exists()
    (key,) = in_redis.keys("ocop:1:api-rate:127.0.0.1:*")
    assert int(in_redis.get(key)) == 4
    assert 60 < in_redis.ttl(key) <= 120
    # Another process (another gunicorn worker, another server) adds to the same counter.
    window = key.decode().rsplit(":", 1)[1]
    in_redis.set(f"ocop:1:api-rate:10.0.0.9:{window}", 3)
    assert client.get("/api/v1/product-sets", REMOTE_ADDR="10.0.0.9").status_code == 429
