"""Reminders about the action plan, after the mission: a few days before an
action's due date and once it is overdue, to its owner, in the owner's
language (their account's, else the one given with the action). Each level is
sent once (``Action.reminded``), written in the transaction that sends."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from nidaa.missions.services.mission import user_with_verified_email
from nidaa.reports.models import Action, ActionStatus

BEFORE = "before"
OVERDUE = "overdue"
AHEAD = timedelta(days=7)
OPEN = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


def reminders_due(*, today: date) -> list[tuple[int, str]]:
    """(action id, level) of every reminder to send today."""
    pending = Action.objects.filter(status__in=OPEN).exclude(owner_email="")
    overdue = pending.filter(due_date__lt=today).exclude(reminded=OVERDUE)
    soon = pending.filter(due_date__gte=today, due_date__lte=today + AHEAD, reminded="")
    due = [(pk, OVERDUE) for pk in overdue.values_list("pk", flat=True).order_by("pk")]
    due += [(pk, BEFORE) for pk in soon.values_list("pk", flat=True).order_by("pk")]
    return due


def due_level(action: Action, *, today: date) -> str | None:
    """The reminder this action needs today (the rule of ``reminders_due``, for one row)."""
    if action.status not in OPEN or not action.owner_email:
        return None
    if action.due_date < today:
        return OVERDUE if action.reminded != OVERDUE else None
    if action.due_date <= today + AHEAD and not action.reminded:
        return BEFORE
    return None


def recipient_language(action: Action) -> str:
    user = user_with_verified_email(action.owner_email)
    language = getattr(user, "preferred_language", "") if user is not None else ""
    return language or action.owner_language or settings.LANGUAGE_CODE


def send_action_reminder(*, action_id: int, level: str, today: date) -> bool:
    """Send one reminder unless it was sent or no longer applies."""
    with transaction.atomic():
        action = (
            Action.objects.select_for_update(of=("self",))
            .select_related("mission")
            .filter(pk=action_id)
            .first()
        )
        if action is None or due_level(action, today=today) != level:
            return False
        action.reminded = level
        action.save(update_fields=["reminded"])
        with translation.override(recipient_language(action)):
            day = formats.date_format(action.due_date, "DATE_FORMAT")
            if level == OVERDUE:
                subject = _("Nidaa: the action “%(title)s” was due on %(day)s") % {
                    "title": action.title[:100],
                    "day": day,
                }
            else:
                subject = _("Nidaa: the action “%(title)s” is due on %(day)s") % {
                    "title": action.title[:100],
                    "day": day,
                }
            body = render_to_string(
                "reports/email/action_reminder.txt",
                {
                    "action": action,
                    "day": day,
                    "overdue": level == OVERDUE,
                    "url": settings.NIDAA_SITE_URL + reverse("reports:actions", args=[action.mission_id]),
                },
            )
        message = EmailMessage(subject=subject, body=body, to=[action.owner_email])
        transaction.on_commit(message.send)
    return True
