"""Reminders about deliverables: a few days before their due date, and once
they are overdue. Each is sent once per level (``Deliverable.reminded``),
written in the same transaction that sends, with the deliverable locked, so a
retried task or a second worker sends nothing twice."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from nidaa.missions.models import Deliverable, DeliverableStatus, Mission, MissionStatus

BEFORE = "before"
OVERDUE = "overdue"
# How long before the due date the facilitator is reminded.
AHEAD = timedelta(days=3)
ACTIVE = (MissionStatus.PLANNED, MissionStatus.RUNNING)


def reminders_due(*, today: date) -> list[tuple[int, str]]:
    """(deliverable id, level) of every reminder to send today."""
    pending = Deliverable.objects.filter(mission__status__in=ACTIVE, due_date__isnull=False).exclude(
        status=DeliverableStatus.ACCEPTED
    )
    overdue = pending.filter(due_date__lt=today).exclude(reminded=OVERDUE)
    soon = pending.filter(due_date__gte=today, due_date__lte=today + AHEAD, reminded="").exclude(
        status=DeliverableStatus.SUBMITTED
    )
    due = [(pk, OVERDUE) for pk in overdue.values_list("pk", flat=True).order_by("pk")]
    due += [(pk, BEFORE) for pk in soon.values_list("pk", flat=True).order_by("pk")]
    return due


def due_level(deliverable: Deliverable, *, today: date) -> str | None:
    """The reminder this deliverable needs today, if any (the rule of ``reminders_due``, for one row)."""
    if deliverable.mission.status not in ACTIVE or deliverable.due_date is None:
        return None
    if deliverable.status == DeliverableStatus.ACCEPTED:
        return None
    if deliverable.due_date < today:
        return OVERDUE if deliverable.reminded != OVERDUE else None
    if deliverable.due_date <= today + AHEAD and not deliverable.reminded:
        return BEFORE if deliverable.status != DeliverableStatus.SUBMITTED else None
    return None


def send_deliverable_reminder(*, deliverable_id: int, level: str, today: date) -> bool:
    """Send one reminder (to the facilitator; an overdue one also to the
    issuer's focal point) unless it was sent or no longer applies."""
    with transaction.atomic():
        deliverable = (
            Deliverable.objects.select_for_update(of=("self",))
            .select_related("mission__facilitator", "mission__focal_point")
            .filter(pk=deliverable_id)
            .first()
        )
        if deliverable is None or deliverable.due_date is None:
            return False
        if due_level(deliverable, today=today) != level:
            return False
        mission = deliverable.mission
        to = [mission.facilitator.email if mission.facilitator else mission.facilitator_email]
        cc = []
        if level == OVERDUE and mission.focal_point is not None and mission.focal_point.email:
            cc.append(mission.focal_point.email)
        to = [address for address in to if address]
        if not to and not cc:
            return False
        deliverable.reminded = level
        deliverable.save(update_fields=["reminded"])
        language = facilitator_language(mission)
        with translation.override(language):
            if level == OVERDUE:
                subject = _("Nidaa: the deliverable “%(title)s” is overdue") % {
                    "title": deliverable.title[:100]
                }
            else:
                subject = _("Nidaa: the deliverable “%(title)s” is due on %(day)s") % {
                    "title": deliverable.title[:100],
                    "day": deliverable.due_date.strftime("%d/%m/%Y"),
                }
            body = render_to_string(
                "missions/email/deliverable_reminder.txt",
                {
                    "deliverable": deliverable,
                    "mission": mission,
                    "overdue": level == OVERDUE,
                    "url": settings.NIDAA_SITE_URL
                    + reverse("missions:deliverable", args=[mission.pk, deliverable.pk]),
                },
            )
        message = EmailMessage(subject=subject, body=body, to=to or cc, cc=cc if to else [])
        transaction.on_commit(message.send)
    return True


def send_due_reminders(*, today: date) -> int:
    """Every reminder due today, in this process; returns how many were sent."""
    return sum(
        1
        for deliverable_id, level in reminders_due(today=today)
        if send_deliverable_reminder(deliverable_id=deliverable_id, level=level, today=today)
    )


def facilitator_language(mission: Mission) -> str:
    """Their account's language, else the one the mission was created with."""
    if mission.facilitator is not None:
        return str(mission.facilitator.preferred_language)
    return mission.facilitator_language or str(settings.LANGUAGE_CODE)


def send_facilitator_invitation(*, mission_id: int) -> bool:
    """Invite the retained applicant, who has no account with that address
    yet, to create one: the mission opens to them once the address is verified."""
    mission = (
        Mission.objects.select_related("organization").filter(pk=mission_id, facilitator__isnull=True).first()
    )
    if mission is None or not mission.facilitator_email:
        return False
    with translation.override(mission.facilitator_language or settings.LANGUAGE_CODE):
        subject = _("Nidaa: you are the facilitator of “%(title)s”") % {"title": mission.title[:100]}
        body = render_to_string(
            "missions/email/facilitator_invitation.txt",
            {
                "mission": mission,
                "signup": settings.NIDAA_SITE_URL + reverse("account_signup"),
                "email": mission.facilitator_email,
            },
        )
    EmailMessage(subject=subject, body=body, to=[mission.facilitator_email]).send()
    return True
