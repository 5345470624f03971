from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    name = "ocop.products"
    label = "products"
    verbose_name = _("Products")

    def ready(self) -> None:
        from ocop.core import audit
        from ocop.products import selectors
        from ocop.products.models import Channel, IPTitle, Product, ProductPhoto

        audit.register(
            Product,
            visible=lambda user: selectors.product_list(user=user),
            exclude_fields=["name_folded", "sort_key", "updated_at"],
        )
        audit.register(Channel, visible=lambda user: selectors.channel_list(user=user))
        audit.register(IPTitle, visible=lambda user: selectors.ip_title_list(user=user))
        audit.register(
            ProductPhoto,
            visible=lambda user: selectors.photo_list(user=user),
            exclude_fields=["thumbnail"],
        )
