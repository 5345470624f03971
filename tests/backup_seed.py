"""The programme cycle's records on top of ``ocop demo`` (issue 14 item 3's proof).

Run in a subprocess: ``ocop shell -c "from tests.backup_seed import seed; seed()"``. It adds a
dossier with uploaded documents before a provincial council, four members, a declared conflict,
three signed scorecards and the closed scoring, an import batch (its file kept), and a saved
programme report run — every write through the services, audited.
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command


def build() -> None:
    """``ocop geo load``, ``ocop demo`` and :func:`seed` in one process."""
    call_command("geo", "load", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())
    seed()


def seed() -> None:
    from ocop.criteria.tests.test_engine_golden import SET7_MID, SEVENTY, SIXTY_NINE
    from ocop.evaluation.council.services import (
        conflict_declare,
        scorecard_save,
        scorecard_sign,
        scoring_close,
    )
    from ocop.evaluation.dossiers.choices import DossierStatus
    from ocop.evaluation.dossiers.models import Dossier
    from ocop.evaluation.dossiers.services import dossier_document_add
    from ocop.evaluation.models import Round
    from ocop.evaluation.tests.council_kit import council_of_four
    from ocop.evaluation.tests.dossier_kit import (
        D,
        doc,
        on_day,
        producer_with_product,
        ready_dossier,
    )
    from ocop.imports.services import import_batch_preview, import_batch_upload
    from ocop.imports.tests.sheets import xlsx
    from ocop.products.services import product_photo_add
    from ocop.products.tests.test_products import png_bytes
    from ocop.testing import as_system, current_unit

    user, product = producer_with_product("chuthe.hoso")
    with on_day(D(2026, 10, 1)):
        dossier = ready_dossier(user, product)
        dossier_document_add(actor=user, dossier=dossier, document=doc())
        product_photo_add(
            actor=user,
            product=product,
            image=SimpleUploadedFile("anh.png", png_bytes((64, 48)), content_type="image/png"),
            caption="Hũ mứt gừng",
        )
    with as_system():
        round_ = Round.objects.create(
            level="province",
            province=current_unit("province", "86"),
            year=2026,
            number="99",
            cutoff=D(2026, 10, 30),
            decide_by=D(2026, 12, 30),
        )
        Dossier.objects.filter(pk=dossier.pk).update(
            status=DossierStatus.IN_ROUND, round=round_, edition="26-2026"
        )
    dossier.refresh_from_db()
    office, users = council_of_four(round_, dossier)
    conflict_declare(actor=users["commune"], dossier=dossier, conflict=False)
    for role, answers in (("chair", SEVENTY), ("vice", SIXTY_NINE), ("member", SET7_MID)):
        card = scorecard_save(actor=users[role], dossier=dossier, answers=answers, notes=None)
        scorecard_sign(actor=users[role], scorecard=card)
    scoring_close(actor=users["chair"], dossier=dossier)

    rows = [
        ["Tên chủ thể", "Loại hình", "Mã số thuế", "Địa chỉ"],
        ["HTX Dừa sáp Trà Cú", "HTX", "", "xã Trà Cú"],
        ["Cơ sở Bánh pía Sóc Trăng", "Hộ kinh doanh", "", ""],
    ]
    batch = import_batch_upload(
        actor=office, kind="producers", data=xlsx(("Chủ thể", rows)), filename="chu-the.xlsx"
    )
    import_batch_preview(actor=office, batch=batch)

    call_command(
        "report", "programme", "--period", "2021-2025", "--unit", "86", "--save",
        "--actor", "canbo.tinh", stdout=io.StringIO(),
    )  # fmt: skip
