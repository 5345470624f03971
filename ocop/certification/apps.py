from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "ocop.certification"
    label = "certification"
    verbose_name = _("Certification")

    def ready(self) -> None:
        from ocop.certification import selectors
        from ocop.certification.models import Certificate, Decision, NumberTemplate, Result
        from ocop.core import audit

        audit.register(Decision, visible=lambda user: selectors.decision_list(user=user))
        audit.register(
            Result,
            visible=lambda user: Result.objects.filter(
                decision__in=selectors.decision_list(user=user).values("pk")
            ),
        )
        audit.register(Certificate, visible=lambda user: selectors.certificate_list(user=user))
        audit.register(NumberTemplate, visible=lambda user: NumberTemplate.objects.all())
