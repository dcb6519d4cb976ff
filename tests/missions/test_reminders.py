from datetime import date

from django.core import mail

from nidaa.missions.models import MissionStatus
from nidaa.missions.reminders import reminders_due, send_due_reminders
from nidaa.missions.tasks import daily_deliverable_reminders
from tests.factories import DeliverableFactory, UserFactory

TODAY = date(2026, 3, 10)


def test_reminders_before_due_and_when_overdue_are_sent_once(
    mission, facilitator, django_capture_on_commit_callbacks
):
    mission.status = MissionStatus.RUNNING
    mission.focal_point = UserFactory(email="focal@example.org")
    mission.save(update_fields=["status", "focal_point"])
    soon = DeliverableFactory(mission=mission, title="Listes de présence", due_date=date(2026, 3, 12))
    late = DeliverableFactory(mission=mission, title="Rapport final", due_date=date(2026, 3, 1))
    DeliverableFactory(mission=mission, title="Accepté", due_date=date(2026, 3, 1), status="accepted")
    DeliverableFactory(mission=mission, title="Plus tard", due_date=date(2026, 4, 1))
    assert reminders_due(today=TODAY) == [(late.pk, "overdue"), (soon.pk, "before")]
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(today=TODAY) == 2
    subjects = sorted((m.subject, tuple(m.to), tuple(m.cc)) for m in mail.outbox)
    assert subjects == [
        (
            "Nidaa : le livrable « Listes de présence » est attendu le 12/03/2026",
            ("trainer@example.org",),
            (),
        ),
        (
            "Nidaa : le livrable « Rapport final » est en retard",
            ("trainer@example.org",),
            ("focal@example.org",),
        ),
    ]
    assert send_due_reminders(today=TODAY) == 0
    assert len(mail.outbox) == 2


def test_a_planned_deliverable_reminded_before_is_reminded_again_when_overdue(
    mission, django_capture_on_commit_callbacks
):
    mission.status = MissionStatus.RUNNING
    mission.save(update_fields=["status"])
    deliverable = DeliverableFactory(mission=mission, due_date=date(2026, 3, 12))
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders(today=TODAY)
        send_due_reminders(today=date(2026, 3, 13))
    deliverable.refresh_from_db()
    assert (deliverable.reminded, len(mail.outbox)) == ("overdue", 2)


def test_the_daily_task_sends_through_the_queue(mission, django_capture_on_commit_callbacks, settings):
    mission.status = MissionStatus.RUNNING
    mission.save(update_fields=["status"])
    DeliverableFactory(mission=mission, due_date=date(2000, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        daily_deliverable_reminders.call_local()
    assert len(mail.outbox) == 1


def test_no_reminder_for_a_cancelled_mission(mission):
    mission.status = MissionStatus.CANCELLED
    mission.save(update_fields=["status"])
    DeliverableFactory(mission=mission, due_date=date(2026, 3, 1))
    assert reminders_due(today=TODAY) == []
