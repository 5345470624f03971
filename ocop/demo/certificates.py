"""Demo decisions and certificates in the demo province, dated relative to the day it runs.

A re-run on a later day replaces them (every row is ``is_demo``) so that the demo always shows a
certificate in each status: valid, expiring, expired, revoked and superseded — plus an earlier
record (612/QĐ-UBND of 30/03/2021, Trà Vinh's 2020 round, with a potential 5★ product) and a
≥ 90 result approved without a certificate (QĐ 26/2026 Điều 7.3.e).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Q

from ocop.accounts.models import User
from ocop.certification.models import Certificate, Decision, Result
from ocop.certification.services import ResultInput, certificate_revoke, decision_record
from ocop.geo.models import AdminUnit, Authority
from ocop.products.choices import ProductStatus
from ocop.products.models import Product

REFORM = dt.date(2025, 7, 1)
QD_148 = dt.date(2023, 2, 24)


@dataclass(frozen=True)
class DemoCertificates:
    decisions: int
    certificates: int


def _clear() -> None:
    demo_certs = Certificate.objects.filter(is_demo=True)
    demo_certs.update(supersedes=None, revocation_decision=None)
    demo_certs.delete()
    Result.objects.filter(decision__is_demo=True).delete()
    Decision.objects.filter(is_demo=True).delete()


def _authority(day: dt.date) -> Authority:
    if day >= REFORM:
        return Authority.objects.get(
            unit__map__code="2025", unit__level="province", unit__code="86"
        )
    return Authority.objects.get(unit__map__code="legacy", unit__level="province", unit__code="84")


def _district(day: dt.date) -> Authority:
    if day >= REFORM:
        return _authority(day)
    return Authority.objects.get(unit__map__code="legacy", unit__level="district", unit__code="845")


def _rules(day: dt.date) -> tuple[str, str]:
    if day < QD_148:
        return "1048-2019", "1048-2019"
    if day < dt.date(2025, 7, 6):
        return "148-2023", "148-2023"
    if day < dt.date(2026, 5, 22):
        return "148-2023", "1489-2025"
    return "26-2026", "26-2026"


def demo_certificates_create(*, today: dt.date, actor: User) -> DemoCertificates:
    """(Re)create the demo register for ``today``; ``actor`` is the demo provincial office."""
    _clear()
    province = AdminUnit.objects.get(map__code="2025", level="province", code="86")
    products = list(
        Product.objects.filter(
            is_demo=True, status=ProductStatus.ACTIVE, legacy_code__startswith="DEMO-86-"
        ).order_by("legacy_code")
    )
    if len(products) < 12:
        return DemoCertificates(0, 0)
    p = products
    made: list[Decision] = []

    def record(
        number: str, day: dt.date, authority: Authority, items: list[ResultInput], **kw: object
    ) -> Decision:
        decision = decision_record(
            actor=actor,
            kind=str(kw.pop("kind", "recognition")),
            number=number,
            signed_on=day,
            authority=authority,
            province=province,
            items=items,
            signer_name="Nguyễn Văn Demo",
            signer_title="Phó Chủ tịch",
            is_demo=True,
            summary="(demo)",
            **kw,  # type: ignore[arg-type]
        )
        made.append(decision)
        return decision

    serial = iter(range(1, 100))

    def item(product: Product, star: int | None, day: dt.date, **kw: object) -> ResultInput:
        edition, process = _rules(day)
        if star is not None and "certificate_number" not in kw:
            # Fixed demo numbers: a re-run on a later day gives the same numbers.
            kw["certificate_number"] = f"{next(serial):03d}/{day.year}/GCN-OCOP-86"
        return ResultInput(
            product=product,
            star=star,
            edition=edition,
            process=process,
            round_year=day.year if day.month > 6 else day.year - 1,
            **kw,  # type: ignore[arg-type]
        )

    # An earlier record: Trà Vinh's 2020 round (612/QĐ-UBND of 30/03/2021), now expired.
    d612 = dt.date(2021, 3, 30)
    record(
        "612/QĐ-UBND",
        d612,
        _authority(d612),
        [
            item(
                p[0],
                4,
                d612,
                potential_5=True,
                score=Decimal("90.5"),
                certificate_number="DEMO-612-01",
            ),
            item(p[1], 3, d612, score=Decimal("68"), certificate_number="DEMO-612-02"),
            item(p[2], 3, d612, score=Decimal("55.5"), certificate_number="DEMO-612-03"),
        ],
        is_legacy=True,
    )
    # Expired: 36 months and 45 days ago.
    d_exp = today - relativedelta(months=36) - dt.timedelta(days=45)
    record(
        f"{d_exp.year % 100 + 100}/QĐ-UBND",
        d_exp,
        _authority(d_exp),
        [item(p[3], 3, d_exp, score=Decimal("62")), item(p[4], 4, d_exp, score=Decimal("74"))],
        is_legacy=d_exp < REFORM,
    )
    # Expiring: valid until today + 90 days (a district 3★ before the reform).
    d_soon = today - relativedelta(months=36) + dt.timedelta(days=90)
    record(
        f"{d_soon.year % 100 + 200}/QĐ-UBND",
        d_soon,
        _district(d_soon),
        [item(p[5], 3, d_soon, score=Decimal("63.5"))],
        is_legacy=d_soon < REFORM,
    )
    # Valid: recognised 400 days ago; p[1] is re-rated (supersedes 612) and p[2] upgraded.
    d_ok = today - dt.timedelta(days=400)
    recent = record(
        f"{d_ok.year % 100 + 300}/QĐ-UBND",
        d_ok,
        _authority(d_ok),
        [
            item(p[1], 3, d_ok, score=Decimal("66"), rating_kind="rerating"),
            item(p[2], 4, d_ok, score=Decimal("76.5"), rating_kind="upgrade"),
            item(p[6], 4, d_ok, score=Decimal("81")),
            item(p[7], 3, d_ok, score=Decimal("58")),
            item(p[8], 3, d_ok, score=Decimal("60")),
        ],
        is_legacy=d_ok < REFORM,
    )
    # A ≥ 90 result approved for the ministry, with no certificate (QĐ 26/2026 Điều 7.3.e).
    d_90 = today - dt.timedelta(days=30)
    if d_90 >= dt.date(2026, 5, 22):
        record(
            f"{d_90.year % 100 + 400}/QĐ-UBND",
            d_90,
            _authority(d_90),
            [item(p[9], None, d_90, potential_5=True, score=Decimal("91.2"))],
            kind="result_approval",
        )
    # Revoked ten days ago: the producer stopped making the product (Điều 8.1.đ).
    revoked = Certificate.objects.get(decision=recent, product=p[8])
    d_rev = today - dt.timedelta(days=10)
    decision = certificate_revoke(
        actor=actor,
        certificates=[revoked],
        number=f"{d_rev.year % 100 + 500}/QĐ-UBND",
        signed_on=d_rev,
        ground="dd",
        reason="Cơ sở ngừng sản xuất sản phẩm (xác nhận của UBND xã) — demo",
        concluded_on=d_rev - dt.timedelta(days=4),
        province=province,
        signer_name="Nguyễn Văn Demo",
        signer_title="Phó Chủ tịch",
    )
    Decision.objects.filter(pk=decision.pk).update(is_demo=True)
    made.append(decision)
    return DemoCertificates(
        decisions=len(made),
        certificates=Certificate.objects.filter(Q(is_demo=True)).count(),
    )


def national_certificates_create(*, seed: int, today: dt.date) -> int:
    """Certificates for the national data set (bulk, deterministic): about 60 % of the active
    products, two provincial rounds a year over the last five years, every status represented.
    Returns the number of certificates created (0 when already present)."""
    import random

    from ocop.certification.rules import valid_until_for

    tag = f"N{seed}"
    if Decision.objects.filter(is_demo=True, source=tag).exists():
        return 0
    rng = random.Random(seed + 8)  # noqa: S311 - synthetic data, reproducible from the seed
    products = list(
        Product.objects.filter(
            is_demo=True, status=ProductStatus.ACTIVE, legacy_code__startswith=f"DEMO-N{seed}-"
        )
        .select_related("producer__address_province")
        .order_by("pk")
        .only("pk", "producer_id", "producer__address_province")
    )
    authorities_now = {
        a.unit_id: a
        for a in Authority.objects.filter(unit__map__code="2025", unit__level="province")
    }
    legacy_by_current: dict[int, Authority] = {}
    for a in (
        Authority.objects.filter(unit__map__code="legacy", unit__level="province")
        .select_related("successor")
        .order_by("unit__code")
    ):
        if a.successor is not None and a.successor.unit_id is not None:
            legacy_by_current.setdefault(a.successor.unit_id, a)
    rounds = []
    for years_back in range(5, -1, -1):
        for month, day in ((6, 20), (12, 20)):
            signed = dt.date(today.year - years_back, month, day)
            if signed <= today - dt.timedelta(days=10):
                rounds.append(signed)
    decisions: dict[tuple[int, dt.date], Decision] = {}
    chosen: list[tuple[Product, dt.date, int]] = []
    for product in products:
        if rng.random() >= 0.6 or product.producer.address_province is None:
            continue
        province_id = product.producer.address_province.pk
        signed = rng.choice(rounds)
        star = rng.choices((3, 4), (75, 25))[0]
        chosen.append((product, signed, star))
        if (province_id, signed) not in decisions:
            authority = (
                authorities_now[province_id]
                if signed >= REFORM
                else legacy_by_current.get(province_id, authorities_now[province_id])
            )
            decisions[(province_id, signed)] = Decision(
                kind="recognition",
                number=f"{len(decisions) + 1:04d}/QĐ-UBND",
                signed_on=signed,
                authority=authority,
                province_id=province_id,
                summary="(demo quốc gia)",
                is_legacy=signed < REFORM,
                is_demo=True,
                source=tag,
            )
    Decision.objects.bulk_create(list(decisions.values()), batch_size=1000)
    results: list[Result] = []
    for product, signed, star in chosen:
        edition, process = _rules(signed)
        decision = decisions[(product.producer.address_province.pk, signed)]  # type: ignore[union-attr]
        results.append(
            Result(
                decision=decision,
                product=product,
                producer_id=product.producer_id,
                star=star,
                score=Decimal(50 + rng.randint(0, 39)),
                edition=edition,
                process=process,
                round_year=signed.year,
            )
        )
    Result.objects.bulk_create(results, batch_size=1000)
    certificates: list[Certificate] = []
    for n, result in enumerate(results, start=1):
        decision = result.decision
        certificates.append(
            Certificate(
                result=result,
                number=f"{n:05d}/{decision.signed_on.year}/GCN-OCOP-{tag}",  # type: ignore[union-attr]
                product_id=result.product_id,
                producer_id=result.producer_id,
                star=result.star or 3,
                edition=result.edition,
                process=result.process,
                score=result.score,
                decision=decision,
                round_year=result.round_year,
                valid_from=decision.signed_on,
                valid_until=valid_until_for(decision.signed_on),  # type: ignore[arg-type]
                is_demo=True,
            )
        )
    Certificate.objects.bulk_create(certificates, batch_size=1000)
    return len(certificates)
