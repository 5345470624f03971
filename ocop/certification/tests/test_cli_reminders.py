"""`ocop certificate list|verify` (read-only) and `ocop reminders send` (daily, idempotent)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from ocop.accounts.models import Notification
from ocop.certification.models import CertificateEvent, Reminder
from ocop.certification.services import ResultInput, decision_record
from ocop.geo.models import Authority
from ocop.producers.models import ProducerAccount
from ocop.testing import as_system, current_unit, make_producer, make_product, make_user

D = dt.date


SIGNED = D(2024, 3, 1)


def _setup(signed_on=SIGNED):
    province = current_unit("province", "86")
    office = make_user(
        "office86", role="province_office", units=[province], email="tinh@example.vn"
    )
    producer = make_producer()
    owner = make_user("chuthe", role="producer", email="htx@example.vn")
    with as_system():
        ProducerAccount.objects.create(producer=producer, user=owner)
    product = make_product(producer=producer)
    authority = Authority.objects.get(name="UBND huyện Cầu Kè")
    decision_record(
        actor=office, kind="recognition", number="4894/QĐ-UBND", signed_on=signed_on,
        authority=authority, province=province, is_legacy=True,
        items=[ResultInput(product=product, star=3, edition="148-2023", process="148-2023",
                           certificate_number="CK-2024-01")],
    )  # fmt: skip
    return office, owner


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False)
def test_certificate_verify_and_list_json():
    _setup()
    out = StringIO()
    call_command("certificate", "verify", "CK-2024-01", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data == {
        "number": "CK-2024-01",
        "status": "expiring",  # valid until 01/03/2027: within 180 days on 01/12/2026
        "star": 3,
        "product": "Dừa sáp Cầu Kè",
        "producer": "Hợp tác xã Dừa sáp Cầu Kè",
        "decision_number": "4894/QĐ-UBND",
        "decision_date": "2024-03-01",
        "issuing_authority": "UBND huyện Cầu Kè",
        "valid_until": "2027-03-01",
    }
    out = StringIO()
    call_command("certificate", "list", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [r["number"] for r in rows] == ["CK-2024-01"]


@pytest.mark.django_db
def test_unknown_number_exits_non_zero_with_a_clear_message():
    with pytest.raises(CommandError, match="Không có giấy chứng nhận OCOP nào mang số “XYZ”"):
        call_command("certificate", "verify", "XYZ", "--format", "json")


@pytest.mark.django_db(transaction=True)
def test_reminders_are_sent_once_through_the_worker(reference_data):
    _setup()
    # Valid until 01/03/2027: the window opens 02/09/2026 (−180 days), closes 01/11/2026 (−120).
    out = StringIO()
    call_command("reminders", "send", "--date", "2026-09-01", stdout=out)
    assert Reminder.objects.count() == 0
    call_command("reminders", "send", "--date", "2026-09-02", stdout=out)
    call_command("reminders", "send", "--date", "2026-09-02", stdout=out)  # a re-run: nothing
    assert list(Reminder.objects.values_list("milestone", "due_on")) == [
        ("window_open", D(2026, 9, 2))
    ]
    assert Notification.objects.count() == 0  # delivered by the worker, not by the command
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    notes = Notification.objects.order_by("user__username")
    assert [n.user.username for n in notes] == ["chuthe", "office86"]
    assert notes[0].title == "Đã đến thời hạn nộp hồ sơ đánh giá lại: Dừa sáp Cầu Kè"
    assert sorted(mail.outbox[0].to) == ["htx@example.vn", "tinh@example.vn"]
    # 14 days before the window closes (01/11 − 14 = 18/10), then 30 days before expiry (30/01).
    call_command("reminders", "send", "--date", "2026-10-17", stdout=out)
    assert Reminder.objects.count() == 1
    call_command("reminders", "send", "--date", "2026-10-18", stdout=out)
    call_command("reminders", "send", "--date", "2027-01-30", stdout=out)
    assert sorted(Reminder.objects.values_list("milestone", flat=True)) == [
        "expiry_30", "window_closing", "window_open",
    ]  # fmt: skip
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    assert Notification.objects.count() == 6
    assert CertificateEvent.objects.filter(kind="reminder").count() == 3


@pytest.mark.django_db
def test_read_only_subcommands_need_no_actor_but_writes_do():
    from ocop.core.commands import ActorCommand

    class Probe(ActorCommand):
        read_only_actions = frozenset({"show"})

        def add_arguments(self, parser):
            sub = parser.add_subparsers(dest="action", required=True)
            sub.add_parser("show")
            sub.add_parser("change")

        def handle(self, *args, **options):
            self.stdout.write(f"{options['action']} as {self.actor}")

    out = StringIO()
    call_command(Probe(), "show", stdout=out)
    assert out.getvalue().strip() == "show as None"
    with pytest.raises(CommandError, match="--actor"):
        call_command(Probe(), "change")
