"""Working days on the seeded calendar: expected dates worked out by hand on a 2026 calendar."""

from __future__ import annotations

import datetime as dt
import json

import holidays
import pytest

from ocop.core.errors import DomainError
from ocop.evaluation import workdays
from ocop.evaluation.models import CalendarDay
from ocop.evaluation.reference import CALENDAR_FILE
from ocop.evaluation.selectors import (
    deadline_with_pauses,
    work_calendar,
    working_days_add,
    working_days_between,
)
from ocop.evaluation.workdays import Pause, WorkCalendar

D = dt.date
pytestmark = pytest.mark.django_db


# --- the seeded data (data migration 0002 on the freshly migrated test database) -------------


def test_fresh_database_has_2026_days_off_and_the_make_up_saturday():
    rows = {
        (d.isoformat(), kind)
        for d, kind in CalendarDay.objects.filter(date__year=2026).values_list("date", "kind")
    }
    # Thông báo 9441/TB-BNV: Tết 16–20/02 (weekdays), 27/04 for Giỗ Tổ on Sunday 26/04,
    # 30/04, 01/05, 31/08 swapped with Saturday 22/08, 01–02/09; 01/01; 24/11 as the package.
    assert rows == {
        ("2026-01-01", "day_off"),
        ("2026-02-16", "day_off"),
        ("2026-02-17", "day_off"),
        ("2026-02-18", "day_off"),
        ("2026-02-19", "day_off"),
        ("2026-02-20", "day_off"),
        ("2026-04-26", "day_off"),
        ("2026-04-27", "day_off"),
        ("2026-04-30", "day_off"),
        ("2026-05-01", "day_off"),
        ("2026-08-22", "working_day"),
        ("2026-08-31", "day_off"),
        ("2026-09-01", "day_off"),
        ("2026-09-02", "day_off"),
        ("2026-11-24", "day_off"),
    }
    assert set(CalendarDay.objects.values_list("source", flat=True)) == {"package"}


def test_every_year_2019_to_2030_is_seeded():
    years = {d.year for d in CalendarDay.objects.values_list("date", flat=True)}
    assert years == set(range(2019, 2031))


def test_committed_file_equals_the_pinned_package():
    """When `holidays` is upgraded this fails: re-export and add a migration for the changes."""
    assert holidays.__version__ == "0.108"
    vn = holidays.country_holidays("VN", years=range(2019, 2031), language="vi")
    document = json.loads(CALENDAR_FILE.read_text(encoding="utf-8"))
    off = {r["date"]: r["name"] for r in document["days"] if r["kind"] == "day_off"}
    worked = {r["date"] for r in document["days"] if r["kind"] == "working_day"}
    assert off == {d.isoformat(): name for d, name in vn.items()}
    assert worked == {d.isoformat() for d in vn.weekend_workdays if 2019 <= d.year <= 2030}


# --- arithmetic on the stored calendar --------------------------------------------------------


def test_across_tet_2026():
    # Thu 12/02 received; Fri 13/02 is day 1; 14–22/02 off; then 23/02 … 12/03 is day 15.
    assert working_days_add(D(2026, 2, 12), 15) == D(2026, 3, 12)
    assert working_days_add(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert working_days_between(D(2026, 2, 12), D(2026, 3, 12)) == 15


def test_across_30_april_and_1_may_2026():
    # Fri 24/04 received; Mon 27/04 off (Giỗ Tổ moved), 28 = 1, 29 = 2, 30/04–03/05 off,
    # 04/05 = 3, 05/05 = 4, 06/05 = 5.
    assert working_days_add(D(2026, 4, 24), 5) == D(2026, 5, 6)
    assert working_days_add(D(2026, 4, 29), 1) == D(2026, 5, 4)


def test_across_the_make_up_saturday_22_august_2026():
    assert working_days_add(D(2026, 8, 21), 1) == D(2026, 8, 22)  # Saturday worked
    assert working_days_add(D(2026, 8, 21), 3) == D(2026, 8, 25)
    # Fri 28/08 received: 29–30 weekend, 31/08 (swapped), 01–02/09 off → Thu 03/09.
    assert working_days_add(D(2026, 8, 28), 1) == D(2026, 9, 3)
    # 22, 24–28/08 = 6; 03, 04/09 = 8; 07–11/09 = 13; 14, 15/09 = 15.
    assert working_days_add(D(2026, 8, 21), 15) == D(2026, 9, 15)
    assert working_days_between(D(2026, 8, 21), D(2026, 9, 15)) == 15


def test_an_ordinary_saturday_is_not_worked():
    assert working_days_add(D(2026, 8, 28), 0) == D(2026, 8, 28)
    assert working_days_add(D(2026, 3, 6), 1) == D(2026, 3, 9)  # Fri → Mon


def test_a_day_the_office_adds_moves_the_deadline(province_office):
    from ocop.evaluation.services import calendar_day_add

    assert working_days_add(D(2026, 1, 1), 1) == D(2026, 1, 2)
    calendar_day_add(actor=province_office, date=D(2026, 1, 2), kind="day_off", name="Nghỉ bù")
    assert working_days_add(D(2026, 1, 1), 1) == D(2026, 1, 5)


def test_a_year_without_calendar_data_is_refused():
    with pytest.raises(DomainError, match="không có dữ liệu cho 2031"):
        working_days_add(D(2030, 12, 20), 15)


def test_negative_days_are_refused():
    with pytest.raises(DomainError):
        working_days_add(D(2026, 1, 5), -1)


# --- the clock stopped while returned for supplementation -------------------------------------


def test_clock_without_pause():
    state = deadline_with_pauses(D(2026, 3, 2), 15, [])
    assert state == workdays.ClockState(deadline=D(2026, 3, 23), remaining=15, paused=False)


def test_clock_resumes_the_remaining_working_days():
    # Received Mon 02/03; returned Mon 09/03: 03–06/03 used (4); resubmitted Wed 18/03:
    # 11 left → 19, 20, 23–27, 30, 31/03, 01, 02/04.
    state = deadline_with_pauses(D(2026, 3, 2), 15, [Pause(D(2026, 3, 9), D(2026, 3, 18))])
    assert state == workdays.ClockState(deadline=D(2026, 4, 2), remaining=11, paused=False)


def test_clock_restarts_the_full_term_when_set(settings):
    pauses = [Pause(D(2026, 3, 9), D(2026, 3, 18))]
    assert deadline_with_pauses(D(2026, 3, 2), 15, pauses, restart=True).deadline == D(2026, 4, 8)
    settings.OCOP_CLOCK_RESTART_ON_RESUBMISSION = True
    assert deadline_with_pauses(D(2026, 3, 2), 15, pauses).deadline == D(2026, 4, 8)


def test_clock_is_stopped_while_waiting_for_the_producer():
    state = deadline_with_pauses(D(2026, 3, 2), 15, [Pause(D(2026, 3, 9))])
    assert state == workdays.ClockState(deadline=None, remaining=11, paused=True)


def test_two_pauses_across_tet():
    # Received Mon 02/02/2026. Returned Thu 05/02: 03, 04/02 used (13 left). Resubmitted
    # Wed 11/02; returned again Fri 13/02: 12/02 used (12 left). Resubmitted Mon 23/02:
    # 24–27/02 (4), 02–06/03 (9), 09–11/03 (12) → Wed 11/03.
    pauses = [Pause(D(2026, 2, 5), D(2026, 2, 11)), Pause(D(2026, 2, 13), D(2026, 2, 23))]
    state = deadline_with_pauses(D(2026, 2, 2), 15, pauses)
    assert state == workdays.ClockState(deadline=D(2026, 3, 11), remaining=12, paused=False)


def test_a_return_after_the_deadline_does_not_move_it():
    state = deadline_with_pauses(D(2026, 3, 2), 15, [Pause(D(2026, 3, 25), D(2026, 4, 1))])
    assert state.deadline == D(2026, 3, 23)


def test_a_return_on_the_last_day_leaves_one_day_after_resubmission():
    # Deadline Mon 23/03; returned that day: 14 used, 1 left; resubmitted Fri 27/03 → Mon 30/03.
    state = deadline_with_pauses(D(2026, 3, 2), 15, [Pause(D(2026, 3, 23), D(2026, 3, 27))])
    assert state == workdays.ClockState(deadline=D(2026, 3, 30), remaining=1, paused=False)


def test_pauses_out_of_order_are_refused():
    with pytest.raises(ValueError, match="date order"):
        deadline_with_pauses(D(2026, 3, 2), 15, [Pause(D(2026, 3, 1), D(2026, 3, 3))])
    with pytest.raises(ValueError, match="resume before"):
        deadline_with_pauses(D(2026, 3, 2), 15, [Pause(D(2026, 3, 9), D(2026, 3, 5))])


# --- the pure functions on their own calendar -------------------------------------------------


def test_pure_arithmetic_with_an_explicit_calendar():
    cal = WorkCalendar.of(days_off=[D(2030, 1, 2)], working_days=[D(2030, 1, 5)])
    # Tue 01/01/2030: Wed 02 off, Thu 03 (1), Fri 04 (2), Sat 05 worked (3), Mon 07 (4).
    assert workdays.working_days_add(D(2030, 1, 1), 4, calendar=cal) == D(2030, 1, 7)
    assert workdays.working_days_between(D(2030, 1, 1), D(2030, 1, 7), calendar=cal) == 4
    assert workdays.working_days_between(D(2030, 1, 7), D(2030, 1, 1), calendar=cal) == 0


def test_stored_calendar_as_data():
    cal = work_calendar()
    assert D(2026, 8, 22) in cal.working_weekend_days
    assert D(2026, 2, 17) in cal.days_off
    assert cal.is_working_day(D(2026, 8, 22))
    assert not cal.is_working_day(D(2026, 8, 29))
