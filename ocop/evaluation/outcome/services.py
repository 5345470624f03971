"""Writes on what follows the council (issue 10, items 4–6).

* The council's proposal (QĐ 26/2026 Điều 7.3.d) from the closed scoring, or from agreeing
  written opinions on a re-rating (Điều 7.6.b).
* The provincial chairman's decision (Điều 7.3.e), recorded through the certificates register's
  ``decision_record``: recognition with certificates for 3★/4★; for ≥ 90 under QĐ 26/2026 a
  result-approval decision and no certificate, then the 5★ dossier to the ministry (Điều 6.3.a);
  under the QĐ 148/1489 process a 4★ certificate and the proposal. 1–2★: no decision (Điều 4.1.a).
* The ministry's result (Điều 7.4.g): 5★ recognised with its certificate, or below 90 the province
  recognises 3★/4★ from the central result or has the product evaluated again.
* Re-rating by written opinions, meeting only when they diverge, within 45 days (Điều 7.6.b).

Every write: keyword-only arguments, the acting user, one transaction, audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.models import User
from ocop.certification.choices import DecisionKind, Process, RatingKind
from ocop.certification.models import Decision
from ocop.certification.services import ResultInput, decision_record
from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.criteria import engine
from ocop.criteria.scoring import fmt
from ocop.evaluation.council import selectors as council_selectors
from ocop.evaluation.council.choices import MemberRole
from ocop.evaluation.council.models import Council, CouncilMember
from ocop.evaluation.dossiers.choices import DossierAction, DossierKind, DossierStatus, EventKind
from ocop.evaluation.dossiers.models import Dossier, DossierEvent
from ocop.evaluation.dossiers.transitions import transition
from ocop.evaluation.models import Round
from ocop.evaluation.outcome import selectors
from ocop.evaluation.outcome.choices import (
    FollowUp,
    NationalOutcome,
    ProposalOutcome,
    ProposalSource,
    ReviewState,
)
from ocop.evaluation.outcome.models import NationalResult, Proposal, RerateReview, WrittenOpinion
from ocop.geo.choices import AuthorityKind
from ocop.geo.models import AdminUnit, Authority

FIVE_STAR_MIN = Decimal(90)  # QĐ 26/2026 Điều 3.3, 7.3.e: 90 points or more go to the ministry
FIRST_RECOGNISED_STAR = 3  # QĐ 26/2026 Điều 4.1.a: no decision, no certificate below 3★
OLD_PROCESSES = frozenset({Process.QD_1048_2019, Process.QD_148_2023, Process.QD_1489_2025})
_RATING_KIND: dict[str, str] = {
    DossierKind.FIRST: RatingKind.FIRST,
    DossierKind.UPGRADE: RatingKind.UPGRADE,
    DossierKind.RERATING: RatingKind.RERATING,
}


def _today() -> dt.date:
    return timezone.localdate()


def _fmt(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _event(dossier: Dossier, kind: str, actor: User, on: dt.date, note: str = "") -> None:
    DossierEvent.objects.create(dossier=dossier, kind=kind, actor=actor, on=on, note=note)


def _move(dossier: Dossier, action: str) -> None:
    locked = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    locked.status = transition(locked.status, action)
    locked.save(update_fields=["status", "updated_at"])
    dossier.status = locked.status


def _check_office(actor: User, round_: Round) -> None:
    if not selectors.user_is_office_for(actor, round_):
        raise PermissionDenied(_("Only the OCOP office of this round's province does this."))


def _chair_of(actor: User, round_: Round) -> CouncilMember:
    member = CouncilMember.objects.filter(council__round=round_, user_id=actor.pk).first()
    if member is None or member.role != MemberRole.CHAIR:
        raise PermissionDenied(_("Only the chair of the council does this."))
    return member


# --- the council's proposal ----------------------------------------------------------------------


def _gap_of(dossier: Dossier, target: int) -> dict[str, object]:
    """The smallest change to the council's answers that reaches ``target`` (the criteria
    engine's ``next_star_gap``, on the per-criterion median of the counted members)."""
    answers = selectors.consensus_answers(dossier=dossier)
    if not answers:
        return {}
    sheet = council_selectors.dossier_sheet(dossier)
    try:
        gap = engine.next_star_gap(sheet, answers, target=target)
    except engine.GapError:
        return {}
    if gap is None:
        return {}
    return {
        "target": gap.target_star,
        "reachable": gap.reachable,
        "added": fmt(gap.added_points),
        "lines": gap.lines(),
        "writes_story": gap.writes_story,
    }


_STATUS_REASONS = {
    "eliminated": "Sản phẩm bị loại theo tiêu chí bắt buộc của bộ tiêu chí (Điều 3 QĐ 26/2026)",
    "halted": "Việc chấm điểm dừng lại tại một tiêu chí bắt buộc không đạt",
    "disqualified": "Sản phẩm không đủ điều kiện đánh giá, phân hạng",
}


def _from_scoring(dossier: Dossier) -> tuple[str, Decimal | None, int | None, str, dict]:
    scoring = dossier.scoring
    total = scoring.total
    star = scoring.star
    if star is not None and star >= 5 and total is not None and total >= FIVE_STAR_MIN:
        return ProposalOutcome.POTENTIAL_5, total, 5, "", {}
    if star is not None and star >= FIRST_RECOGNISED_STAR:
        return ProposalOutcome.RECOGNISE, total, star, "", {}
    reason = _STATUS_REASONS.get(scoring.status, "")
    if not reason:
        reason = (
            f"Điểm bình quân của Hội đồng {fmt(total or Decimal(0))}/100 chưa đạt hạng 3 sao "
            "(từ 50 điểm và đáp ứng các tiêu chí bắt buộc của hạng 3 sao; Điều 3.3, 4.1.a "
            "Quyết định số 26/2026/QĐ-TTg)"
        )
    # No gap for an eliminated, halted or disqualified dossier: raising answers cannot help.
    gap = _gap_of(dossier, FIRST_RECOGNISED_STAR) if scoring.status == "rated" else {}
    return ProposalOutcome.NOT_RECOGNISED, total, star, reason, gap


def _from_opinions(dossier: Dossier) -> tuple[str, Decimal | None, int | None, str, dict]:
    review = dossier.rerate_review
    scores = [o.score for o in review.opinions.all() if o.score is not None]
    total = None
    if scores:
        total = (sum(scores, Decimal(0)) / len(scores)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    star = dossier.certificate.star if dossier.certificate is not None else None
    return ProposalOutcome.RECOGNISE, total, star, "", {}


def round_propose(*, actor: User, round_: Round, on: dt.date | None = None) -> list[Proposal]:
    """The council's proposal for its round (QĐ 26/2026 Điều 7.3.d), made by the chair: one
    proposal per dossier whose scoring is closed (or whose written opinions agree), with the
    star from the closed result; ≥ 90 → the 5★ path; below 3★ → no decision, with the reason
    and the gap to 3★ for the producer's notice."""
    _chair_of(actor, round_)
    day = on or _today()
    with transaction.atomic(), acting_as(actor):
        Round.objects.select_for_update().get(pk=round_.pk)
        ready = list(selectors.dossiers_to_propose(round_=round_))
        if not ready:
            raise DomainError(
                _("No dossier of this round is ready: close the scoring of a dossier first.")
            )
        made: list[Proposal] = []
        for dossier in ready:
            closed = hasattr(dossier, "scoring") and dossier.scoring.closed_at is not None
            if closed:
                outcome, total, star, reason, gap = _from_scoring(dossier)
                source = ProposalSource.SCORING
            else:
                outcome, total, star, reason, gap = _from_opinions(dossier)
                source = ProposalSource.WRITTEN_OPINIONS
            proposal = Proposal.objects.create(
                dossier=dossier,
                round=round_,
                source=source,
                outcome=outcome,
                total=total,
                star=star,
                process=dossier.process or Process.QD_26_2026,
                edition=dossier.edition,
                reason=reason,
                gap=gap,
                proposed_on=day,
                proposed_by=actor,
            )
            note = f"{proposal.get_outcome_display()}"
            if total is not None:
                note += f" — {fmt(total)}"
            _event(dossier, EventKind.PROPOSED, actor, day, note)
            if outcome == ProposalOutcome.NOT_RECOGNISED:
                # Điều 4.1.a: no decision and no certificate; the notice tells the producer why.
                _move(dossier, DossierAction.NOT_RECOGNISE)
            made.append(proposal)
        return made


# --- the provincial chairman's decision ----------------------------------------------------------


def _provincial_committee(province: AdminUnit, day: dt.date) -> Authority:
    body = (
        Authority.objects.filter(kind=AuthorityKind.PROVINCIAL_COMMITTEE, unit=province)
        .exclude(valid_from__gt=day)
        .exclude(valid_to__lt=day)
        .first()
    )
    if body is None:
        raise DomainError(
            _("No provincial People's Committee of %(unit)s is in force on %(day)s.")
            % {"unit": province.full_name, "day": _fmt(day)}
        )
    return body


def _ministry(day: dt.date) -> Authority:
    body = (
        Authority.objects.filter(kind=AuthorityKind.MINISTRY)
        .exclude(valid_from__gt=day)
        .exclude(valid_to__lt=day)
        .first()
    )
    if body is None:
        raise DomainError(_("No ministry is in force on %(day)s.") % {"day": _fmt(day)})
    return body


def decision_kind_for(proposal: Proposal) -> str | None:
    """Which decision a proposal leads to (None: none — below 3★)."""
    if proposal.outcome == ProposalOutcome.RECOGNISE:
        return DecisionKind.RECOGNITION
    if proposal.outcome == ProposalOutcome.POTENTIAL_5:
        # QĐ 26/2026 Điều 7.3.e: approval of the result; QĐ 148/1489: a 4★ certificate.
        if proposal.process in OLD_PROCESSES:
            return DecisionKind.RECOGNITION
        return DecisionKind.RESULT_APPROVAL
    return None


def _item(proposal: Proposal) -> ResultInput:
    dossier = proposal.dossier
    potential = proposal.outcome == ProposalOutcome.POTENTIAL_5
    star = (4 if proposal.process in OLD_PROCESSES else None) if potential else proposal.star
    return ResultInput(
        product=dossier.product,
        star=star,
        score=proposal.total,
        potential_5=potential,
        edition=proposal.edition,
        process=proposal.process,
        rating_kind=_RATING_KIND.get(dossier.kind, RatingKind.FIRST),
        round_year=proposal.round.year,
    )


def proposal_decide(
    *,
    actor: User,
    proposals: Sequence[Proposal],
    kind: str,
    number: str,
    signed_on: dt.date,
    signer_name: str,
    signer_title: str = "",
) -> Decision:
    """Record the provincial chairman's decision on proposals of one round through
    ``certification.services.decision_record`` (QĐ 26/2026 Điều 7.3.e)."""
    if not proposals:
        raise DomainError(_("Choose at least one proposed product."))
    round_ = proposals[0].round
    _check_office(actor, round_)
    if any(p.round_id != round_.pk for p in proposals):
        raise DomainError(_("A decision covers proposals of one round."))
    if not signer_name.strip():
        raise DomainError(_("Who signed the decision?"))
    if signed_on > _today():
        raise DomainError(_("A decision cannot be dated in the future."))
    for proposal in proposals:
        name = proposal.dossier.product.name
        if proposal.decision_id is not None:
            raise DomainError(_("%(product)s already has its decision.") % {"product": name})
        expected = decision_kind_for(proposal)
        if expected is None:
            raise DomainError(
                _("%(product)s is below 3 stars: no decision (QĐ 26/2026 Điều 4.1.a).")
                % {"product": name}
            )
        if expected != kind:
            raise DomainError(
                _("%(product)s needs a decision of the kind “%(kind)s”.")
                % {"product": name, "kind": DecisionKind(expected).label}
            )
        if proposal.dossier.status != DossierStatus.IN_ROUND:
            raise DomainError(_("%(product)s is not awaiting a decision.") % {"product": name})
    province = proposals[0].dossier.province
    summary = (
        "Về việc công nhận kết quả đánh giá, phân hạng sản phẩm OCOP"
        if kind == DecisionKind.RECOGNITION
        else "Về việc phê duyệt kết quả đánh giá sản phẩm OCOP đạt từ 90 điểm trở lên"
    )
    with transaction.atomic(), acting_as(actor):
        decision = decision_record(
            actor=actor,
            kind=kind,
            number=number,
            signed_on=signed_on,
            authority=_provincial_committee(province, signed_on),
            province=province,
            items=[_item(p) for p in proposals],
            signer_name=signer_name,
            signer_title=signer_title,
            summary=summary,
        )
        for proposal in proposals:
            Proposal.objects.filter(pk=proposal.pk).update(decision=decision)
            proposal.decision = decision
            _event(proposal.dossier, EventKind.DECISION_RECORDED, actor, signed_on, str(decision))
            if kind == DecisionKind.RECOGNITION:
                _move(proposal.dossier, DossierAction.DECIDE)
        return decision


def proposal_send_to_ministry(
    *, actor: User, proposal: Proposal, on: dt.date | None = None
) -> Proposal:
    """The province sends the 5★ dossier to the ministry (QĐ 26/2026 Điều 6.3.a, 7.3.e) after
    the chairman's decision on the proposal."""
    _check_office(actor, proposal.round)
    if proposal.outcome != ProposalOutcome.POTENTIAL_5:
        raise DomainError(_("Only a product scoring 90 points or more goes to the ministry."))
    if proposal.decision_id is None:
        raise DomainError(_("Record the chairman's decision before sending the dossier."))
    if proposal.sent_to_ministry_on is not None:
        raise DomainError(_("This dossier has already been sent to the ministry."))
    day = on or _today()
    if (
        proposal.decision is not None
        and proposal.decision.signed_on
        and day < (proposal.decision.signed_on)
    ):
        raise DomainError(_("The dossier cannot be sent before the decision."))
    with transaction.atomic(), acting_as(actor):
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.sent_to_ministry_on is not None:
            raise DomainError(_("This dossier has already been sent to the ministry."))
        locked.sent_to_ministry_on = day
        locked.save(update_fields=["sent_to_ministry_on", "updated_at"])
        _move(proposal.dossier, DossierAction.SEND_TO_MINISTRY)
        _event(proposal.dossier, EventKind.SENT_TO_MINISTRY, actor, day)
    proposal.sent_to_ministry_on = day
    return proposal


# --- the national level --------------------------------------------------------------------------


def national_result_record(
    *,
    actor: User,
    proposal: Proposal,
    score: Decimal,
    on: dt.date | None = None,
    number: str = "",
    signed_on: dt.date | None = None,
    signer_name: str = "",
    signer_title: str = "",
) -> NationalResult:
    """The ministry's result (QĐ 26/2026 Điều 7.4.g): at 90 or more the minister's recognition
    decision, recorded through ``decision_record`` with the 5★ certificate; below 90 the
    result alone, and the province then chooses (``national_follow_up``)."""
    _check_office(actor, proposal.round)
    dossier = proposal.dossier
    if dossier.status != DossierStatus.AT_MINISTRY or proposal.sent_to_ministry_on is None:
        raise DomainError(_("This dossier is not at the ministry."))
    if NationalResult.objects.filter(proposal=proposal).exists():
        raise DomainError(_("The national result of this dossier is already recorded."))
    if not (Decimal(0) <= score <= Decimal(100)):
        raise DomainError(_("A score lies between 0 and 100."))
    day = on or _today()
    with transaction.atomic(), acting_as(actor):
        Proposal.objects.select_for_update().get(pk=proposal.pk)
        decision = None
        if score >= FIVE_STAR_MIN:
            if signed_on is None or not number.strip():
                raise DomainError(
                    _(
                        "A 5-star result comes with the minister's decision: give its number "
                        "and date."
                    )
                )
            decision = decision_record(
                actor=actor,
                kind=DecisionKind.RECOGNITION,
                number=number,
                signed_on=signed_on,
                authority=_ministry(signed_on),
                province=dossier.province,
                items=[
                    ResultInput(
                        product=dossier.product,
                        star=5,
                        score=score,
                        edition=proposal.edition,
                        process=proposal.process,
                        rating_kind=_RATING_KIND.get(dossier.kind, RatingKind.FIRST),
                        round_year=signed_on.year,
                    )
                ],
                signer_name=signer_name,
                signer_title=signer_title,
                summary="Về việc công nhận sản phẩm OCOP 5 sao",
            )
            _move(dossier, DossierAction.DECIDE)
        result = NationalResult.objects.create(
            proposal=proposal,
            outcome=NationalOutcome.RECOGNISED_5 if decision else NationalOutcome.BELOW_90,
            score=score,
            recorded_on=day,
            recorded_by=actor,
            ministry_decision=decision,
        )
        _event(dossier, EventKind.NATIONAL_RESULT, actor, day, f"{fmt(score)}")
        return result


def national_follow_up(
    *,
    actor: User,
    proposal: Proposal,
    action: str,
    number: str = "",
    signed_on: dt.date | None = None,
    signer_name: str = "",
    signer_title: str = "",
    on: dt.date | None = None,
) -> NationalResult:
    """Below 90 at the national level the provincial chairman may recognise the product as 3★
    or 4★ using the central result, or have it evaluated again (QĐ 26/2026 Điều 7.4.g)."""
    _check_office(actor, proposal.round)
    result = NationalResult.objects.filter(proposal=proposal).first()
    if result is None or result.outcome != NationalOutcome.BELOW_90:
        raise DomainError(_("There is no central result below 90 points to follow up."))
    if result.follow_up:
        raise DomainError(_("The province has already followed up this result."))
    if action not in (FollowUp.RECOGNISED_FROM_CENTRAL, FollowUp.EVALUATE_AGAIN):
        raise DomainError(_("Choose: recognise from the central result, or evaluate again."))
    dossier = proposal.dossier
    on or _today()
    with transaction.atomic(), acting_as(actor):
        locked = NationalResult.objects.select_for_update().get(pk=result.pk)
        if locked.follow_up:
            raise DomainError(_("The province has already followed up this result."))
        if action == FollowUp.RECOGNISED_FROM_CENTRAL:
            star = selectors.star_for_score(dossier=dossier, score=locked.score)
            star = min(star, 4)
            if star < FIRST_RECOGNISED_STAR:
                raise DomainError(
                    _("The central score %(score)s is below 50 points: no star to recognise.")
                    % {"score": fmt(locked.score)}
                )
            if signed_on is None or not number.strip() or not signer_name.strip():
                raise DomainError(_("Give the decision's number, date and signer."))
            existing = dossier.product.certificates.filter(
                star=4, revocation_decision__isnull=True, superseded_by__isnull=True
            ).exists()
            if existing and proposal.process in OLD_PROCESSES:
                raise DomainError(
                    _("The product already holds its 4-star certificate from this round.")
                )
            decision = decision_record(
                actor=actor,
                kind=DecisionKind.RECOGNITION,
                number=number,
                signed_on=signed_on,
                authority=_provincial_committee(dossier.province, signed_on),
                province=dossier.province,
                items=[
                    ResultInput(
                        product=dossier.product,
                        star=star,
                        score=locked.score,
                        edition=proposal.edition,
                        process=proposal.process,
                        rating_kind=_RATING_KIND.get(dossier.kind, RatingKind.FIRST),
                        round_year=signed_on.year,
                    )
                ],
                signer_name=signer_name,
                signer_title=signer_title,
                summary="Về việc công nhận sản phẩm OCOP theo kết quả đánh giá cấp trung ương",
            )
            locked.follow_up_decision = decision
            _move(dossier, DossierAction.DECIDE)
            _event(dossier, EventKind.DECISION_RECORDED, actor, signed_on, str(decision))
        else:
            _move(dossier, DossierAction.EVALUATE_AGAIN)
        locked.follow_up = action
        locked.save(update_fields=["follow_up", "follow_up_decision", "updated_at"])
        return locked


# --- re-rating by written opinions ---------------------------------------------------------------


def _counted_members(dossier: Dossier) -> list[CouncilMember]:
    return [
        m
        for m in council_selectors.council_member_list(dossier=dossier)
        if not council_selectors.member_recused(member=m, dossier=dossier)
    ]


def written_opinion_record(
    *,
    actor: User,
    dossier: Dossier,
    agrees: bool,
    opinion: str,
    score: Decimal | None = None,
    on: dt.date | None = None,
) -> WrittenOpinion:
    """A member's written opinion on re-recognising the product at its current star (QĐ 26/2026
    Điều 7.6.b). When every member who counts has given theirs: all agreeing (and their scores,
    if given, within the council's spread limit) → the council may propose without meeting;
    otherwise the council meets and scores. The 45-day deadline runs from the complete dossier."""
    if dossier.kind != DossierKind.RERATING or dossier.certificate is None:
        raise DomainError(_("Written opinions are for re-rating dossiers."))
    if dossier.status != DossierStatus.IN_ROUND or dossier.round_id is None:
        raise DomainError(_("This dossier is not before a council."))
    if dossier.certificate.star >= 5:
        raise DomainError(_("A 5-star product is re-rated at the national level (Điều 7.6.c)."))
    member = council_selectors.council_member_for(user=actor, dossier=dossier)
    if member is None:
        raise PermissionDenied(_("You are not a member of the council of this dossier's round."))
    if council_selectors.member_recused(member=member, dossier=dossier):
        raise DomainError(_("You are recused from this dossier and cannot give an opinion."))
    if not opinion.strip():
        raise DomainError(_("Write your opinion."))
    if score is not None and not (Decimal(0) <= score <= Decimal(100)):
        raise DomainError(_("A score lies between 0 and 100."))
    day = on or _today()
    with transaction.atomic(), acting_as(actor):
        Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
        complete_on = dossier.province_received_on or day
        review, _created = RerateReview.objects.get_or_create(
            dossier=dossier,
            defaults={
                "complete_on": complete_on,
                "deadline": selectors.rerating_deadline(complete_on),
            },
        )
        if review.state != ReviewState.COLLECTING:
            raise DomainError(_("The written opinions on this dossier are closed."))
        if review.opinions.filter(member=member).exists():
            raise DomainError(_("You have already given your written opinion."))
        written = WrittenOpinion.objects.create(
            review=review,
            member=member,
            agrees=agrees,
            opinion=opinion.strip(),
            score=score,
        )
        _event(dossier, EventKind.OPINION_RECORDED, actor, day, str(member))
        _conclude_if_complete(review, dossier, actor, day)
        return written


def _conclude_if_complete(
    review: RerateReview, dossier: Dossier, actor: User, day: dt.date
) -> None:
    counted = _counted_members(dossier)
    given = {o.member_id: o for o in review.opinions.all()}
    if any(m.pk not in given for m in counted):
        return
    council = Council.objects.get(round=dossier.round)
    appointed = council.members.count()
    required = engine.required_members(appointed, council.quorum_share)
    chair_in = any(m.role == MemberRole.CHAIR for m in counted)
    if len(counted) < required or not chair_in:
        return  # no quorum: the opinions cannot conclude (the council's rules, as for scoring)
    opinions = [given[m.pk] for m in counted]
    scores = [o.score for o in opinions if o.score is not None]
    spread = (max(scores) - min(scores)) if scores else Decimal(0)
    agree = all(o.agrees for o in opinions) and spread <= council.spread_limit
    review.state = ReviewState.AGREED if agree else ReviewState.MEETING
    review.concluded_on = day
    review.save(update_fields=["state", "concluded_on", "updated_at"])
    if not agree:
        _event(dossier, EventKind.MEETING_REQUIRED, actor, day, f"{fmt(spread)}")


__all__ = [
    "decision_kind_for",
    "national_follow_up",
    "national_result_record",
    "proposal_decide",
    "proposal_send_to_ministry",
    "round_propose",
    "written_opinion_record",
]
