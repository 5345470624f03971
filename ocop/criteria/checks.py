"""``ocop criteria validate``: the committed files, the crosswalks and (when migrated) the rows.

It runs in ``make check`` on a database that may not be migrated: the files are always checked;
the rows are checked when the criteria tables exist (otherwise the report says so).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

from ocop.criteria import engine
from ocop.criteria.engine.crosswalk import load_crosswalk, validate_crosswalk
from ocop.criteria.engine.sheet import (
    STORY_FILE,
    SheetError,
    edition_content_hash,
    story_file_problems,
)
from ocop.criteria.loader import EDITIONS_DIR, current_pins


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def _same(a: engine.Sheet, b: engine.Sheet) -> bool:
    """Rows and files give the same sheet (the file's edition knows its path, rows do not)."""
    return dataclasses.replace(a, edition=dataclasses.replace(a.edition, path=None)) == (
        dataclasses.replace(b, edition=dataclasses.replace(b.edition, path=None))
    )


def validate_files(
    report: Report, editions_dir: Path = EDITIONS_DIR
) -> dict[str, dict[int, engine.Sheet]]:
    sheets: dict[str, dict[int, engine.Sheet]] = {}
    for pin in current_pins():
        edition_dir = editions_dir / pin.edition
        try:
            content_hash = edition_content_hash(edition_dir)
            edition = engine.load_edition(edition_dir)
        except SheetError as exc:
            report.problems.append(f"{pin.edition}: {exc}")
            continue
        if (edition.revision, content_hash) != (pin.revision, pin.content_hash):
            report.problems.append(
                f"{pin.edition}: files hold revision {edition.revision} ({content_hash}) but the "
                f"last published pin is revision {pin.revision} ({pin.content_hash}): a "
                "published revision is immutable — add a pin and a migration for a new revision"
            )
        sheets[pin.edition] = {}
        for ref in edition.sets:
            try:
                sheets[pin.edition][ref.set_no] = engine.load_sheet(edition, ref.set_no)
            except SheetError as exc:
                report.problems.append(str(exc))
        what = f"{len(sheets[pin.edition])} sheets valid" if edition.sets else "metadata valid"
        report.lines.append(f"{pin.edition} r{edition.revision}: {what} ({content_hash})")
    every_sheet = [sheet for by_set in sheets.values() for sheet in by_set.values()]
    story_problems = story_file_problems(editions_dir, every_sheet)
    report.problems += story_problems
    named = sum(1 for sheet in every_sheet if sheet.story is not None)
    report.lines.append(
        f"{STORY_FILE}: {named} sheets name their story criterion"
        + (f": {len(story_problems)} problems" if story_problems else "")
    )
    for path in sorted(editions_dir.glob("crosswalk-*.json")):
        crosswalk = load_crosswalk(path)
        source = sheets.get(crosswalk.from_edition, {})
        target = sheets.get(crosswalk.to_edition, {})
        found = validate_crosswalk(crosswalk, source, target)
        for name, expected in (
            (crosswalk.from_edition, crosswalk.from_content_hash),
            (crosswalk.to_edition, crosswalk.to_content_hash),
        ):
            current = next((p for p in current_pins() if p.edition == name), None)
            if current is None or current.content_hash != expected:
                found.append(f"{crosswalk.code}: written for {name} {expected}, not the current")
        report.problems += found
        report.lines.append(
            f"crosswalk {crosswalk.code} v{crosswalk.version}: sets "
            f"{', '.join(str(s) for s in crosswalk.set_numbers)}"
            + (" valid" if not found else f": {len(found)} problems")
        )
    return sheets


def validate_rows(report: Report, files: dict[str, dict[int, engine.Sheet]]) -> None:
    from ocop.criteria.models import EditionRevision, RevisionStatus
    from ocop.criteria.selectors import engine_sheet

    if "criteria_editionrevision" not in connection.introspection.table_names():
        report.lines.append("database: not migrated, the rows were not checked")
        return
    revisions = EditionRevision.objects.select_related("edition").prefetch_related("sheets")
    count = 0
    for revision in revisions:
        if revision.status != RevisionStatus.PUBLISHED:
            report.problems.append(f"database: {revision} is not published")
        for sheet_def in revision.sheets.all():
            sheet = engine_sheet(sheet_def)
            count += 1
            problems = engine.validate(sheet)
            report.problems += [f"database {revision} set {sheet.set_no}: {p}" for p in problems]
            from_file = files.get(revision.edition.code, {}).get(sheet.set_no)
            same_revision = (
                from_file is not None and from_file.edition.content_hash == revision.content_hash
            )
            if same_revision and from_file is not None and not _same(sheet, from_file):
                report.problems.append(
                    f"database {revision} set {sheet.set_no}: rows differ from the files"
                )
    for pin in current_pins():
        if not revisions.filter(content_hash=pin.content_hash).exists():
            report.problems.append(
                f"database: {pin.edition} revision {pin.revision} is not loaded (run ocop migrate)"
            )
    report.lines.append(f"database: {len(revisions)} revisions, {count} sheets checked")


def validate_all() -> Report:
    report = Report()
    files = validate_files(report)
    validate_rows(report, files)
    return report
