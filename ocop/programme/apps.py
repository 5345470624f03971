from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "ocop.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from ocop.core import audit
        from ocop.programme import selectors
        from ocop.programme.models import KeyProduct, Target

        audit.register(Target, visible=lambda user: selectors.target_list(user=user))
        audit.register(KeyProduct, visible=lambda user: selectors.key_product_list(user=user))
