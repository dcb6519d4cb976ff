from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "nidaa.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Imported here: the receiver needs the models, which are ready only now.
        from django.contrib.auth.signals import user_logged_in

        from nidaa.accounts.context_processors import on_login

        user_logged_in.connect(on_login, dispatch_uid="nidaa.accounts.remember_membership")
