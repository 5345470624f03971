"""Load the committed edition files into rows (data migrations and ``load_reference_data``).

Works with any app registry: a data migration passes its historical ``apps``, the test kit and
``criteria_load_reference`` pass ``django.apps.apps``. Each load is pinned to an
``(edition, revision, content_hash)``: the files must still carry that revision and hash (a
published revision is immutable), and a revision already stored is skipped. When the files have
moved on to a later revision, an older pin is skipped: its own migration has run on databases
that existed then, and a fresh database starts from the current revision (the files of older
revisions live in git history, not in the tree).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from ocop.criteria.engine.sheet import (
    SheetError,
    edition_content_hash,
    edition_from_dict,
    sheet_from_dict,
    story_criteria,
    validate,
)

EDITIONS_DIR = Path(__file__).resolve().parent / "editions"
CORRECTIONS_FILE = EDITIONS_DIR / "corrections.json"


@dataclass(frozen=True)
class RevisionPin:
    """A published revision: what a migration loads and ``criteria validate`` checks."""

    edition: str
    revision: int
    content_hash: str
    reason: str


# Every published revision, oldest first. A correction adds a pin here and a migration that
# loads it (see README.md in this app).
PUBLISHED: tuple[RevisionPin, ...] = (
    RevisionPin(
        "1048-2019",
        1,
        "sha256:ee1e7d8f46d9b76f3d32a5cb3672efb5b5a780ba94c52df41a80875ab8b0eb64",
        "First publication: metadata of QĐ 1048/QĐ-TTg (parts, bands) for legacy certificates; "
        "the sheets are not encoded.",
    ),
    RevisionPin(
        "148-2023",
        1,
        "sha256:3a8737597dc7a12623e6dc90457df9f093510110917fb540ba5af73968816c22",
        "First publication: the 26 sheets of QĐ 148/QĐ-TTg converted by "
        "scripts/convert_criteria.py, with the corrections in corrections.json.",
    ),
    RevisionPin(
        "26-2026",
        1,
        "sha256:193c5d76c54eb6805f8295772fda62b8035e8f33a71bad775d2be9c5b65ad6fd",
        "First publication: the 26 sheets of QĐ 26/2026/QĐ-TTg (Phụ lục II) converted by "
        "scripts/convert_criteria.py, with the corrections in corrections.json.",
    ),
)


def current_pins() -> list[RevisionPin]:
    """The latest pin of each edition: what the committed files must hold."""
    latest: dict[str, RevisionPin] = {}
    for pin in PUBLISHED:
        if pin.edition not in latest or pin.revision > latest[pin.edition].revision:
            latest[pin.edition] = pin
    return list(latest.values())


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def edition_corrections(edition: str) -> list[dict[str, Any]]:
    """The reviewed corrections of ``edition`` (id, set, criterion, printed, corrected, reason)."""
    return [c for c in _read(CORRECTIONS_FILE)["corrections"] if c["edition"] == edition]


def load_pin(apps: Any, pin: RevisionPin, *, editions_dir: Path = EDITIONS_DIR) -> bool:
    """Load one pinned revision; return False when it is stored already or superseded on disk."""
    revision_model = apps.get_model("criteria", "EditionRevision")
    if revision_model.objects.filter(content_hash=pin.content_hash).exists():
        return False
    edition_dir = editions_dir / pin.edition
    manifest = _read(edition_dir / "manifest.json")
    on_disk = int(manifest["revision"])
    if on_disk > pin.revision:
        return False
    if on_disk < pin.revision or manifest.get("content_hash") != pin.content_hash:
        raise SheetError(
            f"{pin.edition}: the files hold revision {on_disk} ({manifest.get('content_hash')}), "
            f"the pin expects revision {pin.revision} ({pin.content_hash})"
        )
    if edition_content_hash(edition_dir) != pin.content_hash:
        raise SheetError(
            f"{pin.edition}: content hash mismatch — a published revision is immutable; "
            "publish a correction as a new revision"
        )
    _store(apps, manifest, edition_dir, pin)
    return True


def load_pins(apps: Any, pins: list[RevisionPin] | tuple[RevisionPin, ...]) -> list[str]:
    """Load the given pins; return the editions loaded."""
    return [pin.edition for pin in pins if load_pin(apps, pin)]


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def _store(apps: Any, manifest: dict[str, Any], edition_dir: Path, pin: RevisionPin) -> None:
    edition_model = apps.get_model("criteria", "Edition")
    revision_model = apps.get_model("criteria", "EditionRevision")
    sheet_model = apps.get_model("criteria", "SheetDef")
    part_model = apps.get_model("criteria", "Part")
    group_model = apps.get_model("criteria", "Group")
    criterion_model = apps.get_model("criteria", "Criterion")
    option_model = apps.get_model("criteria", "Option")

    engine_edition = edition_from_dict(manifest, edition_dir)
    sheets_data = [_read(edition_dir / ref["file"]) for ref in manifest.get("sets", [])]
    stories = story_criteria(edition_dir.parent)
    for data in sheets_data:
        story = stories.get((engine_edition.code, int(data["set"])))
        problems = validate(sheet_from_dict(data, engine_edition, story=story))
        if problems:
            raise SheetError(f"{pin.edition} set {data['set']}: " + "; ".join(problems))

    edition, _created = edition_model.objects.update_or_create(
        code=manifest["edition"],
        defaults={
            "legal_reference": manifest["legal_reference"],
            "title": manifest.get("title", ""),
            "signed_on": manifest.get("signed_on"),
            "effective_from": manifest["effective_from"],
            "effective_to": manifest.get("effective_to"),
        },
    )
    revision = revision_model.objects.create(
        edition=edition,
        revision=pin.revision,
        content_hash=pin.content_hash,
        reason=pin.reason,
        status="draft",
        manifest=manifest,
        corrections=edition_corrections(pin.edition),
    )
    sheets = sheet_model.objects.bulk_create(
        [
            sheet_model(
                revision=revision,
                set_no=int(data["set"]),
                name=data["name"],
                family=data["family"],
                category=data.get("category") or "",
                disqualifiers=data.get("disqualifiers", []),
                disqualifiers_text=data.get("disqualifiers_text") or "",
                star_legend=data.get("star_legend") or "",
                printed_total=data.get("printed_total"),
                corrections=data.get("corrections", []),
            )
            for data in sheets_data
        ]
    )
    parts: list[Any] = []
    part_data: list[dict[str, Any]] = []
    for sheet, data in zip(sheets, sheets_data, strict=True):
        for order, part in enumerate(data["parts"]):
            parts.append(
                part_model(
                    sheet=sheet,
                    order=order,
                    code=part["code"],
                    title=part["title"],
                    max=_dec(part["max"]),
                )
            )
            part_data.append(part)
    parts = part_model.objects.bulk_create(parts)
    groups: list[Any] = []
    group_data: list[dict[str, Any]] = []
    for part, pdata in zip(parts, part_data, strict=True):
        for order, group in enumerate(pdata["groups"]):
            groups.append(
                group_model(
                    part=part,
                    order=order,
                    code=group["code"],
                    title=group["title"],
                    max=_dec(group["max"]),
                    subgroups=group.get("subgroups", []),
                )
            )
            group_data.append(group)
    groups = group_model.objects.bulk_create(groups)
    criteria: list[Any] = []
    criterion_data: list[dict[str, Any]] = []
    order_in_sheet: dict[int, int] = {}
    for group, gdata in zip(groups, group_data, strict=True):
        sheet_id = group.part.sheet_id
        for crit in gdata["criteria"]:
            order = order_in_sheet.get(sheet_id, 0)
            order_in_sheet[sheet_id] = order + 1
            criteria.append(
                criterion_model(
                    sheet_id=sheet_id,
                    group=group,
                    order=order,
                    code=crit["code"],
                    text=crit["text"],
                    max=_dec(crit["max"]),
                    subgroup=crit.get("subgroup") or "",
                    actionable=bool(crit.get("actionable", True)),
                    requires_story=bool(crit.get("requires_story", False)),
                    eliminates=bool(crit.get("eliminates", False)),
                    halts=bool(crit.get("halts", False)),
                    min_star=crit.get("min_star"),
                    notes=crit.get("notes", []),
                    cases=crit.get("cases", []),
                    case_instruction=crit.get("case_instruction") or "",
                )
            )
            criterion_data.append(crit)
    criteria = criterion_model.objects.bulk_create(criteria)
    option_model.objects.bulk_create(
        [
            option_model(
                criterion=criterion,
                position=int(option["position"]),
                points=_dec(option["points"]),
                text=option["text"],
                min_star=option.get("min_star"),
                case=option.get("case"),
            )
            for criterion, cdata in zip(criteria, criterion_data, strict=True)
            for option in cdata["options"]
        ]
    )
    revision_model.objects.filter(pk=revision.pk).update(
        status="published", published_at=timezone.now()
    )
