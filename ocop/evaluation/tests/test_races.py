"""Race conditions on PostgreSQL: two dossiers reach the same standing round at the same moment;
two extra rounds are added at the same moment."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from ocop.accounts.choices import Role
from ocop.core.errors import DomainError
from ocop.evaluation.models import Round
from ocop.evaluation.selectors import round_for_proposal
from ocop.evaluation.services import round_add_extra, round_materialize
from ocop.testing import current_unit, make_user


def _offices() -> list:
    province = current_unit("province", "86")
    return [make_user(f"tinh{i}", role=Role.PROVINCE_OFFICE, units=[province]) for i in range(2)]


def _run_both(target, offices) -> list[str]:
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run(actor) -> None:
        try:
            barrier.wait(5)
            outcomes.append(target(actor))
        except DomainError as exc:
            outcomes.append(exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(office,)) for office in offices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_standing_round_is_stored_once(reference_data):
    province = current_unit("province", "86")
    spec = round_for_proposal("province", dt.date(2026, 5, 2), province)

    def materialize(actor) -> str:
        return str(round_materialize(actor=actor, spec=spec, province=province).pk)

    outcomes = _run_both(materialize, _offices())
    stored = Round.objects.get()
    assert outcomes == [str(stored.pk), str(stored.pk)]
    assert (stored.year, stored.number, stored.is_standing) == (2026, "02", True)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_extra_rounds_added_at_once_never_share_a_number(reference_data):
    province = current_unit("province", "86")

    def add(actor) -> str:
        added = round_add_extra(
            actor=actor, level="province", province=province,
            cutoff=dt.date(2026, 8, 1), decide_by=dt.date(2026, 9, 30),
        )  # fmt: skip
        return f"saved {added.number}"

    outcomes = _run_both(add, _offices())
    numbers = sorted(Round.objects.values_list("number", flat=True))
    # Whichever way the two transactions interleave: no error page and no duplicate number —
    # either both are saved ("03", "04") or the later one is refused with a message.
    retry = "Một đợt khác của năm đó vừa được thêm cùng lúc; vui lòng thử lại."
    assert sorted(outcomes) in (["saved 03", "saved 04"], [retry, "saved 03"])
    assert numbers == sorted(o.removeprefix("saved ") for o in outcomes if o != retry)
