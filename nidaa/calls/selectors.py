"""Reads on calls. Calls are loaded only through these getters, scoped to the
user's organisations and role; a call the user may not reach looks exactly
like a missing one (``Call.DoesNotExist``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from nidaa.accounts.models import Organization
from nidaa.accounts.selectors import organizations_for
from nidaa.calls.models import PUBLIC_STATUSES, Call, CallRevision, CallStatus
from nidaa.common.models import AuditEntry


def get_call_for_user(*, user: Any, call_id: int, roles: frozenset[str] | None = None) -> Call:
    """The call if it belongs to one of the user's organisations in which the
    user has one of ``roles`` (any role when None). Raises ``Call.DoesNotExist``."""
    return (
        Call.objects.select_related("organization")
        .filter(organization__in=organizations_for(user, roles))
        .get(pk=call_id)
    )


# What the call page never shows: the normalised text and the extraction (tens
# of kB for a real ToR), and the columns the catalogue searches and filters on.
INTERNAL_FIELDS = ("text", "extraction", "search_document", "funders_document", "territory_codes")


def get_visible_call(*, user: Any, call_id: int, defer: tuple[str, ...] = ()) -> Call:
    """The call if it is public (published, closed, awarded) or the user belongs
    to its organisation, without the ``defer`` columns (read on first use).
    Raises ``Call.DoesNotExist``."""
    visible = Q(status__in=PUBLIC_STATUSES)
    if getattr(user, "is_authenticated", False):
        visible |= Q(organization__in=organizations_for(user))
    return Call.objects.select_related("organization").filter(visible).defer(*defer).get(pk=call_id)


def _open_q(now: datetime) -> Q:
    return Q(status=CallStatus.PUBLISHED) & (Q(deadline__isnull=True) | Q(deadline__gt=now))


def published_calls(*, now: datetime | None = None) -> QuerySet[Call]:
    """The public catalogue: open calls first, nearest deadline first, then
    the closed ones, latest deadline first. Each row has ``is_open``."""
    now = now or timezone.now()
    is_open = _open_q(now)
    return (
        Call.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization")
        .annotate(
            closed_rank=Case(When(is_open, then=Value(0)), default=Value(1), output_field=IntegerField()),
            open_deadline=Case(When(is_open, then=F("deadline")), default=None),
            closed_deadline=Case(When(is_open, then=None), default=F("deadline")),
        )
        .order_by(
            "closed_rank",
            F("open_deadline").asc(nulls_last=True),
            F("closed_deadline").desc(nulls_last=True),
            "-id",
        )
        .defer("text", "extraction")
    )


def calls_for_organizations(*, organizations: QuerySet[Organization]) -> QuerySet[Call]:
    """The calls of these organisations, newest first, for the dashboard."""
    return (
        Call.objects.filter(organization__in=organizations)
        .select_related("organization")
        .order_by("-created_at", "-id")
        .defer("text", "extraction")
    )


def calls_for_user(*, user: Any) -> QuerySet[Call]:
    """Every call of the organisations the user belongs to."""
    return calls_for_organizations(organizations=organizations_for(user))


def revisions_for(*, call: Call) -> QuerySet[CallRevision]:
    return CallRevision.objects.filter(call=call).select_related("author").order_by("-number")


def status_history_for(*, call: Call) -> QuerySet[AuditEntry]:
    """The call's audit entries (import, status changes, edits), newest first."""
    return AuditEntry.objects.filter(object_type=Call._meta.label_lower, object_id=call.pk).select_related(
        "actor"
    )
