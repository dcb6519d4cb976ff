"""Reads on calls. Calls are loaded only through these getters, scoped to the
user's organisations and role; a call the user may not reach looks exactly
like a missing one (``Call.DoesNotExist``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from django.db.models import BooleanField, Case, Count, F, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.expressions import Expression, RawSQL
from django.utils import timezone

from nidaa.accounts.models import Organization, Reader, User
from nidaa.accounts.selectors import organizations_for
from nidaa.calls.models import DOCUMENT_FIELDS, PAGE_VISIBLE, PUBLIC_STATUSES, Call, CallRevision, CallStatus
from nidaa.common.lists import joined
from nidaa.common.models import AuditEntry
from nidaa.directory.models import Territory


def get_call_for_user(*, user: Reader, call_id: int, roles: frozenset[str] | None = None) -> Call:
    """The call if it belongs to one of the user's organisations in which the
    user has one of ``roles`` (any role when None). Raises ``Call.DoesNotExist``."""
    return (
        Call.objects.select_related("organization")
        .filter(organization__in=organizations_for(user, roles))
        .get(pk=call_id)
    )


# What the call page never shows: the call's document (tens of kB for a real
# ToR) and the column the catalogue filters territories on.
INTERNAL_FIELDS = (*DOCUMENT_FIELDS, "territory_codes")


# Ids are 64-bit: a larger number in a URL names no call (and the databases refuse it).
MAX_ID = 2**63 - 1


def get_public_call(*, call_id: int) -> Call:
    """The call if it is public (published, closed, awarded), with its
    organisation and what its page reads besides (``with_places``), without
    ``INTERNAL_FIELDS`` (read on first use): what ``get_visible_call`` gives
    a visitor outside the issuing organisation. Raises ``Call.DoesNotExist``."""
    if not 0 < call_id <= MAX_ID:
        raise Call.DoesNotExist
    return with_places(
        Call.objects.select_related("organization").filter(PAGE_VISIBLE).defer(*INTERNAL_FIELDS)
    ).get(pk=call_id)


class CallPlaces(NamedTuple):
    """What a call's page reads besides the call (``with_places``, ``places_of``)."""

    # (name_fr, name_ar) of each linked territory, in Territory's order (kind, name_fr).
    territories: list[tuple[str, str]]
    # Whether the call has revisions made once it was public: without any, an
    # applicant's "changes since publication" are known without reading them.
    revised_in_public: bool


class _TerritoryPairs(Expression):
    """The outer call's territories as JSON text, ``[[name_fr, name_ar], ...]``
    in Territory's order (kind, name_fr), written from the models' table and
    column names: PostgreSQL orders inside its aggregate, SQLite (no ``ORDER
    BY`` in an aggregate before 3.44) aggregates an ordered subquery, which it
    never flattens into an aggregate (so the order holds). No territory: NULL
    in PostgreSQL, ``[]`` in SQLite."""

    output_field = TextField()

    @staticmethod
    def _parts() -> tuple[str, str, str, str]:
        """The columns name_fr, name_ar and kind of the territories ("t"), and
        their FROM … WHERE linked to the outer call."""
        links = Call.territories.through._meta
        territory = Territory._meta
        fr = f'"t"."{territory.get_field("name_fr").column}"'
        ar = f'"t"."{territory.get_field("name_ar").column}"'
        kind = f'"t"."{territory.get_field("kind").column}"'
        source = (
            f'FROM "{territory.db_table}" "t" INNER JOIN "{links.db_table}" "l" '
            f'ON "l"."{links.get_field("territory").column}" = "t"."{territory.pk.column}" '
            f'WHERE "l"."{links.get_field("call").column}" = "{Call._meta.db_table}"."{Call._meta.pk.column}"'
        )
        return fr, ar, kind, source

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        fr, ar, kind, source = self._parts()
        return f"(SELECT json_agg(json_build_array({fr}, {ar}) ORDER BY {kind}, {fr})::text {source})", []

    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        fr, ar, kind, source = self._parts()
        ordered = f'SELECT {fr} AS "fr", {ar} AS "ar" {source} ORDER BY {kind}, {fr}'  # noqa: S608 (names from the models' meta)
        return f'(SELECT json_group_array(json_array("fr", "ar")) FROM ({ordered}))', []  # noqa: S608


def _public_revisions_sql() -> str:
    """Whether the outer call has a revision made once public (its status when
    edited not a draft): an ``EXISTS`` on the revisions' call index, written from
    the models' table and column names."""
    revisions = CallRevision._meta.db_table
    call = CallRevision._meta.get_field("call").column
    status = CallRevision._meta.get_field("status").column
    return (
        f'EXISTS (SELECT 1 FROM "{revisions}" "r" WHERE "r"."{call}" = '  # noqa: S608 (names from the models' meta)
        f'"{Call._meta.db_table}"."{Call._meta.pk.column}" AND "r"."{status}" <> %s)'
    )


def with_places(calls: QuerySet[Call]) -> QuerySet[Call]:
    """``calls`` with what a call's page reads besides the call, in the same
    query (``places_of`` reads it): its territories' names (JSON text) and
    whether it has revisions made once public (an ``EXISTS`` on the revisions'
    call index). Both are ``RawSQL``-like (like the catalogue's organisation
    name): an ``Exists(...)`` or aggregate subquery costs more to build and
    compile than these do to run, and a second query costs the page a round
    trip on every miss of its cache."""
    return calls.annotate(
        territory_pairs=_TerritoryPairs(),
        revised_in_public=RawSQL(  # noqa: S611 (constant SQL, the status bound)
            _public_revisions_sql(), [CallStatus.DRAFT], output_field=BooleanField()
        ),
    )


def places_of(call: Call) -> CallPlaces:
    """What ``with_places`` read of ``call``."""
    pairs = json.loads(call.territory_pairs or "[]")  # type: ignore[attr-defined]
    return CallPlaces(
        territories=[(name_fr, name_ar) for name_fr, name_ar in pairs],
        revised_in_public=bool(call.revised_in_public),  # type: ignore[attr-defined]
    )


def revisions_shown(*, call: Call) -> list[CallRevision]:
    """The call's revisions as the call page shows them (number, date, changed
    fields, author's name), newest first; the other columns (the snapshots: a
    copy of the call per edit) are deferred."""
    return list(
        CallRevision.objects.filter(call_id=call.pk)
        .select_related("author")
        .only(
            "id",
            "number",
            "at",
            "status",
            "changed_fields",
            "call_id",
            "author_id",
            "author__id",
            "author__username",
            "author__first_name",
            "author__last_name",
        )
        .order_by("-number")
    )


# The corrections an applicant needs to hear of, in the order the page names
# them: when and how to apply, what to send, and the call's own words (title,
# places, objectives, tasks, profile, deliverables). Everything else (type,
# project, reference, the document's language, the seal, receipts, the
# deadline as written in the document...) is the issuer's bookkeeping.
APPLICANT_CHANGE_FIELDS = (
    "deadline",
    "timezone",
    "required_documents",
    "submission_emails",
    "email_subject",
    "title",
    "locations",
    "objectives",
    "tasks",
    "profile",
    "deliverables",
)


@dataclass(frozen=True)
class PublicChange:
    """One line of the "changes since publication" an applicant reads."""

    at: datetime
    labels: list[Any]  # the changed fields' verbose names, APPLICANT_CHANGE_FIELDS' order
    cancelled: bool = False

    @property
    def fields(self) -> str:
        """The labels as a list in the active language (the Arabic comma in Arabic)."""
        return joined(str(label) for label in self.labels)


def changes_for_applicants(*, call: Call, revisions: list[CallRevision] | None = None) -> list[PublicChange]:
    """What the public page lists of ``revisions`` (``revisions_shown``, newest
    first; when not given, the call's revisions are read with only what this
    needs, no author): the edits made once the call was public that touch a
    field that matters to applicants (edits while a draft were never seen),
    named by those fields only; and, first, its cancellation."""
    if revisions is None:
        revisions = list(
            CallRevision.objects.filter(call_id=call.pk)
            .only("id", "number", "at", "status", "changed_fields")
            .order_by("-number")
        )
    changes = []
    if call.status == CallStatus.CANCELLED and call.cancelled_at is not None:
        changes.append(PublicChange(at=call.cancelled_at, labels=[], cancelled=True))
    for revision in revisions:
        if revision.status == CallStatus.DRAFT:
            continue
        changed = set(revision.changed_fields)
        labels = [
            getattr(Call._meta.get_field(name), "verbose_name", name)
            for name in APPLICANT_CHANGE_FIELDS
            if name in changed
        ]
        if labels:
            changes.append(PublicChange(at=revision.at, labels=labels))
    return changes


def get_visible_call(
    *, user: Reader, call_id: int, defer: tuple[str, ...] = (), places: bool = False
) -> Call:
    """The call if it is public (published, closed, awarded) or the user belongs
    to its organisation, without the ``defer`` columns (read on first use), and
    with what its page reads besides when ``places`` (``with_places``).
    Raises ``Call.DoesNotExist``."""
    visible = PAGE_VISIBLE
    if isinstance(user, User):
        visible |= Q(organization__in=organizations_for(user))
    calls = Call.objects.select_related("organization").filter(visible).defer(*defer)
    return (with_places(calls) if places else calls).get(pk=call_id)


def open_q(now: datetime) -> Q:
    """Open: published and its deadline (if any) still ahead. One column
    (``Call.open_until``), so the planner knows how many calls are open and the
    open half of the catalogue is a range of its index."""
    return Q(open_until__gt=now)


def closed_q(now: datetime) -> Q:
    """Not open (among public calls: closed, awarded, or published with its
    deadline past), written on the columns of the closed half's index
    (``calls_public_order``: sort_deadline, id, status) so it is tested there."""
    return ~Q(status=CallStatus.PUBLISHED, sort_deadline__gt=now)


def published_calls(*, now: datetime | None = None) -> QuerySet[Call]:
    """The public catalogue: open calls first, nearest deadline first, then
    the closed ones, latest deadline first. Each row has ``is_open``."""
    now = now or timezone.now()
    is_open = open_q(now)
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
        .without_document()
    )


def calls_for_organizations(*, organizations: QuerySet[Organization]) -> QuerySet[Call]:
    """The calls of these organisations, newest first, for the dashboard."""
    return (
        Call.objects.filter(organization__in=organizations)
        .select_related("organization")
        .order_by("-created_at", "-id")
        .without_document()
    )


def calls_for_user(*, user: Reader) -> QuerySet[Call]:
    """Every call of the organisations the user belongs to."""
    return calls_for_organizations(organizations=organizations_for(user))


def revisions_for(*, call: Call) -> QuerySet[CallRevision]:
    return CallRevision.objects.filter(call=call).select_related("author").order_by("-number")


def status_history_for(*, call: Call) -> QuerySet[AuditEntry]:
    """The call's audit entries (import, status changes, edits), newest first."""
    return AuditEntry.objects.filter(object_type=Call._meta.label_lower, object_id=call.pk).select_related(
        "actor"
    )


def public_organizations() -> QuerySet[Organization]:
    """Organisations with at least one public call, with how many they have:
    the ones the public pages and the API show (an organisation with drafts
    only is not known to the public)."""
    return (
        Organization.objects.annotate(
            public_calls=Count("calls", filter=Q(calls__status__in=PUBLIC_STATUSES))
        )
        .filter(public_calls__gt=0)
        .order_by("name", "pk")
    )
