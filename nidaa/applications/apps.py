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
        from nidaa.calls.signals import call_cancelled, deadline_extended

        deadline_extended.connect(announce_extension, dispatch_uid="applications.announce_extension")
        call_cancelled.connect(announce_cancellation, dispatch_uid="applications.announce_cancellation")


def announce_extension(sender: Any, *, call_id: int, **kwargs: Any) -> None:
    # Imported when called: apps.py loads before the app registry is ready,
    # and services import models.
    from nidaa.applications.emails import announce_deadline_extension

    announce_deadline_extension(call_id=call_id)


def announce_cancellation(sender: Any, *, call_id: int, **kwargs: Any) -> None:
    # Queued (huey): the issuer's page does not wait for the mail server.
    from nidaa.applications.tasks import announce_cancellation_task

    announce_cancellation_task(call_id)
