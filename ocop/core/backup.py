"""Portable backup and restore of the whole system (issue 14 items 1, 2; docs/adr/0006).

A backup is a directory: ``manifest.json`` (written last), one JSON-lines file per table under
``data/`` in dependency order, the uploaded files under ``media/`` and, on PostgreSQL when asked,
a ``pg_dump`` custom-format file. Every value is written in an engine-neutral form, so a backup
taken on SQLite restores onto PostgreSQL and back. The manifest records the schema (the applied
migrations), the row count and SHA-256 checksum of every table file and the hash of every file.

The code here knows no other ocop app: it walks ``apps.get_models()``.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import os
import subprocess
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any

from auditlog.context import disable_auditlog
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_iso_string
from django.utils.translation import gettext as _

from ocop.core.errors import DomainError

FORMAT = "ocop-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data"
MEDIA_DIR = "media"
PG_DUMP_FILE = "database.pgdump"
BATCH = 1000

# Left out of a backup, and why (the manifest repeats it).
SKIPPED_APPS = {
    "sessions": "sessions: everyone logs in again after a restore",
    "axes": "login-failure counters (django-axes): transient throttling state",
}
SKIPPED_MODELS = {
    "catalogue.dataversion": "the public search cache's data version: a token every write "
    "renews, made anew on the restored database",
}
# Rows that ``migrate`` itself writes (post_migrate signals and data migrations): a database that
# holds only these is empty. A restore deletes them and loads the backup's rows with their ids.
MIGRATION_SEEDED = frozenset(
    {
        "contenttypes.contenttype",
        "auth.permission",
        "products.productset",
        "criteria.edition",
        "criteria.editionrevision",
        "criteria.sheetdef",
        "criteria.part",
        "criteria.group",
        "criteria.criterion",
        "criteria.option",
        "evaluation.calendarday",
        "programme.period",
        "programme.countingrule",
        "programme.indicator",
    }
)


class BackupError(DomainError):
    """A backup or restore refused: ``message`` says why in Vietnamese; nothing was written."""


# --- Which tables, in which order -----------------------------------------------------------


def backed_up_models(registry: Any = None) -> list[type[models.Model]]:
    """Every table that matters, parents before children (foreign keys, self-references aside).

    ``registry`` is the app registry to read: the running code's (default), or the historical
    models of a migration state (a restore loads an older backup with the models of its schema).
    """
    registry = apps if registry is None else registry
    chosen = [
        model
        for model in registry.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
        and model._meta.app_label not in SKIPPED_APPS
        and model._meta.label_lower not in SKIPPED_MODELS
    ]
    chosen.sort(key=lambda m: m._meta.label_lower)
    by_label = {m._meta.label_lower: m for m in chosen}
    ordered: list[type[models.Model]] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done (a cycle is broken where it is met)

    def visit(model: type[models.Model]) -> None:
        label = model._meta.label_lower
        if state.get(label):
            return
        state[label] = 1
        for f in model._meta.local_concrete_fields:
            target = f.related_model if f.is_relation else None
            if isinstance(target, type):
                concrete = target._meta.concrete_model or target
                target_label = concrete._meta.label_lower
                if target_label != label and target_label in by_label:
                    visit(by_label[target_label])
        state[label] = 2
        ordered.append(model)

    for model in chosen:
        visit(model)
    return ordered


# --- Engine-neutral values ------------------------------------------------------------------


def _encode(f: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(f, models.JSONField):
        return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, Decimal):
        places = getattr(f, "decimal_places", None)
        if isinstance(f, models.ForeignKey):
            places = getattr(f.target_field, "decimal_places", None)
        return f"{value:.{places}f}" if places is not None else format(value, "f")
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _decode(f: models.Field[Any, Any], value: Any) -> Any:
    if value is None or isinstance(f, models.JSONField):
        return value
    return f.to_python(value)


def _line(row: dict[str, Any]) -> bytes:
    text = json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


def _table_lines(model: type[models.Model], using: str) -> Iterator[bytes]:
    """The table's rows, one canonical JSON line each, in primary-key order (the same bytes on
    every engine: integer keys are ordered by the database, others in Python)."""
    fields = list(model._meta.local_concrete_fields)
    names = [f.attname for f in fields]
    pk = model._meta.pk
    if pk is None:  # pragma: no cover - every concrete model has one
        raise BackupError(f"{model._meta.label} has no primary key")
    rows: Iterable[tuple[Any, ...]] = (
        model._base_manager.using(using).order_by(pk.attname).values_list(*names)
    )
    integer_pk = isinstance(pk, models.AutoField | models.IntegerField) or (
        isinstance(pk, models.OneToOneField | models.ForeignKey)
        and isinstance(pk.target_field, models.AutoField | models.IntegerField)
    )
    if integer_pk:
        rows = rows.iterator(chunk_size=2000)  # type: ignore[attr-defined]
    else:
        pk_index = names.index(pk.attname)
        rows = sorted(rows, key=lambda r: str(r[pk_index]))
    for values in rows:
        yield _line({n: _encode(f, v) for n, f, v in zip(names, fields, values, strict=True)})


@dataclass
class TableDigest:
    rows: int = 0
    sha256: str = ""


def _digest(lines: Iterable[bytes], sink: IO[bytes] | None = None) -> TableDigest:
    hasher = hashlib.sha256()
    count = 0
    for line in lines:
        hasher.update(line)
        count += 1
        if sink is not None:
            sink.write(line)
    return TableDigest(rows=count, sha256=hasher.hexdigest())


def _file_sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


# --- Media ----------------------------------------------------------------------------------


def _storage_files(storage: Storage, prefix: str = "") -> Iterator[str]:
    try:
        dirs, files = storage.listdir(prefix or ".")
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{prefix}{name}"
    for sub in sorted(dirs):
        yield from _storage_files(storage, f"{prefix}{sub}/")


# --- Backup ---------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    media_files: int
    pg_dump: bool
    skipped: dict[str, str] = field(default_factory=dict)


@contextlib.contextmanager
def _snapshot(using: str, inside_transaction: bool = False) -> Iterator[None]:
    """One consistent read of the whole database while the system keeps running."""
    connection = connections[using]
    if inside_transaction:  # tests: the caller's transaction is the snapshot
        yield
        return
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot run inside another transaction."))
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using), connection.cursor() as cursor:
            # The first statement of the transaction: every later read sees the same snapshot.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    # SQLite (WAL): a deferred read transaction sees one snapshot and blocks no writer
    # (the settings' IMMEDIATE mode would take the write lock, so BEGIN is issued by hand).
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            cursor.execute("ROLLBACK")


def _applied_migrations(using: str) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return []
    return sorted([app, name] for app, name in recorder.migration_qs.values_list("app", "name"))


def _schema(applied: list[list[str]]) -> dict[str, str]:
    """The latest applied migration per app (by name: migrations are numbered)."""
    latest: dict[str, str] = {}
    for app, name in applied:
        latest[app] = max(latest.get(app, ""), name)
    return latest


def _pg_dump(using: str, snapshot_id: str, target: Path) -> None:
    db = connections[using].settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    command = ["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot_id}", "-f", str(target)]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    command.append(str(db["NAME"]))
    # the arguments come from the settings, not from a user
    result = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(_("pg_dump failed: %(error)s") % {"error": result.stderr.strip()[:500]})


def backup_create(
    *,
    output: Path,
    using: str = DEFAULT_DB_ALIAS,
    pg_dump: bool = False,
    inside_transaction: bool = False,
) -> BackupResult:
    """Write a backup of the database ``using`` and the uploaded files into ``output``.

    ``inside_transaction`` (tests only) reads within the caller's open transaction.
    """
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BackupError(
            _("The folder %(path)s is not empty: choose a new folder for the backup.")
            % {"path": output}
        )
    connection = connections[using]
    if pg_dump and connection.vendor != "postgresql":
        raise BackupError(
            _("--pg-dump needs PostgreSQL; this database is %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    (output / DATA_DIR).mkdir(parents=True, exist_ok=True)
    tables: list[dict[str, Any]] = []
    created_at = timezone.now()
    with _snapshot(using, inside_transaction):
        if pg_dump:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot_id = cursor.fetchone()[0]
            _pg_dump(using, snapshot_id, output / PG_DUMP_FILE)
        applied = _applied_migrations(using)
        if not applied:
            raise BackupError(_("The database has no tables: there is nothing to back up."))
        for index, model in enumerate(backed_up_models(), start=1):
            name = f"{DATA_DIR}/{index:03d}_{model._meta.label_lower}.jsonl"
            with (output / name).open("wb") as sink:
                digest = _digest(_table_lines(model, using), sink)
            tables.append(
                {
                    "model": model._meta.label_lower,
                    "table": model._meta.db_table,
                    "file": name,
                    "rows": digest.rows,
                    "sha256": digest.sha256,
                }
            )
    media = _media_copy_out(output / MEDIA_DIR)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at.isoformat(),
        "engine": connection.vendor,
        "ocop_version": _ocop_version(),
        "schema": _schema(applied),
        "migrations": applied,
        "tables": tables,
        "media": media,
        "skipped": SKIPPED_APPS | SKIPPED_MODELS,
        "pg_dump": (
            {"file": PG_DUMP_FILE, "sha256": _file_sha256(output / PG_DUMP_FILE)}
            if pg_dump
            else None
        ),
    }
    # The manifest is written last: a backup without one was interrupted.
    partial = output / f"{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(output / MANIFEST)
    return BackupResult(
        path=output,
        tables=len(tables),
        rows=sum(t["rows"] for t in tables),
        media_files=len(media),
        pg_dump=pg_dump,
        skipped=SKIPPED_APPS | SKIPPED_MODELS,
    )


def _ocop_version() -> str:
    try:
        return metadata.version("ocop")
    except metadata.PackageNotFoundError:  # pragma: no cover - always installed with -e
        return "unknown"


def _media_copy_out(target: Path) -> list[dict[str, Any]]:
    """Copy every uploaded file (through the storage) and hash it on the way."""
    storage = default_storage
    copied: list[dict[str, Any]] = []
    for name in _storage_files(storage):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        hasher = hashlib.sha256()
        size = 0
        try:
            with storage.open(name, "rb") as source, destination.open("wb") as sink:
                while chunk := source.read(1 << 20):
                    hasher.update(chunk)
                    sink.write(chunk)
                    size += len(chunk)
        except FileNotFoundError:  # deleted while the backup ran: not part of it
            destination.unlink(missing_ok=True)
            continue
        copied.append({"path": name, "size": size, "sha256": hasher.hexdigest()})
    return copied


# --- Restore --------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    tables: int
    rows: int
    media_files: int
    created_at: str
    engine: str
    pending_migrations: bool


def manifest_read(path: Path) -> dict[str, Any]:
    """The backup's manifest, refused when missing or not ours."""
    manifest_path = Path(path) / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(
            _(
                "%(path)s is not a complete backup: manifest.json is missing (the backup was "
                "interrupted or the folder is wrong). Nothing was restored."
            )
            % {"path": path}
        )
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(
            _("The manifest of %(path)s is damaged (not valid JSON). Nothing was restored.")
            % {"path": path}
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            _("%(path)s is not an ocop backup. Nothing was restored.") % {"path": path}
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _(
                "This backup uses format version %(version)s, which this version of ocop does "
                "not read. Update ocop, then restore again. Nothing was restored."
            )
            % {"version": manifest.get("format_version")}
        )
    return manifest


def backup_verify(path: Path, manifest: dict[str, Any]) -> None:
    """Every file the manifest lists is there, whole and unchanged (row counts, checksums)."""
    root = Path(path)
    for table in manifest["tables"]:
        file = root / table["file"]
        if not file.is_file():
            raise BackupError(
                _("The backup is incomplete: the file %(file)s is missing. Nothing was restored.")
                % {"file": table["file"]}
            )
        with file.open("rb") as handle:
            digest = _digest(handle)
        if digest.rows != table["rows"] or digest.sha256 != table["sha256"]:
            raise BackupError(
                _(
                    "The file %(file)s of the backup has been changed or truncated (expected "
                    "%(rows)s rows and its recorded checksum, found %(found)s rows and another "
                    "checksum). Nothing was restored."
                )
                % {"file": table["file"], "rows": table["rows"], "found": digest.rows}
            )
    for item in manifest["media"]:
        file = root / MEDIA_DIR / item["path"]
        if not file.is_file() or _file_sha256(file) != item["sha256"]:
            raise BackupError(
                _(
                    "The uploaded file %(file)s in the backup is missing or has been changed. "
                    "Nothing was restored."
                )
                % {"file": item["path"]}
            )


def _check_schema(manifest: dict[str, Any]) -> tuple[list[tuple[str, str]], bool, Any]:
    """The backup's migrations must all be known here: the targets to migrate to, and whether
    the code has later migrations (then ``ocop migrate`` upgrades after the restore)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for app, name in manifest["migrations"]:
        if (app, name) not in known and (app, name) not in loader.replacements:
            raise BackupError(
                _(
                    "This backup comes from a newer version of ocop: its database has the "
                    "migration %(app)s.%(name)s, which this version does not know. Install the "
                    "same or a newer version of ocop, then restore. Nothing was restored."
                )
                % {"app": app, "name": name}
            )
    targets = sorted(_schema(manifest["migrations"]).items())
    # The models as they were at the backup's migrations: an older backup's rows are loaded into
    # the older schema with the older models, then ``ocop migrate`` brings them forward.
    historical = loader.project_state(targets).apps
    labels = {m._meta.label_lower for m in backed_up_models(historical)}
    for table in manifest["tables"]:
        if table["model"] not in labels:
            raise BackupError(
                _(
                    "This backup holds the table %(model)s, which this version of ocop does not "
                    "have. Install the version that made the backup. Nothing was restored."
                )
                % {"model": table["model"]}
            )
    applied = {(a, n) for a, n in manifest["migrations"]}
    pending = any(key not in applied for key in loader.disk_migrations)
    return targets, pending, historical


def database_holds_records(using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The label of a table holding records (beyond what ``migrate`` writes), else None."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    for model in backed_up_models():
        label = model._meta.label_lower
        if label in MIGRATION_SEEDED or model._meta.db_table not in existing:
            continue
        if model._base_manager.using(using).exists():
            return label
    for app_label in SKIPPED_APPS:  # nor sessions of people using it
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.db_table in existing and model._base_manager.using(using).exists():
                return model._meta.label_lower
    return None


def _migrate_to(targets: list[tuple[str, str]], using: str) -> None:
    """``migrate`` to the backup's schema: every app to its recorded migration, in one plan."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    executor.loader.check_consistent_history(connection)
    emit_pre_migrate_signal(verbosity=0, interactive=False, db=using)
    executor.migrate(targets, plan=executor.migration_plan(targets))
    emit_post_migrate_signal(verbosity=0, interactive=False, db=using)


def _load_table(model: type[models.Model], file: Path, using: str) -> None:
    fields = list(model._meta.local_concrete_fields)
    by_name = {f.attname: f for f in fields}
    connection = connections[using]
    batch_size = max(1, connection.ops.bulk_batch_size(fields, [None] * BATCH) or BATCH)
    batch: list[SimpleNamespace] = []
    queryset = model._base_manager.using(using)

    def flush() -> None:
        if batch:
            queryset._insert(batch, fields=fields, raw=True, using=using)  # type: ignore[attr-defined]
            batch.clear()

    with file.open("rb") as handle:
        for line in handle:
            row = json.loads(line)
            if set(row) != set(by_name):
                raise BackupError(
                    _(
                        "The columns of %(model)s in the backup do not match this version's "
                        "table. Nothing was restored."
                    )
                    % {"model": model._meta.label_lower}
                )
            batch.append(SimpleNamespace(**{k: _decode(by_name[k], v) for k, v in row.items()}))
            if len(batch) >= batch_size:
                flush()
    flush()


def _media_copy_in(root: Path, manifest: dict[str, Any], written: list[str]) -> None:
    storage = default_storage
    for item in manifest["media"]:
        name = item["path"]
        source = root / MEDIA_DIR / name
        if storage.exists(name):
            with storage.open(name, "rb") as existing:
                if hashlib.sha256(existing.read()).hexdigest() == item["sha256"]:
                    continue
            storage.delete(name)
        with source.open("rb") as handle:
            saved = storage.save(name, ContentFile(handle.read()))
        written.append(saved)
        if saved != name:
            raise BackupError(
                _("The uploaded file %(file)s could not be written under its own name.")
                % {"file": name}
            )


def restore(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> RestoreResult:
    """Recreate the backed-up records as they were, in a database with none (issue 14 item 2).

    Checks first (manifest, files, schema, an empty database): a refusal writes nothing. Then
    migrates to the backup's schema, loads every table in one transaction with the audit log's
    signals off, resets the sequences, re-reads every table and compares it with the manifest
    (any difference rolls everything back), copies the uploaded files, and logs the restore.
    """
    root = Path(path)
    manifest = manifest_read(root)
    backup_verify(root, manifest)
    targets, pending, historical = _check_schema(manifest)
    holder = database_holds_records(using)
    if holder is not None:
        raise BackupError(
            _(
                "The database already holds records (table %(table)s): a backup is restored "
                "only into an empty database. Create a new database, or point DATABASE_URL at "
                "one. Nothing was restored."
            )
            % {"table": holder}
        )
    try:
        _migrate_to(targets, using)
    except Exception as exc:  # e.g. a database migrated past the backup, irreversibly
        raise BackupError(
            _(
                "The database could not be brought to the backup's schema (%(error)s). Restore "
                "into a new, empty database. No records were restored."
            )
            % {"error": str(exc).strip()[:300]}
        ) from exc
    connection = connections[using]
    ordered = backed_up_models(historical)
    by_label = {m._meta.label_lower: m for m in ordered}
    loaded = [by_label[t["model"]] for t in manifest["tables"]]
    written: list[str] = []
    try:
        with transaction.atomic(using=using), disable_auditlog():
            for model in reversed(ordered):
                model._base_manager.using(using).all()._raw_delete(using)
            for table in manifest["tables"]:
                try:
                    _load_table(by_label[table["model"]], root / table["file"], using)
                except DatabaseError as exc:
                    raise _refused_by_database(table["model"], exc) from exc
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), loaded):
                        cursor.execute(sql)
            try:
                connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
            except DatabaseError as exc:
                raise _refused_by_database("", exc) from exc
            _verify_loaded(manifest, by_label, using)
            _media_copy_in(root, manifest, written)
            _log_restore(manifest)
    except DatabaseError as exc:  # e.g. a deferred foreign key checked at COMMIT
        for name in written:
            default_storage.delete(name)
        raise _refused_by_database("", exc) from exc
    except Exception:
        for name in written:
            default_storage.delete(name)
        raise
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    return RestoreResult(
        tables=len(manifest["tables"]),
        rows=sum(t["rows"] for t in manifest["tables"]),
        media_files=len(manifest["media"]),
        created_at=manifest["created_at"],
        engine=manifest["engine"],
        pending_migrations=pending,
    )


def _refused_by_database(model: str, exc: Exception) -> BackupError:
    return BackupError(
        _(
            "The database refused the backup's rows%(model)s: %(error)s. The restore was undone: "
            "nothing was restored."
        )
        % {"model": f" ({model})" if model else "", "error": str(exc).strip()[:300]}
    )


def _verify_loaded(
    manifest: dict[str, Any], by_label: dict[str, type[models.Model]], using: str
) -> None:
    for table in manifest["tables"]:
        digest = _digest(_table_lines(by_label[table["model"]], using))
        if digest.rows != table["rows"] or digest.sha256 != table["sha256"]:
            raise BackupError(
                _(
                    "After loading, the table %(model)s differs from the backup (%(found)s rows "
                    "read back, %(rows)s expected, or other values). The restore was undone."
                )
                % {"model": table["model"], "found": digest.rows, "rows": table["rows"]}
            )


def _local(iso: str) -> str:
    """dd/mm/yyyy HH:MM in the site's time zone (STYLE.md)."""
    moment = timezone.localtime(dt.datetime.fromisoformat(iso))
    return moment.strftime("%d/%m/%Y %H:%M")


def _log_restore(manifest: dict[str, Any]) -> None:
    """One audit entry for the restore itself, by the built-in system user."""
    from auditlog.models import LogEntry
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    user_model = get_user_model()
    actor = user_model._base_manager.filter(username=settings.OCOP_SYSTEM_USERNAME).first()
    subject = actor or user_model._base_manager.order_by("pk").first()
    if subject is None:
        return
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(user_model),
        object_pk=str(subject.pk),
        object_id=subject.pk,
        object_repr=_("Restore from the backup of %(created)s")
        % {"created": _local(manifest["created_at"])},
        action=LogEntry.Action.ACCESS,
        changes={},
        actor=actor,
        additional_data={
            "event": "restore",
            "backup_created_at": manifest["created_at"],
            "backup_engine": manifest["engine"],
            "backup_ocop_version": manifest.get("ocop_version"),
            "rows": sum(t["rows"] for t in manifest["tables"]),
        },
    )
