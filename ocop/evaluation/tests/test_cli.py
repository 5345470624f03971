"""The read-only rule commands on the freshly migrated test database (no --actor)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.evaluation.models import CalendarDay, Round

pytestmark = pytest.mark.django_db


def run(*args: str) -> dict:
    out = io.StringIO()
    call_command(*args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_calendar_deadline_across_the_make_up_saturday():
    assert run("calendar", "deadline", "--from", "2026-08-21", "--working-days", "15") == {
        "from": "2026-08-21",
        "working_days": 15,
        "deadline": "2026-09-15",
    }


def test_calendar_deadline_across_tet():
    document = run("calendar", "deadline", "--from", "2026-02-12", "--working-days", "15")
    assert document["deadline"] == "2026-03-12"
    assert isinstance(document["working_days"], int)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "12/02/2026", "--working-days", "15"), "--from phải là ngày viết YYYY-MM-DD"),
        (("--from", "2026-02-12", "--working-days", "-3"), "--working-days phải là số nguyên"),
        (
            (
                "--working-days",
                "15",
            ),
            "Thiếu --from",
        ),
        (("--from", "2030-12-20", "--working-days", "15"), "không có dữ liệu cho 2031"),
    ],
)
def test_calendar_bad_arguments(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("calendar", "deadline", *args, stdout=io.StringIO())


def test_unknown_action_is_refused():
    with pytest.raises(CommandError, match="Không có thao tác “next”"):
        call_command("calendar", "next", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("level", "proposed_on", "expected"),
    [
        ("province", "2026-04-29", (2026, "01", "2026-04-30", "2026-06-30")),
        ("province", "2026-04-30", (2026, "02", "2026-10-30", "2026-12-30")),
        ("province", "2026-10-30", (2027, "01", "2027-04-30", "2027-06-30")),
        ("national", "2026-07-29", (2026, "01", "2026-07-30", "2026-09-30")),
        ("national", "2026-07-30", (2027, "02", "2027-01-30", "2027-03-30")),
        ("national", "2026-01-30", (2026, "01", "2026-07-30", "2026-09-30")),
    ],
)
def test_round_which(level, proposed_on, expected):
    year, number, cutoff, decide_by = expected
    assert run("round", "which", "--level", level, "--proposed-on", proposed_on) == {
        "level": level,
        "year": year,
        "number": number,
        "cutoff": cutoff,
        "decide_by": decide_by,
    }


def test_round_which_with_a_province_sees_its_extra_round(province_office):
    import datetime as dt

    from ocop.evaluation.services import round_add_extra
    from ocop.testing import current_unit

    round_add_extra(
        actor=province_office, level="province", province=current_unit("province", "86"),
        cutoff=dt.date(2026, 8, 15), decide_by=dt.date(2026, 9, 30),
    )  # fmt: skip
    args = ("round", "which", "--level", "province", "--proposed-on", "2026-06-01")
    assert run(*args, "--province", "86")["number"] == "03"
    assert run(*args)["number"] == "02"  # without a province: the law's standing rounds
    assert run(*args, "--province", "01")["number"] == "02"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--level", "district", "--proposed-on", "2026-01-01"), "--level phải là một trong"),
        (("--level", "national", "--proposed-on", "2026-02-30"), "--proposed-on phải là ngày"),
        (
            ("--level", "province", "--proposed-on", "2026-01-01", "--province", "99"),
            "Không có tỉnh",
        ),
    ],
)
def test_round_bad_arguments(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("round", "which", *args, stdout=io.StringIO())
    assert not Round.objects.exists()


@pytest.mark.parametrize(
    ("filed_on", "kind", "expected"),
    [
        ("2023-02-23", "first", ("1048-2019", "1048-2019", None)),
        ("2023-02-24", "upgrade", ("148-2023", "148-2023", 60)),
        ("2025-07-05", "rerating", ("148-2023", "148-2023", 30)),
        ("2025-07-06", "first", ("148-2023", "1489-2025", 60)),
        ("2026-05-21", "rerating", ("148-2023", "1489-2025", 30)),
        ("2026-05-22", "upgrade", ("26-2026", "26-2026", None)),
    ],
)
def test_dossier_rules(filed_on, kind, expected):
    edition, process, days = expected
    assert run("dossier", "rules", "--filed-on", filed_on, "--kind", kind) == {
        "edition": edition,
        "process": process,
        "completion_deadline_days": days,
    }


def test_dossier_rules_bad_kind():
    with pytest.raises(CommandError, match="--kind phải là một trong first, upgrade, rerating"):
        call_command("dossier", "rules", "--filed-on", "2026-01-01", "--kind", "renewal")


def test_commands_change_nothing():
    before = CalendarDay.objects.count()
    run("calendar", "deadline", "--from", "2026-08-21", "--working-days", "15")
    run("round", "which", "--level", "province", "--proposed-on", "2026-04-30")
    assert (CalendarDay.objects.count(), Round.objects.count()) == (before, 0)
