"""E-mail alerts on saved searches: the daily digest of new matching calls and
the reminder 72 hours before a deadline.

Both are idempotent, so a task retried or a command run twice sends nothing
new: a digest records each (saved search, call) it sent in ``DigestEntry``,
a reminder each (user, call) in ``DeadlineReminder``. The rows are written
in the same transaction that sends the message, with the user's searches
locked, so a failed send is retried whole and two workers never both send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nidaa.accounts.models import User
from nidaa.alerts.emails import absolute, send
from nidaa.alerts.models import AlertFrequency, DeadlineReminder, DigestEntry, FollowedCall, SavedSearch
from nidaa.calls.models import Call, CallStatus
from nidaa.calls.search import search_calls

REMINDER_WINDOW = timedelta(hours=72)
# A digest lists at most this many calls per saved search (the rest come the next day).
DIGEST_CALLS_PER_SEARCH = 30


@dataclass
class DigestSection:
    search: SavedSearch
    calls: list[Call]


def users_due_for_digest() -> list[int]:
    """Ids of the active users with at least one saved search on daily alerts."""
    return list(
        User.objects.filter(is_active=True, saved_searches__frequency=AlertFrequency.DAILY)
        .exclude(email="")
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def new_calls_for(*, search: SavedSearch, now: datetime, limit: int = DIGEST_CALLS_PER_SEARCH) -> list[Call]:
    """Open calls matching the search, published since the search was created
    and never sent for it (the sent log, not a date, decides what is new: a
    call corrected after publication to match is still sent once)."""
    return list(
        search_calls(search.query())
        .filter(status=CallStatus.PUBLISHED, published_at__gte=search.created_at)
        .filter(Q(deadline__isnull=True) | Q(deadline__gt=now))
        .exclude(pk__in=DigestEntry.objects.filter(saved_search=search).values("call_id"))
        .select_related("organization")[:limit]
    )


def send_digest(*, user_id: int, now: datetime | None = None) -> int:
    """Send the user one e-mail listing the new calls of all their daily saved
    searches; returns how many calls it listed (0: nothing sent)."""
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None or not user.email:
            return 0
        searches = list(
            SavedSearch.objects.select_for_update()
            .filter(user=user, frequency=AlertFrequency.DAILY)
            .order_by("created_at", "pk")
        )
        sections = [DigestSection(s, calls) for s in searches if (calls := new_calls_for(search=s, now=now))]
        if not sections:
            return 0
        DigestEntry.objects.bulk_create(
            [DigestEntry(saved_search=sec.search, call=call) for sec in sections for call in sec.calls]
        )
        SavedSearch.objects.filter(pk__in=[sec.search.pk for sec in sections]).update(last_sent_at=now)
        count = len({call.pk for sec in sections for call in sec.calls})
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = ngettext(
                "Nidaa: %(count)d new call for %(searches)s",
                "Nidaa: %(count)d new calls for %(searches)s",
                count,
            ) % {"count": count, "searches": ", ".join(f"“{sec.search.name}”" for sec in sections)[:150]}
            context = {
                "user": user,
                "sections": [
                    {"search": sec.search, "calls": [_call_row(c) for c in sec.calls]} for sec in sections
                ],
                "searches_url": absolute(reverse("alerts:saved_searches")),
            }
            send(user=user, subject=subject, template="accounts/email/digest", context=context)
    return count


def send_digests(*, now: datetime | None = None) -> int:
    """Send every due digest in this process; returns the number of e-mails sent."""
    return sum(1 for user_id in users_due_for_digest() if send_digest(user_id=user_id, now=now))


def calls_closing_soon(*, now: datetime) -> list[int]:
    """Ids of open published calls whose deadline is within the next 72 hours."""
    return list(
        Call.objects.filter(
            status=CallStatus.PUBLISHED, deadline__gt=now, deadline__lte=now + REMINDER_WINDOW
        ).values_list("pk", flat=True)
    )


def reminders_due(*, now: datetime) -> dict[int, set[int]]:
    """{user id: call ids} for calls closing within 72 hours that the user
    follows or that match one of their saved searches with reminders, minus
    the reminders already sent."""
    closing = calls_closing_soon(now=now)
    if not closing:
        return {}
    due: dict[int, set[int]] = {}
    for user_id, call_id in FollowedCall.objects.filter(
        call_id__in=closing, user__is_active=True
    ).values_list("user_id", "call_id"):
        due.setdefault(user_id, set()).add(call_id)
    for search in SavedSearch.objects.filter(remind_deadlines=True, user__is_active=True):
        matching = search_calls(search.query()).filter(pk__in=closing).values_list("pk", flat=True)
        due.setdefault(search.user_id, set()).update(matching)
    sent = DeadlineReminder.objects.filter(call_id__in=closing, user_id__in=due).values_list(
        "user_id", "call_id"
    )
    for user_id, call_id in sent:
        due[user_id].discard(call_id)
    return {user_id: call_ids for user_id, call_ids in due.items() if call_ids}


def send_deadline_reminder(*, user_id: int, call_ids: list[int], now: datetime | None = None) -> int:
    """Send the user one e-mail about the given calls closing soon, skipping any
    already reminded; returns how many calls it listed."""
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or not user.email:
            return 0
        already = DeadlineReminder.objects.filter(user=user, call_id__in=call_ids).values("call_id")
        calls = list(
            Call.objects.filter(
                pk__in=call_ids,
                status=CallStatus.PUBLISHED,
                deadline__gt=now,
                deadline__lte=now + REMINDER_WINDOW,
            )
            .exclude(pk__in=already)
            .select_related("organization")
            .order_by("deadline", "pk")
        )
        if not calls:
            return 0
        DeadlineReminder.objects.bulk_create([DeadlineReminder(user=user, call=call) for call in calls])
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            if len(calls) == 1:
                subject = _("Nidaa: the deadline of “%(title)s” is in less than 72 hours") % {
                    "title": calls[0].title[:120]
                }
            else:
                subject = ngettext(
                    "Nidaa: %(count)d call closes in less than 72 hours",
                    "Nidaa: %(count)d calls close in less than 72 hours",
                    len(calls),
                ) % {"count": len(calls)}
            context = {"user": user, "calls": [_call_row(c) for c in calls]}
            send(user=user, subject=subject, template="accounts/email/reminder", context=context)
    return len(calls)


def send_deadline_reminders(*, now: datetime | None = None) -> int:
    """Send every due reminder in this process; returns the number of e-mails sent."""
    now = now or timezone.now()
    return sum(
        1
        for user_id, call_ids in sorted(reminders_due(now=now).items())
        if send_deadline_reminder(user_id=user_id, call_ids=sorted(call_ids), now=now)
    )


def _call_row(call: Call) -> dict[str, object]:
    return {
        "title": call.title,
        "issuer": call.issuer or call.organization.name,
        "deadline": timezone.localtime(call.deadline) if call.deadline else None,
        "url": absolute(reverse("calls:detail", args=[call.pk])),
    }
