"""Issue 14 item 6: a database made by the previous release is upgraded safely.

``ocop/core/tests/fixtures/backup-<version>.tar.xz`` is a backup taken at the previous release's
schema with the demo and a programme cycle (``scripts/backup-fixture.sh`` makes it; it is
replaced at each release). It is restored into a fresh database of the engine under test — the
restore migrates to exactly the backup's recorded migrations — then ``ocop migrate`` brings it
to this version's schema and the key records are still there.
"""

from __future__ import annotations

import contextlib
import json
import tarfile
from pathlib import Path

from django.conf import settings

from tests.backup_kit import fresh_postgres, media, ocop, sqlite_env

FIXTURES = Path(__file__).resolve().parent.parent / "ocop" / "core" / "tests" / "fixtures"
READ = """
import json
from django.apps import apps
def n(label, **f):
    return apps.get_model(label)._base_manager.filter(**f).count()
print(json.dumps({
    "certificates": n("certification.certificate"),
    "signed_scorecards": n("evaluation.scorecard", signed_at__isnull=False),
    "closed_scorings": n("evaluation.dossierscoring", closed_at__isnull=False),
    "report_runs": n("reports.reportrun"),
    "import_batches": n("imports.importbatch"),
    "targets": n("programme.target"),
    "office": n("accounts.user", username="canbo.tinh", is_active=True),
    "restore_entries": n("auditlog.logentry", additional_data__event="restore"),
}))
"""


def last_json(stdout: str):
    """The JSON the snippet printed (``ocop shell`` may say how many objects it imported)."""
    return json.loads(stdout.strip().splitlines()[-1])


def test_previous_release_backup_restores_and_migrates_to_this_version(tmp_path):
    (archive,) = sorted(FIXTURES.glob("backup-*.tar.xz"))
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "fixture", filter="data")
    (backup,) = (tmp_path / "fixture").iterdir()
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    engine = settings.DATABASES["default"]["ENGINE"]
    database = (
        fresh_postgres(tmp_path, "upgrade")
        if "postgresql" in engine
        else contextlib.nullcontext(sqlite_env(tmp_path, "upgrade"))
    )
    with database as env:
        ocop(env, "restore", str(backup))
        recorded = last_json(
            ocop(env, "shell", "-c", "import json; from django.db.migrations.recorder import "
                 "MigrationRecorder as R; from django.db import connection; print(json.dumps("
                 "sorted(R(connection).migration_qs.values_list('app', 'name'))))").stdout
        )  # fmt: skip
        # the restore stops at the backup's schema: the upgrade is the next, separate step
        assert [list(r) for r in recorded] == sorted(manifest["migrations"])
        ocop(env, "migrate", "--no-input", "-v", "0")
        ocop(env, "migrate", "--check", "-v", "0")  # nothing left unapplied
        counts = last_json(ocop(env, "shell", "-c", READ).stdout)
        files = media(env)
    # the demo's 11 certificates, the seeded council's 3 signed cards and closed scoring,
    # one import batch and one report run (tests/backup_seed.py), the demo's 3 targets
    assert counts == {
        "certificates": 11,
        "signed_scorecards": 3,
        "closed_scorings": 1,
        "report_runs": 1,
        "import_batches": 1,
        "targets": 3,
        "office": 1,
        "restore_entries": 1,
    }
    assert files == {item["path"]: item["sha256"] for item in manifest["media"]}
