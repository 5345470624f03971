"""Editions as rows: loaded by the data migration, equal to the files, immutable once published."""

from __future__ import annotations

import dataclasses
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.db.models import Sum

from ocop.criteria import engine
from ocop.criteria.engine.sheet import SheetError, canonical_json, edition_content_hash
from ocop.criteria.loader import EDITIONS_DIR, PUBLISHED, RevisionPin, load_pin
from ocop.criteria.models import (
    Answer,
    AnswerSheet,
    Criterion,
    Edition,
    EditionRevision,
    ImmutableRevision,
    Option,
    Part,
    SheetDef,
)
from ocop.criteria.selectors import engine_sheet, sheet_get
from ocop.testing import as_system

from .conftest import sheet_26, sheet_148, top_answers

pytestmark = pytest.mark.django_db


def _without_path(sheet: engine.Sheet) -> engine.Sheet:
    return dataclasses.replace(sheet, edition=dataclasses.replace(sheet.edition, path=None))


def test_migration_loaded_three_editions_52_sheets():
    assert sorted(EditionRevision.objects.values_list("edition__code", "revision", "status")) == [
        ("1048-2019", 1, "published"),
        ("148-2023", 1, "published"),
        ("26-2026", 1, "published"),
    ]
    assert SheetDef.objects.filter(revision__edition__code="26-2026").count() == 26
    assert SheetDef.objects.filter(revision__edition__code="148-2023").count() == 26
    assert SheetDef.objects.filter(revision__edition__code="1048-2019").count() == 0
    # Every 26/2026 and 148 sheet's parts are 40 / 25 / 35 (QĐ 26/2026 Điều 3.1).
    totals = Part.objects.values("code").annotate(total=Sum("max")).order_by("code")
    assert [(t["code"], t["total"]) for t in totals] == [
        ("A", Decimal(40 * 52)),
        ("B", Decimal(25 * 52)),
        ("C", Decimal(35 * 52)),
    ]


@pytest.mark.parametrize("edition", ["26-2026", "148-2023"])
def test_rows_and_files_give_the_same_sheet_for_every_set(edition):
    for set_no in range(1, 27):
        from_rows = engine_sheet(sheet_get(edition=edition, set_no=set_no))
        from_file = sheet_26(set_no) if edition == "26-2026" else sheet_148(set_no)
        assert _without_path(from_rows) == _without_path(from_file), set_no
        assert engine.validate(from_rows) == []
        case = 1 if from_rows.has_cases else None
        flags = engine.DossierFlags(case=case)
        top_rows = engine.score(from_rows, top_answers(from_rows, case), flags)
        top_file = engine.score(from_file, top_answers(from_file, case), flags)
        assert (top_rows.total, top_rows.star) == (top_file.total, top_file.star) == (100, 5)


def test_rows_and_files_score_set_7_identically_with_its_gap():
    answers = {c.code: 1 for c in sheet_26(7).criteria}
    from_rows = engine_sheet(sheet_get(edition="26-2026", set_no=7))
    a = engine.score(from_rows, answers)
    b = engine.score(sheet_26(7), answers)
    assert (a.total, a.by_part, a.unmet_minimums) == (b.total, b.by_part, b.unmet_minimums)
    assert engine.next_star_gap(from_rows, answers).lines() == (
        engine.next_star_gap(sheet_26(7), answers).lines()
    )


def test_revision_keeps_manifest_corrections_and_reason():
    revision = EditionRevision.objects.get(edition__code="26-2026")
    assert revision.content_hash == edition_content_hash(EDITIONS_DIR / "26-2026")
    assert revision.manifest["legal_reference"] == "Quyết định số 26/2026/QĐ-TTg"
    ids = {c["id"] for c in revision.corrections}
    assert "26-2026/bilingual-label-options" in ids
    assert all(c["reason"] for c in revision.corrections)
    assert revision.reason.startswith("First publication")
    sheet7 = SheetDef.objects.get(revision=revision, set_no=7)
    assert "26-2026/set-07/1.2-option-1-points" in sheet7.corrections


def test_published_rows_refuse_save_update_and_delete():
    revision = EditionRevision.objects.get(edition__code="26-2026")
    option = Option.objects.get(
        criterion__sheet__revision=revision,
        criterion__sheet__set_no=7,
        criterion__code="1.1",
        position=1,
    )
    option.points = Decimal(2)
    with pytest.raises(ImmutableRevision):
        option.save()
    with pytest.raises(ImmutableRevision):
        Option.objects.filter(pk=option.pk).update(points=Decimal(2))
    with pytest.raises(ImmutableRevision):
        Criterion.objects.filter(sheet__revision=revision).update(text="x")
    with pytest.raises(ImmutableRevision):
        SheetDef.objects.filter(revision=revision, set_no=7).delete()
    revision.reason = "rewritten"
    with pytest.raises(ImmutableRevision):
        revision.save()
    with pytest.raises(ImmutableRevision):
        EditionRevision.objects.filter(pk=revision.pk).update(reason="rewritten")
    with pytest.raises(ImmutableRevision):
        Part(
            sheet=SheetDef.objects.get(revision=revision, set_no=7),
            order=9,
            code="D",
            title="x",
            max=1,
        ).save()
    stored = Option.objects.get(pk=option.pk)
    assert stored.points == Decimal(1)
    assert EditionRevision.objects.get(pk=revision.pk).reason.startswith("First publication")


def test_loading_again_changes_nothing():
    before = (EditionRevision.objects.count(), Option.objects.count())
    assert [load_pin(apps, pin) for pin in PUBLISHED] == [False, False, False]
    assert (EditionRevision.objects.count(), Option.objects.count()) == before


def _copy_edition(tmp_path: Path, edition: str) -> Path:
    root = tmp_path / "editions"
    shutil.copytree(EDITIONS_DIR / edition, root / edition)
    shutil.copy(EDITIONS_DIR / "story-criteria.json", root / "story-criteria.json")
    return root


def _rehash(edition_dir: Path) -> str:
    manifest_path = edition_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["content_hash"] = ""
    manifest_path.write_text(canonical_json(manifest), encoding="utf-8")
    content_hash = edition_content_hash(edition_dir)
    manifest["content_hash"] = content_hash
    manifest_path.write_text(canonical_json(manifest), encoding="utf-8")
    return content_hash


def test_a_changed_file_under_a_published_pin_is_refused(tmp_path):
    root = tmp_path / "editions"
    edition_dir = root / "148-test"
    shutil.copytree(EDITIONS_DIR / "148-2023", edition_dir)
    manifest = json.loads((edition_dir / "manifest.json").read_text(encoding="utf-8"))
    manifest["edition"] = "148-test"
    (edition_dir / "manifest.json").write_text(canonical_json(manifest), encoding="utf-8")
    content_hash = _rehash(edition_dir)
    # Edited after publication: one letter of set 1.
    set_file = edition_dir / "set-01.json"
    set_file.write_text(set_file.read_text(encoding="utf-8").replace("Nguồn", "Ngùon", 1))

    with pytest.raises(SheetError, match="the pin expects revision 1"):
        load_pin(apps, RevisionPin("148-test", 1, "sha256:other", "x"), editions_dir=root)
    with pytest.raises(SheetError, match="content hash mismatch"):
        load_pin(apps, RevisionPin("148-test", 1, content_hash, "x"), editions_dir=root)
    assert not Edition.objects.filter(code="148-test").exists()


def test_a_correction_arrives_as_a_new_revision_and_old_results_keep_theirs(tmp_path):
    root = _copy_edition(tmp_path, "148-2023")
    edition_dir = root / "148-2023"
    manifest = json.loads((edition_dir / "manifest.json").read_text(encoding="utf-8"))
    manifest["revision"] = 2
    (edition_dir / "manifest.json").write_text(canonical_json(manifest), encoding="utf-8")
    set_file = edition_dir / "set-01.json"
    data = json.loads(set_file.read_text(encoding="utf-8"))
    data["name"] = data["name"] + " (đính chính)"
    set_file.write_text(canonical_json(data), encoding="utf-8")
    content_hash = _rehash(edition_dir)

    old = EditionRevision.objects.get(edition__code="148-2023", revision=1)
    with as_system():
        kept = AnswerSheet.objects.create(
            kind="scorecard", revision=old, sheet=old.sheets.get(set_no=1), engine_version="1.0.0"
        )
    pin = RevisionPin("148-2023", 2, content_hash, "Correction of set 1's name (test).")
    assert load_pin(apps, pin, editions_dir=root) is True

    revisions = EditionRevision.objects.filter(edition__code="148-2023").order_by("revision")
    assert [(r.revision, r.status, r.reason) for r in revisions] == [
        (1, "published", old.reason),
        (2, "published", "Correction of set 1's name (test)."),
    ]
    assert Edition.objects.filter(code="148-2023").count() == 1
    assert sheet_get(edition="148-2023", set_no=1).name.endswith("(đính chính)")
    assert sheet_get(edition="148-2023", set_no=1, revision=1).name == "Rau, củ, quả, hạt tươi"
    kept.refresh_from_db()
    assert kept.revision_id == old.pk
    # The older pin is skipped now that the files hold revision 2.
    assert load_pin(apps, RevisionPin("148-2023", 1, "sha256:other", "x"), editions_dir=root) is (
        False
    )


def test_answers_aggregate_in_sql():
    revision = EditionRevision.objects.get(edition__code="26-2026")
    sheet = revision.sheets.get(set_no=7)
    criteria = list(sheet.criteria.prefetch_related("options").order_by("order"))
    with as_system():
        answer_sheet = AnswerSheet.objects.create(
            kind="scorecard", revision=revision, sheet=sheet, engine_version="1.0.0"
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    answer_sheet=answer_sheet,
                    criterion=c,
                    position=c.options.all()[0].position,
                    points=c.options.all()[0].points,
                )
                for c in criteria
            ]
        )
    by_part = dict(
        Answer.objects.filter(answer_sheet=answer_sheet)
        .values_list("criterion__group__part__code")
        .annotate(total=Sum("points"))
        .order_by("criterion__group__part__code")
    )
    # Option 1 of every set-7 criterion (QĐ 26/2026 Phụ lục II, bộ 7):
    # A: 1.1 1 + 1.3 1 + 1.4 1 + 1.6 1 + 2.3 1 + 3.1 1 + 3.3 1 + 3.4 1 + 3.5 1 = 9
    # B: 4.1 1 = 1;  C: 6.4 1 + 8 2 + 9 1 + 10 1 + 11 1 = 6
    assert by_part == {"A": Decimal(9), "B": Decimal(1), "C": Decimal(6)}
