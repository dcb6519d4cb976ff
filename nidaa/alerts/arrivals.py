"""What the issuer is told about applications: a daily summary of those that
arrived, and a notice when a call's sealed applications open at its deadline.

Both go to the organisation's admins and editors, each in their own language,
and both are idempotent like the applicants' digests: the summary records each
(user, application) it listed in ``ArrivalSummaryEntry``, the notice each
(user, call) in ``OpenedNotice``, in the transaction that sends the message,
so a failed send is retried whole and a task run twice sends nothing new.

A sealed call's applicants stay unnamed: the summary gives only how many
arrived, as the issuer's pages do, until the deadline has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext

from nidaa.accounts.models import Membership, User
from nidaa.accounts.selectors import EDIT_ROLES
from nidaa.alerts.emails import absolute, send
from nidaa.alerts.models import ArrivalSummaryEntry, OpenedNotice
from nidaa.applications.access import is_sealed, unsealed_q
from nidaa.applications.exports import call_zone
from nidaa.applications.models import Application, ApplicationChannel, ApplicationStatus
from nidaa.calls.models import Call, CallStatus
from nidaa.common.lists import joined

# How far back a summary looks: a worker stopped for days still reports what
# arrived meanwhile, and a member never gets the applications of years past.
SUMMARY_LOOKBACK = timedelta(days=7)
# A call whose deadline passed longer ago than this is not announced any more
# (a deployment does not announce every call it ever opened).
OPENED_LOOKBACK = timedelta(days=2)
# Calls whose applications may be announced as opened (a cancelled call's are not news).
ANNOUNCED_STATUSES = (CallStatus.PUBLISHED, CallStatus.CLOSED, CallStatus.AWARDED)


@dataclass
class CallArrivals:
    call: Call
    applications: list[Application]
    sealed: bool


def _editors(organization_ids: QuerySet[Application, Any] | list[int]) -> QuerySet[Membership]:
    return Membership.objects.filter(
        organization_id__in=organization_ids, role__in=EDIT_ROLES, user__is_active=True
    ).exclude(user__email="")


# --- the daily summary -----------------------------------------------------------------------


def users_due_for_summary(*, now: datetime) -> list[int]:
    """Ids of the admins and editors of organisations that received
    applications within the lookback (each user's task decides what is new)."""
    organizations = Application.objects.filter(
        status=ApplicationStatus.SUBMITTED, received_at__gt=now - SUMMARY_LOOKBACK
    ).values("call__organization_id")
    return sorted(set(_editors(organizations).values_list("user_id", flat=True)))


def new_applications_for(*, user: User, now: datetime) -> list[Application]:
    """The submitted applications to the calls of the user's organisations
    (as admin or editor) received since they joined, within the lookback, and
    never listed for them, by call then arrival."""
    since = now - SUMMARY_LOOKBACK
    scope = Q(pk__in=[])
    for membership in Membership.objects.filter(user=user, role__in=EDIT_ROLES):
        scope |= Q(
            call__organization_id=membership.organization_id,
            received_at__gt=max(since, membership.created_at),
        )
    return list(
        Application.objects.filter(scope, status=ApplicationStatus.SUBMITTED)
        .exclude(pk__in=ArrivalSummaryEntry.objects.filter(user=user).values("application_id"))
        .select_related("call")
        .order_by("call_id", "received_at", "pk")
    )


def send_arrivals_summary(*, user_id: int, now: datetime | None = None) -> int:
    """Send the user one e-mail listing, per call, the applications that
    arrived since their last summary; returns how many it listed (0: nothing sent)."""
    now = now or timezone.now()
    with transaction.atomic():
        # The user's row is the lock: two workers never summarise the same user at once.
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or not user.email:
            return 0
        applications = new_applications_for(user=user, now=now)
        if not applications:
            return 0
        ArrivalSummaryEntry.objects.bulk_create(
            [ArrivalSummaryEntry(user=user, application=application) for application in applications]
        )
        sections = [
            CallArrivals(call=call, applications=list(rows), sealed=is_sealed(call, now))
            for call, rows in groupby(applications, key=lambda application: application.call)
        ]
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = ngettext(
                "Nidaa: %(count)d new application to your calls",
                "Nidaa: %(count)d new applications to your calls",
                len(applications),
            ) % {"count": len(applications)}
            context = {
                "user": user,
                "count": len(applications),
                "sections": [_section(section) for section in sections],
            }
            send(user=user, subject=subject, template="alerts/email/arrivals", context=context)
    return len(applications)


def send_arrivals_summaries(*, now: datetime | None = None) -> int:
    """Send every due summary in this process; returns the number of e-mails sent."""
    now = now or timezone.now()
    return sum(
        1 for user_id in users_due_for_summary(now=now) if send_arrivals_summary(user_id=user_id, now=now)
    )


def _section(section: CallArrivals) -> dict[str, object]:
    call = section.call
    zone = call_zone(call)
    channels = dict(ApplicationChannel.choices)
    return {
        "title": call.title,
        "url": absolute(reverse("applications:call_applications", args=[call.pk])),
        "zone": zone.key,
        "count": len(section.applications),
        "sealed": section.sealed,
        "opens_at": timezone.localtime(call.seal_deadline, zone) if call.seal_deadline else None,
        # A sealed call's applicants stay unnamed, as on the issuer's pages.
        "applications": []
        if section.sealed
        else [
            {
                "receipt": application.receipt_number,
                "line": _line(application, zone, channels),
                "url": absolute(reverse("applications:issuer_application", args=[application.pk])),
            }
            for application in section.applications
        ],
    }


def _line(application: Application, zone: Any, channels: dict[str, Any]) -> str:
    """ "Name (channel, received at), late, incomplete": the items separated as
    the active language writes a list (the Arabic comma in Arabic)."""
    applicant = application.applicant_name or application.firm_name or application.applicant_email
    how = [str(channels.get(application.channel, application.channel))]
    if application.received_at:
        how.append(formats.date_format(timezone.localtime(application.received_at, zone), "DATETIME_FORMAT"))
    flags = [gettext("late")] if application.is_late else []
    if application.missing_pieces:
        flags.append(gettext("incomplete"))
    return joined([f"{applicant} ({joined(how)})", *flags])


# --- applications opened at the deadline ----------------------------------------------------


def calls_just_opened(*, now: datetime) -> list[int]:
    """Ids of the sealed calls whose seal lifted within the lookback and that
    have an admin or editor not yet told."""
    cutoff = now - OPENED_LOOKBACK
    untold = Membership.objects.filter(
        organization_id=OuterRef("organization_id"), role__in=EDIT_ROLES, user__is_active=True
    ).exclude(user__email="")
    untold = untold.exclude(
        Exists(OpenedNotice.objects.filter(call_id=OuterRef(OuterRef("pk")), user_id=OuterRef("user_id")))
    )
    return list(
        Call.objects.filter(sealed=True, status__in=ANNOUNCED_STATUSES)
        .filter(unsealed_q(now))
        .filter(Q(deadline__gt=cutoff) | Q(sealed_until__gt=cutoff))
        .filter(Exists(untold))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_opened_notices(*, call_id: int, now: datetime | None = None) -> int:
    """Tell each admin and editor of the call's organisation, once, in their
    language, that its applications are open and how many arrived; returns
    how many were told."""
    now = now or timezone.now()
    call = Call.objects.select_related("organization").filter(pk=call_id).first()
    if call is None or not call.sealed or is_sealed(call, now) or call.status not in ANNOUNCED_STATUSES:
        return 0
    told = 0
    for membership in _editors([call.organization_id]).select_related("user").order_by("user_id"):
        with transaction.atomic():
            _, created = OpenedNotice.objects.get_or_create(user=membership.user, call=call)
            if not created:
                continue
            _send_opened_notice(user=membership.user, call=call)
            told += 1
    return told


def _send_opened_notice(*, user: User, call: Call) -> None:
    applications = Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)
    count = applications.count()
    complete = applications.filter(missing_pieces=[]).count()
    late = applications.filter(is_late=True).count()
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = ngettext(
            "Nidaa: %(count)d application to “%(title)s” can now be opened",
            "Nidaa: %(count)d applications to “%(title)s” can now be opened",
            count,
        ) % {"count": count, "title": call.title[:120]}
        context = {
            "user": user,
            "title": call.title,
            "count": count,
            "complete": complete,
            "late": late,
            "deadline": call.seal_deadline,
            "zone": call_zone(call).key,
            "url": absolute(reverse("applications:call_applications", args=[call.pk])),
        }
        send(user=user, subject=subject, template="alerts/email/opened", context=context)
