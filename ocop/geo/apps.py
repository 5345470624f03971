from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "ocop.geo"
    label = "geo"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from ocop.core import audit
        from ocop.geo.models import AdminMap, Authority

        audit.register(AdminMap, visible=lambda user: AdminMap.objects.all())
        audit.register(Authority, visible=lambda user: Authority.objects.all())
