"""Writes on the council: appointment, conflict declarations, scorecards, re-score, closing.

Every write runs in one transaction with the acting user (audited). The council rules applied
are the province's (quorum ≥ 75 % of the appointed members including the chair; totals within
10 points, else discussion and re-score — e.g. Tây Ninh's "Quy chế hoạt động"); the council is
set up under QĐ 26/2026 Điều 7.3.b.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.accounts.selectors import user_unit_scope_check
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.criteria import engine
from ocop.criteria.scoring import check_answers, fmt
from ocop.evaluation.council import selectors
from ocop.evaluation.council.choices import MemberRole, OrganisationKind
from ocop.evaluation.council.models import (
    ConflictDeclaration,
    Council,
    CouncilMember,
    DossierScoring,
    Scorecard,
)
from ocop.evaluation.dossiers.choices import DossierStatus, EventKind
from ocop.evaluation.dossiers.models import Dossier, DossierEvent
from ocop.evaluation.models import Round
from ocop.geo.models import AdminUnit, Authority
from ocop.producers.models import Producer


def _event(dossier: Dossier, kind: str, actor: User, note: str = "") -> None:
    DossierEvent.objects.create(
        dossier=dossier, kind=kind, actor=actor, on=timezone.localdate(), note=note
    )


def _check_office(actor: User, round_: Round) -> None:
    if not (actor.is_superuser or actor.has_role(Role.PROVINCE_OFFICE)):
        raise PermissionDenied(_("Only the provincial OCOP office appoints the council."))
    if round_.province is not None:
        user_unit_scope_check(user=actor, unit=round_.province)


def council_member_appoint(
    *,
    actor: User,
    round_: Round,
    user: User,
    role: str,
    organisation_kind: str,
    organisation_name: str,
    authority: Authority | None = None,
    admin_unit: AdminUnit | None = None,
    producer: Producer | None = None,
) -> CouncilMember:
    """Appoint ``user`` to the council of ``round_`` (QĐ 26/2026 Điều 7.3.b)."""
    _check_office(actor, round_)
    if role not in MemberRole.values:
        raise DomainError(_("Unknown council role."))
    if organisation_kind not in OrganisationKind.values:
        raise DomainError(_("Unknown kind of organisation."))
    if user.role != Role.COUNCIL_MEMBER:
        raise DomainError(_("Only an account with the council-member role can sit on a council."))
    with transaction.atomic(), acting_as(actor):
        council, _created = Council.objects.get_or_create(round=round_)
        if council.members.filter(user=user).exists():
            raise DomainError(_("This person is already on the council of this round."))
        if role == MemberRole.CHAIR and council.members.filter(role=MemberRole.CHAIR).exists():
            raise DomainError(_("The council already has a chair."))
        return CouncilMember.objects.create(
            council=council,
            user=user,
            role=role,
            organisation_kind=organisation_kind,
            organisation_name=organisation_name.strip(),
            authority=authority,
            admin_unit=admin_unit,
            producer=producer,
        )


def _member(actor: User, dossier: Dossier) -> CouncilMember:
    if dossier.status != DossierStatus.IN_ROUND or dossier.round_id is None:
        raise DomainError(_("This dossier is not before a council."))
    member = selectors.council_member_for(user=actor, dossier=dossier)
    if member is None:
        raise PermissionDenied(_("You are not a member of the council of this dossier's round."))
    return member


def conflict_declare(
    *, actor: User, dossier: Dossier, conflict: bool, note: str = ""
) -> ConflictDeclaration:
    """The member's declaration on a dossier; recused when declared or flagged automatically."""
    member = _member(actor, dossier)
    reason = selectors.conflict_auto_reason(member=member, dossier=dossier)
    with transaction.atomic(), acting_as(actor):
        if ConflictDeclaration.objects.filter(member=member, dossier=dossier).exists():
            raise DomainError(_("You have already declared on this dossier."))
        if Scorecard.objects.filter(member=member, dossier=dossier).exists():
            raise DomainError(_("Declare before scoring: you already have a scorecard here."))
        recused = conflict or bool(reason)
        declaration = ConflictDeclaration.objects.create(
            member=member,
            dossier=dossier,
            declared_conflict=conflict,
            auto_flag=bool(reason),
            auto_reason=reason,
            recused=recused,
            note=note.strip(),
        )
        if recused:
            _event(dossier, EventKind.RECUSED, actor, f"{member} ({reason or 'declared'})")
        return declaration


def _scoring(dossier: Dossier) -> DossierScoring:
    scoring, _created = DossierScoring.objects.get_or_create(dossier=dossier)
    return scoring


def _refuse_if_closed(scoring: DossierScoring) -> None:
    if scoring.closed_at is not None:
        raise DomainError(_("The council has closed the scoring of this dossier."))


def scorecard_save(
    *,
    actor: User,
    dossier: Dossier,
    answers: Mapping[str, int],
    notes: Mapping[str, str] | None = None,
) -> Scorecard:
    """Save the member's draft on the sheet of the dossier's edition; answers may be partial.

    A signed scorecard is never edited: after signing, only a re-score opened by the council
    (spread above the limit) creates a new scorecard that supersedes the signed one.
    """
    member = _member(actor, dossier)
    if selectors.member_recused(member=member, dossier=dossier):
        raise DomainError(_("You are recused from this dossier and cannot score it."))
    sheet = selectors.dossier_sheet(dossier)
    flags = selectors.dossier_flags(dossier)
    checked = check_answers(sheet, dict(answers), flags, allow_missing=True)
    clean_notes = {str(k): str(v).strip() for k, v in (notes or {}).items() if str(v).strip()}
    unknown = sorted(set(clean_notes) - {c.code for c in sheet.criteria})
    if unknown:
        raise DomainError(
            _("Notes for unknown criteria: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    with transaction.atomic(), acting_as(actor):
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        scoring = _scoring(dossier)
        _refuse_if_closed(scoring)
        draft = (
            Scorecard.objects.select_for_update()
            .filter(member=member, dossier=dossier, signed_at__isnull=True)
            .first()
        )
        if draft is not None:
            draft.answers, draft.notes = checked, clean_notes
            draft.save(update_fields=["answers", "notes", "updated_at"])
            return draft
        signed = selectors.scorecard_current_list(dossier=dossier).filter(member=member).first()
        if signed is not None and signed.rescore_round >= scoring.rescore_round:
            raise DomainError(_("Your scorecard is signed: a signed scorecard is never edited."))
        return Scorecard.objects.create(
            member=member,
            dossier=dossier,
            edition=dossier.edition,
            revision=sheet.edition.revision,
            set_no=sheet.set_no,
            answers=checked,
            notes=clean_notes,
            supersedes=signed,
            rescore_round=scoring.rescore_round,
        )


def scorecard_sign(*, actor: User, scorecard: Scorecard) -> Scorecard:
    """Sign the member's own card. Race-safe: the dossier row, then the card, are locked, so two
    requests on one card give one signature and "all signed" is recorded exactly once."""
    with transaction.atomic(), acting_as(actor):
        dossier = Dossier.objects.select_for_update().get(pk=scorecard.dossier_id)
        card = (
            Scorecard.objects.select_for_update(of=("self",))
            .select_related("member")
            .get(pk=scorecard.pk)
        )
        if card.member.user_id != actor.pk:
            raise PermissionDenied(_("You can sign only your own scorecard."))
        if card.signed_at is not None:
            raise DomainError(_("This scorecard is already signed."))
        member = _member(actor, dossier)
        if selectors.member_recused(member=member, dossier=dossier):
            raise DomainError(_("You are recused from this dossier and cannot score it."))
        scoring = _scoring(dossier)
        _refuse_if_closed(scoring)
        sheet = selectors.dossier_sheet(dossier)
        flags = selectors.dossier_flags(dossier)
        answers = check_answers(sheet, card.answers, flags)
        card.total = engine.score_member(sheet, answers, flags).total
        card.signed_at = timezone.now()
        card.save(update_fields=["total", "signed_at", "updated_at"])
        _event(dossier, EventKind.SCORECARD_SIGNED, actor, f"{member}: {fmt(card.total)}")
        if scoring.all_signed_at is None and _all_signed(dossier, scoring):
            scoring.all_signed_at = timezone.now()
            scoring.save(update_fields=["all_signed_at", "updated_at"])
            result = selectors.council_result(dossier=dossier)
            note = ""
            if result.spread is not None:
                note = _("spread %(spread)s, limit %(limit)s") % {
                    "spread": fmt(result.spread),
                    "limit": fmt(result.spread_limit),
                }
            _event(dossier, EventKind.ALL_SIGNED, actor, note)
        return card


def _all_signed(dossier: Dossier, scoring: DossierScoring) -> bool:
    """Every member not recused has signed a card of the current (re-)scoring round."""
    current = set(
        selectors.scorecard_current_list(dossier=dossier)
        .filter(rescore_round=scoring.rescore_round)
        .values_list("member_id", flat=True)
    )
    drafts = set(
        Scorecard.objects.filter(dossier=dossier, signed_at__isnull=True).values_list(
            "member_id", flat=True
        )
    )
    for member in selectors.council_member_list(dossier=dossier):
        if selectors.member_recused(member=member, dossier=dossier):
            continue
        if member.pk not in current or member.pk in drafts:
            return False
    return True


def _check_chair(actor: User, dossier: Dossier) -> CouncilMember:
    member = _member(actor, dossier)
    if member.role != MemberRole.CHAIR:
        raise PermissionDenied(_("Only the chair of the council does this."))
    return member


def scoring_rescore_open(*, actor: User, dossier: Dossier, discussion: str) -> DossierScoring:
    """Record the discussion and open a re-score: the totals differ by more than the limit."""
    _check_chair(actor, dossier)
    if not discussion.strip():
        raise DomainError(_("Record what the council discussed before re-scoring."))
    with transaction.atomic(), acting_as(actor):
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        scoring = _scoring(dossier)
        _refuse_if_closed(scoring)
        if scoring.all_signed_at is None:
            raise DomainError(_("Not every member has signed yet."))
        result = selectors.council_result(dossier=dossier)
        if not result.needs_rescore:
            raise DomainError(
                _("The totals are within the limit of %(limit)s points: no re-score.")
                % {"limit": fmt(result.spread_limit)}
            )
        scoring.rescore_round += 1
        scoring.all_signed_at = None
        scoring.save(update_fields=["rescore_round", "all_signed_at", "updated_at"])
        _event(dossier, EventKind.RESCORE_OPENED, actor, discussion.strip())
        return scoring


def scoring_close(*, actor: User, dossier: Dossier) -> DossierScoring:
    """Close the council's scoring: the result comes from the engine (``council_result``)."""
    _check_chair(actor, dossier)
    with transaction.atomic(), acting_as(actor):
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        scoring = _scoring(dossier)
        _refuse_if_closed(scoring)
        if scoring.all_signed_at is None:
            raise DomainError(_("Not every member has signed yet."))
        result = selectors.council_result(dossier=dossier)
        quorum = result.quorum
        if not quorum.met:
            raise DomainError(
                _(
                    "No quorum: %(counted)s members counted of %(appointed)s appointed, "
                    "%(required)s needed with the chair among them."
                )
                % {
                    "counted": quorum.counted,
                    "appointed": quorum.appointed,
                    "required": quorum.required,
                }
            )
        if result.needs_rescore:
            raise DomainError(
                _("The totals differ by %(spread)s points, above %(limit)s: re-score first.")
                % {"spread": fmt(result.spread or Decimal(0)), "limit": fmt(result.spread_limit)}
            )
        if result.outcome is None:  # quorum met means members counted; kept for the type
            raise DomainError(_("No member's scorecard counts."))
        scoring.closed_at = timezone.now()
        scoring.closed_by = actor
        scoring.total = result.outcome.total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        scoring.star = result.star
        scoring.status = result.status
        scoring.result = {
            "total": fmt(result.outcome.total),
            "star": result.star,
            "status": result.status,
            "member_totals": [None if t is None else fmt(t) for t in result.member_totals],
            "spread": None if result.spread is None else fmt(result.spread),
            "quorum": {
                "appointed": quorum.appointed,
                "counted": quorum.counted,
                "required": quorum.required,
                "met": quorum.met,
            },
            "engine_version": result.outcome.engine_version,
            "edition": result.outcome.edition,
            "policies": dict(result.outcome.policies),
        }
        scoring.save()
        _event(
            dossier,
            EventKind.COUNCIL_CLOSED,
            actor,
            f"{fmt(result.outcome.total)} / {result.star or '-'}",
        )
        return scoring


def scoring_flags_record(
    *,
    actor: User,
    dossier: Dossier,
    eliminated: bool = False,
    halted_at: str = "",
    disqualified: bool = False,
    note: str,
) -> DossierScoring:
    """Record, once for the dossier, that it is eliminated, halted at a criterion with a stop
    note, or disqualified (QĐ 26/2026 Phụ lục II: "Bị loại nếu…", "không đánh giá các bước tiếp
    theo", "Hồ sơ bị loại khi…"). The chair records it for the whole council; the engine then
    scores every card with these facts (no star unless rated)."""
    _check_chair(actor, dossier)
    halted_at = halted_at.strip()
    if not (eliminated or halted_at or disqualified):
        raise DomainError(_("Choose what applies: eliminated, halted or disqualified."))
    if not note.strip():
        raise DomainError(_("Give the grounds (the note of the sheet that applies)."))
    sheet = selectors.dossier_sheet(dossier)
    if halted_at:
        crit = next((c for c in sheet.criteria if c.code == halted_at), None)
        if crit is None or not crit.halts:
            raise DomainError(
                _("Criterion %(code)s has no stop note on this sheet.") % {"code": halted_at}
            )
    with transaction.atomic(), acting_as(actor):
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        scoring = _scoring(dossier)
        _refuse_if_closed(scoring)
        if scoring.flags_recorded_at is not None:
            raise DomainError(
                _("Elimination, halt or disqualification is already recorded for this dossier.")
            )
        scoring.eliminated = eliminated
        scoring.halted_at = halted_at
        scoring.disqualified = disqualified
        scoring.flags_note = note.strip()
        scoring.flags_recorded_at = timezone.now()
        scoring.flags_recorded_by = actor
        scoring.save()
        _event(dossier, EventKind.SCORING_FLAGS, actor, note.strip())
        return scoring
