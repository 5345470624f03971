"""Hypothesis: malformed files get a clear Vietnamese error or a correct preview — never an
exception, never a partial write (row counts and table checksums unchanged)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.core.errors import DomainError
from ocop.imports.choices import Outcome
from ocop.imports.plan import Options, plan_file
from ocop.imports.reading import ImportFileError
from ocop.imports.services import import_commit
from ocop.imports.tests.sheets import xlsx
from ocop.imports.tests.test_products_import import products_file
from ocop.producers.models import Producer
from ocop.products.models import Product

pytestmark = pytest.mark.django_db

VIETNAMESE = set("ăâêôơưđĐạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýỆỘ")
OUTCOMES = {str(o) for o in Outcome}
HYPOTHESIS = settings(
    deadline=None, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HEADER = ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Hạng sao", "Số quyết định", "Ngày QĐ"]


def _state() -> tuple[int, int, str]:
    """Row counts and a checksum of every stored value of the registry tables."""
    digest = hashlib.sha256()
    for model in (Producer, Product):
        for values in model.objects.order_by("pk").values_list():
            digest.update(repr(values).encode())
    return Producer.objects.count(), Product.objects.count(), digest.hexdigest()


def _check(data: bytes, filename: str, kind: str, actor) -> None:
    """Either a Vietnamese refusal that changed nothing, or a coherent preview and commit."""
    before = _state()
    try:
        plan = plan_file(data, filename, Options(kind=kind, context={"province": "84"}))
    except ImportFileError as exc:  # a property: either branch is a correct answer
        assert exc.message  # noqa: PT017
        assert VIETNAMESE & set(exc.message), exc.message  # noqa: PT017
        assert _state() == before
        return
    for row in plan.rows:
        assert row.outcome in OUTCOMES
        if row.outcome == Outcome.ERROR:
            assert row.messages
            assert all(VIETNAMESE & set(m) for m in row.messages), row.messages
    assert sum(plan.counts.values()) == len(plan.rows)
    try:
        result = import_commit(
            actor=actor,
            data=data,
            filename=filename,
            options=Options(kind=kind, context={"province": "84"}),
        )
    except DomainError as exc:
        assert VIETNAMESE & set(exc.message), exc.message  # noqa: PT017
        assert _state() == before  # all or nothing
        return
    assert not result.plan.has_errors
    assert result.written == len(result.plan.committable)


@HYPOTHESIS
@given(cut=st.integers(min_value=0, max_value=20_000), name=st.sampled_from(["a.xlsx", "a.csv"]))
def test_truncated_workbooks(province_office, cut, name):
    data = products_file()
    _check(data[: min(cut, len(data) - 1)], name, "products", province_office)


@HYPOTHESIS
@given(
    data=st.binary(max_size=3000),
    name=st.sampled_from(["a.xlsx", "a.xls", "a.csv", "a.txt", "a"]),
    kind=st.sampled_from(["producers", "products", "certificates"]),
)
def test_random_bytes(province_office, data, name, kind):
    _check(data, name, kind, province_office)


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
_CELL = st.one_of(
    st.none(),
    _TEXT,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.text(alphabet="aăâbcdđeêHîp t¸c x·", min_size=250, max_size=3000),  # huge cells
)


@HYPOTHESIS
@given(rows=st.lists(st.lists(_CELL, min_size=0, max_size=9), max_size=8))
def test_wrong_types_and_huge_cells_under_a_real_header(province_office, rows):
    _check(
        xlsx(("S", [["UBND TỈNH TRÀ VINH"], HEADER, *rows])),
        "s.xlsx",
        "certificates",
        province_office,
    )


@HYPOTHESIS
@given(
    body=st.binary(max_size=600),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1258", "latin-1", "utf-16"]),
)
def test_csv_with_bad_encodings(province_office, body, encoding):
    header = ",".join(HEADER).encode(encoding, errors="replace") + b"\n"
    _check(header + body, "s.csv", "products", province_office)


def test_a_zip_that_is_not_a_workbook(province_office):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    before = _state()
    with pytest.raises(ImportFileError) as exc:
        plan_file(buffer.getvalue(), "x.xlsx", Options(kind="products"))
    assert exc.value.message == (
        "Tệp bị hỏng hoặc không phải bảng tính mà hệ thống đọc được (XLSX)."
    )
    assert _state() == before


def test_a_file_over_the_size_limit(province_office, settings):
    settings.OCOP_IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ImportFileError) as exc:
        plan_file(b"x" * (1024 * 1024 + 1), "x.csv", Options(kind="products"))
    assert exc.value.message == "Tệp lớn hơn 1 MB; hãy chia thành các tệp nhỏ hơn."
