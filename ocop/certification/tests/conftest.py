from __future__ import annotations

import datetime as dt

import pytest

from ocop.geo.models import Authority
from ocop.testing import current_unit, legacy_unit, make_producer, make_product, make_user


@pytest.fixture
def province():
    return current_unit("province", "86")


@pytest.fixture
def office(province):
    return make_user("office86", role="province_office", units=[province])


@pytest.fixture
def ubnd_vinh_long(province):
    return Authority.objects.get(name="UBND tỉnh Vĩnh Long", unit=province)


@pytest.fixture
def ubnd_cau_ke():
    return Authority.objects.get(name="UBND huyện Cầu Kè", unit=legacy_unit("district", "845"))


@pytest.fixture
def ubnd_tra_vinh():
    return Authority.objects.get(name="UBND tỉnh Trà Vinh", unit=legacy_unit("province", "84"))


@pytest.fixture
def mae():
    return Authority.objects.get(name="Bộ Nông nghiệp và Môi trường")


@pytest.fixture
def two_products():
    producer = make_producer()
    return (
        make_product("Dừa sáp Cầu Kè", producer=producer),
        make_product("Kẹo dừa sáp", producer=producer, set_number=7),
    )


D = dt.date
