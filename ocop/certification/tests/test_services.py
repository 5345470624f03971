"""Recording decisions and certificates, supersession, revocation, bad input (issue #8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ocop.certification.models import Certificate, CertificateEvent, Decision, Result
from ocop.certification.selectors import (
    certificate_status,
    certificates_with_status,
    product_awaiting_national,
)
from ocop.certification.services import (
    ResultInput,
    certificate_revoke,
    decision_record,
    number_template_set,
)
from ocop.core.errors import DomainError, PermissionDenied
from ocop.products.choices import ProductStatus
from ocop.testing import current_unit, make_user

pytestmark = pytest.mark.django_db
D = dt.date


def _counts():
    return (
        Decision.objects.count(),
        Result.objects.count(),
        Certificate.objects.count(),
        CertificateEvent.objects.count(),
    )


DAY = D(2026, 6, 20)


def _record(office, authority, province, items, number="15/QĐ-UBND", day=DAY, **kw):
    return decision_record(
        actor=office,
        kind=kw.pop("kind", "recognition"),
        number=number,
        signed_on=day,
        authority=authority,
        province=province,
        signer_name="Nguyễn Văn A",
        signer_title="Phó Chủ tịch",
        items=items,
        **kw,
    )


def test_a_decision_with_many_products_gives_one_certificate_each(
    office, ubnd_vinh_long, province, two_products
):
    coconut, candy = two_products
    decision = _record(
        office,
        ubnd_vinh_long,
        province,
        [
            ResultInput(product=coconut, star=4, score=Decimal("78.50"), round_year=2026),
            ResultInput(product=candy, star=3, score=Decimal("61")),
        ],
    )
    certs = list(Certificate.objects.filter(decision=decision).order_by("number"))
    assert [c.number for c in certs] == ["001/2026/GCN-OCOP-86", "002/2026/GCN-OCOP-86"]
    assert {c.product_id: c.star for c in certs} == {coconut.pk: 4, candy.pk: 3}
    assert all(c.valid_until == D(2029, 6, 20) and c.valid_from == D(2026, 6, 20) for c in certs)
    coconut.refresh_from_db()
    assert coconut.status == ProductStatus.ACTIVE  # a draft product became active
    assert certificate_status(certs[0], on=D(2026, 12, 1)) == "valid"


def test_the_number_template_is_the_office_s(office, ubnd_vinh_long, province, two_products):
    number_template_set(actor=office, province=province, template="{T}-{YY}-{NNNN}")
    _record(office, ubnd_vinh_long, province, [ResultInput(product=two_products[0], star=3)])
    assert Certificate.objects.get().number == "86-26-0001"
    with pytest.raises(DomainError):
        number_template_set(actor=office, province=province, template="{T}-{YEAR}")


def test_a_rerating_supersedes_the_previous_certificate(
    office, ubnd_vinh_long, province, two_products
):
    coconut = two_products[0]
    _record(office, ubnd_vinh_long, province, [ResultInput(product=coconut, star=3)])
    first = Certificate.objects.get()
    _record(
        office,
        ubnd_vinh_long,
        province,
        [ResultInput(product=coconut, star=4, rating_kind="upgrade")],
        number="40/QĐ-UBND",
        day=D(2026, 11, 2),
    )
    second = Certificate.objects.exclude(pk=first.pk).get()
    assert second.supersedes_id == first.pk
    assert certificate_status(first, on=D(2026, 11, 1)) == "valid"
    assert certificate_status(first, on=D(2026, 11, 2)) == "superseded"
    rows = dict(
        certificates_with_status(Certificate.objects.all(), on=D(2026, 11, 2)).values_list(
            "pk", "status_code"
        )
    )
    assert rows == {first.pk: "superseded", second.pk: "valid"}


def test_database_status_agrees_with_the_rules_through_time(
    office, ubnd_vinh_long, province, two_products
):
    _record(office, ubnd_vinh_long, province, [ResultInput(product=two_products[0], star=3)])
    cert = Certificate.objects.get()
    for day, expected in [
        (D(2028, 12, 21), "valid"),  # 20/06/2029 − 181 days
        (D(2028, 12, 22), "expiring"),  # − 180 days
        (D(2029, 6, 20), "expiring"),
        (D(2029, 6, 21), "expired"),
    ]:
        annotated = certificates_with_status(Certificate.objects.all(), on=day).get()
        assert (annotated.status_code, certificate_status(cert, on=day)) == (expected, expected)


def test_potential_5_under_26_2026_is_a_result_approval_without_certificate(
    office, ubnd_vinh_long, province, two_products
):
    coconut = two_products[0]
    _record(
        office,
        ubnd_vinh_long,
        province,
        [ResultInput(product=coconut, star=None, potential_5=True, score=Decimal("91.5"))],
        kind="result_approval",
    )
    assert Certificate.objects.count() == 0
    assert Result.objects.get().potential_5 is True
    assert product_awaiting_national(coconut) is True


def test_potential_5_under_148_gets_a_four_star_certificate(
    office, ubnd_tra_vinh, province, two_products
):
    coconut, candy = two_products
    # 612/QĐ-UBND of 30/3/2021 listed products of both kinds.
    _record(
        office,
        ubnd_tra_vinh,
        province,
        [
            ResultInput(
                product=coconut,
                star=4,
                potential_5=True,
                edition="1048-2019",
                process="1048-2019",
                round_year=2020,
            ),
            ResultInput(product=candy, star=3, edition="1048-2019", process="1048-2019"),
        ],
        number="612/QĐ-UBND",
        day=D(2021, 3, 30),
        is_legacy=True,
    )
    cert = Certificate.objects.get(product=coconut)
    assert (cert.star, cert.result.potential_5, cert.valid_until) == (4, True, D(2024, 3, 30))
    assert product_awaiting_national(coconut) is True


@pytest.mark.parametrize(
    ("items_kw", "message"),
    [
        ({"star": 2}, "chỉ công nhận sản phẩm đạt từ 3 đến 5 sao"),
        ({"star": 5}, "sản phẩm 5 sao do Bộ công nhận"),
        ({"star": 4, "potential_5": True}, "theo QĐ 26/2026"),
        ({"star": 3, "valid_until": D(2026, 6, 19)}, "trước ngày ký quyết định"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    office, ubnd_vinh_long, province, two_products, items_kw, message
):
    before = _counts()
    with pytest.raises(DomainError, match=message):
        _record(
            office, ubnd_vinh_long, province, [ResultInput(product=two_products[0], **items_kw)]
        )
    assert _counts() == before


def test_a_second_certificate_for_the_same_product_and_decision_is_refused(
    office, ubnd_vinh_long, province, two_products
):
    coconut = two_products[0]
    before = _counts()
    with pytest.raises(DomainError, match="có hai lần trong quyết định"):
        _record(
            office,
            ubnd_vinh_long,
            province,
            [ResultInput(product=coconut, star=3), ResultInput(product=coconut, star=4)],
        )
    assert _counts() == before
    _record(office, ubnd_vinh_long, province, [ResultInput(product=coconut, star=3)])
    before = _counts()
    with pytest.raises(DomainError, match="đã được ghi nhận"):
        _record(office, ubnd_vinh_long, province, [ResultInput(product=coconut, star=3)])
    assert _counts() == before


def test_an_authority_not_in_force_is_refused(office, ubnd_tra_vinh, province, two_products):
    before = _counts()
    with pytest.raises(DomainError, match="không còn \\(hoặc chưa\\) hoạt động"):
        _record(office, ubnd_tra_vinh, province, [ResultInput(product=two_products[0], star=3)])
    assert _counts() == before


def test_an_office_outside_the_province_cannot_record(ubnd_vinh_long, province, two_products):
    other = make_user("office79", role="province_office", units=[current_unit("province", "79")])
    commune = make_user("xa", role="commune_officer", units=[current_unit("commune", "29308")])
    for actor in (other, commune):
        with pytest.raises(PermissionDenied):
            _record(actor, ubnd_vinh_long, province, [ResultInput(product=two_products[0], star=3)])
    assert Decision.objects.count() == 0


def test_revocation_by_the_successor_of_a_legacy_district(
    office, ubnd_cau_ke, ubnd_vinh_long, province, two_products
):
    coconut = two_products[0]
    _record(
        office,
        ubnd_cau_ke,
        province,
        [ResultInput(product=coconut, star=3, edition="148-2023", process="148-2023")],
        number="4894/QĐ-UBND",
        day=D(2024, 11, 12),
        is_legacy=True,
    )
    cert = Certificate.objects.get()
    before = _counts()
    with pytest.raises(DomainError, match="không có thẩm quyền"):
        certificate_revoke(
            actor=office,
            certificates=[cert],
            number="9/QĐ-UBND",
            signed_on=D(2026, 10, 5),
            ground="dd",
            reason="Ngừng sản xuất",
            concluded_on=D(2026, 10, 1),
            province=province,
            authority=ubnd_cau_ke,
        )
    assert _counts() == before
    decision = certificate_revoke(
        actor=office,
        certificates=[cert],
        number="9/QĐ-UBND",
        signed_on=D(2026, 10, 5),
        ground="dd",
        reason="Ngừng sản xuất",
        concluded_on=D(2026, 10, 1),
        province=province,
    )
    assert decision.authority == ubnd_vinh_long
    cert.refresh_from_db()
    assert certificate_status(cert, on=D(2026, 10, 4)) == "valid"
    assert certificate_status(cert, on=D(2026, 10, 5)) == "revoked"
    before = _counts()
    with pytest.raises(DomainError, match="đã bị thu hồi"):
        certificate_revoke(
            actor=office,
            certificates=[cert],
            number="10/QĐ-UBND",
            signed_on=D(2026, 10, 6),
            ground="dd",
            reason="Ngừng sản xuất",
            concluded_on=D(2026, 10, 1),
            province=province,
        )
    assert _counts() == before


def test_a_legacy_record_known_to_a_year_has_no_full_date(
    office, ubnd_tra_vinh, province, two_products
):
    _record(
        office,
        ubnd_tra_vinh,
        province,
        [ResultInput(product=two_products[0], star=3, edition="1048-2019", process="1048-2019")],
        number="Không rõ",
        day=D(2020, 1, 1),
        date_precision="year",
        is_legacy=True,
    )
    cert = Certificate.objects.get()
    assert (cert.valid_from, cert.valid_until, cert.number_printed) == (None, None, False)
    assert cert.number.startswith("HT-86-")
    assert certificate_status(cert, on=D(2026, 1, 1)) == "unknown"
