from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "ocop.producers"
    label = "producers"
    verbose_name = _("Producers")

    def ready(self) -> None:
        from ocop.core import audit
        from ocop.producers.models import Producer, ProducerAccount
        from ocop.producers.selectors import producer_list

        audit.register(
            Producer,
            visible=lambda user: producer_list(user=user),
            exclude_fields=["name_folded", "sort_key", "duplicate_key", "updated_at"],
        )
        audit.register(
            ProducerAccount,
            visible=lambda user: ProducerAccount.objects.filter(
                producer__in=producer_list(user=user).values("pk")
            ),
        )
