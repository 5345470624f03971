"""Backup and restore refuse bad input with a clear message and write nothing (issue 14).

The backup under test is the committed upgrade fixture (``fixtures/backup-*.tar.xz``, made by
``scripts/backup-fixture.sh``); the test database holds the reference data, so it is a database
that "already holds records". Every refusal below happens before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import tarfile
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from ocop.core.backup import (
    BackupError,
    _decode,
    _encode,
    backed_up_models,
    backup_create,
    restore,
)

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    (archive,) = sorted(FIXTURES.glob("backup-*.tar.xz"))
    target = tmp_path_factory.mktemp("fixture")
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    (folder,) = target.iterdir()
    return folder


@pytest.fixture
def backup(extracted, tmp_path):
    copy = tmp_path / "backup"
    shutil.copytree(extracted, copy)
    return copy


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


def state(media_root):
    counts = {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()}
    files = sorted(p for p in media_root.rglob("*")) if media_root.exists() else []
    return counts, files


def refused(path, media_root, message):
    before = state(media_root)
    with translation.override("vi"), pytest.raises(BackupError) as info:
        restore(path=path)
    assert message in info.value.message
    assert state(media_root) == before
    return info.value.message


def manifest(path):
    return json.loads((path / "manifest.json").read_text(encoding="utf-8"))


def table_file(path, label):
    entry = next(t for t in manifest(path)["tables"] if t["model"] == label)
    return path / entry["file"]


def test_truncated_table_file_is_refused(backup, media_root):
    file = table_file(backup, "auditlog.logentry")
    lines = file.read_bytes().splitlines(keepends=True)
    file.write_bytes(b"".join(lines[: len(lines) // 2]))
    message = refused(backup, media_root, "đã bị thay đổi hoặc bị cắt cụt")
    assert "auditlog.logentry" in message
    assert f"tìm thấy {len(lines) // 2} dòng" in message


def test_interrupted_backup_without_manifest_is_refused(backup, media_root):
    (backup / "manifest.json").unlink()
    refused(backup, media_root, "không phải là một bản sao lưu hoàn chỉnh: thiếu manifest.json")


def test_missing_table_file_is_refused(backup, media_root):
    table_file(backup, "certification.certificate").unlink()
    refused(backup, media_root, "Bản sao lưu không đầy đủ: thiếu tệp data/")


def test_tampered_value_is_refused_by_its_checksum(backup, media_root):
    file = table_file(backup, "evaluation.scorecard")
    text = file.read_text(encoding="utf-8")
    # one signed total changed, same number of rows
    assert '"total":"70.00"' in text
    file.write_text(text.replace('"total":"70.00"', '"total":"90.00"', 1), encoding="utf-8")
    refused(backup, media_root, "evaluation.scorecard.jsonl của bản sao lưu đã bị thay đổi")


def test_tampered_uploaded_file_is_refused(backup, media_root):
    pdf = next((backup / "media").rglob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes() + b"%tampered")
    refused(backup, media_root, "trong bản sao lưu bị thiếu hoặc đã bị thay đổi")


def test_backup_from_a_newer_schema_is_refused(backup, media_root):
    data = manifest(backup)
    data["migrations"].append(["evaluation", "9999_from_the_future"])
    (backup / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    message = refused(backup, media_root, "phiên bản ocop mới hơn")
    assert "evaluation.9999_from_the_future" in message


def test_restore_into_a_database_holding_records_is_refused(backup, media_root):
    # the test database holds the reference data `ocop geo load` loads, acting as the built-in
    # system user: the first table in dependency order with a record is the users'
    message = refused(backup, media_root, "Cơ sở dữ liệu đã có dữ liệu")
    assert "(bảng accounts.user)" in message


def test_backup_into_a_folder_that_is_not_empty_is_refused(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with translation.override("vi"), pytest.raises(BackupError) as info:
        backup_create(output=tmp_path)
    assert "không trống" in info.value.message
    assert [p.name for p in tmp_path.iterdir()] == ["old.txt"]


def test_every_table_but_sessions_and_axes_is_backed_up_parents_first():
    labels = [m._meta.label_lower for m in backed_up_models()]
    assert not [label for label in labels if label.split(".")[0] in {"sessions", "axes"}]
    for label in ("auditlog.logentry", "contenttypes.contenttype", "auth.permission",
                  "django_tasks_database.dbtaskresult", "accounts.user_units"):  # fmt: skip
        assert label in labels
    # a foreign key's target comes first
    assert labels.index("contenttypes.contenttype") < labels.index("auth.permission")
    assert labels.index("accounts.user") < labels.index("auditlog.logentry")
    assert labels.index("geo.adminunit") < labels.index("producers.producer")
    for model in backed_up_models():
        assert apps.get_model(model._meta.label_lower) is model or model._meta.auto_created


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        (models.DecimalField(max_digits=5, decimal_places=2), Decimal("7.5"), "7.50"),
        (
            models.DateTimeField(),
            dt.datetime(2026, 12, 2, 9, 30, 1, 250, tzinfo=dt.timezone(dt.timedelta(hours=7))),
            "2026-12-02T02:30:01.000250+00:00",
        ),
        (models.DateField(), dt.date(2026, 2, 28), "2026-02-28"),
        (models.DurationField(), dt.timedelta(days=1, seconds=5), "P1DT00H00M05S"),
        (models.BinaryField(), b"\x00\xffOCOP", "AP9PQ09Q"),
        (models.UUIDField(), uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        (models.JSONField(), {"b": [1, 2.5], "a": "Mứt"}, {"b": [1, 2.5], "a": "Mứt"}),
    ],
)
def test_values_are_written_engine_neutral_and_read_back(field, value, text):
    assert _encode(field, value) == text
    back = _decode(field, text)
    assert (bytes(back) if isinstance(back, memoryview) else back) == value


def test_a_difference_after_loading_undoes_the_whole_restore(tmp_path, media_root, monkeypatch):
    """The manifest is checked against the database after loading: a value the database gives
    back otherwise than the backup wrote it fails the restore, and everything is rolled back."""
    from ocop.core import backup as module

    out = tmp_path / "own"
    backup_create(output=out, inside_transaction=True)
    file = table_file(out, "geo.referencedataversion")
    text = file.read_text(encoding="utf-8")
    found = re.search(r'"loaded_at":"([^"]+\+00:00)"', text)
    # the same instant written in Việt Nam time: the database hands it back in UTC
    local = dt.datetime.fromisoformat(found.group(1)).astimezone(dt.timezone(dt.timedelta(hours=7)))
    file.write_text(text.replace(found.group(0), f'"loaded_at":"{local.isoformat()}"', 1))
    data = manifest(out)
    entry = next(t for t in data["tables"] if t["model"] == "geo.referencedataversion")
    entry["sha256"] = hashlib.sha256(file.read_bytes()).hexdigest()
    (out / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    # the test database is the target: its own records count as absent, its schema is current
    monkeypatch.setattr(module, "database_holds_records", lambda using="default": None)
    monkeypatch.setattr(module, "_migrate_to", lambda targets, using: None)
    refused(out, media_root, "Sau khi nạp, bảng geo.referencedataversion khác với bản sao lưu")


@pytest.mark.django_db(transaction=True)
def test_backup_reads_one_snapshot_and_blocks_no_writer(tmp_path, media_root, monkeypatch):
    """While the backup runs, another connection commits a row: it is not blocked, and the
    backup — one read transaction — does not hold the row (issue 14 item 1)."""
    import threading

    from django.db import connections

    from ocop.core import backup as module

    def write_elsewhere():
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("INSERT INTO auth_group (name) VALUES (%s)", ["nhóm giữa chừng"])
        finally:
            connections.close_all()

    original = module._table_lines
    writers: list[threading.Thread] = []

    def table_lines(model, using):
        if not writers:
            writers.append(threading.Thread(target=write_elsewhere))
            writers[0].start()
            writers[0].join(timeout=30)
            assert not writers[0].is_alive()  # the writer was not blocked by the backup
        return original(model, using)

    monkeypatch.setattr(module, "_table_lines", table_lines)
    backup_create(output=tmp_path / "out")
    assert apps.get_model("auth.group").objects.filter(name="nhóm giữa chừng").exists()
    groups = table_file(tmp_path / "out", "auth.group").read_text(encoding="utf-8")
    assert "nhóm giữa chừng" not in groups
