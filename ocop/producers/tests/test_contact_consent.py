"""Consent to publish a producer's contact details (issue 13 item 2): a flag with its date,
editable by the producer's own accounts and by the office, never by anyone else."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from ocop.producers.tests.test_producers import form_data
from ocop.testing import make_producer

pytestmark = pytest.mark.django_db


def _consent_form(**over):
    return form_data(name="HTX Cũ", tax_code="", **over)


@time_machine.travel("2026-03-10 09:00 +0700", tick=False)
def test_producer_gives_consent_dated_today_and_withdraws_it(client, producer_user):
    producer = make_producer("HTX Cũ", accounts=[producer_user])
    url = reverse("producers:producer_update", args=[producer.pk])
    client.force_login(producer_user)
    assert client.post(url, _consent_form(contact_consent="on")).status_code == 302
    producer.refresh_from_db()
    assert producer.contact_consent is True
    assert producer.contact_consent_on == dt.date(2026, 3, 10)
    assert client.post(url, _consent_form()).status_code == 302
    producer.refresh_from_db()
    assert producer.contact_consent is False
    assert producer.contact_consent_on is None


def test_office_records_consent_with_the_date_given(client, province_office):
    producer = make_producer("HTX Cũ")
    url = reverse("producers:producer_update", args=[producer.pk])
    client.force_login(province_office)
    data = _consent_form(contact_consent="on", contact_consent_on="05/01/2026")
    assert client.post(url, data).status_code == 302
    producer.refresh_from_db()
    assert (producer.contact_consent, producer.contact_consent_on) == (True, dt.date(2026, 1, 5))


@time_machine.travel("2026-03-10 09:00 +0700", tick=False)
def test_future_consent_date_is_refused_and_nothing_changes(client, province_office):
    producer = make_producer("HTX Cũ")
    url = reverse("producers:producer_update", args=[producer.pk])
    client.force_login(province_office)
    data = _consent_form(contact_consent="on", contact_consent_on="11/03/2026")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ngày đồng ý không thể ở tương lai." in response.content.decode()
    producer.refresh_from_db()
    assert (producer.contact_consent, producer.contact_consent_on) == (False, None)


def test_only_the_producer_and_the_office_of_its_area_change_consent(
    client, neighbour_user, other_province_office, national_office, council_member
):
    producer = make_producer("HTX Cũ")
    url = reverse("producers:producer_update", args=[producer.pk])
    data = _consent_form(contact_consent="on")
    assert client.post(url, data).status_code == 302  # anonymous → login
    for user, status in (
        (national_office, 403),
        (council_member, 403),
        (other_province_office, 404),
        (neighbour_user, 404),
    ):
        client.force_login(user)
        assert client.post(url, data).status_code == status
    producer.refresh_from_db()
    assert (producer.contact_consent, producer.contact_consent_on) == (False, None)
