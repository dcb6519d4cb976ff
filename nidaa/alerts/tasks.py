"""Alert tasks: the periodic sweeps fan out one task per user (or per call)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from nidaa.alerts import arrivals, digests
from nidaa.common.tasks import enqueue_on_commit


@db_task(retries=3, retry_delay=300)
def send_digest_task(user_id: int) -> int:
    return digests.send_digest(user_id=user_id)


@db_task(retries=3, retry_delay=300)
def send_deadline_reminder_task(user_id: int, call_ids: list[int]) -> int:
    return digests.send_deadline_reminder(user_id=user_id, call_ids=call_ids)


# Huey runs with utc=False: 07:00 is read in TIME_ZONE (Africa/Casablanca).
@db_periodic_task(crontab(minute="0", hour="7"))
def daily_digest() -> None:
    for user_id in digests.users_due_for_digest():
        enqueue_on_commit(send_digest_task, user_id)


@db_periodic_task(crontab(minute="5"))
def hourly_deadline_reminders() -> None:
    for user_id, call_ids in sorted(digests.reminders_due(now=timezone.now()).items()):
        enqueue_on_commit(send_deadline_reminder_task, user_id, sorted(call_ids))


@db_task(retries=3, retry_delay=300)
def send_arrivals_summary_task(user_id: int) -> int:
    return arrivals.send_arrivals_summary(user_id=user_id)


@db_task(retries=3, retry_delay=300)
def send_opened_notices_task(call_id: int) -> int:
    return arrivals.send_opened_notices(call_id=call_id)


# The issuer's morning summary of the applications that arrived the day before.
@db_periodic_task(crontab(minute="0", hour="8"))
def daily_arrivals_summary() -> None:
    for user_id in arrivals.users_due_for_summary(now=timezone.now()):
        enqueue_on_commit(send_arrivals_summary_task, user_id)


# Deadlines fall at any minute (23:59 most often): look every five minutes.
@db_periodic_task(crontab(minute="*/5"))
def applications_opened_notices() -> None:
    for call_id in arrivals.calls_just_opened(now=timezone.now()):
        enqueue_on_commit(send_opened_notices_task, call_id)
