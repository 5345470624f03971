"""Every figure of the programme JSON against counts worked out by hand (see conftest's table)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from ocop.products.models import Channel, IPTitle
from ocop.programme.models import CountingRule, Indicator, Period
from ocop.programme.selectors import programme_figures, report_params
from ocop.testing import as_system, current_unit, legacy_unit

pytestmark = pytest.mark.django_db
D = dt.date


def run_json(*args: str) -> dict:
    out = io.StringIO()
    call_command("report", "programme", *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def by_key(data: dict, records: dict) -> dict:
    names = {p.pk: p.name for p in records.values()}
    producers = {}
    for p in records.values():
        producers.setdefault(p.producer_id, p.producer.name)
    result = {}
    for f in data["figures"]:
        subject = producers if f["key"].startswith("producers.") else names
        result[f["key"]] = (f["value"], sorted(subject.get(pk, pk) for pk in f["records"]))
    return result


def _sorted(*labels: str) -> list[str]:
    return sorted(labels)


A = "Hợp tác xã Dừa sáp Phong Phú"
B = "Công ty TNHH Cầu Quan"
C = "Hộ kinh doanh Năm Lành"
DN = "DNTN Xuân Thạnh"
E = "Hợp tác xã Hòa Ân"


def test_a_freshly_migrated_database_can_report():
    assert list(Period.objects.values_list("code", flat=True)) == [
        "2018-2020",
        "2019-2021",
        "2021-2025",
        "2022-2025",
        "2026-2030",
    ]
    assert CountingRule.objects.get(code="rated-in-period").ref == "rated-in-period/v1"
    assert Indicator.objects.filter(key="products.rated.total").exists()
    data = run_json(
        "--period", "2019-2021", "--unit", "84", "--map", "legacy", "--as-of", "2022-02-21"
    )
    assert data["figures"][0] == {
        "key": "products.rated.total",
        "label": "Sản phẩm được đánh giá, công nhận đạt từ 3 sao trở lên",
        "value": 0,
        "rule": "rated-in-period/v1",
        "records": [],
    }


def test_legacy_tra_vinh_2019_2021_as_of_the_seed_report(records):
    with as_system():
        Channel.objects.create(product=records["P1"], kind="supermarket", partner_name="Co.op")
        Channel.objects.create(
            product=records["P5"],
            kind="ecommerce",
            partner_name="Sàn",
            contract_end=D(2021, 12, 31),
        )
        IPTitle.objects.create(producer=records["P1"].producer, kind="trademark_registration")
        IPTitle.objects.create(
            producer=records["P3"].producer, product=records["P3"], kind="gi_use_right"
        )
    data = run_json(
        "--period", "2019-2021", "--unit", "84", "--map", "legacy", "--as-of", "2022-02-21"
    )
    assert set(data) == {"figures"}
    assert all(set(f) == {"key", "label", "value", "rule", "records"} for f in data["figures"])
    got = by_key(data, records)
    counted = _sorted(
        "Dừa sáp",
        "Kẹo dừa",
        "Mắm ba khía",
        "Bánh tét lá cẩm",
        "Trà mãng cầu",
        "Chuối sấy",
        "Cốm dẹp",
        "Rượu Xuân Thạnh",
        "Mật hoa dừa",
        "Dừa sáp cao cấp",
    )
    expected = {
        "products.rated.total": (10, counted),
        "products.rated.new": (
            8,
            _sorted(
                "Dừa sáp",
                "Kẹo dừa",
                "Bánh tét lá cẩm",
                "Chuối sấy",
                "Cốm dẹp",
                "Rượu Xuân Thạnh",
                "Mật hoa dừa",
                "Dừa sáp cao cấp",
            ),
        ),
        "products.rated.upgraded": (1, ["Mắm ba khía"]),
        "products.rated.rerated": (1, ["Trà mãng cầu"]),
        "products.rated.by_star.3": (
            6,
            _sorted(
                "Dừa sáp", "Trà mãng cầu", "Chuối sấy", "Cốm dẹp", "Rượu Xuân Thạnh", "Mật hoa dừa"
            ),
        ),
        "products.rated.by_star.4": (2, _sorted("Kẹo dừa", "Mắm ba khía")),
        "products.rated.by_star.5": (1, ["Dừa sáp cao cấp"]),
        "products.rated.potential_5": (1, ["Bánh tét lá cẩm"]),
        "products.rated.by_set.1": (
            8,
            _sorted(
                "Dừa sáp",
                "Mắm ba khía",
                "Trà mãng cầu",
                "Chuối sấy",
                "Cốm dẹp",
                "Rượu Xuân Thạnh",
                "Mật hoa dừa",
                "Dừa sáp cao cấp",
            ),
        ),
        "products.rated.by_set.7": (2, _sorted("Kẹo dừa", "Bánh tét lá cẩm")),
        "products.rated.by_year.2020": (3, _sorted("Dừa sáp", "Mắm ba khía", "Dừa sáp cao cấp")),
        "products.rated.by_year.2021": (
            6,
            _sorted(
                "Kẹo dừa", "Bánh tét lá cẩm", "Trà mãng cầu", "Chuối sấy", "Cốm dẹp", "Mật hoa dừa"
            ),
        ),
        "products.rated.by_year.unknown": (1, ["Rượu Xuân Thạnh"]),
        # legacy districts: Càng Long (844), Cầu Kè (845), Tiểu Cần (846)
        "products.rated.by_place.844": (
            4,
            _sorted("Trà mãng cầu", "Chuối sấy", "Cốm dẹp", "Rượu Xuân Thạnh"),
        ),
        "products.rated.by_place.845": (
            4,
            _sorted("Dừa sáp", "Kẹo dừa", "Mật hoa dừa", "Dừa sáp cao cấp"),
        ),
        "products.rated.by_place.846": (2, _sorted("Mắm ba khía", "Bánh tét lá cẩm")),
        "producers.total": (5, _sorted(A, B, C, DN, E)),
        "producers.by_legal_form.cooperative": (2, _sorted(A, E)),
        "producers.by_legal_form.company_llc": (1, [B]),
        "producers.by_legal_form.private_enterprise": (1, [DN]),
        "producers.by_legal_form.business_household": (1, [C]),
        "producers.cooperative_share": (40.0, _sorted(A, E)),
        # any year up to the as-of date: P12 (decided 20/01/2022) counts, P6 (revoked) does not
        "communes.with_product": (
            4,
            _sorted(
                "Dừa sáp",
                "Kẹo dừa",
                "Mắm ba khía",
                "Bánh tét lá cẩm",
                "Trà mãng cầu",
                "Chuối sấy",
                "Cốm dẹp",
                "Rượu Xuân Thạnh",
                "Mật hoa dừa",
                "Khô cá lóc",
                "Dừa sáp cao cấp",
            ),
        ),
        "communes.without_product": (100, []),  # legacy Trà Vinh had 104 communes
        "communes.with_key_product": (0, []),
        "products.modern_channels": (1, ["Dừa sáp"]),
        "products.trademark": (3, _sorted("Dừa sáp", "Kẹo dừa", "Dừa sáp cao cấp")),
        "products.geographical_indication": (1, ["Mắm ba khía"]),
        "certificates.expiring": (0, []),
        "certificates.expired": (0, []),
    }
    assert got == expected
    rules = {f["key"]: f["rule"] for f in data["figures"]}
    assert rules["products.rated.by_star.4"] == "rated-in-period/v1"
    assert rules["products.rated.new"] == "new-in-period/v1"
    assert rules["producers.total"] == "producers-of-rated/v1"
    # by star adds up to the total (potential 5★ never counted as 4★ or 5★)
    stars = sum(got[k][0] for k in got if k.startswith("products.rated.by_star."))
    assert stars + got["products.rated.potential_5"][0] == 10


def test_as_of_mid_2021_sees_the_state_on_that_day(records):
    got = by_key(
        run_json(
            "--period", "2019-2021", "--unit", "84", "--map", "legacy", "--as-of", "30/06/2021"
        ),
        records,
    )
    # P2 still 3★ (upgraded in September), P6 not yet revoked; P8 (a 2021 decision known only to
    # its year), P9 (known only to 2019–2021) and P10 (decided in 2022) are not yet known.
    assert got["products.rated.total"] == (
        8,
        _sorted(
            "Dừa sáp",
            "Kẹo dừa",
            "Mắm ba khía",
            "Bánh tét lá cẩm",
            "Trà mãng cầu",
            "Bánh canh",
            "Chuối sấy",
            "Dừa sáp cao cấp",
        ),
    )
    assert got["products.rated.by_star.3"][0] == 5
    assert got["products.rated.by_star.4"] == (1, ["Mắm ba khía"])
    assert got["products.rated.by_star.5"] == (1, ["Dừa sáp cao cấp"])
    assert got["products.rated.potential_5"] == (1, ["Bánh tét lá cẩm"])


def test_expiring_and_expired_certificates_as_of_2024(records):
    got = by_key(
        run_json(
            "--period", "2019-2021", "--unit", "84", "--map", "legacy", "--as-of", "2024-01-01"
        ),
        records,
    )
    # P7 revoked on 01/03/2022; P11 (round year 2021, decided 10/03/2022) now counts
    assert got["products.rated.total"][0] == 10
    assert "Tôm khô" in got["products.rated.total"][1]
    assert "Chuối sấy" not in got["products.rated.total"][1]
    # valid 36 months: P1 to 15/06/2023, P3 to 15/07/2023, P15 to 01/12/2023 → expired;
    # P4 to 30/03/2024 and P5 to 01/05/2024 → within 180 days → expiring
    assert got["certificates.expired"] == (3, _sorted("Dừa sáp", "Mắm ba khía", "Dừa sáp cao cấp"))
    assert got["certificates.expiring"] == (2, _sorted("Bánh tét lá cẩm", "Trà mãng cầu"))


def test_todays_vinh_long_includes_the_merged_provinces_grouped_by_todays_communes(records):
    got = by_key(
        run_json("--period", "2019-2021", "--unit", "86", "--as-of", "2022-02-21"), records
    )
    assert got["products.rated.total"][0] == 12
    assert {"Nem Lai Vung", "Kẹo dừa Bến Tre"} <= set(got["products.rated.total"][1])
    places = {k: v for k, v in got.items() if k.startswith("products.rated.by_place.")}
    # xã Phong Phú → xã Phong Thạnh (29329); Hòa Ân, Cầu Quan, Càng Long → their new communes
    assert places["products.rated.by_place.29329"] == (
        3,
        _sorted("Dừa sáp", "Kẹo dừa", "Dừa sáp cao cấp"),
    )
    assert sum(v[0] for v in places.values()) == 12
    assert got["communes.without_product"][0] == 124 - got["communes.with_product"][0]


def test_rerunning_on_the_same_data_gives_identical_json(records):
    args = ("--period", "2019-2021", "--unit", "84", "--map", "legacy", "--as-of", "2022-02-21")
    out1, out2 = io.StringIO(), io.StringIO()
    call_command("report", "programme", *args, stdout=out1)
    call_command("report", "programme", *args, stdout=out2)
    assert out1.getvalue() == out2.getvalue()
    assert out1.getvalue().startswith('{\n  "figures": [')


def test_the_selector_and_the_command_agree(records):
    params = report_params(
        period_code="2019-2021", unit_code="84", map_name="legacy", as_of=D(2022, 2, 21)
    )
    result = programme_figures(user=None, params=params)
    assert result.as_json() == run_json(
        "--period", "2019-2021", "--unit", "84", "--map", "legacy", "--as-of", "2022-02-21"
    )
    assert params.unit == legacy_unit("province", "84")
    assert report_params(
        period_code="2019-2021", unit_code="86", map_name="current", as_of=D(2026, 1, 1)
    ).unit == current_unit("province", "86")


def test_a_legacy_district_as_the_province_reported_then(records):
    got = by_key(
        run_json(
            "--period", "2019-2021", "--unit", "845", "--map", "legacy", "--as-of", "2022-02-21"
        ),
        records,
    )
    # huyện Cầu Kè: P1, P2, P15 (xã Phong Phú) and P10 (xã Hòa Ân); 11 communes, 2 with a product
    assert got["products.rated.total"] == (
        4,
        _sorted("Dừa sáp", "Kẹo dừa", "Mật hoa dừa", "Dừa sáp cao cấp"),
    )
    assert got["communes.with_product"][0] == 2
    assert got["communes.without_product"][0] == 9
    assert got["producers.total"] == (2, _sorted(A, E))


def test_dossiers_in_the_pipeline_by_status(records, national):
    from ocop.evaluation.dossiers.models import Dossier

    tra_vinh = legacy_unit("province", "84")
    with as_system():
        for label, status in (("P1", "submitted"), ("P3", "forwarded"), ("P5", "draft")):
            product = records[label]
            Dossier.objects.create(
                product=product,
                producer=product.producer,
                kind="first",
                status=status,
                commune=product.origin_unit,
                province=tra_vinh,
                unit_name=product.producer.name,
                representative_name="Nguyễn Văn A",
                created_by=national,
            )
    got = by_key(
        run_json(
            "--period", "2019-2021", "--unit", "84", "--map", "legacy", "--as-of", "2022-02-21"
        ),
        records,
    )
    dossiers = {k: v for k, v in got.items() if k.startswith("dossiers.")}
    # a draft is not yet in the pipeline
    assert dossiers == {
        "dossiers.by_status.submitted": (1, ["Dừa sáp"]),
        "dossiers.by_status.forwarded": (1, ["Mắm ba khía"]),
    }
