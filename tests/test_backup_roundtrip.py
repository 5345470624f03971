"""Issue 14 item 3: a database holding every kind of record (the demo and a programme cycle:
dossier with documents, council with signed scorecards, certificates, an import batch, targets,
a report run, audit history, uploaded files) is backed up on SQLite, restored onto a fresh
PostgreSQL database, backed up there and restored onto a fresh SQLite file. ``dumpdata`` of each
restored database equals its source record for record, plus the one audit entry that logs the
restore; the uploaded files are the same by hash.
"""

from __future__ import annotations

import json

import pytest

from tests.backup_kit import dump, fresh_postgres, media, ocop, restore_entries, sqlite_env

pytestmark = pytest.mark.postgres


FILE_FIELDS = {
    "evaluation.dossierdocument": ("file",),
    "products.productphoto": ("image", "thumbnail"),
    "products.channel": ("proof_document",),
    "imports.importbatch": ("file",),
    "evaluation.sitevisitphoto": ("file",),
    "evaluation.labtest": ("file",),
}


def assert_same_plus_restore_entry(source: dict, restored: dict) -> None:
    missing = sorted(set(source) - set(restored))
    assert missing == []
    changed = [key for key in source if source[key] != restored[key]]
    assert changed == []
    added = restore_entries(source, restored)
    assert [item["model"] for item in added] == ["auditlog.logentry"]
    assert added[0]["fields"]["additional_data"]["event"] == "restore"


def test_backup_restores_sqlite_to_postgresql_and_back(tmp_path):
    source = sqlite_env(tmp_path, "source")
    ocop(source, "migrate", "--no-input", "-v", "0")
    ocop(source, "shell", "-c", "from tests.backup_seed import build; build()")
    source_dump = dump(source, tmp_path, "source")
    models = {model for model, _pk in source_dump}
    # every kind of record is there
    for label in (
        "evaluation.dossier", "evaluation.dossierdocument", "evaluation.scorecard",
        "certification.certificate", "imports.importbatch", "programme.target",
        "reports.reportrun", "auditlog.logentry", "products.productphoto",
        "contenttypes.contenttype", "auth.permission", "geo.adminunit",
    ):  # fmt: skip
        assert label in models, label
    # the seed's round "99" (the demo has a round of its own): three signed scorecards
    records = {key: json.loads(v) for key, v in source_dump.items()}
    round_99 = {
        pk for (model, pk), r in records.items()
        if model == "evaluation.round" and r["fields"]["number"] == "99"
    }  # fmt: skip
    dossiers = {
        pk for (model, pk), r in records.items()
        if model == "evaluation.dossier" and str(r["fields"]["round"]) in round_99
    }  # fmt: skip
    signed = [
        r for (model, _pk), r in records.items()
        if model == "evaluation.scorecard" and str(r["fields"]["dossier"]) in dossiers
        and r["fields"]["signed_at"]
    ]  # fmt: skip
    assert len(signed) == 3
    source_media = media(source)
    # every file a record names is there: the seed's dossier PDF, photo and its thumbnail and
    # import file, and the demo's dossier documents
    named = {
        r["fields"][name]
        for (model, _pk), r in records.items()
        for name in FILE_FIELDS.get(model, ())
        if r["fields"].get(name)
    }
    assert named == set(source_media)
    assert {"giay-chung-nhan-dang-ky-htx.pdf", "chu-the.xlsx"} <= {
        name.rsplit("/", 1)[-1] for name in named
    }
    assert len([n for n in named if n.startswith("products/")]) == 2  # photo and thumbnail

    ocop(source, "backup", "--output", str(tmp_path / "from-sqlite"))
    with fresh_postgres(tmp_path, "pg") as pg:
        out = ocop(pg, "restore", str(tmp_path / "from-sqlite")).stdout
        assert "from the sqlite backup" in out
        pg_dump = dump(pg, tmp_path, "pg")
        assert_same_plus_restore_entry(source_dump, pg_dump)
        assert media(pg) == source_media

        ocop(pg, "backup", "--output", str(tmp_path / "from-pg"), "--pg-dump")
        assert (tmp_path / "from-pg" / "database.pgdump").stat().st_size > 0
    back = sqlite_env(tmp_path, "back")
    ocop(back, "restore", str(tmp_path / "from-pg"))
    back_dump = dump(back, tmp_path, "back")
    assert_same_plus_restore_entry(pg_dump, back_dump)
    assert media(back) == source_media
