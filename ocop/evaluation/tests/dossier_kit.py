"""Helpers for the dossier tests: a producer with a set-7 product and a complete Mẫu 02, files."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from ocop.accounts.choices import Role
from ocop.criteria.services import SelfAssessmentData, self_assessment_save, self_assessment_start
from ocop.criteria.tests.test_engine_golden import SET7_MID
from ocop.evaluation.dossiers.services import DocumentInput, RegistrationData, dossier_create
from ocop.testing import current_unit, make_producer, make_product, make_user

D = dt.date
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CAU_KE = "29308"  # xã Cầu Kè, tỉnh Vĩnh Long (86) on today's map


@contextlib.contextmanager
def on_day(day: dt.date) -> Iterator[None]:
    """Freeze "today" at 09:00 in Việt Nam on ``day``."""
    moment = dt.datetime(day.year, day.month, day.day, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=False):
        yield


def pdf(name: str = "giay-phep.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def doc(
    kind: str = "business_registration",
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    name: str = "giay-phep.pdf",
    content: bytes = PDF_BYTES,
) -> DocumentInput:
    return DocumentInput(
        kind=kind,
        issued_on=issued_on or D(2024, 3, 1),
        expires_on=expires_on,
        file=pdf(name, content),
    )


def producer_with_product(username: str = "chuthe", product_name: str = "Mứt gừng dẻo"):
    user = make_user(username, role=Role.PRODUCER, full_name="Trần Văn Gừng")
    producer = make_producer(
        f"HTX {product_name}", accounts=[user], representative_name="Trần Văn Gừng"
    )
    product = make_product(product_name, producer=producer, set_number=7)
    return user, product


def complete_self_assessment(product, actor):
    assessment = self_assessment_start(product=product, actor=actor)
    self_assessment_save(
        self_assessment=assessment,
        data=SelfAssessmentData(answers=dict(SET7_MID), has_story=True),
        actor=actor,
    )
    return assessment


def commune_officer(username: str = "xa", code: str = CAU_KE):
    return make_user(username, role=Role.COMMUNE_OFFICER, units=[current_unit("commune", code)])


def province_office(username: str = "tinh", code: str = "86"):
    return make_user(username, role=Role.PROVINCE_OFFICE, units=[current_unit("province", code)])


def registration(**extra) -> RegistrationData:
    extra.setdefault("unit_name", "HTX Mứt gừng dẻo")
    extra.setdefault("representative_name", "Trần Văn Gừng")
    return RegistrationData(**extra)


def ready_dossier(user, product, *, kind: str = "first", certificate=None, **extra):
    """A draft with a complete self-assessment; documents are added by the caller."""
    complete_self_assessment(product, user)
    return dossier_create(
        actor=user,
        product=product,
        kind=kind,
        certificate=certificate,
        registration=registration(**extra),
    )
