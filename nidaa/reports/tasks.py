"""The action plan's reminders and the report's generation through the task queue."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from nidaa.common.tasks import enqueue_on_commit
from nidaa.reports import kept, reminders


@db_task(retries=3, retry_delay=300)
def send_action_reminder_task(action_id: int, level: str) -> bool:
    return reminders.send_action_reminder(action_id=action_id, level=level, today=timezone.localdate())


# Huey runs with utc=False: 08:30 is read in TIME_ZONE (Africa/Casablanca).
@db_periodic_task(crontab(minute="30", hour="8"))
def daily_action_reminders() -> None:
    for action_id, level in reminders.reminders_due(today=timezone.localdate()):
        enqueue_on_commit(send_action_reminder_task, action_id, level)


@db_task(retries=1, retry_delay=60)
def generate_reports_task(mission_id: int) -> int:
    return kept.generate_reports(mission_id=mission_id)


def queue_reports(mission_id: int) -> None:
    """With a worker, print the report for the records as they will be once
    the current transaction commits, so the next download is instant; without
    one (huey's immediate mode) nothing: the first download prints it."""
    if kept.worker_runs():
        enqueue_on_commit(generate_reports_task, mission_id)
