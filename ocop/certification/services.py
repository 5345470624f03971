"""Writes on the certificates register: decisions, certificates, supersession, revocation.

Every service takes the acting user, validates, writes in one transaction and records the
certificate's timeline events besides the audit log.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import user_sees_everything, user_unit_scope_check
from ocop.certification.choices import (
    DatePrecision,
    DecisionKind,
    Edition,
    EventKind,
    Process,
    RatingKind,
    RevocationGround,
    ValidUntilSource,
)
from ocop.certification.models import (
    DEFAULT_NUMBER_TEMPLATE,
    Certificate,
    CertificateEvent,
    CertificateSerial,
    Decision,
    NumberTemplate,
    Result,
)
from ocop.certification.rules import REVOCATION_DAYS, valid_until_for
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.geo.choices import AuthorityKind
from ocop.geo.models import AdminUnit, Authority
from ocop.geo.selectors import authority_successor_for_revocation
from ocop.products.choices import ProductStatus
from ocop.products.models import Product
from ocop.products.selectors import product_list

RECORDING_ROLES = (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE)
OLD_PROCESSES = frozenset({Process.QD_1048_2019, Process.QD_148_2023, Process.QD_1489_2025})


@dataclass(frozen=True)
class ResultInput:
    """One product of a decision's annex as the office records it."""

    product: Product
    star: int | None
    score: Decimal | None = None
    potential_5: bool = False
    edition: str = Edition.QD_26_2026
    process: str = Process.QD_26_2026
    rating_kind: str = RatingKind.FIRST
    round_year: int | None = None
    certificate_number: str = ""  # as printed (legacy records)
    valid_until: dt.date | None = None  # as printed or imported: overrides the computed date
    rerating_filed_on: dt.date | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _may_record(actor: User) -> bool:
    return bool(actor.is_superuser or actor.role in RECORDING_ROLES)


def _check_actor(actor: User, province: AdminUnit) -> None:
    if not _may_record(actor):
        raise PermissionDenied(_("Only the OCOP office records decisions and certificates."))
    if not user_sees_everything(actor):
        try:
            user_unit_scope_check(user=actor, unit=province)
        except DomainError as exc:
            raise PermissionDenied(exc.message) from exc


def _in_force(authority: Authority, day: dt.date) -> bool:
    return (authority.valid_from is None or authority.valid_from <= day) and (
        authority.valid_to is None or authority.valid_to >= day
    )


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


_TOKEN = re.compile(r"\{(T|YYYY|YY|N+)\}")


def number_template_validate(template: str) -> None:
    """A template needs a serial token; unknown tokens are refused."""
    tokens = re.findall(r"\{([^}]*)\}", template)
    unknown = [t for t in tokens if not _TOKEN.fullmatch("{" + t + "}")]
    if unknown:
        raise DomainError(
            _("Unknown token in the number template: %(tokens)s.")
            % {"tokens": ", ".join("{" + t + "}" for t in unknown)}
        )
    if not any(set(t) == {"N"} for t in tokens):
        raise DomainError(_("The number template needs a serial token such as {NNN}."))


def _render_number(template: str, *, province_code: str, year: int, serial: int) -> str:
    def repl(match: re.Match[str]) -> str:
        token = match.group(1)
        if token == "T":  # noqa: S105 - a template token, not a password
            return province_code
        if token == "YYYY":  # noqa: S105
            return f"{year:04d}"
        if token == "YY":  # noqa: S105
            return f"{year % 100:02d}"
        return f"{serial:0{len(token)}d}"

    return _TOKEN.sub(repl, template)


def certificate_next_number(*, province: AdminUnit, year: int) -> str:
    """The next number of the province's template, without races (locked counter row).

    Must run inside the caller's transaction: the counter row stays locked until it commits.
    """
    template_row = NumberTemplate.objects.filter(province=province).first()
    template = template_row.template if template_row else DEFAULT_NUMBER_TEMPLATE
    try:
        with transaction.atomic():
            CertificateSerial.objects.get_or_create(province=province, year=year)
    except IntegrityError:  # created by a concurrent transaction meanwhile: lock it below
        pass
    serial = CertificateSerial.objects.select_for_update().get(province=province, year=year)
    while True:
        serial.last += 1
        number = _render_number(
            template, province_code=province.code, year=year, serial=serial.last
        )
        if not Certificate.objects.filter(number=number).exists():
            break
    serial.save(update_fields=["last"])
    return number


def number_template_set(*, actor: User, province: AdminUnit, template: str) -> NumberTemplate:
    """The office sets how its province numbers certificates."""
    _check_actor(actor, province)
    number_template_validate(template)
    with transaction.atomic(), acting_as(actor):
        row, _created = NumberTemplate.objects.update_or_create(
            province=province, defaults={"template": template}
        )
    return row


def _validate_item(item: ResultInput, *, kind: str, authority: Authority) -> None:
    name = item.product.name
    if kind == DecisionKind.RESULT_APPROVAL:
        if not item.potential_5 or item.star is not None:
            raise DomainError(
                _(
                    "%(product)s: a result-approval decision lists only products scoring 90 "
                    "points or more, with no star (QĐ 26/2026 Điều 7.3.e)."
                )
                % {"product": name}
            )
        return
    if item.potential_5 and item.process == Process.QD_26_2026:
        if item.star is not None:
            raise DomainError(
                _(
                    "%(product)s: under QĐ 26/2026 a product scoring 90 or more gets its result "
                    "approved and no certificate until the ministry rates it (Điều 7.3.e)."
                )
                % {"product": name}
            )
        return
    if item.potential_5 and item.star != 4:
        raise DomainError(
            _(
                "%(product)s: under the QĐ 1048/148/1489 process a product scoring 90 or more "
                "received a 4-star certificate and a proposal to the national level."
            )
            % {"product": name}
        )
    if item.star is None or item.star < 3 or item.star > 5:
        # QĐ 26/2026 Điều 4.1.a: no recognition decision and no certificate for 1★ or 2★.
        raise DomainError(
            _("%(product)s: only products rated 3 to 5 stars are recognised.") % {"product": name}
        )
    if (item.star == 5) != (authority.kind == AuthorityKind.MINISTRY):
        # QĐ 26/2026 Điều 4.1: the ministry recognises 5★, the province 3★ and 4★.
        raise DomainError(
            _("%(product)s: 5-star products are recognised by the ministry, and only they.")
            % {"product": name}
        )
    if authority.kind == AuthorityKind.DISTRICT_COMMITTEE and item.star != 3:
        # QĐ 148/QĐ-TTg Phụ lục II: district councils certified 3★ only (until 05/07/2025).
        raise DomainError(
            _("%(product)s: a district People's Committee recognised 3-star products only.")
            % {"product": name}
        )
    if item.score is not None and not (Decimal(0) <= item.score <= Decimal(100)):
        raise DomainError(_("%(product)s: a score lies between 0 and 100.") % {"product": name})


def _previous_live(product: Product) -> Certificate | None:
    return (
        # of=("self",): PostgreSQL locks no row on the nullable side of an outer join.
        Certificate.objects.select_for_update(of=("self",))
        .filter(product=product, revocation_decision__isnull=True, superseded_by__isnull=True)
        .order_by("-valid_from", "-pk")
        .first()
    )


def decision_record(
    *,
    actor: User,
    kind: str,
    number: str,
    signed_on: dt.date | None,
    authority: Authority,
    province: AdminUnit,
    items: Sequence[ResultInput],
    signer_name: str = "",
    signer_title: str = "",
    date_precision: str = DatePrecision.DAY,
    date_until: dt.date | None = None,
    summary: str = "",
    is_legacy: bool = False,
    source: str = "",
    is_demo: bool = False,
) -> Decision:
    """Record a recognition or result-approval decision with its annex list of products.

    Each product recognised at 3★ or more gets one certificate pointing to the decision; its
    previous live certificate is superseded (re-rating, upgrade). A draft product becomes active.
    """
    _check_actor(actor, province)
    number = number.strip()
    if kind not in (DecisionKind.RECOGNITION, DecisionKind.RESULT_APPROVAL):
        raise DomainError(_("Unknown decision kind."))
    if not number:
        raise DomainError(_("A decision needs its number and symbol."))
    if not items:
        raise DomainError(_("A decision lists at least one product."))
    if date_precision not in DatePrecision.values:
        raise DomainError(_("Unknown date precision."))
    if signed_on is None and date_precision != DatePrecision.UNKNOWN:
        raise DomainError(_("The decision date is missing."))
    if not is_legacy and date_precision != DatePrecision.DAY:
        raise DomainError(_("A decision made in this system has a full date."))
    exact = signed_on if date_precision == DatePrecision.DAY else None
    if exact is not None and not _in_force(authority, exact):
        raise DomainError(
            _("%(authority)s was not in force on %(day)s.")
            % {"authority": authority.name, "day": _fmt(exact)}
        )
    seen: set[int] = set()
    for item in items:
        if item.product.pk in seen:
            raise DomainError(
                _("%(product)s is listed twice in the decision.") % {"product": item.product.name}
            )
        seen.add(item.product.pk)
        _validate_item(item, kind=kind, authority=authority)
        if item.valid_until is not None and exact is not None and item.valid_until < exact:
            raise DomainError(
                _("%(product)s: the valid-until date %(until)s is before the decision date.")
                % {"product": item.product.name, "until": _fmt(item.valid_until)}
            )
    visible = set(product_list(user=actor).filter(pk__in=seen).values_list("pk", flat=True))
    outside = [i.product.name for i in items if i.product.pk not in visible]
    if outside:
        raise PermissionDenied(
            _("These products are outside the area you act for: %(names)s.")
            % {"names": ", ".join(outside)}
        )
    if Decision.objects.filter(authority=authority, number=number, signed_on=signed_on).exists():
        raise DomainError(
            _("Decision %(number)s of %(authority)s is already recorded.")
            % {"number": number, "authority": authority.name}
        )
    with transaction.atomic(), acting_as(actor):
        decision = Decision.objects.create(
            kind=kind,
            number=number,
            signed_on=signed_on,
            date_precision=date_precision,
            date_until=date_until,
            signer_name=signer_name.strip(),
            signer_title=signer_title.strip(),
            authority=authority,
            province=province,
            summary=summary.strip(),
            is_legacy=is_legacy,
            source=source,
            is_demo=is_demo,
        )
        for item in items:
            _record_item(actor, decision, item, exact=exact, is_demo=is_demo)
    return decision


def _record_item(
    actor: User, decision: Decision, item: ResultInput, *, exact: dt.date | None, is_demo: bool
) -> None:
    product = Product.objects.select_for_update().get(pk=item.product.pk)
    result = Result.objects.create(
        decision=decision,
        product=product,
        producer_id=product.producer_id,
        star=item.star,
        score=item.score,
        potential_5=item.potential_5,
        edition=item.edition,
        process=item.process,
        rating_kind=item.rating_kind,
        round_year=item.round_year,
    )
    if product.status == ProductStatus.DRAFT:
        product.status = ProductStatus.ACTIVE
        product.save(update_fields=["status", "updated_at"])
    if decision.kind != DecisionKind.RECOGNITION or item.star is None:
        return
    number = item.certificate_number.strip()
    printed = True
    if number:
        if Certificate.objects.filter(number=number).exists():
            raise DomainError(
                _("Certificate number %(number)s is already recorded.") % {"number": number}
            )
    elif decision.is_legacy:
        # A legacy record with no printed number gets a system reference, marked not printed.
        number = f"HT-{decision.province.code}-{decision.pk}-{product.pk}"
        printed = False
    else:
        year = exact.year if exact is not None else (item.round_year or 0)
        number = certificate_next_number(province=decision.province, year=year)
    if item.valid_until is not None:
        valid_until, source = item.valid_until, ValidUntilSource.PRINTED
    elif exact is not None:
        valid_until, source = valid_until_for(exact), ValidUntilSource.COMPUTED
    else:
        valid_until, source = None, ValidUntilSource.COMPUTED
    previous = _previous_live(product)
    certificate = Certificate.objects.create(
        result=result,
        number=number,
        number_printed=printed,
        product=product,
        producer_id=product.producer_id,
        star=item.star,
        edition=item.edition,
        process=item.process,
        score=item.score,
        decision=decision,
        round_year=item.round_year,
        valid_from=exact,
        valid_until=valid_until,
        valid_until_source=source,
        supersedes=previous,
        rerating_filed_on=item.rerating_filed_on,
        is_demo=is_demo,
    )
    today = exact or timezone.localdate()
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=EventKind.RECORDED if decision.is_legacy else EventKind.ISSUED,
        on=today,
        actor=actor,
        note=str(decision),
    )
    if previous is not None:
        CertificateEvent.objects.create(
            certificate=previous,
            kind=EventKind.SUPERSEDED,
            on=today,
            actor=actor,
            note=certificate.number,
        )


def revocation_authority_for(certificate: Certificate, *, on: dt.date) -> Authority:
    """The body competent to revoke ``certificate`` on ``on`` (QĐ 26/2026 Điều 8.2).

    The provincial chairman for 3★/4★, the minister for 5★ — followed through lineage from the
    body that issued it (a legacy district's 3★ → today's provincial People's Committee).
    """
    return authority_successor_for_revocation(certificate.decision.authority, on=on)


def certificate_revoke(
    *,
    actor: User,
    certificates: Sequence[Certificate],
    number: str,
    signed_on: dt.date,
    ground: str,
    reason: str,
    concluded_on: dt.date,
    province: AdminUnit,
    authority: Authority | None = None,
    signer_name: str = "",
    signer_title: str = "",
) -> Decision:
    """Record a revocation decision for one or more certificates (QĐ 26/2026 Điều 8)."""
    _check_actor(actor, province)
    number = number.strip()
    if not certificates:
        raise DomainError(_("Choose at least one certificate to revoke."))
    if not number:
        raise DomainError(_("A decision needs its number and symbol."))
    if ground not in RevocationGround.values:
        raise DomainError(_("Choose one of the grounds of Điều 8.1."))
    if not reason.strip():
        raise DomainError(_("State the reason for the revocation."))
    if concluded_on > signed_on:
        raise DomainError(
            _("The revocation decision cannot come before the conclusion it rests on.")
        )
    from ocop.certification.selectors import certificate_list

    pks = [c.pk for c in certificates]
    if certificate_list(user=actor).filter(pk__in=pks).count() != len(set(pks)):
        raise PermissionDenied(_("Some of these certificates are outside the area you act for."))
    with transaction.atomic(), acting_as(actor):
        locked = list(
            Certificate.objects.select_for_update(of=("self",))
            .select_related("decision__authority__unit__map")
            .filter(pk__in=pks)
            .order_by("pk")
        )
        competent: set[int] = set()
        for cert in locked:
            if cert.revocation_decision_id is not None:
                raise DomainError(
                    _("Certificate %(number)s is already revoked.") % {"number": cert.number}
                )
            competent.add(revocation_authority_for(cert, on=signed_on).pk)
        if len(competent) != 1:
            raise DomainError(
                _(
                    "These certificates are revoked by different authorities: record one decision "
                    "per authority."
                )
            )
        body = Authority.objects.get(pk=competent.pop())
        if authority is not None and authority.pk != body.pk:
            raise DomainError(
                _(
                    "%(given)s is not competent: on %(day)s these certificates are revoked by "
                    "%(body)s (QĐ 26/2026 Điều 8.2)."
                )
                % {"given": authority.name, "day": _fmt(signed_on), "body": body.name}
            )
        if Decision.objects.filter(authority=body, number=number, signed_on=signed_on).exists():
            raise DomainError(
                _("Decision %(number)s of %(authority)s is already recorded.")
                % {"number": number, "authority": body.name}
            )
        decision = Decision.objects.create(
            kind=DecisionKind.REVOCATION,
            number=number,
            signed_on=signed_on,
            signer_name=signer_name.strip(),
            signer_title=signer_title.strip(),
            authority=body,
            province=province,
            summary=reason.strip()[:500],
        )
        late = (signed_on - concluded_on).days > REVOCATION_DAYS
        for cert in locked:
            cert.revocation_decision = decision
            cert.revocation_ground = ground
            cert.revocation_reason = reason.strip()[:500]
            cert.revocation_concluded_on = concluded_on
            cert.save()
            note = str(decision)
            if late:
                note += " — " + _("decided after the 15-day limit of Điều 8.4")
            CertificateEvent.objects.create(
                certificate=cert, kind=EventKind.REVOKED, on=signed_on, actor=actor, note=note
            )
    return decision


def certificate_set_rerating_filed(
    *, actor: User, certificate: Certificate, filed_on: dt.date | None, via_dossier: bool = False
) -> Certificate:
    """Record the date the re-rating dossier was filed: by the office by hand, or by the dossier
    service when the producer files (``via_dossier``: that service has checked that the actor
    files for the certificate's product, so the office-role check does not apply)."""
    if not via_dossier:
        _check_actor(actor, certificate.decision.province)
    if filed_on is not None and certificate.valid_from and filed_on < certificate.valid_from:
        raise DomainError(_("A re-rating dossier cannot be filed before the certificate."))
    with transaction.atomic(), acting_as(actor):
        cert = Certificate.objects.select_for_update().get(pk=certificate.pk)
        cert.rerating_filed_on = filed_on
        cert.save()
        if filed_on is not None:
            CertificateEvent.objects.create(
                certificate=cert, kind=EventKind.RERATING_FILED, on=filed_on, actor=actor
            )
    return cert


__all__ = [
    "OLD_PROCESSES",
    "ResultInput",
    "certificate_next_number",
    "certificate_revoke",
    "certificate_set_rerating_filed",
    "decision_record",
    "number_template_set",
    "revocation_authority_for",
]
