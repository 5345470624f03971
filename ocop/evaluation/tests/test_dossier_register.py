"""The register of dossiers on the shared list machinery (CONTRIBUTING "Lists"): filters, the
export of exactly what is filtered, constant queries, scope per role.

Two producers of xã Cầu Kè (29308, tỉnh Vĩnh Long) file on 01/10/2026: "Mứt gừng" is filed,
"Kẹo dừa" is received by the commune; a third, "Bánh tét", stays a draft.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest

from ocop.evaluation.dossiers.services import dossier_document_add, dossier_receive, dossier_submit
from ocop.evaluation.tests.dossier_kit import (
    D,
    commune_officer,
    doc,
    on_day,
    producer_with_product,
    province_office,
    ready_dossier,
)
from ocop.testing import make_user

pytestmark = pytest.mark.django_db
URL = "/ho-so/"
TODAY = D(2026, 10, 1)
HEADERS = [
    "Số hồ sơ",
    "Tên sản phẩm",
    "Tên chủ thể",
    "Loại hồ sơ",
    "Mã xã/phường",
    "Xã/Phường",
    "Tỉnh/Thành phố",
    "Ngày nộp",
    "Ngày chuyển lên tỉnh",
    "Trạng thái",
    "Đợt đánh giá",
    "Năm đánh giá",
]


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with on_day(TODAY):
        yield


def _filed(username, product_name, *, receive_by=None):
    user, product = producer_with_product(username, product_name)
    dossier = ready_dossier(user, product, unit_name=f"HTX {product_name}")
    dossier_document_add(actor=user, dossier=dossier, document=doc())
    dossier = dossier_submit(actor=user, dossier=dossier)
    if receive_by is not None:
        dossier = dossier_receive(actor=receive_by, dossier=dossier, samples_received=5)
    return user, dossier


@pytest.fixture
def register():
    xa = commune_officer()
    gung_user, gung = _filed("chuthe", "Mứt gừng")
    _dua_user, dua = _filed("chuthe.dua", "Kẹo dừa", receive_by=xa)
    tet_user, tet_product = producer_with_product("chuthe.tet", "Bánh tét")
    draft = ready_dossier(tet_user, tet_product)
    return {"xa": xa, "gung": gung, "dua": dua, "draft": draft, "gung_user": gung_user}


def _listed(html):
    return re.findall(r"<td>\s*(Mứt gừng|Kẹo dừa|Bánh tét)\s*</td>", html)


def _sheet(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_exported_cells_and_filters_kept(client, register):
    client.force_login(register["xa"])
    rows = _sheet(client.get(URL, {"export": "xlsx", "order": "product"}))
    assert rows[0] == HEADERS
    filed = dt.datetime(2026, 10, 1)  # noqa: DTZ001 - a date cell reads back as a datetime
    assert rows[1:] == [
        [register["dua"].pk, "Kẹo dừa", "HTX Kẹo dừa", "Lần đầu", "29308", "Xã Cầu Kè",
         "Tỉnh Vĩnh Long", filed, None, "UBND xã đã tiếp nhận", None, 2026],
        [register["gung"].pk, "Mứt gừng", "HTX Mứt gừng", "Lần đầu", "29308", "Xã Cầu Kè",
         "Tỉnh Vĩnh Long", filed, None, "Đã nộp cho UBND xã", None, None],
    ]  # fmt: skip
    # (the evaluation year is set when the commune receives the dossier)
    # the on-screen filters, kept in the export (CSV: dates dd/mm/yyyy)
    response = client.get(URL, {"status": "submitted", "export": "csv"})
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [line[1] for line in lines[1:]] == ["Mứt gừng"]
    assert lines[1][7] == "01/10/2026"
    assert _listed(client.get(URL, {"q": "keo dua"}).content.decode()) == ["Kẹo dừa"]
    assert _listed(client.get(URL, {"q": "htx mut"}).content.decode()) == ["Mứt gừng"]
    assert _listed(client.get(URL, {"kind": "upgrade"}).content.decode()) == []
    assert _listed(client.get(URL, {"commune": "29308", "order": "product"}).content.decode()) == [
        "Kẹo dừa",
        "Mứt gừng",
    ]
    assert _listed(client.get(URL, {"commune": "00001"}).content.decode()) == []
    page = client.get(URL, {"commune": "abc"}).content.decode()
    assert "Mã xã có 5 chữ số" in page
    assert _listed(client.get(URL, {"queue": "to_receive"}).content.decode()) == ["Mứt gừng"]


def test_scope_per_role(client, register):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]
    expected = {
        register["xa"]: ["Kẹo dừa", "Mứt gừng"],
        commune_officer("xa.khac", "29242"): [],
        province_office(): ["Kẹo dừa", "Mứt gừng"],  # drafts stay with the producer
        province_office("tinh.hanoi", "01"): [],
        make_user("quocgia", role="national_office"): ["Kẹo dừa", "Mứt gừng"],
        register["gung_user"]: ["Mứt gừng"],
    }
    for user, names in expected.items():
        client.force_login(user)
        html = client.get(URL, {"order": "product"}).content.decode()
        assert _listed(html) == names, user.username
        rows = _sheet(client.get(URL, {"order": "product", "export": "xlsx"}))
        assert [r[1] for r in rows[1:]] == names, user.username
    assert make_user("hoidong", role="council_member")
    client.force_login(make_user("hoidong2", role="council_member"))
    assert client.get(URL).status_code == 403


def test_queries_do_not_grow(client, register, django_assert_num_queries):
    client.force_login(register["xa"])
    with django_assert_num_queries(8) as page:
        client.get(URL)
    with django_assert_num_queries(6) as export:
        b"".join(client.get(URL, {"export": "xlsx"}).streaming_content)
    for i in range(3):
        _filed(f"chuthe{i}", f"Sản phẩm {i}")
    client.force_login(register["xa"])
    with django_assert_num_queries(len(page.captured_queries)):
        response = client.get(URL)
    assert len(re.findall(r'href="/ho-so/\d+/"', response.content.decode())) == 5
    with django_assert_num_queries(len(export.captured_queries)):
        rows = _sheet(client.get(URL, {"export": "xlsx"}))
    assert len(rows) == 6
