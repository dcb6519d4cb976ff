"""The action plan's reminders, the report's generation and the results'
tabulation after an import, through the task queue."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from nidaa.common.tasks import enqueue_on_commit
from nidaa.reports import kept, reminders, results


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


@db_task(retries=1, retry_delay=60)
def warm_results_task(mission_id: int) -> None:
    # Returns nothing: no one reads the version back, and huey would keep it.
    results.warm_results(mission_id=mission_id)


def queue_results(sender: object, *, mission_id: int, **kwargs: object) -> None:
    """After an import of responses (``questionnaires.signals.responses_imported``),
    tabulate the results for the records as committed, so the first view of the
    results page finds them in the cache instead of taking seconds (60,000
    responses). Queued even without a worker: then the importing process
    tabulates at once, unlike the report (printed at the first download),
    because whoever imports answers reads the results next."""
    enqueue_on_commit(warm_results_task, mission_id)
