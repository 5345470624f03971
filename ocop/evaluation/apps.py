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
