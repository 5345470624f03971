from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The navigation entry's label (ocop.core.navigation): translated in this app's catalogue.
NAV_LABEL = _("Import")


class ImportsConfig(AppConfig):
    name = "ocop.imports"
    label = "imports"
    verbose_name = _("Imports and exports")

    def ready(self) -> None:
        from ocop.core import audit
        from ocop.imports.models import ImportBatch, ReviewItem
        from ocop.imports.selectors import import_batch_list, review_item_list

        audit.register(
            ImportBatch,
            visible=lambda user: import_batch_list(user=user),
            exclude_fields=["preview", "progress_done", "progress_total", "updated_at"],
        )
        audit.register(
            ReviewItem,
            visible=lambda user: review_item_list(user=user, open_only=False),
            exclude_fields=["updated_at"],
        )
