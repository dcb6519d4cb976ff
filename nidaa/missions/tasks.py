"""Deliverable reminders through the task queue: a daily sweep fans out one task per reminder."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from nidaa.common.tasks import enqueue_on_commit
from nidaa.missions import reminders


@db_task(retries=3, retry_delay=300)
def invite_facilitator(mission_id: int) -> bool:
    return reminders.send_facilitator_invitation(mission_id=mission_id)


@db_task(retries=3, retry_delay=300)
def send_deliverable_reminder_task(deliverable_id: int, level: str) -> bool:
    return reminders.send_deliverable_reminder(
        deliverable_id=deliverable_id, level=level, today=timezone.localdate()
    )


# Huey runs with utc=False: 08:00 is read in TIME_ZONE (Africa/Casablanca).
@db_periodic_task(crontab(minute="0", hour="8"))
def daily_deliverable_reminders() -> None:
    for deliverable_id, level in reminders.reminders_due(today=timezone.localdate()):
        enqueue_on_commit(send_deliverable_reminder_task, deliverable_id, level)
