"""Writes on post-certification monitoring (QĐ 26/2026/QĐ-TTg Điều 9): plans, inspection records
with findings, follow-up actions, and a revocation opened from a finding (Điều 8.1.b, through
``certificate_revoke`` with the date of the inspection's conclusion, Điều 8.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import user_sees_everything, user_unit_scope_check
from ocop.certification.models import Certificate, Decision
from ocop.certification.monitoring.choices import ActionStatus, FindingResult, PlanKind
from ocop.certification.monitoring.models import (
    FollowUpAction,
    Inspection,
    InspectionFinding,
    InspectionPlan,
)
from ocop.certification.services import certificate_revoke
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.geo.models import AdminUnit

INSPECTING_ROLES = (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE)


def _check(actor: User, province: AdminUnit) -> None:
    """Điều 9.2: the province inspects the products in its territory; the ministry 5★ ones."""
    if not (actor.is_superuser or actor.role in INSPECTING_ROLES):
        raise PermissionDenied(_("Only the OCOP office plans and records inspections."))
    if not user_sees_everything(actor):
        try:
            user_unit_scope_check(user=actor, unit=province)
        except DomainError as exc:
            raise PermissionDenied(exc.message) from exc


def plan_create(
    *,
    actor: User,
    province: AdminUnit,
    kind: str,
    title: str,
    scope: str,
    period_start: dt.date,
    period_end: dt.date,
    certificates: Sequence[Certificate],
) -> InspectionPlan:
    _check(actor, province)
    if kind not in PlanKind.values:
        raise DomainError(_("Choose a periodic or an ad-hoc inspection."))
    if not title.strip():
        raise DomainError(_("Give the plan a title."))
    if period_end < period_start:
        raise DomainError(_("The period ends before it starts."))
    if not certificates:
        raise DomainError(_("Choose at least one certified product to inspect."))
    from ocop.certification.selectors import certificate_list

    pks = {c.pk for c in certificates}
    if certificate_list(user=actor).filter(pk__in=pks).count() != len(pks):
        raise PermissionDenied(_("Some of these certificates are outside the area you act for."))
    with transaction.atomic(), acting_as(actor):
        plan = InspectionPlan.objects.create(
            province=province,
            kind=kind,
            title=title.strip(),
            scope=scope.strip(),
            period_start=period_start,
            period_end=period_end,
            created_by=actor,
        )
        plan.certificates.set(sorted(pks))
        return plan


@dataclass(frozen=True)
class FindingInput:
    certificate: Certificate
    result: str
    finding: str
    actions: tuple[tuple[str, dt.date], ...] = ()


def inspection_record(
    *,
    actor: User,
    plan: InspectionPlan,
    inspected_on: dt.date,
    inspectors: str,
    conclusion: str,
    concluded_on: dt.date,
    findings: Sequence[FindingInput],
) -> Inspection:
    """The record of one inspection: findings per product and follow-up actions with deadlines."""
    _check(actor, plan.province)
    if not inspectors.strip():
        raise DomainError(_("Name the inspectors."))
    if not conclusion.strip():
        raise DomainError(_("Write the inspection's conclusion."))
    if concluded_on < inspected_on:
        raise DomainError(_("The conclusion cannot come before the inspection."))
    if not (plan.period_start <= inspected_on <= plan.period_end):
        raise DomainError(
            _("The inspection date lies outside the plan's period (%(start)s – %(end)s).")
            % {"start": f"{plan.period_start:%d/%m/%Y}", "end": f"{plan.period_end:%d/%m/%Y}"}
        )
    if not findings:
        raise DomainError(_("Record the finding for at least one product."))
    planned = set(plan.certificates.values_list("pk", flat=True))
    seen: set[int] = set()
    for item in findings:
        if item.certificate.pk not in planned:
            raise DomainError(
                _("%(number)s is not in this plan.") % {"number": item.certificate.number}
            )
        if item.certificate.pk in seen:
            raise DomainError(
                _("%(number)s is listed twice.") % {"number": item.certificate.number}
            )
        seen.add(item.certificate.pk)
        if item.result not in FindingResult.values:
            raise DomainError(_("Unknown result of a finding."))
        if not item.finding.strip():
            raise DomainError(
                _("Describe what was found for %(number)s.") % {"number": item.certificate.number}
            )
        for action, due_on in item.actions:
            if not action.strip():
                raise DomainError(_("A follow-up action needs a description."))
            if due_on < concluded_on:
                raise DomainError(_("A follow-up action cannot be due before the conclusion."))
    with transaction.atomic(), acting_as(actor):
        inspection = Inspection.objects.create(
            plan=plan,
            inspected_on=inspected_on,
            inspectors=inspectors.strip(),
            conclusion=conclusion.strip(),
            concluded_on=concluded_on,
            created_by=actor,
        )
        for item in findings:
            finding = InspectionFinding.objects.create(
                inspection=inspection,
                certificate=item.certificate,
                result=item.result,
                finding=item.finding.strip(),
            )
            for action, due_on in item.actions:
                FollowUpAction.objects.create(finding=finding, action=action.strip(), due_on=due_on)
        return inspection


def follow_up_close(
    *, actor: User, action: FollowUpAction, status: str, on: dt.date, note: str = ""
) -> FollowUpAction:
    _check(actor, action.finding.inspection.plan.province)
    if status not in (ActionStatus.DONE, ActionStatus.CANCELLED):
        raise DomainError(_("Mark the action done or cancelled."))
    with transaction.atomic(), acting_as(actor):
        locked = FollowUpAction.objects.select_for_update().get(pk=action.pk)
        if locked.status != ActionStatus.OPEN:
            raise DomainError(_("This action is already closed."))
        if on < locked.finding.inspection.concluded_on:
            raise DomainError(_("An action cannot be closed before the conclusion."))
        locked.status = status
        locked.done_on = on
        locked.note = note.strip()[:500]
        locked.save()
        return locked


def finding_revoke(
    *,
    actor: User,
    finding: InspectionFinding,
    number: str,
    signed_on: dt.date,
    reason: str,
    ground: str = "b",
    signer_name: str = "",
    signer_title: str = "",
) -> Decision:
    """Open the revocation from a finding: ``certificate_revoke`` with the inspection's
    conclusion date (QĐ 26/2026 Điều 8.1.b, 8.4 — within 15 days of the conclusion)."""
    inspection = finding.inspection
    _check(actor, inspection.plan.province)
    if finding.result != FindingResult.NOT_MAINTAINED:
        raise DomainError(
            _("Only a finding that the product no longer meets the criteria leads to revocation.")
        )
    if finding.revocation_decision_id is not None:
        raise DomainError(_("This finding has already led to a revocation."))
    with transaction.atomic(), acting_as(actor):
        decision = certificate_revoke(
            actor=actor,
            certificates=[finding.certificate],
            number=number,
            signed_on=signed_on,
            ground=ground,
            reason=reason,
            concluded_on=inspection.concluded_on,
            province=finding.certificate.decision.province,
            signer_name=signer_name,
            signer_title=signer_title,
        )
        InspectionFinding.objects.filter(pk=finding.pk).update(revocation_decision=decision)
        finding.revocation_decision = decision
        return decision
