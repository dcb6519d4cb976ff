from typing import Any

from django.core.management.base import BaseCommand

from nidaa.alerts.digests import send_digests


class Command(BaseCommand):
    help = "Send the daily digest of new calls for saved searches (what the 07:00 periodic task does)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests()
        self.stdout.write(f"{sent} digest e-mail(s) sent")
