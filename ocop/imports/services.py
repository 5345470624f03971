"""Writes of imports: upload a file, commit a plan (all or nothing), complete a queued record.

A commit runs in one transaction: it rebuilds the plan inside it (so what it writes is what the
database holds now), refuses when a row is in error unless ``skip_errors``, and writes each
record through the owning app's services (``producer_register``, ``product_create``,
``decision_record`` …), which validate, check the actor's scope and audit the change with the
importing user. The file is kept with its SHA-256; every record remembers its batch and row
(:class:`ImportedRecord`); a ``review`` row's record joins the "to complete" queue
(:class:`ReviewItem`). A file whose rows are all unchanged writes nothing at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.models import User
from ocop.accounts.selectors import user_unit_scope
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.geo.models import AdminUnit
from ocop.imports.choices import BatchStatus, ImportKind, Outcome
from ocop.imports.models import ImportBatch, ImportedRecord, ReviewItem
from ocop.imports.plan import (
    Options,
    Plan,
    PlannedProducer,
    PlannedProduct,
    columns_view,
    plan_file,
)
from ocop.imports.reading import ImportFileError
from ocop.imports.selectors import user_may_import
from ocop.producers.models import Producer
from ocop.producers.services import ProducerData, producer_register, producer_update
from ocop.products.choices import ProductStatus
from ocop.products.models import Product, ProductSet
from ocop.products.services import ProductData, product_create, product_update


@dataclass
class CommitResult:
    plan: Plan
    batch: ImportBatch | None
    written: int  # rows written
    created: dict[str, int] = field(default_factory=dict)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_batch_upload(
    *, actor: User, kind: str, data: bytes, filename: str, sheet_name: str = ""
) -> ImportBatch:
    """Keep an uploaded file (the web flow's first step); nothing else is written."""
    if not user_may_import(actor):
        raise PermissionDenied
    if kind not in ImportKind.values:
        raise DomainError(_("Unknown kind of import."))
    from django.conf import settings

    if len(data) > settings.OCOP_IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(mb)s MB; split it into smaller files.")
            % {"mb": settings.OCOP_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if not data:
        raise ImportFileError(_("The file is empty."))
    digest = file_hash(data)
    with transaction.atomic(), acting_as(actor):
        batch = ImportBatch(
            kind=kind,
            filename=Path(filename).name[:255] or "tep",
            sha256=digest,
            size=len(data),
            sheet_name=sheet_name,
            created_by=actor,
        )
        batch.file.save(batch.filename, ContentFile(data), save=False)
        batch.progress_total = columns_view(
            data, batch.filename, Options(kind=kind, sheet=sheet_name or None)
        ).rows
        batch.save()
    return batch


def import_batch_configure(
    *,
    actor: User,
    batch: ImportBatch,
    mapping: dict[str, str],
    context: dict[str, str],
    sheet_name: str = "",
    as_of: dt.date | None = None,
    skip_errors: bool = False,
) -> ImportBatch:
    """Save the person's column mapping and context (the preview is then rebuilt)."""
    if batch.created_by_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied
    if batch.status == BatchStatus.COMMITTED:
        raise DomainError(_("This file has already been committed."))
    with transaction.atomic(), acting_as(actor):
        batch.mapping = mapping
        batch.context = context
        batch.sheet_name = sheet_name
        batch.as_of = as_of
        batch.skip_errors = skip_errors
        batch.status = BatchStatus.UPLOADED
        batch.preview = {}
        batch.error_message = ""
        data = batch.file.open("rb").read()
        batch.file.close()
        batch.progress_total = columns_view(data, batch.filename, batch_options(batch)).rows
        batch.save()
    return batch


def batch_options(batch: ImportBatch) -> Options:
    return Options(
        kind=batch.kind,
        sheet=batch.sheet_name or None,
        mapping=dict(batch.mapping),
        context=dict(batch.context),
        as_of=batch.as_of,
    )


def import_batch_preview(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Build and store the batch's preview (progress saved as it goes)."""
    if batch.created_by_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied
    data = batch.file.open("rb").read()
    batch.file.close()

    def progress(done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(progress_done=done, progress_total=total)

    try:
        plan = plan_file(data, batch.filename, batch_options(batch), actor=actor, progress=progress)
    except ImportFileError as exc:
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.FAILED, error_message=exc.message, preview={}
        )
        batch.refresh_from_db()
        return batch
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.PREVIEWED,
        preview=plan.as_preview(),
        counts=plan.counts,
        error_message="",
        sheet_name=plan.sheet_name,
    )
    batch.refresh_from_db()
    return batch


def import_commit(
    *,
    actor: User,
    data: bytes,
    filename: str,
    options: Options,
    skip_errors: bool = False,
    batch: ImportBatch | None = None,
) -> CommitResult:
    """Write the committable rows of ``data`` in one transaction, or nothing.

    Refused (DomainError) when a row is in error and ``skip_errors`` is off, or when the actor
    may not import. A plan with nothing to write creates no batch and changes nothing.
    """
    if not user_may_import(actor):
        raise PermissionDenied(_("Only the OCOP office and commune officers can import files."))
    with transaction.atomic(), acting_as(actor):
        plan = plan_file(data, filename, options, actor=actor)
        if plan.has_errors and not skip_errors:
            raise DomainError(
                _(
                    "%(n)s rows have errors: nothing was saved. Fix them or commit with "
                    "“skip rows with errors”."
                )
                % {"n": plan.counts[Outcome.ERROR]}
            )
        rows = plan.committable
        if not rows:
            if batch is not None:
                _finish_batch(batch, plan)
            return CommitResult(plan=plan, batch=batch, written=0)
        if batch is None:
            batch = ImportBatch(
                kind=options.kind,
                filename=Path(filename).name[:255] or "tep",
                sha256=file_hash(data),
                size=len(data),
                sheet_name=plan.sheet_name,
                context=options.context,
                mapping=options.mapping,
                as_of=options.as_of,
                skip_errors=skip_errors,
                created_by=actor,
            )
            batch.file.save(batch.filename, ContentFile(data), save=False)
            batch.save()
        writer = _Writer(actor=actor, plan=plan, batch=batch, filename=filename)
        writer.write(rows)
        _finish_batch(batch, plan)
    return CommitResult(plan=plan, batch=batch, written=len(rows), created=writer.created)


def _finish_batch(batch: ImportBatch, plan: Plan) -> None:
    batch.status = BatchStatus.COMMITTED
    batch.counts = plan.counts
    batch.preview = plan.as_preview()
    batch.committed_at = timezone.now()
    batch.save()


class _Writer:
    def __init__(self, *, actor: User, plan: Plan, batch: ImportBatch, filename: str) -> None:
        self.actor = actor
        self.plan = plan
        self.batch = batch
        self.filename = Path(filename).name
        self.producers: dict[tuple[str, ...], Producer] = {}
        self.products: dict[tuple[Any, ...], Product] = {}
        self.units: dict[int, AdminUnit] = {}
        self.sets = {s.number: s for s in ProductSet.objects.all()}
        self.created: dict[str, int] = {"producers": 0, "products": 0, "decisions": 0}
        self.content_types = {m: ContentType.objects.get_for_model(m) for m in (Producer, Product)}
        # the importing officer's scope, read once: the services check every record against it
        self.scope = user_unit_scope(actor)
        self.records: dict[tuple[int, int, Any], ImportedRecord] = {}

    def _unit(self, pk: int) -> AdminUnit:
        if pk not in self.units:
            self.units[pk] = AdminUnit.objects.select_related("map", "province__map").get(pk=pk)
        return self.units[pk]

    def _fail(self, row: int, exc: DomainError) -> DomainError:
        return DomainError(
            _("Row %(row)s: %(message)s Nothing was saved.") % {"row": row, "message": exc.message}
        )

    def _producer(self, planned: PlannedProducer) -> Producer:
        if planned.key in self.producers:
            return self.producers[planned.key]
        try:
            if planned.existing_id is None:
                producer = producer_register(
                    actor=self.actor,
                    scope=self.scope,
                    data=ProducerData(
                        name=planned.name,
                        legal_form=planned.legal_form,
                        address_unit=self._unit(planned.unit_id),
                        tax_code=planned.tax_code,
                        representative_name=planned.representative_name,
                        phone=planned.phone,
                        email=planned.email,
                        address_detail=planned.address_detail,
                        **planned.details,
                    ),
                )
                self.created["producers"] += 1
                self._queue(planned.first_row, producer, producer.address_unit, planned.reviews, "")
            else:
                producer = Producer.objects.select_related("address_unit").get(
                    pk=planned.existing_id
                )
                if planned.changes:
                    values = {f.name: getattr(producer, f.name) for f in fields(ProducerData)}
                    values.update(planned.changes)
                    producer = producer_update(
                        actor=self.actor,
                        scope=self.scope,
                        producer=producer,
                        data=ProducerData(**values),
                        confirm_not_duplicate=True,
                    )
        except DomainError as exc:
            raise self._fail(planned.first_row, exc) from exc
        self.producers[planned.key] = producer
        return producer

    def _product(self, planned: PlannedProduct, producer: Producer) -> Product:
        if planned.key in self.products:
            return self.products[planned.key]
        product_set = self.sets.get(planned.product_set) if planned.product_set else None
        try:
            if planned.existing_id is None:
                product = product_create(
                    actor=self.actor,
                    scope=self.scope,
                    data=ProductData(
                        name=planned.name,
                        producer=producer,
                        origin_unit=producer.address_unit,
                        product_set=product_set,
                        legacy_code=planned.legacy_code,
                        status=planned.status or ProductStatus.DRAFT,
                    ),
                )
                self.created["products"] += 1
                self._queue(
                    planned.first_row,
                    product,
                    product.origin_unit,
                    planned.reviews,
                    planned.suggestion,
                )
            else:
                product = Product.objects.select_related("origin_unit", "producer").get(
                    pk=planned.existing_id
                )
                if planned.changes:
                    chosen = (
                        self.sets.get(int(planned.changes.get("product_set") or 0))
                        or product.product_set
                    )
                    product = product_update(
                        actor=self.actor,
                        scope=self.scope,
                        product=product,
                        data=ProductData(
                            name=product.name,
                            producer=product.producer,
                            origin_unit=product.origin_unit,
                            product_set=chosen,
                            description=product.description,
                            story=product.story,
                            specification=product.specification,
                            packaging=product.packaging,
                            status=planned.changes.get("status", product.status),
                            legacy_code=planned.changes.get("legacy_code", product.legacy_code),
                        ),
                    )
        except DomainError as exc:
            raise self._fail(planned.first_row, exc) from exc
        self.products[planned.key] = product
        return product

    def _queue(
        self, row: int, obj: models.Model, unit: AdminUnit, reviews: list[Any], suggestion: str
    ) -> None:
        if not reviews:
            return
        ReviewItem.objects.create(
            batch=self.batch,
            row=row,
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            unit=unit,
            reasons=[{"code": r.code, "message": r.message} for r in reviews],
            label=str(obj)[:300],
            suggestion=suggestion[:300],
        )

    def _record(self, row: int, obj: models.Model, action: str) -> None:
        """Remember the record's source row (written in bulk by ``write``; not audited)."""
        content_type = ContentType.objects.get_for_model(type(obj))
        self.records.setdefault(
            (row, content_type.pk, obj.pk),
            ImportedRecord(
                batch=self.batch,
                row=row,
                content_type=content_type,
                object_id=obj.pk,
                action=action,
            ),
        )

    def write(self, rows: list[Any]) -> None:
        if self.plan.kind == ImportKind.TARGETS:
            from ocop.imports.targets import write_targets

            self.created["targets"] = write_targets(
                actor=self.actor, plan=self.plan, rows=rows, record=self._record
            )
        else:
            self._write_registry(rows)
        ImportedRecord.objects.bulk_create(
            self.records.values(), batch_size=500, ignore_conflicts=True
        )

    def _write_registry(self, rows: list[Any]) -> None:
        for row in rows:
            producer_planned = self.plan.producers[row.producer_key]
            was_new = (
                producer_planned.key not in self.producers and producer_planned.existing_id is None
            )
            producer = self._producer(producer_planned)
            action = "created" if was_new else ("updated" if producer_planned.changes else "linked")
            self._record(row.row, producer, action)
            if row.product_key is not None:
                product_planned = self.plan.products[row.product_key]
                was_new = (
                    product_planned.key not in self.products and product_planned.existing_id is None
                )
                product = self._product(product_planned, producer)
                action = (
                    "created" if was_new else ("updated" if product_planned.changes else "linked")
                )
                self._record(row.row, product, action)
        if self.plan.kind == ImportKind.CERTIFICATES:
            self._decisions({r.row for r in rows})

    def _decisions(self, rows: set[int]) -> None:
        from ocop.certification.services import ResultInput, decision_record
        from ocop.geo.models import Authority

        # Oldest first: a re-rating then supersedes the certificate it replaces, whatever the
        # order of the file's rows (an exported register lists the newest first).
        ordered = sorted(
            self.plan.decisions.values(), key=lambda d: (d.signed_on or dt.date.min, d.first_row)
        )
        for decision in ordered:
            results = [r for r in decision.results if r.row in rows]
            if not results:
                continue
            if decision.authority_id is None:
                raise DomainError(_("The issuing authority is unknown. Nothing was saved."))
            authority = Authority.objects.select_related("unit").get(pk=decision.authority_id)
            province = (
                AdminUnit.objects.get(pk=self.plan.province_unit_id)
                if self.plan.province_unit_id
                else authority.unit
            )
            if province is None:
                raise DomainError(_("The province of the register is unknown. Nothing was saved."))
            items = [
                ResultInput(
                    product=self.products[r.product_key],
                    star=r.star,
                    score=r.score,
                    potential_5=r.potential_5,
                    edition=r.edition,
                    process=r.process,
                    round_year=r.round_year,
                    certificate_number=r.certificate_number,
                    valid_until=r.valid_until,
                )
                for r in results
            ]
            source = _("%(file)s, rows %(rows)s") % {
                "file": self.filename,
                "rows": ", ".join(str(r.row) for r in results),
            }
            try:
                record = decision_record(
                    actor=self.actor,
                    kind=decision.kind,
                    number=decision.number,
                    signed_on=decision.signed_on,
                    authority=authority,
                    province=province,
                    items=items,
                    date_precision=decision.precision,
                    date_until=decision.date_until,
                    is_legacy=True,
                    source=source[:500],
                )
            except DomainError as exc:
                raise self._fail(decision.first_row, exc) from exc
            self.created["decisions"] += 1
            for r in results:
                self._record(r.row, record, "created")
            if decision.reviews:
                self._queue(decision.first_row, record, province, decision.reviews, "")


def import_batch_commit(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Commit an uploaded batch (web flow); a refusal is stored on the batch, not raised."""
    if batch.created_by_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied
    if batch.status == BatchStatus.COMMITTED:
        raise DomainError(_("This file has already been committed."))
    data = batch.file.open("rb").read()
    batch.file.close()
    try:
        import_commit(
            actor=actor,
            data=data,
            filename=batch.filename,
            options=batch_options(batch),
            skip_errors=batch.skip_errors,
            batch=batch,
        )
    except DomainError as exc:
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.PREVIEWED, error_message=exc.message
        )
    batch.refresh_from_db()
    return batch


def import_batch_start(*, actor: User, batch: ImportBatch, commit: bool) -> ImportBatch:
    """Preview or commit now, or hand a large file to the background worker."""
    from django.conf import settings

    from ocop.imports.tasks import import_commit_task, import_preview_task

    background = batch.progress_total > settings.OCOP_IMPORT_BACKGROUND_ROWS
    if not background:
        if commit:
            return import_batch_commit(actor=actor, batch=batch)
        return import_batch_preview(actor=actor, batch=batch)
    status = BatchStatus.COMMITTING if commit else BatchStatus.PREVIEWING
    ImportBatch.objects.filter(pk=batch.pk).update(status=status, progress_done=0, error_message="")
    chosen = import_commit_task if commit else import_preview_task
    pk, actor_pk = batch.pk, actor.pk
    transaction.on_commit(lambda: _enqueue(chosen, pk, actor_pk), robust=False)
    batch.refresh_from_db()
    return batch


def _enqueue(chosen: Any, pk: int, actor_pk: int) -> None:
    result = chosen.enqueue(pk, actor_pk)
    ImportBatch.objects.filter(pk=pk).update(task_id=str(result.id))


def review_item_complete(*, actor: User, item: ReviewItem) -> ReviewItem:
    """Take a record off the "to complete" queue (the office has completed it)."""
    from ocop.imports.selectors import review_item_list

    if not review_item_list(user=actor).filter(pk=item.pk).exists():
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        locked = ReviewItem.objects.select_for_update().get(pk=item.pk)
        if locked.completed_at is None:
            locked.completed_at = timezone.now()
            locked.completed_by = actor
            locked.save(update_fields=["completed_at", "completed_by", "updated_at"])
    return locked


def error_file_write(plan: Plan, path: Path) -> Path:
    """The rows a ``--skip-errors`` commit left out, as given, with a message column."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.create_sheet("Dong loi", 0)
    book.remove(book.worksheets[1])
    ws.title = "Dong loi"
    ws.append([*plan.header, _("Problem")])
    for row in plan.rows:
        if row.outcome == Outcome.ERROR:
            cells = row.cells + [""] * (len(plan.header) - len(row.cells))
            message = _("Row %(row)s: %(messages)s") % {
                "row": row.row,
                "messages": " ".join(row.messages),
            }
            ws.append([*cells, message])
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path
