"""The calendar and rounds pages: what each role sees and may change (permission matrices)."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from ocop.evaluation.models import CalendarDay, Round
from ocop.testing import current_unit

pytestmark = pytest.mark.django_db
D = dt.date


def _snapshot():
    return sorted(CalendarDay.objects.values_list("date", "kind", "name"))


# --- working calendar -------------------------------------------------------------------------


def test_calendar_page_lists_the_year(client, commune_officer, django_assert_max_num_queries):
    client.force_login(commune_officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("evaluation:calendar_year", args=[2026]))
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["days"]) == 15
    assert "22/08/2026" in html
    assert "Ngày làm bù (cho ngày nghỉ 31/08/2026)" in html
    assert "Xóa" not in html  # a commune officer reads only


def test_calendar_page_is_for_officials(client, producer_user):
    url = reverse("evaluation:calendar_year", args=[2026])
    assert client.get(url).status_code == 302
    client.force_login(producer_user)
    assert client.get(url).status_code == 403


def test_calendar_add_permission_matrix(
    client, producer_user, commune_officer, national_office, province_office
):
    """The calendar is one national table (days off are national): there is no out-of-scope
    province office; the national office reads it and does not edit it."""
    url = reverse("evaluation:calendar_day_add", args=[2026])
    data = {"date": "02/01/2026", "kind": "day_off", "name": "Nghỉ bù Tết Dương lịch"}
    before = _snapshot()
    response = client.post(url, data)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    for wrong_role in (producer_user, commune_officer, national_office):
        client.force_login(wrong_role)
        assert client.post(url, data).status_code == 403
    assert _snapshot() == before
    client.force_login(province_office)
    response = client.post(url, data)
    assert response.status_code == 302
    added = CalendarDay.objects.get(date=D(2026, 1, 2))
    assert (added.kind, added.name, added.source) == ("day_off", "Nghỉ bù Tết Dương lịch", "office")
    entry = LogEntry.objects.get_for_object(added).get()
    assert entry.actor == province_office


def test_calendar_add_refusals_change_nothing(client, province_office):
    client.force_login(province_office)
    url = reverse("evaluation:calendar_day_add", args=[2026])
    before = _snapshot()
    cases = [
        (
            {"date": "21/08/2026", "kind": "working_day", "name": "Làm bù"},
            "chỉ thứ Bảy hoặc Chủ nhật",
        ),
        ({"date": "22/08/2026", "kind": "day_off", "name": "Trùng"}, "đã có trong lịch"),
        ({"date": "31/02/2026", "kind": "day_off", "name": "Sai ngày"}, "dd/mm/yyyy"),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert _snapshot() == before


def test_calendar_remove_permission_matrix(
    client, producer_user, commune_officer, national_office, province_office
):
    day = CalendarDay.objects.get(date=D(2026, 11, 24))
    url = reverse("evaluation:calendar_day_remove", args=[day.pk])
    assert client.post(url).status_code == 302
    for wrong_role in (producer_user, commune_officer, national_office):
        client.force_login(wrong_role)
        assert client.post(url).status_code == 403
    assert CalendarDay.objects.filter(pk=day.pk).exists()
    client.force_login(province_office)
    assert client.post(url).status_code == 302
    assert not CalendarDay.objects.filter(date=D(2026, 11, 24)).exists()
    entry = LogEntry.objects.filter(object_pk=str(day.pk), action=LogEntry.Action.DELETE).get()
    assert entry.actor == province_office


# --- rounds -----------------------------------------------------------------------------------


def test_round_page_shows_the_law_s_rounds(client, province_office, django_assert_max_num_queries):
    vinh_long = current_unit("province", "86")
    client.force_login(province_office)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("evaluation:round_year", args=[2026]))
    assert response.status_code == 200
    [(province, rounds)] = response.context["province_rounds"]
    assert province == vinh_long
    assert [(s.number, s.cutoff, s.decide_by) for s in rounds] == [
        ("01", D(2026, 4, 30), D(2026, 6, 30)),
        ("02", D(2026, 10, 30), D(2026, 12, 30)),
    ]
    assert [(s.number, s.cutoff, s.decide_by) for s in response.context["national_rounds"]] == [
        ("02", D(2026, 1, 30), D(2026, 3, 30)),
        ("01", D(2026, 7, 30), D(2026, 9, 30)),
    ]
    html = response.content.decode()
    assert "30/04/2026" in html
    assert "30/12/2026" in html


def test_round_page_query_count_does_not_grow_with_extra_rounds(
    client, province_office, django_assert_max_num_queries
):
    from ocop.evaluation.services import round_add_extra

    for month in range(1, 12):
        round_add_extra(
            actor=province_office, level="province", province=current_unit("province", "86"),
            cutoff=D(2026, month, 1), decide_by=D(2026, month, 20),
        )  # fmt: skip
    client.force_login(province_office)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("evaluation:round_year", args=[2026]))
    assert len(response.context["province_rounds"][0][1]) == 13


def _round_data(**over):
    data = {
        "level": "province",
        "province": str(current_unit("province", "86").pk),
        "cutoff": "15/08/2026",
        "decide_by": "30/09/2026",
        "name": "Đợt bổ sung",
    }
    data.update(over)
    return data


def test_round_add_permission_matrix(
    client, producer_user, commune_officer, other_province_office, province_office
):
    url = reverse("evaluation:round_add", args=[2026])
    response = client.post(url, _round_data())
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    for wrong_role in (producer_user, commune_officer):
        client.force_login(wrong_role)
        assert client.post(url, _round_data()).status_code == 403
    client.force_login(other_province_office)  # right role, another province
    response = client.post(url, _round_data())
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Round.objects.exists()
    client.force_login(province_office)
    response = client.post(url, _round_data())
    assert response.status_code == 302
    added = Round.objects.get()
    assert (added.level, added.province, added.year, added.number) == (
        "province", current_unit("province", "86"), 2026, "03",
    )  # fmt: skip
    assert (added.cutoff, added.decide_by, added.is_standing) == (
        D(2026, 8, 15), D(2026, 9, 30), False,
    )  # fmt: skip
    assert LogEntry.objects.get_for_object(added).get().actor == province_office


def test_national_round_add_matrix(client, province_office, national_office):
    url = reverse("evaluation:round_add", args=[2026])
    data = _round_data(level="national", province="")
    client.force_login(province_office)  # right kind of office, wrong level
    response = client.post(url, data)
    assert "Chỉ cơ quan quản lý OCOP cấp quốc gia" in response.content.decode()
    assert not Round.objects.exists()
    client.force_login(national_office)
    assert client.post(url, data).status_code == 302
    added = Round.objects.get()
    assert (added.level, added.province, added.number) == ("national", None, "03")


def test_round_add_refuses_a_cutoff_after_the_decision(client, province_office):
    client.force_login(province_office)
    url = reverse("evaluation:round_add", args=[2026])
    response = client.post(url, _round_data(cutoff="01/10/2026"))
    assert response.status_code == 200
    assert "Hạn nhận đề nghị phải trước ngày quyết định" in response.content.decode()
    assert not Round.objects.exists()


def test_the_pages_open_on_the_current_year(client, commune_officer):
    import time_machine

    with time_machine.travel(dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        client.force_login(commune_officer)  # a session opened in 2026 has expired by then
        calendar = client.get(reverse("evaluation:calendar_current"))
        rounds = client.get(reverse("evaluation:round_current"))
    assert calendar["Location"] == reverse("evaluation:calendar_year", args=[2027])
    assert rounds["Location"] == reverse("evaluation:round_year", args=[2027])
