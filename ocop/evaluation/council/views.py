"""Council pages (issue 10 items 2, 3, 9): thin views — parse, authorise, call one service or
selector. A council member sees only the rounds they sit on; scores of other members stay hidden
until every counted member has signed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.choices import Role
from ocop.accounts.http import AuthenticatedRequest
from ocop.core import errors
from ocop.core.web import run_service as run
from ocop.criteria.models import AnswerSheet
from ocop.evaluation.advisory import selectors as advisory_selectors
from ocop.evaluation.council import selectors, services
from ocop.evaluation.council.choices import MemberRole
from ocop.evaluation.council.forms import (
    AppointForm,
    DeclareForm,
    DiscussionForm,
    FlagsForm,
    ScorecardForm,
)
from ocop.evaluation.council.models import (
    ConflictDeclaration,
    CouncilMember,
    DossierScoring,
    Scorecard,
)
from ocop.evaluation.dossiers.choices import EventKind
from ocop.evaluation.dossiers.models import CommuneAssessment, Dossier, DossierDocument
from ocop.evaluation.models import Round

COUNCIL_EVENTS = (
    EventKind.RECUSED,
    EventKind.SCORECARD_SIGNED,
    EventKind.ALL_SIGNED,
    EventKind.RESCORE_OPENED,
    EventKind.SCORING_FLAGS,
    EventKind.COUNCIL_CLOSED,
    EventKind.ADVISORY_REPORTED,
)


def form_refused(request: AuthenticatedRequest, form: forms.Form) -> None:
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for err in errs:
            messages.error(request, f"{label}: {err}" if label else str(err))


def _round(request: AuthenticatedRequest, pk: int) -> Round:
    return get_object_or_404(selectors.council_round_list(user=request.user), pk=pk)


def _dossier(request: AuthenticatedRequest, pk: int) -> Dossier:
    dossier = selectors.council_dossier_get(user=request.user, pk=pk)
    if dossier is None:
        raise Http404
    return dossier


def _is_office(request: AuthenticatedRequest, round_: Round) -> bool:
    return selectors.user_is_round_office(user=request.user, round_=round_)


@login_required
def round_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """ "My rounds" for a council or advisory-team member; the rounds in scope for the office."""
    user = request.user
    if not user.has_role(
        Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE, Role.COUNCIL_MEMBER, Role.ADVISORY_MEMBER
    ):
        raise PermissionDenied
    rounds = list(selectors.council_round_list(user=user).order_by("-decide_by", "pk")[:100])
    seats = {
        m.council.round_id: m
        for m in CouncilMember.objects.filter(user=user).select_related("council")
    }
    return render(
        request,
        "evaluation/council/round_list.html",
        {
            "rows": [(r, seats.get(r.pk)) for r in rounds],
            "is_advisory": user.role == Role.ADVISORY_MEMBER,
            "is_office": user.has_role(Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE),
        },
    )


@login_required
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The council of a round: its members and its dossiers. The office and the chair also see
    the conflicts: automatic flags, declarations and recusals per dossier and member."""
    round_ = _round(request, pk)
    user = request.user
    if user.role == Role.ADVISORY_MEMBER:
        return redirect("council:advisory_round", pk=round_.pk)
    members = selectors.round_members(round_=round_)
    me = next((m for m in members if m.user_id == user.pk), None)
    office = _is_office(request, round_)
    dossiers = list(selectors.round_dossier_list(round_=round_))
    show_conflicts = office or (me is not None and me.role == MemberRole.CHAIR)
    matrix = selectors.conflict_matrix(members=members, dossiers=dossiers)
    mine: dict[int, dict[str, Any]] = {}
    if me is not None:
        cards = {
            c.dossier_id: c
            for c in Scorecard.objects.filter(member=me, dossier__in=dossiers).order_by("pk")
        }
        for dossier in dossiers:
            cell = next(c for c in matrix[dossier.pk] if c.member.pk == me.pk)
            mine[dossier.pk] = {"cell": cell, "card": cards.get(dossier.pk)}
    scorings = {s.dossier_id: s for s in DossierScoring.objects.filter(dossier__in=dossiers)}
    rows = [
        {
            "dossier": d,
            "cells": matrix[d.pk] if show_conflicts else [],
            "mine": mine.get(d.pk),
            "scoring": scorings.get(d.pk),
        }
        for d in dossiers
    ]
    return render(
        request,
        "evaluation/council/round_detail.html",
        {
            "round": round_,
            "members": members,
            "me": me,
            "is_office": office,
            "show_conflicts": show_conflicts,
            "rows": rows,
        },
    )


@login_required
def member_appoint(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    if not _is_office(request, round_):
        raise PermissionDenied
    form = AppointForm(request.POST or None, province=round_.province)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(
            request,
            lambda: services.council_member_appoint(
                actor=request.user,
                round_=round_,
                user=data["user"],
                role=data["role"],
                organisation_kind=data["organisation_kind"],
                organisation_name=data["organisation_name"],
                authority=data["authority"],
                admin_unit=data["admin_unit"],
                producer=data["producer"],
            ),
            _("The member was appointed to the council."),
            form,
        ):
            return redirect("council:round_detail", pk=round_.pk)
    return render(
        request,
        "evaluation/council/small_form.html",
        {"form": form, "round": round_, "title": _("Appoint a council member")},
    )


def _self_answers(dossier: Dossier) -> dict[str, int | None]:
    """The producer's choices in the dossier's self-assessment (Mẫu 02), by criterion."""
    if dossier.self_assessment_id is None:
        return {}
    sheet = AnswerSheet.objects.filter(self_assessment_id=dossier.self_assessment_id).first()
    if sheet is None:
        return {}
    return {a.criterion.code: a.position for a in sheet.answers.select_related("criterion")}


def _member_or_403(request: AuthenticatedRequest, dossier: Dossier) -> CouncilMember:
    member = selectors.council_member_for(user=request.user, dossier=dossier)
    if member is None:
        raise PermissionDenied
    return member


@login_required
def dossier_score(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The member's own scorecard on the dossier, with the dossier, the self-assessment and the
    advisory report beside it. A signed card is shown read-only."""
    dossier = _dossier(request, pk)
    member = _member_or_403(request, dossier)
    try:
        sheet = selectors.dossier_sheet(dossier)
    except errors.DomainError as exc:
        messages.error(request, exc.message)
        return redirect("council:round_detail", pk=dossier.round_id)
    recused = selectors.member_recused(member=member, dossier=dossier)
    declaration = ConflictDeclaration.objects.filter(member=member, dossier=dossier).first()
    scoring = DossierScoring.objects.filter(dossier=dossier).first()
    cards = list(Scorecard.objects.filter(member=member, dossier=dossier).order_by("pk"))
    draft = next((c for c in cards if c.signed_at is None), None)
    signed = [c for c in cards if c.signed_at is not None]
    current_round = scoring.rescore_round if scoring else 0
    latest_signed = signed[-1] if signed else None
    editable = (
        not recused
        and (scoring is None or scoring.closed_at is None)
        and (
            latest_signed is None
            or latest_signed.rescore_round < current_round
            or draft is not None
        )
    )
    shown = draft or (latest_signed if not editable else None)
    form = ScorecardForm(request.POST or None, sheet=sheet)
    if request.method == "POST":
        if form.is_valid() and run(
            request,
            lambda: services.scorecard_save(
                actor=request.user,
                dossier=dossier,
                answers=form.answers(),
                notes=form.notes(),
            ),
            _("Your scorecard draft was saved."),
        ):
            return redirect("council:dossier_score", pk=dossier.pk)
    elif shown is not None:
        form = ScorecardForm(ScorecardForm.initial_for(shown.answers, shown.notes), sheet=sheet)
    elif latest_signed is not None and editable:
        # A re-score starts from the member's previous signed card.
        form = ScorecardForm(
            ScorecardForm.initial_for(latest_signed.answers, latest_signed.notes), sheet=sheet
        )
    advisory = advisory_selectors.advisory_file(user=request.user, dossier=dossier)
    return render(
        request,
        "evaluation/council/dossier_score.html",
        {
            "dossier": dossier,
            "member": member,
            "sheet": sheet,
            "form": form,
            "layout": form.layout(_self_answers(dossier)),
            "editable": editable,
            "recused": recused,
            "declaration": declaration,
            "declare_form": DeclareForm(),
            "draft": draft,
            "signed": signed,
            "scoring": scoring,
            "documents": list(dossier.documents.order_by("kind", "pk")),
            "assessment": CommuneAssessment.objects.filter(dossier=dossier).first(),
            "advisory": advisory,
        },
    )


@login_required
@require_POST
def dossier_declare(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    _member_or_403(request, dossier)
    form = DeclareForm(request.POST)
    if form.is_valid():
        run(
            request,
            lambda: services.conflict_declare(
                actor=request.user,
                dossier=dossier,
                conflict=form.cleaned_data["conflict"],
                note=form.cleaned_data["note"],
            ),
            _("Your declaration was recorded."),
        )
    return redirect("council:dossier_score", pk=dossier.pk)


@login_required
@require_POST
def scorecard_sign_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    member = _member_or_403(request, dossier)
    card_pk = request.POST.get("card", "")
    card = (
        Scorecard.objects.filter(member=member, dossier=dossier, pk=int(card_pk)).first()
        if card_pk.isdigit()
        else None
    )
    if card is None:
        messages.error(request, _("There is no scorecard to sign."))
    else:
        run(
            request,
            lambda: services.scorecard_sign(actor=request.user, scorecard=card),
            _("Your scorecard was signed."),
        )
    return redirect("council:dossier_score", pk=dossier.pk)


def _result_access(request: AuthenticatedRequest, dossier: Dossier) -> CouncilMember | None:
    """The office of the round or a member of its council; others are refused."""
    member = selectors.council_member_for(user=request.user, dossier=dossier)
    if dossier.round is None:
        raise Http404
    if member is None and not _is_office(request, dossier.round):
        raise PermissionDenied
    return member


@login_required
def dossier_result(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Progress and, once every counted member has signed, the member totals, quorum and spread;
    the chair's discussion, re-score, elimination and closing; the result from the engine."""
    dossier = _dossier(request, pk)
    member = _result_access(request, dossier)
    try:
        sheet = selectors.dossier_sheet(dossier)
    except errors.DomainError as exc:
        messages.error(request, exc.message)
        return redirect("council:round_detail", pk=dossier.round_id)
    scoring = DossierScoring.objects.filter(dossier=dossier).first()
    members = selectors.council_member_list(dossier=dossier)
    timeline = selectors.scorecard_timeline(dossier=dossier)
    current = scoring.rescore_round if scoring else 0
    revealed = scoring is not None and (
        scoring.all_signed_at is not None or scoring.closed_at is not None
    )
    # Earlier re-score rounds were revealed when they ended; the current one once all signed.
    shown_cards = [
        c
        for c in timeline
        if revealed or c.rescore_round < current or c.member.user_id == request.user.pk
    ]
    result = None
    result_error = ""
    if revealed:
        try:
            result = selectors.council_result(dossier=dossier)
        except errors.DomainError as exc:
            result_error = exc.message
    signed_now = set(
        selectors.scorecard_current_list(dossier=dossier)
        .filter(rescore_round=current)
        .values_list("member_id", flat=True)
    )
    progress = [
        (m, selectors.member_recused(member=m, dossier=dossier), m.pk in signed_now)
        for m in members
    ]
    totals: list[tuple[CouncilMember, Any]] = []
    if result is not None:
        totals = list(zip(members, result.member_totals, strict=False))
    is_chair = member is not None and member.role == MemberRole.CHAIR
    closed = scoring is not None and scoring.closed_at is not None
    return render(
        request,
        "evaluation/council/dossier_result.html",
        {
            "dossier": dossier,
            "scoring": scoring,
            "progress": progress,
            "timeline": shown_cards,
            "result": result,
            "result_error": result_error,
            "totals": totals,
            "is_chair": is_chair,
            "closed": closed,
            "can_flag": is_chair and not closed and not (scoring and scoring.flags_recorded_at),
            "can_rescore": is_chair and not closed and result is not None and result.needs_rescore,
            "can_close": is_chair and not closed and revealed,
            "discussion_form": DiscussionForm(),
            "flags_form": FlagsForm(),
            "halting": [c for c in sheet.criteria if c.halts],
            "events": dossier.events.filter(kind__in=COUNCIL_EVENTS).select_related("actor"),
        },
    )


def _chair_post(
    request: AuthenticatedRequest, pk: int, call: Callable[[Dossier], Any], success: str
) -> HttpResponse:
    dossier = _dossier(request, pk)
    _result_access(request, dossier)
    run(request, lambda: call(dossier), success)
    return redirect("council:dossier_result", pk=dossier.pk)


@login_required
@require_POST
def rescore_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    form = DiscussionForm(request.POST)
    discussion = form.cleaned_data["discussion"] if form.is_valid() else ""
    return _chair_post(
        request,
        pk,
        lambda d: services.scoring_rescore_open(
            actor=request.user, dossier=d, discussion=discussion
        ),
        _("The discussion was recorded and a re-score opened."),
    )


@login_required
@require_POST
def flags_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    form = FlagsForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return _chair_post(
        request,
        pk,
        lambda d: services.scoring_flags_record(
            actor=request.user,
            dossier=d,
            eliminated=bool(data.get("eliminated")),
            halted_at=data.get("halted_at", ""),
            disqualified=bool(data.get("disqualified")),
            note=data.get("note", ""),
        ),
        _("The elimination, halt or disqualification was recorded."),
    )


@login_required
@require_POST
def scoring_close_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _chair_post(
        request,
        pk,
        lambda d: services.scoring_close(actor=request.user, dossier=d),
        _("The council closed the scoring of this dossier."),
    )


@login_required
def dossier_document(request: AuthenticatedRequest, pk: int, doc: int) -> FileResponse:
    """A document of the dossier, for the round's council, advisory team and office."""
    dossier = _dossier(request, pk)
    document = get_object_or_404(DossierDocument, pk=doc, dossier=dossier)
    return FileResponse(document.file.open("rb"), filename=Path(document.file.name or "").name)


@login_required
def calibration_view(request: AuthenticatedRequest) -> HttpResponse:
    """Calibration for the office (issue 10 item 9): who scores systematically high or low."""
    if not request.user.has_role(Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE):
        raise PermissionDenied
    return render(
        request,
        "evaluation/council/calibration.html",
        {"rows": selectors.calibration(user=request.user)},
    )


def score_url(dossier: Dossier) -> str:
    return reverse("council:dossier_score", args=[dossier.pk])
