"""Targets and key products (issue 12 items 1 and 7): permission matrices, bad input, and the
seed's two targets measured against figures computed from the records."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.core.audit import acting_as
from ocop.programme.models import Indicator, KeyProduct, Period, Target
from ocop.programme.selectors import programme_figures, report_params
from ocop.programme.services import key_product_mark, target_set
from ocop.testing import current_unit, legacy_unit, make_user

pytestmark = pytest.mark.django_db

TARGETS = "programme:target_list"
KEYS = "programme:key_product_list"
NEW_100 = {
    "unit_map": "legacy",
    "unit_code": "84",
    "value": "100",
    "source": "Nghị quyết của Tỉnh ủy Trà Vinh",
}


def _target_post(indicator="products.rated.new", period="2022-2025", **extra):
    return {
        **NEW_100,
        "indicator": Indicator.objects.get(key=indicator).pk,
        "period": Period.objects.get(code=period).pk,
        **extra,
    }


def test_target_permission_matrix(client):
    post = _target_post()
    assert client.post(reverse(TARGETS), post).status_code == 302  # to the login page
    client.force_login(
        make_user("xa", role=Role.COMMUNE_OFFICER, units=[current_unit("commune", "29308")])
    )
    assert client.post(reverse(TARGETS), post).status_code == 403
    client.force_login(
        make_user("hn", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "01")])
    )
    assert client.post(reverse(TARGETS), post).status_code == 403
    assert Target.objects.count() == 0
    client.force_login(
        make_user("vl", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    )
    response = client.post(reverse(TARGETS), post)
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.unit, target.value, target.period.code) == (
        legacy_unit("province", "84"),
        Decimal(100),
        "2022-2025",
    )
    html = client.get(reverse(TARGETS)).content.decode()
    assert "Sản phẩm mới được công nhận lần đầu" in html


def test_bad_targets_change_nothing(client):
    client.force_login(
        make_user("vl", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])
    )
    html = client.post(reverse(TARGETS), _target_post(value="-1")).content.decode()
    assert "Chỉ tiêu kế hoạch là một số không âm." in html
    html = client.post(
        reverse(TARGETS), _target_post(indicator="producers.cooperative_share", value="140")
    ).content.decode()
    assert "Tỷ lệ không vượt quá 100%." in html
    html = client.post(reverse(TARGETS), _target_post(unit_code="99")).content.decode()
    assert "Không có đơn vị đúng cấp nào có mã “99” trên bản đồ đã chọn." in html
    assert Target.objects.count() == 0


def test_key_product_permission_matrix(client):
    post = {"unit_map": "legacy", "unit_code": "29326", "name": "Dừa sáp", "year": "2022"}
    assert client.post(reverse(KEYS), post).status_code == 302
    client.force_login(make_user("chuthe", role=Role.PRODUCER))
    assert client.post(reverse(KEYS), post).status_code == 403
    client.force_login(
        make_user("xa-khac", role=Role.COMMUNE_OFFICER, units=[current_unit("commune", "29308")])
    )
    assert client.post(reverse(KEYS), post).status_code == 403
    assert KeyProduct.objects.count() == 0
    # xã Phong Phú (legacy) passed into today's xã Phong Thạnh: its officer acts for it
    client.force_login(
        make_user("xa", role=Role.COMMUNE_OFFICER, units=[current_unit("commune", "29329")])
    )
    assert client.post(reverse(KEYS), post).status_code == 302
    assert KeyProduct.objects.get().commune == legacy_unit("commune", "29326")
    html = client.post(reverse(KEYS), post).content.decode()
    assert "Xã Phong Phú đã có sản phẩm chủ lực “Dừa sáp”." in html
    assert KeyProduct.objects.count() == 1


def test_the_seeds_targets_against_the_records(records, national):
    """+100 new products in 2022–2025 and one key product per commune by 2030, set in 2022 on
    legacy Trà Vinh (104 communes). Of the records, only P12 (decided 20/01/2022, no round year)
    is new in 2022–2025; two communes have a key product."""
    tra_vinh = legacy_unit("province", "84")
    with acting_as(national):
        target_set(
            actor=national,
            indicator=Indicator.objects.get(key="products.rated.new"),
            period=Period.objects.get(code="2022-2025"),
            unit=tra_vinh,
            value=Decimal(100),
        )
        target_set(
            actor=national,
            indicator=Indicator.objects.get(key="communes.with_key_product"),
            period=Period.objects.get(code="2026-2030"),
            unit=tra_vinh,
            value=Decimal(104),
        )
        key_product_mark(
            actor=national,
            commune=legacy_unit("commune", "29326"),
            name="Dừa sáp",
            year=2022,
            product=records["P1"],
        )
        key_product_mark(
            actor=national, commune=legacy_unit("commune", "29344"), name="Mắm ba khía", year=2022
        )
        key_product_mark(
            actor=national, commune=legacy_unit("commune", "29266"), name="Bưởi", year=2027
        )
    params = report_params(
        period_code="2022-2025", unit_code="84", map_name="legacy", as_of=dt.date(2026, 1, 1)
    )
    result = programme_figures(user=None, params=params)
    assert result.value("products.rated.new") == 1
    assert result.get("products.rated.new").records == (records["P12"].pk,)
    (progress,) = result.progress
    assert (progress.actual, progress.percent, progress.remaining) == (1, 1.0, 99.0)
    params = report_params(
        period_code="2026-2030", unit_code="84", map_name="legacy", as_of=dt.date(2026, 1, 1)
    )
    result = programme_figures(user=None, params=params)
    (progress,) = result.progress
    # the 2027 mark does not count as of 2026
    assert (progress.actual, progress.percent) == (2, 1.9)
    assert result.get("communes.with_key_product").records == (records["P1"].pk,)
    assert result.communes_total == 104
    # today's map: xã Phong Phú → xã Phong Thạnh, xã Cầu Quan → its successor, in Vĩnh Long (86)
    params = report_params(
        period_code="2026-2030", unit_code="86", map_name="current", as_of=dt.date(2026, 1, 1)
    )
    assert programme_figures(user=None, params=params).value("communes.with_key_product") == 2


def test_the_demo_enters_the_seeds_targets_once():
    from django.core.management import call_command

    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())
    got = sorted(
        (t.indicator.key, t.period.code, t.unit.map.code, t.unit.code, t.value)
        for t in Target.objects.select_related("indicator", "period", "unit__map")
    )
    assert got == [
        ("communes.with_key_product", "2026-2030", "2025", "86", Decimal(124)),
        ("communes.with_key_product", "2026-2030", "legacy", "84", Decimal(104)),
        ("products.rated.new", "2022-2025", "legacy", "84", Decimal(100)),
    ]
