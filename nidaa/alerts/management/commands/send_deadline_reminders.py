from typing import Any

from django.core.management.base import BaseCommand

from nidaa.alerts.digests import send_deadline_reminders


class Command(BaseCommand):
    help = "Send reminders for calls closing within 72 hours (what the hourly periodic task does)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_deadline_reminders()
        self.stdout.write(f"{sent} reminder e-mail(s) sent")
