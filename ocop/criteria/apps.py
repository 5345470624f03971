from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "ocop.criteria"
    label = "criteria"
    verbose_name = _("Criteria")

    def ready(self) -> None:
        from ocop.core.audit import register
        from ocop.criteria import selectors
        from ocop.criteria.models import Answer, AnswerSheet, SelfAssessment

        register(AnswerSheet, visible=lambda user: selectors.answer_sheet_list(user=user))
        register(
            Answer,
            visible=lambda user: Answer.objects.filter(
                answer_sheet__in=selectors.answer_sheet_list(user=user)
            ),
        )
        register(SelfAssessment, visible=lambda user: selectors.self_assessment_list(user=user))
