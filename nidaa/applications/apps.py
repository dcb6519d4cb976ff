from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "nidaa.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # Models and services load once the registry is ready; the calls app
        # announces a deadline extension, and this app tells the applicants.
        from nidaa.calls.signals import deadline_extended

        deadline_extended.connect(announce_extension, dispatch_uid="applications.announce_extension")


def announce_extension(sender: Any, *, call_id: int, **kwargs: Any) -> None:
    # Imported when called: apps.py loads before the app registry is ready,
    # and services import models.
    from nidaa.applications.services import announce_deadline_extension

    announce_deadline_extension(call_id=call_id)
