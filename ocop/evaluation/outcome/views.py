"""Pages after the council: the round's proposals and decisions, a proposal's 5★ path, notices,
and the re-rating's written opinions. Thin: authorise, call one service or selector."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.http import AuthenticatedRequest
from ocop.certification.choices import DecisionKind
from ocop.core.web import run_service as _run
from ocop.evaluation.council.choices import MemberRole
from ocop.evaluation.council.models import CouncilMember
from ocop.evaluation.models import Round
from ocop.evaluation.outcome import documents, selectors, services
from ocop.evaluation.outcome.choices import NationalOutcome, ProposalOutcome
from ocop.evaluation.outcome.forms import (
    DecisionForm,
    FollowUpForm,
    NationalResultForm,
    OpinionForm,
)
from ocop.evaluation.outcome.models import NationalResult, Proposal, RerateReview
from ocop.geo.models import AdminUnit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _round(request: AuthenticatedRequest, pk: int) -> Round:
    round_ = get_object_or_404(Round, pk=pk)
    if not selectors.round_visible(request.user, round_):
        raise Http404
    return round_


def _proposal(request: AuthenticatedRequest, pk: int) -> Proposal:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    if proposal is None:
        raise Http404
    return proposal


def _choices(proposals: list[Proposal], kind: str) -> list[tuple[str, str]]:
    return [
        (str(p.pk), f"{p.dossier.product.name} — {documents.num(p.total)}")
        for p in proposals
        if p.decision_id is None
        and p.dossier.status == "in_round"
        and services.decision_kind_for(p) == kind
    ]


@login_required
def round_outcome(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    proposals = list(selectors.proposal_list(user=request.user, round_=round_))
    is_office = selectors.user_is_office_for(request.user, round_)
    is_chair = CouncilMember.objects.filter(
        council__round=round_, user_id=request.user.pk, role=MemberRole.CHAIR
    ).exists()
    forms: dict[str, DecisionForm] = {}
    if is_office:
        for kind in (DecisionKind.RECOGNITION, DecisionKind.RESULT_APPROVAL):
            choices = _choices(proposals, kind)
            if choices:
                bound = request.method == "POST" and request.POST.get("kind") == kind
                forms[kind] = DecisionForm(
                    request.POST if bound else None, choices=choices, prefix=kind
                )
    if request.method == "POST" and is_office:
        posted: str = request.POST.get("kind", "")
        form = forms.get(posted)
        if form is not None and form.is_valid():
            chosen = [p for p in proposals if str(p.pk) in form.cleaned_data["proposals"]]
            data = form.cleaned_data
            if _run(
                request,
                lambda: services.proposal_decide(
                    actor=request.user,
                    proposals=chosen,
                    kind=posted,
                    number=data["number"],
                    signed_on=data["signed_on"],
                    signer_name=data["signer_name"],
                    signer_title=data["signer_title"],
                ),
                _("The decision was recorded."),
                form,
            ):
                return redirect("outcome:round_outcome", pk=round_.pk)
    communes = sorted({(p.dossier.commune_id, p.dossier.commune.full_name) for p in proposals})
    reviews = RerateReview.objects.filter(dossier__round=round_).select_related("dossier__product")
    today = timezone.localdate()
    return render(
        request,
        "evaluation/outcome/round_outcome.html",
        {
            "round": round_,
            "proposals": proposals,
            "is_office": is_office,
            "is_chair": is_chair,
            "ready": selectors.dossiers_to_propose(round_=round_).count() if is_chair else 0,
            "recognition_form": forms.get(DecisionKind.RECOGNITION),
            "approval_form": forms.get(DecisionKind.RESULT_APPROVAL),
            "communes": communes,
            "reviews": [(r, selectors.rerating_overdue(r, on=today)) for r in reviews],
        },
    )


@login_required
@require_POST
def round_propose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    _run(
        request,
        lambda: services.round_propose(actor=request.user, round_=round_),
        _("The council's proposal was recorded."),
    )
    return redirect("outcome:round_outcome", pk=round_.pk)


@login_required
def proposal_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    is_office = selectors.user_is_office_for(request.user, proposal.round)
    national = NationalResult.objects.filter(proposal=proposal).first()
    national_form = follow_form = None
    if is_office and proposal.sent_to_ministry_on and national is None:
        national_form = NationalResultForm(
            request.POST if request.POST.get("step") == "national" else None
        )
        if national_form.is_bound and national_form.is_valid():
            data = national_form.cleaned_data
            if _run(
                request,
                lambda: services.national_result_record(
                    actor=request.user,
                    proposal=proposal,
                    score=data["score"],
                    number=data["number"],
                    signed_on=data["signed_on"],
                    signer_name=data["signer_name"],
                ),
                _("The national result was recorded."),
                national_form,
            ):
                return redirect("outcome:proposal_detail", pk=proposal.pk)
    if (
        is_office
        and national is not None
        and national.outcome == NationalOutcome.BELOW_90
        and not national.follow_up
    ):
        follow_form = FollowUpForm(request.POST if request.POST.get("step") == "follow" else None)
        if follow_form.is_bound and follow_form.is_valid():
            data = follow_form.cleaned_data
            if _run(
                request,
                lambda: services.national_follow_up(
                    actor=request.user,
                    proposal=proposal,
                    action=data["action"],
                    number=data["number"],
                    signed_on=data["signed_on"],
                    signer_name=data["signer_name"],
                ),
                _("The follow-up was recorded."),
                follow_form,
            ):
                return redirect("outcome:proposal_detail", pk=proposal.pk)
    return render(
        request,
        "evaluation/outcome/proposal_detail.html",
        {
            "proposal": proposal,
            "dossier": proposal.dossier,
            "is_office": is_office,
            "national": national,
            "national_form": national_form,
            "follow_form": follow_form,
            "can_send": is_office
            and proposal.outcome == ProposalOutcome.POTENTIAL_5
            and proposal.decision_id is not None
            and proposal.sent_to_ministry_on is None,
            "manifest": documents.five_star_manifest(proposal)
            if proposal.outcome == ProposalOutcome.POTENTIAL_5
            else [],
        },
    )


@login_required
@require_POST
def proposal_send(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _run(
        request,
        lambda: services.proposal_send_to_ministry(actor=request.user, proposal=proposal),
        _("The dossier was sent to the ministry."),
    )
    return redirect("outcome:proposal_detail", pk=proposal.pk)


def _office_only(request: AuthenticatedRequest, round_: Round) -> None:
    if not selectors.user_is_office_for(request.user, round_):
        raise PermissionDenied


@login_required
def producer_notice(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _office_only(request, proposal.round)
    response = HttpResponse(documents.producer_notice_docx(proposal), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="thong-bao-{proposal.pk}.docx"'
    return response


@login_required
def commune_notice(request: AuthenticatedRequest, pk: int, commune: int) -> HttpResponse:
    round_ = _round(request, pk)
    _office_only(request, round_)
    unit = get_object_or_404(AdminUnit, pk=commune)
    proposals = list(
        selectors.proposal_list(user=request.user, round_=round_).filter(dossier__commune=unit)
    )
    if not proposals:
        raise Http404
    data = documents.commune_notice_docx(proposals, commune=unit)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="thong-bao-xa-{unit.code}.docx"'
    return response


@login_required
def five_star_package(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _office_only(request, proposal.round)
    if proposal.outcome != ProposalOutcome.POTENTIAL_5:
        raise Http404
    response = HttpResponse(documents.five_star_package(proposal), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ho-so-5-sao-{proposal.pk}.zip"'
    return response


@login_required
def written_opinions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The written opinions on a re-rating dossier (QĐ 26/2026 Điều 7.6.b), with the deadline."""
    from ocop.evaluation.dossiers.models import Dossier

    dossier = get_object_or_404(Dossier, pk=pk, kind="rerating")
    member = CouncilMember.objects.filter(
        council__round=dossier.round, user_id=request.user.pk
    ).first()
    office = dossier.round is not None and selectors.user_is_office_for(request.user, dossier.round)
    if member is None and not office:
        raise Http404
    form = OpinionForm(request.POST or None) if member is not None else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            lambda: services.written_opinion_record(
                actor=request.user,
                dossier=dossier,
                agrees=data["agrees"],
                opinion=data["opinion"],
                score=data["score"],
            ),
            _("Your written opinion was recorded."),
            form,
        ):
            return redirect("outcome:written_opinions", pk=dossier.pk)
    review = RerateReview.objects.filter(dossier=dossier).first()
    opinions = selectors.opinions_visible(user=request.user, review=review) if review else []
    deadline = (
        review.deadline
        if review
        else (
            selectors.rerating_deadline(dossier.province_received_on)
            if dossier.province_received_on
            else None
        )
    )
    return render(
        request,
        "evaluation/outcome/written_opinions.html",
        {
            "dossier": dossier,
            "review": review,
            "opinions": opinions,
            "deadline": deadline,
            "overdue": selectors.rerating_overdue(review) if review else False,
            "form": form,
            "member": member,
        },
    )
