"""Round trip (issue 11, "Done when"): export → import into a database holding only reference
data → export again gives the same cells in the same order, compared cell by cell.

One source register is built (producers of several legal forms — a household with its
owner's personal data, an enterprise with its size, a producer on a legacy commune — their
products with sets and statuses, and certificates of three authorities — one product
re-rated, one legacy decision known only to a period —), the three
registers are exported as the provincial office sees them (``?export=xlsx``), the registry
tables are emptied (the reference data — map, authorities, product sets, criteria — stays, as
in a fresh database after ``ocop migrate`` and ``ocop geo load``), the three files are imported
by the office (producers, then products, then certificates, each an ordinary commit) and the
registers are exported again.

No column is excluded: ids never appear in the exports, and every exported cell is either
imported (name, legal form, size, tax number, representative and the personal fields, address,
commune code, phone, e-mail, dates, product set and status, star, score, round year, decision
number and date, authority, certificate number, valid-until) or derived from what was imported
the same way (province, criteria edition from the decision date, certificate status, the
product's head certificate). One limit, stated rather than hidden: the products' "Siêu thị" and
"Nhãn hiệu" columns are derived from distribution-channel and IP-title records (criteria 4.1,
3.5) that no register export carries; the source here has none, so they compare "Không" with
"Không", and a register with such records would come back without them.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.certification.services import ResultInput, decision_record
from ocop.core.audit import acting_as
from ocop.geo.models import Authority
from ocop.imports.plan import Options
from ocop.imports.services import import_commit
from ocop.testing import as_system, current_unit, legacy_unit, make_user

pytestmark = pytest.mark.django_db

REGISTERS = (
    ("producers", "producers:producer_list"),
    ("products", "products:product_list"),
    ("certificates", "certification:certificate_list"),
)


def _source(office):
    """The register of a province as it stands: built through the services, as the office."""
    from ocop.producers.services import ProducerData, producer_register
    from ocop.products.models import ProductSet
    from ocop.products.services import ProductData, product_create

    cau_ke = current_unit("commune", "29308")
    phong_thanh = legacy_unit("commune", "29329")  # legacy (before 01/07/2025), now in 86
    producers = {}
    with acting_as(office):
        for key, data in {
            "coop": ProducerData(
                name="Hợp tác xã Dừa sáp Cầu Kè",
                legal_form="cooperative",
                address_unit=cau_ke,
                tax_code="0300588569",
                representative_name="Thạch Thị Hạnh",
                representative_title="Giám đốc",
                representative_gender="female",
                representative_ethnicity="Khmer",
                representative_has_disability=False,
                representative_personal_id="084190000123",
                address_detail="Ấp Mỹ Văn",
                phone="0294 3855 123",
                email="htx@example.vn",
                founded_on=dt.date(2015, 3, 9),
                registered_on=dt.date(2015, 4, 1),
            ),
            "company": ProducerData(
                name="Công ty TNHH Trà Vinh Farm",
                legal_form="company_llc",
                enterprise_size="small",
                address_unit=cau_ke,
                tax_code="2100123457",
                representative_name="Nguyễn Văn Tâm",
                representative_title="Giám đốc",
                representative_gender="male",
                representative_ethnicity="Kinh",
                address_detail="Quốc lộ 54",
                founded_on=dt.date(2018, 6, 1),
                registered_on=dt.date(2018, 6, 15),
            ),
            "household": ProducerData(
                name="Hộ kinh doanh Bánh tét Trà Cuôn",
                legal_form="business_household",
                address_unit=phong_thanh,
                tax_code="084085000456",
                representative_name="Kim Sóc",
                representative_gender="male",
                representative_ethnicity="Khmer",
                representative_has_disability=True,
                representative_personal_id="084085000456",
                registered_on=dt.date(2019, 8, 20),
            ),
            "group": ProducerData(
                name="Tổ hợp tác Mật ong Cầu Kè",
                legal_form="cooperative_group",
                address_unit=cau_ke,
                representative_name="Lê Thị Mai",
            ),
        }.items():
            producers[key] = producer_register(actor=office, data=data)

        def product(name, producer, set_number, status="draft"):
            return product_create(
                actor=office,
                data=ProductData(
                    name=name,
                    producer=producer,
                    origin_unit=producer.address_unit,
                    product_set=ProductSet.objects.get(number=set_number),
                    status=status,
                ),
            )

        products = {
            "dua": product("Dừa sáp Cầu Kè", producers["coop"], 1),
            "keo": product("Kẹo dừa sáp", producers["coop"], 7),
            "tra": product("Trà mãng cầu", producers["company"], 9),
            "banh": product("Bánh tét lá cẩm", producers["household"], 7),
            "mat": product("Mật ong hoa nhãn", producers["group"], 2, status="discontinued"),
            "dua2": product("Dừa sáp Cầu Kè", producers["group"], 1),  # the same name elsewhere
        }
    province = current_unit("province", "86")
    tra_vinh = Authority.objects.get(name="UBND tỉnh Trà Vinh")
    vinh_long = Authority.objects.get(name="UBND tỉnh Vĩnh Long", unit=province)
    ministry = Authority.objects.get(name="Bộ Nông nghiệp và Môi trường")
    # A legacy decision of Trà Vinh (QĐ 1048/2019 edition), with certificate numbers as printed.
    decision_record(
        actor=office,
        kind="recognition",
        number="612/QĐ-UBND",
        signed_on=dt.date(2021, 3, 30),
        authority=tra_vinh,
        province=province,
        is_legacy=True,
        items=[
            ResultInput(
                product=products["dua"],
                star=3,
                score=Decimal("62.5"),
                edition="1048-2019",
                process="1048-2019",
                round_year=2020,
                certificate_number="TV-2021-001",
            ),
            ResultInput(
                product=products["banh"],
                star=3,
                score=Decimal("58"),
                edition="1048-2019",
                process="1048-2019",
                round_year=2020,
                certificate_number="TV-2021-002",
            ),
        ],
    )
    # A legacy decision known only to the period of the list it came from (QĐ 1048/2019).
    decision_record(
        actor=office,
        kind="recognition",
        number="35/QĐ-UBND",
        signed_on=dt.date(2019, 1, 1),
        date_precision="period",
        date_until=dt.date(2021, 12, 31),
        authority=tra_vinh,
        province=province,
        is_legacy=True,
        items=[
            ResultInput(
                product=products["mat"],
                star=3,
                edition="1048-2019",
                process="1048-2019",
                certificate_number="TV-35-01",
            ),
        ],
    )
    # Today's province: Dừa sáp re-rated 4★ (supersedes its 3★), Trà mãng cầu 3★.
    decision_record(
        actor=office,
        kind="recognition",
        number="1450/QĐ-UBND",
        signed_on=dt.date(2026, 6, 15),
        authority=vinh_long,
        province=province,
        items=[
            ResultInput(product=products["dua"], star=4, score=Decimal("84"), round_year=2026),
            ResultInput(product=products["tra"], star=3, score=Decimal("71.25"), round_year=2026),
            ResultInput(product=products["dua2"], star=3, score=Decimal("66"), round_year=2026),
        ],
    )
    # The ministry's 5★.
    decision_record(
        actor=office,
        kind="recognition",
        number="88/QĐ-BNNMT",
        signed_on=dt.date(2026, 9, 2),
        authority=ministry,
        province=province,
        items=[
            ResultInput(product=products["keo"], star=5, score=Decimal("92"), round_year=2026),
        ],
    )


def _export(client, url_name):
    response = client.get(reverse(url_name), {"export": "xlsx"})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _cells(data):
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def _empty_registry():
    """Leave only the reference data, as in a fresh database (``migrate`` + ``geo load``)."""
    from auditlog.models import LogEntry

    from ocop.certification.models import (
        Certificate,
        CertificateEvent,
        CertificateSerial,
        Decision,
        Result,
    )
    from ocop.imports.models import ImportBatch
    from ocop.producers.models import Producer
    from ocop.products.models import Product

    CertificateEvent.objects.all().delete()
    Certificate.objects.update(supersedes=None)
    Certificate.objects.all().delete()
    Result.objects.all().delete()
    Decision.objects.all().delete()
    CertificateSerial.objects.all().delete()
    Product.objects.all().delete()
    Producer.objects.all().delete()
    ImportBatch.objects.all().delete()
    LogEntry.objects.all().delete()


@time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_export_import_export_gives_the_same_cells(client):
    from ocop.certification.models import Certificate
    from ocop.producers.models import Producer
    from ocop.products.models import Product

    office = make_user("tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    _source(office)
    client.force_login(office)
    before = {kind: _export(client, url) for kind, url in REGISTERS}
    cells_before = {kind: _cells(data) for kind, data in before.items()}
    # the files hold what the test built (a register cannot round-trip emptily)
    assert [len(cells_before[k]) for k, _url in REGISTERS] == [5, 7, 8]
    assert cells_before["producers"][2][8] == "Có"  # the household's disability (sensitive)

    with as_system():
        _empty_registry()
    assert not Producer.objects.exists()
    assert not Product.objects.exists()
    assert not Certificate.objects.exists()

    for kind, _url in REGISTERS:
        result = import_commit(
            actor=office,
            data=before[kind],
            filename=f"{kind}.xlsx",
            options=Options(kind=kind, context={"province": "86"}),
        )
        assert result.plan.counts["error"] == 0, result.plan.as_json()
    assert (Producer.objects.count(), Product.objects.count(), Certificate.objects.count()) == (
        4,
        6,
        7,
    )

    for kind, url in REGISTERS:
        after = _cells(_export(client, url))
        assert len(after) == len(cells_before[kind]), kind
        for r, (row_before, row_after) in enumerate(zip(cells_before[kind], after, strict=True)):
            for c, (a, b) in enumerate(zip(row_before, row_after, strict=True)):
                assert a == b, (
                    f"{kind} row {r + 1} column “{cells_before[kind][0][c]}”: {a!r} ≠ {b!r}"
                )
