"""ocop.core.lists on a register of auth groups (core may not use any other ocop app)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser, Group

from ocop.core.lists import Column, ListSpec, display_text, export_value

pytestmark = pytest.mark.django_db


class GroupFilterForm(forms.Form):
    q = forms.CharField(required=False)
    order = forms.ChoiceField(required=False, choices=[("name", "A–Z"), ("-name", "Z–A")])


def group_rows(user, form):
    qs = Group.objects.all()
    if form is not None and form.cleaned_data["q"]:
        qs = qs.filter(name__contains=form.cleaned_data["q"])
    return qs


def make_spec(**over):
    options = {
        "export_name": "nhom",
        "title": "Nhóm: [tài khoản]/quyền?",
        "form_class": GroupFilterForm,
        "rows": group_rows,
        "columns": (
            Column("name", "Tên nhóm", lambda g: g.name),
            Column("id", "Mã", lambda g: g.pk, on_screen=False),
            Column("secret", "Bí mật", lambda g: f"bí mật {g.name}", sensitive=True),
            Column(
                "masked",
                "Che",
                lambda g: f"thật {g.name}",
                sensitive=True,
                mask=lambda g: "***",
            ),
            Column("staff", "Chỉ nhân viên", lambda g: g.name, visible=lambda u: u.is_staff),
            Column("screen", "Chỉ trên màn hình", lambda g: g.name, exported=False),
        ),
        "sorts": {"name": ("name", "pk"), "-name": ("-name", "-pk")},
        "default_sort": "name",
        "template": "core/_list_table.html",
        "page_size": 2,
        "table_id": "group-table",
        "sensitive_visible": lambda user: user.username == "tinh",
    }
    return ListSpec(**{**options, **over})


USER_ALLOWED = SimpleNamespace(
    username="tinh", is_staff=True, is_authenticated=True, is_superuser=False, role=""
)
USER_REFUSED = SimpleNamespace(
    username="xa", is_staff=False, is_authenticated=True, is_superuser=False, role=""
)


def get(rf, user, params=None, *, htmx=False):
    request = rf.get("/nhom/", params or {})
    request.user = user
    request.htmx = htmx
    return request


@pytest.fixture
def groups(db):
    return [Group.objects.create(name=n) for n in ("Bưởi", "Dừa", "Cam")]


def test_a_spec_refuses_an_unknown_default_sort_and_repeated_keys():
    with pytest.raises(ValueError, match="default_sort"):
        make_spec(default_sort="created")
    with pytest.raises(ValueError, match="column keys repeat"):
        make_spec(columns=(Column("a", "A", str), Column("a", "B", str)))


def test_columns_follow_the_sensitive_predicate_the_mask_and_visibility():
    spec = make_spec()
    assert spec.headers(USER_ALLOWED, export=True) == [
        "Tên nhóm", "Mã", "Bí mật", "Che", "Chỉ nhân viên"
    ]  # fmt: skip
    assert spec.headers(USER_REFUSED, export=True) == ["Tên nhóm", "Mã", "Che"]
    assert spec.headers(USER_ALLOWED, export=False) == [
        "Tên nhóm", "Bí mật", "Che", "Chỉ nhân viên", "Chỉ trên màn hình"
    ]  # fmt: skip
    assert spec.headers(AnonymousUser(), export=False) == ["Tên nhóm", "Che", "Chỉ trên màn hình"]


def test_page_and_htmx_partial_show_one_page_in_the_chosen_order(rf, groups):
    spec = make_spec()
    response = spec.respond(get(rf, USER_REFUSED, {"order": "-name"}, htmx=True))
    html = response.content.decode()
    assert html.index("Dừa") < html.index("Cam")
    assert "Bưởi" not in html  # page 2
    assert '<th scope="col">Tên nhóm</th><th scope="col">Che</th>' in html
    assert "<td>***</td>" in html.replace("\n", "").replace(" ", "")
    assert "bí mật" not in html
    assert "thật" not in html


def test_export_holds_all_filtered_rows_in_order_and_sanitises_the_sheet_title(rf, groups):
    spec = make_spec()
    response = spec.respond(get(rf, USER_ALLOWED, {"export": "xlsx", "order": "-name"}))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.active.title == "Nhóm- -tài khoản--quyền-"
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    ids = {g.name: g.pk for g in groups}
    assert rows == [
        ["Tên nhóm", "Mã", "Bí mật", "Che", "Chỉ nhân viên"],
        ["Dừa", ids["Dừa"], "bí mật Dừa", "thật Dừa", "Dừa"],
        ["Cam", ids["Cam"], "bí mật Cam", "thật Cam", "Cam"],
        ["Bưởi", ids["Bưởi"], "bí mật Bưởi", "thật Bưởi", "Bưởi"],
    ]
    response = spec.respond(get(rf, USER_REFUSED, {"export": "csv", "q": "a"}))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body))) == [
        ["Tên nhóm", "Mã", "Che"],
        ["Cam", str(ids["Cam"]), "***"],
        ["Dừa", str(ids["Dừa"]), "***"],
    ]


def test_an_invalid_filter_filters_nothing_and_sorts_by_default(rf, groups):
    spec = make_spec(page_size=25)
    response = spec.respond(get(rf, USER_REFUSED, {"order": "bogus", "q": "Cam"}))
    html = response.content.decode()
    body = html[html.index("<tbody>") :]
    assert body.index("Bưởi") < body.index("Cam") < body.index("Dừa")
    assert '<p class="muted">3</p>' in html
    assert 'href="?order=bogus&amp;q=Cam&amp;export=xlsx"' in html


def test_unknown_export_format_is_a_bad_request(rf, groups):
    response = make_spec().respond(get(rf, USER_ALLOWED, {"export": "ods"}))
    assert response.status_code == 400
    assert response.content.decode() == "Không hỗ trợ xuất tệp định dạng “ods”."
    response = make_spec().respond(get(rf, USER_ALLOWED, {"export": "<script>"}))
    assert response["Content-Type"] == "text/plain; charset=utf-8"  # not run as HTML


def test_cell_values_on_screen_and_in_spreadsheets():
    assert display_text(dt.date(2026, 3, 9)) == "09/03/2026"
    assert display_text(Decimal("1234.5")) == "1234,5"
    assert display_text(True) == "Có"
    assert display_text(None) == ""
    # 17:30 UTC is 00:30 the next day in Vietnam (UTC+7)
    aware = dt.datetime(2026, 3, 9, 17, 30, tzinfo=dt.UTC)
    assert display_text(aware) == "10/03/2026 00:30"
    assert export_value(aware) == dt.datetime(2026, 3, 10, 0, 30)  # noqa: DTZ001 - Excel has no zone
    assert export_value(False) == "Không"
    assert export_value(Decimal("12.50")) == Decimal("12.50")
    assert export_value(dt.date(2026, 3, 9)) == dt.date(2026, 3, 9)
