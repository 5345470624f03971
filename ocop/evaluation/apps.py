from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "ocop.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        from ocop.core import audit
        from ocop.evaluation import selectors
        from ocop.evaluation.models import CalendarDay, Round

        audit.register(CalendarDay, visible=lambda user: CalendarDay.objects.all())
        audit.register(Round, visible=lambda user: selectors.round_list(user=user))
        self._ready_dossiers()
        self._ready_council()

    def _ready_council(self) -> None:
        from ocop.core import audit
        from ocop.evaluation import selectors
        from ocop.evaluation.council.models import (
            ConflictDeclaration,
            Council,
            CouncilMember,
            DossierScoring,
            Scorecard,
        )
        from ocop.evaluation.dossiers import selectors as dossier_selectors

        rounds = selectors.round_list

        def by_dossier(model: Any) -> Any:
            return lambda user: model.objects.filter(
                dossier__in=dossier_selectors.dossier_list(user=user)
            )

        audit.register(
            Council, visible=lambda user: Council.objects.filter(round__in=rounds(user=user))
        )
        audit.register(
            CouncilMember,
            visible=lambda user: CouncilMember.objects.filter(council__round__in=rounds(user=user)),
        )
        audit.register(ConflictDeclaration, visible=by_dossier(ConflictDeclaration))
        audit.register(Scorecard, visible=by_dossier(Scorecard))
        audit.register(DossierScoring, visible=by_dossier(DossierScoring))
        from ocop.evaluation.advisory.models import (
            AdvisoryMember,
            AdvisoryReview,
            LabTest,
            SiteVisit,
        )

        audit.register(
            AdvisoryMember,
            visible=lambda user: AdvisoryMember.objects.filter(round__in=rounds(user=user)),
        )
        audit.register(AdvisoryReview, visible=by_dossier(AdvisoryReview))
        audit.register(SiteVisit, visible=by_dossier(SiteVisit))
        audit.register(LabTest, visible=by_dossier(LabTest))
        from ocop.core import queues
        from ocop.evaluation.council import selectors as council_selectors

        queues.register(
            "evaluation.council",
            lambda user, day: council_selectors.council_queue_counts(user=user),
        )

    def _ready_dossiers(self) -> None:
        from ocop.core import audit, queues
        from ocop.evaluation.dossiers import selectors as dossier_selectors
        from ocop.evaluation.dossiers.models import (
            CommuneAssessment,
            Dossier,
            DossierDocument,
            SupplementItem,
            SupplementRequest,
        )

        def visible_dossiers(user: Any) -> Any:
            return dossier_selectors.dossier_list(user=user)

        audit.register(Dossier, visible=visible_dossiers)
        audit.register(
            DossierDocument,
            visible=lambda user: DossierDocument.objects.filter(dossier__in=visible_dossiers(user)),
        )
        audit.register(
            SupplementRequest,
            visible=lambda user: SupplementRequest.objects.filter(
                dossier__in=visible_dossiers(user)
            ),
        )
        audit.register(
            SupplementItem,
            visible=lambda user: SupplementItem.objects.filter(
                request__dossier__in=visible_dossiers(user)
            ),
        )
        audit.register(
            CommuneAssessment,
            visible=lambda user: CommuneAssessment.objects.filter(
                dossier__in=visible_dossiers(user)
            ),
        )
        queues.register(
            "evaluation.dossiers",
            lambda user, day: dossier_selectors.dossier_queue_counts(user=user, today=day),
        )
        queues.register(
            "certification.expiring",
            lambda user, day: dossier_selectors.certificate_queue_counts(user=user, today=day),
        )
