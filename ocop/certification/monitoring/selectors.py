"""Reads on post-certification monitoring, scoped by the user's area."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import user_scope_units, user_sees_everything
from ocop.certification.models import Certificate
from ocop.certification.monitoring.models import Inspection, InspectionFinding, InspectionPlan


def may_inspect(user: User) -> bool:
    return bool(user.is_superuser or user.role in (Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE))


def plan_list(*, user: User) -> QuerySet[InspectionPlan]:
    if not may_inspect(user):
        return InspectionPlan.objects.none()
    plans = InspectionPlan.objects.select_related("province")
    if not user_sees_everything(user):
        plans = plans.filter(province__in=user_scope_units(user))
    return plans


def inspection_list(*, user: User) -> QuerySet[Inspection]:
    plans = plan_list(user=user)
    return (
        Inspection.objects.filter(plan__in=plans)
        .select_related("plan__province")
        .annotate(finding_count=Count("findings"))
    )


def inspection_get(*, user: User, pk: int) -> Inspection | None:
    return inspection_list(user=user).filter(pk=pk).first()


def findings_for_certificate(
    *, user: User, certificate: Certificate
) -> QuerySet[InspectionFinding]:
    """The inspections a certificate went through, for its page (office only)."""
    if not may_inspect(user):
        return InspectionFinding.objects.none()
    return (
        InspectionFinding.objects.filter(certificate=certificate)
        .select_related("inspection__plan", "revocation_decision")
        .prefetch_related("actions")
        .order_by("-inspection__inspected_on", "-pk")
    )
