"""The periodic tasks fan out one queued task per user, after commit; in the
default (immediate) mode the queue runs them in-process."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nidaa.alerts import tasks
from nidaa.alerts.models import DeadlineReminder, DigestEntry
from tests.factories import PublishedCallFactory, SavedSearchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_queue_runs_in_process_without_a_broker():
    from huey.contrib.djhuey import HUEY

    assert HUEY.immediate is True


def test_daily_digest_task_queues_after_commit(applicant, django_capture_on_commit_callbacks):
    search = SavedSearchFactory(user=applicant, params={"q": "plaidoyer"})
    search.created_at = timezone.now() - timedelta(days=1)
    search.save(update_fields=["created_at"])
    PublishedCallFactory(title="Plaidoyer")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tasks.daily_digest.call_local()
    assert mail.outbox == []  # nothing runs before the commit
    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 1
    assert DigestEntry.objects.count() == 1


def test_hourly_reminder_task_sends_through_the_queue(applicant, django_capture_on_commit_callbacks):
    SavedSearchFactory(user=applicant, params={"q": "plaidoyer"})
    PublishedCallFactory(title="Plaidoyer", deadline=timezone.now() + timedelta(hours=30))

    with django_capture_on_commit_callbacks(execute=True):
        tasks.hourly_deadline_reminders.call_local()

    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert DeadlineReminder.objects.count() == 1


def test_a_task_retried_sends_nothing_new(applicant):
    SavedSearchFactory(user=applicant, params={"q": "plaidoyer"})
    call = PublishedCallFactory(title="Plaidoyer", deadline=timezone.now() + timedelta(hours=30))
    assert tasks.send_deadline_reminder_task.call_local(applicant.pk, [call.pk]) == 1
    assert tasks.send_deadline_reminder_task.call_local(applicant.pk, [call.pk]) == 0
    assert len(mail.outbox) == 1


def test_periodic_schedule_is_7am_casablanca_and_hourly():
    from datetime import datetime

    from huey.contrib.djhuey import HUEY

    assert HUEY.utc is False  # crontabs are read in TIME_ZONE (Africa/Casablanca)

    def due_at(hour, minute):
        return sorted(t.name for t in HUEY.read_periodic(datetime(2026, 3, 2, hour, minute)))

    assert any("daily_digest" in name for name in due_at(7, 0))
    assert not any("daily_digest" in name for name in due_at(6, 0) + due_at(8, 0))
    assert any("hourly_deadline_reminders" in name for name in due_at(13, 5))
    assert not any("hourly_deadline_reminders" in name for name in due_at(13, 6))
