"""Demo dossiers and a provincial round with its council: the programme's cycle on screen.

Six set-7 products of the demo cooperative (Hợp tác xã Dừa sáp Cầu Kè, xã Cầu Kè, account
``chuthe.1``) go through the services as the people involved would do it, today:

* a draft being prepared; one filed with the commune (QĐ 26/2026 Điều 7.1); one returned by the
  commune for supplementation (Điều 7.2.a); one forwarded to the province (Điều 7.2.b);
* two accepted into the provincial round the forwarding date falls into (Điều 5.1, 7.3.a),
  whose council (Điều 7.3.b) has four members: one declares a conflict of interest on the first
  dossier and is recused; the other three score and sign it and the chair closes its scoring;
  on the second, the scoring is under way (one card signed, one draft).

The products and the producer are demo registry data (``is_demo``); every dossier, council and
scorecard write goes through the services with the acting demo official, inside the ``system``
command. Idempotent: once the dossiers exist a re-run changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ocop.accounts.models import User
from ocop.criteria.services import (
    SelfAssessmentData,
    self_assessment_save,
    self_assessment_start,
)
from ocop.evaluation.council.models import Scorecard
from ocop.evaluation.council.services import (
    conflict_declare,
    council_member_appoint,
    scorecard_save,
    scorecard_sign,
    scoring_close,
)
from ocop.evaluation.dossiers.models import Dossier
from ocop.evaluation.dossiers.services import (
    AssessmentData,
    DocumentInput,
    RegistrationData,
    ReturnItemInput,
    commune_assessment_save,
    dossier_assign_round,
    dossier_create,
    dossier_document_add,
    dossier_forward,
    dossier_receive,
    dossier_return,
    dossier_submit,
    samples_required,
)
from ocop.producers.models import Producer
from ocop.products.choices import ProductStatus
from ocop.products.models import Product, ProductSet

CODE_PREFIX = "DEMO-HS-"
PRODUCER_NAME = "Hợp tác xã Dừa sáp Cầu Kè"
# (legacy code, name, how far it goes)
PRODUCTS = (
    ("DEMO-HS-1", "Mứt dừa sáp", "draft"),
    ("DEMO-HS-2", "Kẹo dừa sáp", "submitted"),
    ("DEMO-HS-3", "Thạch dừa sáp", "returned"),
    ("DEMO-HS-4", "Dừa sáp sấy giòn", "forwarded"),
    ("DEMO-HS-5", "Nước cốt dừa sáp", "closed"),
    ("DEMO-HS-6", "Bột dừa sáp", "scoring"),
)
# QĐ 26/2026 Phụ lục II, bộ 7: option positions of a mid-level sheet (63 points, 3★) — the
# same worked example as the criteria engine's golden test.
SET7_ANSWERS = {
    "1.1": 2, "1.2": 2, "1.3": 2, "1.4": 2, "1.5": 3, "1.6": 1, "1.7": 2,
    "2.1": 3, "2.2": 3, "2.3": 2, "2.4": 2,
    "3.1": 2, "3.2": 1, "3.3": 3, "3.4": 2, "3.5": 2,
    "4.1": 3, "4.2": 3, "4.3": 3,
    "5.1": 4, "5.2": 3, "5.3": 3,
    "6.1": 3, "6.2": 2, "6.3": 3, "6.4": 2, "6.5": 3,
    "7": 3, "8": 1, "9": 2, "10": 2, "11": 1,
}  # fmt: skip
# A small, plausible spread between members (a lower option on one criterion each).
MEMBER_ANSWERS = {
    "hoidong.1": SET7_ANSWERS,
    "hoidong.2": {**SET7_ANSWERS, "1.1": 1},
    "hoidong.3": {**SET7_ANSWERS, "4.2": 2},
    "hoidong.4": {**SET7_ANSWERS, "2.4": 1},
}
# (username, council role, kind of organisation, organisation)
COUNCIL = (
    ("hoidong.1", "chair", "peoples_committee", "UBND tỉnh Vĩnh Long"),
    ("hoidong.2", "vice_chair", "department", "Sở Nông nghiệp và Môi trường"),
    ("hoidong.3", "member", "department", "Sở Công Thương"),
    ("hoidong.4", "member", "department", "Sở Khoa học và Công nghệ"),
)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ASSESSMENT = AssessmentData(
    raw_material="Dừa sáp mua của các hộ trồng dừa trong xã (trên 80%).",
    local_labour="12 lao động là người địa phương, trong đó 9 lao động nữ.",
    idea_origin="Ý tưởng của hợp tác xã từ nghề chế biến dừa truyền thống của địa phương.",
    local_identity="Gắn với đặc sản dừa sáp Cầu Kè, chỉ dẫn địa lý của địa phương.",
    signer_name="Trần Văn Hùng",
    signer_title="Phó Chủ tịch UBND xã",
)


@dataclass(frozen=True)
class DemoDossiers:
    dossiers: int
    scorecards: int
    skipped: bool = False


def _products(producer: Producer) -> list[Product]:
    """The demo cooperative's six set-7 products (registry data, created once)."""
    set7 = ProductSet.objects.get(number=7)
    out = []
    for code, name, _stage in PRODUCTS:
        product = Product.objects.filter(is_demo=True, legacy_code=code).first()
        if product is None:
            product = Product(
                name=name,
                producer=producer,
                origin_unit=producer.address_unit,
                product_set=set7,
                status=ProductStatus.ACTIVE,
                description=f"{name} — sản phẩm demo của {PRODUCER_NAME}.",
                legacy_code=code,
                is_demo=True,
            )
            product.save()
        out.append(product)
    return out


def _document(today: dt.date) -> DocumentInput:
    return DocumentInput(
        kind="business_registration",
        issued_on=dt.date(2024, 3, 1) if today >= dt.date(2024, 3, 1) else today,
        file=SimpleUploadedFile("giay-chung-nhan-dang-ky-htx.pdf", PDF, "application/pdf"),
        number="5301000123",
        title="Giấy chứng nhận đăng ký hợp tác xã (demo)",
    )


def _filed(product: Product, filer: User, today: dt.date) -> Dossier:
    assessment = self_assessment_start(product=product, actor=filer)
    self_assessment_save(
        self_assessment=assessment,
        data=SelfAssessmentData(answers=dict(SET7_ANSWERS), has_story=True),
        actor=filer,
    )
    dossier = dossier_create(
        actor=filer,
        product=product,
        kind="first",
        registration=RegistrationData(
            unit_name=PRODUCER_NAME,
            representative_name="Võ Thanh Bình",
            representative_title="Giám đốc",
            phone="0294 3801 123",
        ),
    )
    dossier_document_add(actor=filer, dossier=dossier, document=_document(today))
    return dossier


def demo_dossiers_create(*, users: dict[str, User], today: dt.date | None = None) -> DemoDossiers:
    """Create the demo dossiers, round and council once; ``users``: the demo accounts by name."""
    day = today or timezone.localdate()
    if Dossier.objects.filter(product__legacy_code__startswith=CODE_PREFIX).exists():
        return DemoDossiers(0, 0, skipped=True)
    filer, commune, office = users["chuthe.1"], users["canbo.xa"], users["canbo.tinh"]
    producer = filer.producer_links.get().producer
    products = _products(producer)
    in_round: list[Dossier] = []
    for product, (_code, _name, stage) in zip(products, PRODUCTS, strict=True):
        dossier = _filed(product, filer, day)
        if stage == "draft":
            continue
        dossier = dossier_submit(actor=filer, dossier=dossier)
        if stage == "submitted":
            continue
        dossier = dossier_receive(
            actor=commune, dossier=dossier, samples_received=samples_required(product)
        )
        if stage == "returned":
            dossier_return(
                actor=commune,
                dossier=dossier,
                items=[
                    ReturnItemInput(
                        target="missing_document",
                        document_kind="lab_test",
                        reason="Thiếu phiếu kết quả kiểm nghiệm chỉ tiêu an toàn thực phẩm.",
                    )
                ],
                note="Đề nghị bổ sung trong 10 ngày làm việc.",
            )
            continue
        commune_assessment_save(actor=commune, dossier=dossier, data=ASSESSMENT)
        dossier = dossier_forward(actor=commune, dossier=dossier)
        if stage == "forwarded":
            continue
        in_round.append(dossier_assign_round(actor=office, dossier=dossier))
    scorecards = _council(in_round, users=users, office=office)
    return DemoDossiers(dossiers=len(products), scorecards=scorecards)


def _council(dossiers: list[Dossier], *, users: dict[str, User], office: User) -> int:
    closed, scoring = dossiers
    round_ = closed.round
    assert round_ is not None  # noqa: S101 - assigned just above
    for username, role, kind, organisation in COUNCIL:
        council_member_appoint(
            actor=office,
            round_=round_,
            user=users[username],
            role=role,
            organisation_kind=kind,
            organisation_name=organisation,
        )
    # QĐ 26/2026 Điều 7.3.b: a member with an interest in the dossier does not score it.
    conflict_declare(
        actor=users["hoidong.4"],
        dossier=closed,
        conflict=True,
        note="Có quan hệ họ hàng với người đại diện của chủ thể.",
    )
    for username in ("hoidong.1", "hoidong.2", "hoidong.3"):
        conflict_declare(actor=users[username], dossier=closed, conflict=False)
        card = _score(users[username], closed)
        scorecard_sign(actor=users[username], scorecard=card)
    scoring_close(actor=users["hoidong.1"], dossier=closed)
    signed = _score(users["hoidong.2"], scoring)
    scorecard_sign(actor=users["hoidong.2"], scorecard=signed)
    _score(users["hoidong.3"], scoring)  # a draft, not yet signed
    return Scorecard.objects.filter(dossier__in=dossiers).count()


def _score(user: User, dossier: Dossier) -> Any:
    return scorecard_save(actor=user, dossier=dossier, answers=MEMBER_ANSWERS[user.username])
