"""Background tasks of the certificates register (run by `ocop db_worker`)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import Notification, User
from ocop.certification.models import CertificateEvent, Reminder
from ocop.certification.reminders import MILESTONES
from ocop.core.audit import system_user


def _recipients(reminder: Reminder) -> list[User]:
    cert = reminder.certificate
    producers = User.objects.filter(is_active=True, producer_links__producer_id=cert.producer_id)
    office = User.objects.filter(
        is_active=True, role=Role.PROVINCE_OFFICE, units=cert.decision.province_id
    )
    return list((producers | office).distinct().order_by("pk"))


@task
def deliver_reminder(reminder_id: int) -> int:
    """Notify the producer's accounts and the provincial office; returns how many people."""
    reminder = Reminder.objects.select_related("certificate__product", "certificate__decision").get(
        pk=reminder_id
    )
    cert = reminder.certificate
    milestone = next(m for m in MILESTONES if m.code == reminder.milestone)
    title = f"{_(milestone.title)}: {cert.product.name}"
    body = _(
        "Certificate %(number)s of %(product)s is valid until %(until)s. The re-rating dossier "
        "is filed no earlier than 180 and no later than 120 days before expiry (QĐ 26/2026 "
        "Điều 7.6.a)."
    ) % {
        "number": cert.number,
        "product": cert.product.name,
        "until": cert.valid_until.strftime("%d/%m/%Y") if cert.valid_until else "—",
    }
    url = reverse("certification:certificate_detail", args=[cert.pk])
    people = _recipients(reminder)
    Notification.objects.bulk_create(
        [Notification(user=u, title=title, body=body, url=url) for u in people]
    )
    emails = [u.email for u in people if u.email]
    if emails:
        send_mail(title, body, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=False)
    CertificateEvent.objects.create(
        certificate=cert,
        kind="reminder",
        on=reminder.due_on,
        actor=system_user(),
        note=str(_(milestone.title)),
    )
    return len(people)
