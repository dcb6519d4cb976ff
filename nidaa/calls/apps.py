from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "nidaa.calls"
    label = "calls"
    verbose_name = _("Calls")

    def ready(self) -> None:
        from nidaa.calls import checks  # noqa: F401 (registers the deploy checks)
