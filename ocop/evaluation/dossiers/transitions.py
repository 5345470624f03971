"""The dossier's status moves only through this table (STYLE.md rule 8).

QĐ 26/2026 Điều 7.1–7.3: the producer files with the commune; the commune receives it, checks it
(returning it for supplementation when needed), assesses it (Mẫu 03) and forwards it to the
province; the provincial OCOP office checks it (returning it when needed, Điều 7.3.a) and assigns
it to a round (Điều 5.1). A resubmission goes back to the level that returned the dossier.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ocop.core.errors import InvalidTransition
from ocop.evaluation.dossiers.choices import DossierAction as A
from ocop.evaluation.dossiers.choices import DossierStatus as S

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, A.RECEIVE): S.COMMUNE_REVIEW,
    (S.COMMUNE_REVIEW, A.RETURN): S.RETURNED_BY_COMMUNE,
    (S.RETURNED_BY_COMMUNE, A.RESUBMIT): S.COMMUNE_REVIEW,
    (S.COMMUNE_REVIEW, A.FORWARD): S.FORWARDED,
    (S.FORWARDED, A.RETURN): S.RETURNED_BY_PROVINCE,
    (S.RETURNED_BY_PROVINCE, A.RESUBMIT): S.FORWARDED,
    (S.FORWARDED, A.ASSIGN): S.IN_ROUND,
    # QĐ 26/2026 Điều 7.3.e: the chairman recognises 3★/4★; a 1–2★ result gets no decision
    # (Điều 4.1.a); ≥ 90 goes to the ministry (under QĐ 148/1489 after a 4★ certificate).
    (S.IN_ROUND, A.DECIDE): S.DECIDED,
    (S.IN_ROUND, A.NOT_RECOGNISE): S.NOT_RECOGNISED,
    (S.IN_ROUND, A.SEND_TO_MINISTRY): S.AT_MINISTRY,
    (S.DECIDED, A.SEND_TO_MINISTRY): S.AT_MINISTRY,
    # Điều 7.4.g: the ministry recognises 5★, or below 90 the province recognises 3★/4★ from the
    # central result or has the product evaluated again.
    (S.AT_MINISTRY, A.DECIDE): S.DECIDED,
    (S.AT_MINISTRY, A.EVALUATE_AGAIN): S.EVALUATE_AGAIN,
}

# Statuses in which a dossier is still open: a product has at most one open dossier.
OPEN_STATUSES = frozenset(
    {
        S.DRAFT,
        S.SUBMITTED,
        S.COMMUNE_REVIEW,
        S.RETURNED_BY_COMMUNE,
        S.FORWARDED,
        S.RETURNED_BY_PROVINCE,
    }
)
# The producer may add documents and change Mẫu 01 only while the dossier is in its hands.
PRODUCER_EDITABLE = frozenset({S.DRAFT, S.RETURNED_BY_COMMUNE, S.RETURNED_BY_PROVINCE})


def transition(status: str, action: str) -> str:
    """The status after ``action`` from ``status``; InvalidTransition (Vietnamese) otherwise."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise InvalidTransition(
            _("This dossier is “%(status)s”; the step “%(action)s” is not allowed now.")
            % {"status": S(status).label, "action": A(action).label}
        ) from None


def allowed_actions(status: str) -> frozenset[str]:
    return frozenset(action for (source, action) in TRANSITIONS if source == status)
