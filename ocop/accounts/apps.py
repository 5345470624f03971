from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ocop.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from ocop.accounts.models import User
        from ocop.accounts.selectors import user_list
        from ocop.core import audit

        audit.register(
            User,
            visible=lambda user: user_list(user=user),
            exclude_fields=["password", "last_login"],
        )
