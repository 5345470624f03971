from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "ocop.catalogue"
    label = "catalogue"
    verbose_name = _("Public catalogue")

    def ready(self) -> None:
        from django.core.signals import setting_changed
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from ocop.catalogue import freshness

        # Every write bumps the data version the public answers are cached under.
        connection_created.connect(freshness.watch_connection, dispatch_uid="ocop-data-version")
        pre_migrate.connect(freshness.migrating, sender=self, dispatch_uid="ocop-data-version")
        post_migrate.connect(freshness.migrated, sender=self, dispatch_uid="ocop-data-version")
        setting_changed.connect(freshness.clear_cache, dispatch_uid="ocop-data-version")
        for connection in connections.all(initialized_only=True):
            freshness.watch_connection(sender=None, connection=connection)
