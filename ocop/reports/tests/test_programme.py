"""The programme dashboard, downloads, figure links and report runs (issue 12 items 3–5).

Records: ``ocop/programme/tests/records.py`` (legacy Trà Vinh, 2019–2021, counts by hand).
"""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from ocop.accounts.choices import Role
from ocop.programme.tests.records import build_records, record
from ocop.reports.models import ReportRun
from ocop.testing import current_unit, make_product, make_user

pytestmark = pytest.mark.django_db

DASHBOARD = "reports:programme_dashboard"
SEED = {"period": "2019-2021", "map": "legacy", "unit": "84", "as_of": "21/02/2022"}
COUNTED = sorted(
    [
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
    ]
)


@pytest.fixture
def national():
    return make_user("quocgia-test", role=Role.NATIONAL_OFFICE)


@pytest.fixture
def records(national):
    return build_records(national)


@pytest.fixture
def office():
    return make_user("canbo-86", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])


def link_of(html: str, key: str) -> str:
    match = re.search(rf'data-figure="{re.escape(key)}" href="([^"]+)"', html)
    assert match, key
    return match.group(1).replace("&amp;", "&")


def product_names(html: str) -> list[str]:
    body = re.search(
        r'<table class="compact" id="product-table">.*?<tbody>(.*?)</tbody>', html, re.S
    )
    assert body
    return sorted(re.findall(r'<a href="/san-pham/\d+/">([^<]+)</a>', body.group(1)))


def test_who_may_see_the_dashboard(client, office):
    response = client.get(reverse(DASHBOARD))
    assert response.status_code == 302
    for role in (Role.PRODUCER, Role.COUNCIL_MEMBER, Role.ADVISORY_MEMBER):
        client.force_login(make_user(f"u-{role}", role=role))
        assert client.get(reverse(DASHBOARD)).status_code == 403
        assert client.get(reverse("reports:programme_download", args=["json"])).status_code == 403
    client.force_login(office)
    html = client.get(reverse(DASHBOARD)).content.decode()
    assert f'href="{reverse(DASHBOARD)}"' in html  # in the navigation


def test_dashboard_figures_rules_and_links(client, office, records, django_assert_max_num_queries):
    client.force_login(office)
    with django_assert_max_num_queries(40):
        response = client.get(reverse(DASHBOARD), SEED)
    html = response.content.decode()
    assert 'data-figure="products.rated.total" href=' in html
    assert "rated-in-period/v1" in html
    assert "Sản phẩm được công nhận trong giai đoạn" in html  # the rule's name beside the figures
    assert "100 / 104" in html or "100" in html
    # the total opens exactly its ten products
    listed = client.get(link_of(html, "products.rated.total")).content.decode()
    assert product_names(listed) == COUNTED
    assert 'id="figure-filter"' in listed
    # 4★ never includes the potential 5★ product (flag, not a star)
    listed = client.get(link_of(html, "products.rated.by_star.4")).content.decode()
    assert product_names(listed) == ["Kẹo dừa", "Mắm ba khía"]
    listed = client.get(link_of(html, "products.rated.potential_5")).content.decode()
    assert product_names(listed) == ["Bánh tét lá cẩm"]
    # producer figures open the producers' register
    listed = client.get(link_of(html, "producers.by_legal_form.cooperative")).content.decode()
    assert "Hợp tác xã Dừa sáp Phong Phú" in listed
    assert "Hợp tác xã Hòa Ân" in listed
    assert "Công ty TNHH Cầu Quan" not in listed


def test_a_figure_link_shows_only_what_the_user_may_see(client, records):
    hanoi = make_user("canbo-hn", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "01")])
    client.force_login(hanoi)
    html = client.get(reverse(DASHBOARD), SEED).content.decode()
    assert re.search(r'data-figure="products.rated.total" href="[^"]+">0<', html)
    token = "products.rated.total~2019-2021~legacy~84~2022-02-21"
    listed = client.get(reverse("products:product_list"), {"figure": token}).content.decode()
    assert product_names(listed) == []
    listed = client.get(reverse("products:product_list"), {"figure": "bad~token"}).content.decode()
    assert product_names(listed) == []


def test_bad_parameters_give_a_vietnamese_message(client, office):
    client.force_login(office)
    html = client.get(reverse(DASHBOARD), {**SEED, "unit": "99"}).content.decode()
    assert "Không có tỉnh hoặc xã nào có mã “99” trên bản đồ trước 01/07/2025." in html
    assert 'id="kpis"' not in html


def test_downloads_json_and_xlsx(client, office, records):
    client.force_login(office)
    response = client.get(reverse("reports:programme_download", args=["json"]), SEED)
    data = json.loads(response.content)
    total = next(f for f in data["figures"] if f["key"] == "products.rated.total")
    assert total["value"] == 10
    response = client.get(reverse("reports:programme_download", args=["xlsx"]), SEED)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    rows = {r[1]: r[3] for r in wb.worksheets[0].iter_rows(min_row=4, values_only=True)}
    assert rows["products.rated.total"] == 10
    assert rows["products.rated.by_star.4"] == 2
    assert rows["products.rated.potential_5"] == 1
    assert rows["producers.by_legal_form.cooperative"] == 2
    assert wb.sheetnames == ["Số liệu", "Quy tắc tính", "Chỉ tiêu kế hoạch", "Xã chưa có sản phẩm"]


def test_saving_a_run_permission_matrix_and_comparison(client, office, records, national):
    url = reverse("reports:programme_run_save")
    post = {**SEED, "title": "Báo cáo Ban Thường vụ"}
    assert client.post(url, post).status_code == 302
    client.force_login(make_user("chuthe", role=Role.PRODUCER))
    assert client.post(url, post).status_code == 403
    assert ReportRun.objects.count() == 0
    # right role, out of scope: the run holds only what that office sees (nothing of Trà Vinh)
    client.force_login(
        make_user("canbo-hn", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "01")])
    )
    client.post(url, post)
    run = ReportRun.objects.get()
    assert next(f for f in run.figures if f["key"] == "products.rated.total")["value"] == 0
    run.delete()
    client.force_login(office)
    response = client.post(url, post)
    run = ReportRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert run.parameters == {
        "period": "2019-2021",
        "unit": "84",
        "map": "legacy",
        "as_of": "2022-02-21",
    }
    assert run.rule_versions["rated-in-period"] == 1
    assert next(f for f in run.figures if f["key"] == "products.rated.total")["records"] == sorted(
        p.pk for p in records.values() if p.name in COUNTED
    )
    assert len(run.content_hash) == 64
    html = client.get(run.get_absolute_url(), {"compare": "1"}).content.decode()
    assert "Không có khác biệt" in html
    # a record found later (a 2021 decision entered today) changes the fresh run
    late = make_product("Bánh pía", producer=records["P1"].producer)
    from datetime import date

    record(national, late, 3, date(2021, 11, 5))
    html = client.get(run.get_absolute_url(), {"compare": "1"}).content.decode()
    diff = re.search(r'<table class="compact" id="diff">(.*?)</table>', html, re.S).group(1)
    assert "Sản phẩm được đánh giá, công nhận đạt từ 3 sao trở lên" in diff
    assert f"<td>{late.pk}</td>" in diff
    # the saved figures do not move
    run.refresh_from_db()
    assert next(f for f in run.figures if f["key"] == "products.rated.total")["value"] == 10


def test_command_is_read_only_unless_saving_with_an_actor(records, office):
    args = ["programme", "--period", "2019-2021", "--unit", "84", "--map", "legacy"]
    with pytest.raises(CommandError, match="--save cần --actor"):
        call_command("report", *args, "--save", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--actor chỉ dùng với --save"):
        call_command("report", *args, "--actor", "canbo-86", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không có giai đoạn chương trình “2040-2045”"):
        call_command("report", "programme", "--period", "2040-2045", "--unit", "84")
    assert ReportRun.objects.count() == 0
    out = io.StringIO()
    call_command(
        "report",
        *args,
        "--on",
        "2022-02-21",
        "--save",
        "--actor",
        "canbo-86",
        stdout=out,
        stderr=io.StringIO(),
    )
    run = ReportRun.objects.get()
    assert run.created_by == office
    assert json.loads(out.getvalue())["figures"] == run.figures
