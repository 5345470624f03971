"""``ocop certificate list|verify``: the certificates register, read-only (no ``--actor``)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certification.choices import CertificateStatus
from ocop.certification.models import Certificate
from ocop.certification.selectors import (
    certificate_get_public,
    certificate_status,
    certificates_with_status,
)


def certificate_as_dict(cert: Certificate, status: str) -> dict[str, Any]:
    decision = cert.decision
    exact = decision.date_precision == "day"
    return {
        "number": cert.number,
        "status": status,
        "star": cert.star,
        "product": cert.product.name,
        "producer": cert.producer.name,
        "decision_number": decision.number,
        "decision_date": decision.signed_on.isoformat() if exact and decision.signed_on else None,
        "issuing_authority": decision.authority.name,
        "valid_until": cert.valid_until.isoformat() if cert.valid_until else None,
    }


class Command(BaseCommand):
    help = "Certificates: list the register or verify one number (read-only)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="every certificate with its live status")
        listing.add_argument("--format", choices=["json", "text"], default="text")
        listing.add_argument("--status", choices=CertificateStatus.values, default=None)
        listing.add_argument("--province", default=None, help="current province code")
        verify = sub.add_parser("verify", help="one certificate by its number")
        verify.add_argument("number")
        verify.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            self._verify(options["number"], options["format"])
        else:
            self._list(options)

    def _emit(self, data: Any, fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        rows = data if isinstance(data, list) else [data]
        for row in rows:
            self.stdout.write(
                f"{row['number']}\t{row['status']}\t{row['star']}★\t{row['product']}\t"
                f"{row['valid_until'] or '—'}"
            )

    def _verify(self, number: str, fmt: str) -> None:
        cert = certificate_get_public(number=number)
        if cert is None:
            raise CommandError(
                _("No OCOP certificate has the number “%(number)s”.") % {"number": number}
            )
        self._emit(certificate_as_dict(cert, certificate_status(cert)), fmt)

    def _list(self, options: dict[str, Any]) -> None:
        qs: Any = certificates_with_status(
            Certificate.objects.select_related(
                "product", "producer", "decision__authority"
            ).order_by("number"),
            on=timezone.localdate(),
        )
        if options.get("status"):
            qs = qs.filter(status_code=options["status"])
        if options.get("province"):
            qs = qs.filter(decision__province__code=options["province"])
        rows = [certificate_as_dict(c, c.status_code) for c in qs]
        self._emit(rows, options["format"])
