from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from nidaa.alerts.arrivals import calls_just_opened, send_arrivals_summaries, send_opened_notices


class Command(BaseCommand):
    help = (
        "Send the issuers' daily summary of the applications that arrived and the notices of "
        "applications opened at the deadline (what the 08:00 and five-minute periodic tasks do)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summaries = send_arrivals_summaries()
        notices = sum(
            send_opened_notices(call_id=call_id) for call_id in calls_just_opened(now=timezone.now())
        )
        self.stdout.write(f"{summaries} summary e-mail(s) and {notices} opened notice(s) sent")
