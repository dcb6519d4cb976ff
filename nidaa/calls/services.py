"""Writes on calls: import from a ToR, edit with revisions, status changes.

Every status change goes through ``change_call_status``, which checks the
move against ``CALL_WORKFLOW`` and writes the audit entry.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from nidaa.accounts.models import Organization, Role, User
from nidaa.accounts.selectors import role_in
from nidaa.calls.fulltext import refresh_search_document
from nidaa.calls.models import (
    DEFAULT_TIMEZONE,
    EDITABLE_STATUSES,
    Call,
    CallRevision,
    CallStatus,
    CallType,
    DocumentLanguage,
    RequiredDocument,
    tor_storage_name,
)
from nidaa.calls.reading import read_tor_within_budget
from nidaa.calls.signals import call_cancelled, deadline_extended
from nidaa.calls.workflow import CALL_WORKFLOW
from nidaa.common.storage import save_content_addressed
from nidaa.common.text import strip_bidi_controls
from nidaa.common.workflow import apply_transition, write_audit
from nidaa.directory.models import Territory
from nidaa.tor.document import ReadError


class CallNotEditable(Exception):
    """The call's status no longer allows editing (closed, awarded, cancelled)."""


class DeadlineShortened(Exception):
    """Applications exist: the deadline may be extended, never brought forward."""


class DeadlineRemoved(DeadlineShortened):
    """Applications exist: the deadline may not be removed (a call without
    deadline would otherwise open its applications as soon as it is closed)."""


class SealBroken(Exception):
    """Applications exist and the deadline has not passed: the call stays sealed."""


# A deadline closer than this when the call is published leaves applicants
# hours, not days: the issuer is asked to confirm.
SHORT_NOTICE = timedelta(hours=72)


@dataclass(frozen=True)
class PublicationWarning:
    code: str  # deadline_passed, deadline_soon, no_deadline, no_way_to_apply
    message: str


class PublicationNeedsConfirmation(Exception):
    """Publishing would put out a call applicants cannot really answer (its
    deadline has passed or is hours away, it has none, or it says nowhere how
    to apply): the issuer must confirm, having read ``warnings``."""

    def __init__(self, warnings: list[PublicationWarning]) -> None:
        super().__init__("; ".join(w.code for w in warnings))
        self.warnings = warnings


def publication_warnings(*, call: Call, now: datetime | None = None) -> list[PublicationWarning]:
    """What would mislead applicants if ``call`` were published now, in the
    active language."""
    now = now or timezone.now()
    warnings = []
    if call.deadline is None:
        warnings.append(
            PublicationWarning(
                "no_deadline",
                _("The call has no deadline: applications would be accepted until it is closed by hand."),
            )
        )
    elif call.deadline <= now:
        warnings.append(
            PublicationWarning(
                "deadline_passed",
                _("The deadline has already passed: the call would be public but already closed."),
            )
        )
    elif call.deadline - now < SHORT_NOTICE:
        warnings.append(
            PublicationWarning(
                "deadline_soon",
                _("The deadline is in %(left)s: applicants would have very little time.")
                % {"left": timeuntil(call.deadline, now)},
            )
        )
    known_pieces = set(RequiredDocument.values)
    if not call.submission_emails and not known_pieces.intersection(call.required_documents or []):
        warnings.append(
            PublicationWarning(
                "no_way_to_apply",
                _(
                    "The call gives no submission e-mail address and no document to send: "
                    "applicants would not know how to apply."
                ),
            )
        )
    return warnings


# The fields an issuer may correct, in the order the review form shows them.
EDITABLE_FIELDS = (
    "title",
    "call_type",
    "issuer",
    "project",
    "partners_funders",
    "reference",
    "deadline",
    "deadline_has_time",
    "deadline_text",
    "timezone",
    "submission_emails",
    "contact_emails",
    "email_subject",
    "required_documents",
    "deliverables",
    "locations",
    "duration_days",
    "languages",
    "participants",
    "document_language",
    "objectives",
    "tasks",
    "profile",
    "sealed",
    "acknowledge_emails",
)
STRING_LIST_FIELDS = frozenset(
    {
        "partners_funders",
        "submission_emails",
        "contact_emails",
        "required_documents",
        "deliverables",
        "locations",
        "languages",
        "objectives",
        "tasks",
        "profile",
    }
)
TEXT_FIELDS = ("title", "issuer", "project", "reference", "deadline_text", "email_subject")


def _role_of(actor: User | None, call: Call) -> str | None:
    # The command line (actor None) is run by the operator of the instance,
    # who acts with an administrator's rights.
    if actor is None:
        return Role.ADMIN
    return role_in(actor, call.organization)


def change_call_status(
    *, call: Call, target: str, actor: User | None, confirmed: bool = False, reason: str = ""
) -> Call:
    """Move ``call`` to ``target`` if the workflow allows it for the actor's role
    in the call's organisation; writes the audit entry (who, when, from, to).

    Raises ``nidaa.common.workflow.TransitionNotAllowed`` otherwise.
    ``actor=None`` is the command line, acting as an administrator.
    Publishing a call with ``publication_warnings`` raises
    ``PublicationNeedsConfirmation`` unless ``confirmed``; cancelling a public
    call needs a ``reason`` (``cancel_call``).
    """
    if target == CallStatus.CANCELLED:
        return cancel_call(call=call, actor=actor, reason=reason)
    role = _role_of(actor, call)
    # The role is checked first: someone who may not publish learns nothing more.
    if target == CallStatus.PUBLISHED and not confirmed and CALL_WORKFLOW.get(call.status, target):
        transition = CALL_WORKFLOW.get(call.status, target)
        if transition and role in transition.roles:
            warnings = publication_warnings(call=call)
            if warnings:
                raise PublicationNeedsConfirmation(warnings)
    previous_published_at = call.published_at
    if target == CallStatus.PUBLISHED and call.published_at is None:
        call.published_at = timezone.now()
    with transaction.atomic():
        try:
            apply_transition(
                workflow=CALL_WORKFLOW,
                obj=call,
                field="status",
                target=target,
                actor=actor,
                role=role,
                extra_update_fields=["published_at", "updated_at"],
            )
        except Exception:
            call.published_at = previous_published_at
            raise
    return call


def publish_call(*, call: Call, actor: User | None, confirmed: bool = False) -> Call:
    """Make a draft call public (``confirmed``: the issuer has seen its
    ``publication_warnings``)."""
    return change_call_status(call=call, target=CallStatus.PUBLISHED, actor=actor, confirmed=confirmed)


def close_call(*, call: Call, actor: User | None) -> Call:
    """Stop a published call (its deadline has passed, or the issuer stops it)."""
    return change_call_status(call=call, target=CallStatus.CLOSED, actor=actor)


def award_call(*, call: Call, actor: User | None) -> Call:
    """Record that a closed call was awarded."""
    return change_call_status(call=call, target=CallStatus.AWARDED, actor=actor)


class CancellationReasonMissing(Exception):
    """A call applicants have seen is cancelled only with a reason they can read."""


# What the public page shows of a reason: a few sentences, not a document.
CANCELLATION_REASON_MAX = 2000


def cancel_call(*, call: Call, actor: User | None, reason: str = "") -> Call:
    """Cancel a draft, published or closed call.

    A call that was public needs a ``reason``: it is stored and shown on the
    call's page (which stays public), written in the audit entry, and, after
    commit, the apps above hear ``call_cancelled`` (applications tells its
    applicants and draft holders). Raises ``CancellationReasonMissing`` or
    ``TransitionNotAllowed``.
    """
    reason = strip_bidi_controls(reason or "").strip()[:CANCELLATION_REASON_MAX]
    was_public = call.status in (CallStatus.PUBLISHED, CallStatus.CLOSED)
    if was_public and not reason:
        # Checked after the role, so that someone who may not cancel learns nothing more.
        transition = CALL_WORKFLOW.get(call.status, CallStatus.CANCELLED)
        if transition and _role_of(actor, call) in transition.roles:
            raise CancellationReasonMissing()
    previous = (call.cancellation_reason, call.cancelled_at)
    call.cancellation_reason = reason
    call.cancelled_at = timezone.now()
    with transaction.atomic():
        try:
            apply_transition(
                workflow=CALL_WORKFLOW,
                obj=call,
                field="status",
                target=CallStatus.CANCELLED,
                actor=actor,
                role=_role_of(actor, call),
                data={"reason": reason} if reason else None,
                extra_update_fields=["cancellation_reason", "cancelled_at", "updated_at"],
            )
        except Exception:
            call.cancellation_reason, call.cancelled_at = previous
            raise
        if was_public:
            call_id = call.pk
            transaction.on_commit(lambda: call_cancelled.send(sender=Call, call_id=call_id))
    return call


def parse_deadline(value: Any, tz_name: str) -> tuple[datetime | None, bool]:
    """The extractor's ISO local deadline as an aware datetime and whether it
    states a time. A date alone means 23:59 that day in the call's time zone."""
    if not value or not isinstance(value, str):
        return None, False
    tz = _zone(tz_name)
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime.combine(day, time(23, 59), tzinfo=tz), False
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None, False
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=tz)
    return moment, True


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def _cleaned_strings(value: Any) -> list[str]:
    # What an issuer's edit or the reader stores: stripped, no empty items.
    if not isinstance(value, list):
        return []
    return [str(item).strip() for item in value if item is not None and str(item).strip()]


def _text(value: Any, field: str) -> str:
    max_length = getattr(Call._meta.get_field(field), "max_length", None) or 0
    return strip_bidi_controls(str(value or "")).strip()[:max_length]


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() and 0 <= number < 100000 else None


def _positive_int(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def fields_from_extraction(fields: dict[str, Any], *, filename: str) -> dict[str, Any]:
    """Map the extractor's output (the contract's keys) to Call columns."""
    tz_name = fields.get("deadline_timezone") or DEFAULT_TIMEZONE
    deadline, has_time = parse_deadline(fields.get("deadline"), tz_name)
    values: dict[str, Any] = {name: _text(fields.get(name), name) for name in TEXT_FIELDS}
    # A call needs a title: until someone corrects it, the file's name stands in.
    values["title"] = values["title"] or _text(PurePath(filename).stem, "title") or "?"
    values.update({name: _cleaned_strings(fields.get(name)) for name in STRING_LIST_FIELDS})
    values["submission_emails"] = [e.lower() for e in values["submission_emails"]]
    values["contact_emails"] = [e.lower() for e in values["contact_emails"]]
    call_type = fields.get("call_type")
    values["call_type"] = call_type if call_type in CallType.values else CallType.OTHER
    language = fields.get("document_language")
    values["document_language"] = language if language in DocumentLanguage.values else ""
    values["deadline"] = deadline
    values["deadline_has_time"] = has_time
    values["timezone"] = _zone(tz_name).key
    values["duration_days"] = _decimal(fields.get("duration_days"))
    values["participants"] = _positive_int(fields.get("participants"))
    return values


def import_tor(
    *, organization: Organization, data: bytes, filename: str, actor: User | None, publish: bool = False
) -> Call:
    """Read a ToR document and create a draft call from it (published at once
    if ``publish``).

    The original file is stored under its SHA-256 (``tor/ab/abcd….ext``), never
    under the uploaded name. Places are linked to the territories the
    extractor recognised. Raises ``nidaa.tor.document.ReadError`` when the
    document cannot be read; nothing is stored then.
    """
    if len(data) > settings.NIDAA_TOR_MAX_BYTES:
        raise ReadError("too_large", f"The document is larger than {settings.NIDAA_TOR_MAX_BYTES} bytes.")
    sha256 = hashlib.sha256(data).hexdigest()
    document, fields = read_tor_within_budget(data, filename)
    values = fields_from_extraction(fields, filename=filename)
    storage_name = tor_storage_name(sha256, filename)
    with transaction.atomic():
        # Content-addressed: the same document is stored once, whoever imports it.
        storage_name = save_content_addressed(storage_name, ContentFile(data), sha256=sha256, size=len(data))
        call = Call(
            organization=organization,
            created_by=actor,
            sha256=sha256,
            original_filename=_text(PurePath(filename.replace("\\", "/")).name, "original_filename"),
            text=document.text,
            extraction=fields,
            **values,
        )
        call.file.name = storage_name
        call.save()
        codes = _cleaned_strings(fields.get("location_codes"))
        if codes:
            call.territories.set(Territory.objects.filter(code__in=codes))
        refresh_search_document(call)
        write_audit(obj=call, actor=actor, action="import", to_state=call.status, data={"sha256": sha256})
        if publish:
            # Publishing at import is the operator's explicit choice (command line, demo).
            publish_call(call=call, actor=actor, confirmed=True)
    return call


def snapshot_of(call: Call) -> dict[str, Any]:
    """The editable fields as JSON-ready values."""
    snapshot: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        value = getattr(call, name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        snapshot[name] = value
    return snapshot


def _normalise(name: str, value: Any) -> Any:
    if name in STRING_LIST_FIELDS:
        return _cleaned_strings(value)
    if name in TEXT_FIELDS:
        return _text(value, name)
    if name == "duration_days":
        return _decimal(value)
    return value


@transaction.atomic
def update_call(*, call: Call, actor: User | None, changes: dict[str, Any]) -> Call:
    """Apply ``changes`` (field name → new value) to a draft or published call.

    Only fields whose value differs are saved; each save that changes
    something writes a ``CallRevision`` (snapshot and changed field names) and
    an audit entry. Raises ``CallNotEditable`` for closed, awarded or
    cancelled calls and ``ValueError`` for fields that cannot be edited.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    if call.status not in EDITABLE_STATUSES:
        raise CallNotEditable(call.status)
    # Two editors saving at once must not take the same revision number.
    Call.objects.select_for_update().filter(pk=call.pk).values_list("pk", flat=True).first()
    changed = []
    for name, value in changes.items():
        value = _normalise(name, value)
        if getattr(call, name) != value:
            setattr(call, name, value)
            changed.append(name)
    # A deadline typed in the form always has a time (the datetime-local field).
    if "deadline" in changed and "deadline_has_time" not in changes:
        has_time = call.deadline is not None
        if call.deadline_has_time != has_time:
            call.deadline_has_time = has_time
            changed.append("deadline_has_time")
    if not changed:
        return call
    previous_deadline = _check_deadline_and_seal(call=call, changed=changed)
    # sealed_until is not an editable field: saved, but not a revision's change.
    call.save(update_fields=[*changed, "sealed_until", "updated_at"])
    refresh_search_document(call)
    last = CallRevision.objects.filter(call=call).aggregate(last=Max("number"))["last"] or 0
    revision = CallRevision.objects.create(
        call=call,
        number=last + 1,
        author=actor,
        status=call.status,
        snapshot=snapshot_of(call),
        changed_fields=changed,
    )
    write_audit(obj=call, actor=actor, action="edit", data={"revision": revision.number, "fields": changed})
    if "deadline" in changed and call.status == CallStatus.PUBLISHED:
        _record_extension(call=call, actor=actor, previous=previous_deadline)
    return call


def _check_deadline_and_seal(*, call: Call, changed: list[str]) -> datetime | None:
    """Refuse, once applications exist, a deadline brought forward or removed
    and a seal broken before the deadline; and, then, raise ``sealed_until``
    to the latest deadline, which no later edit can lower. Returns the
    deadline as stored before the edit."""
    row = Call.objects.filter(pk=call.pk).values_list("deadline", "sealed", "sealed_until").first()
    previous, was_sealed, sealed_until = row if row else (None, False, None)
    if not {"deadline", "sealed"} & set(changed):
        return previous
    # Through the reverse relation: the applications app is above calls.
    if not call.applications.exists():
        return previous
    if "deadline" in changed and previous is not None:
        if call.deadline is None:
            raise DeadlineRemoved()
        if call.deadline < previous:
            raise DeadlineShortened()
    dates = [d for d in (previous, sealed_until, call.deadline) if d is not None]
    call.sealed_until = max(dates) if dates else None
    if "sealed" in changed and not call.sealed and was_sealed:
        # Judged on the stored dates, not on the edit that comes with it.
        opens_at = Call(deadline=previous, sealed_until=sealed_until).seal_deadline
        if opens_at is None or timezone.now() <= opens_at:
            raise SealBroken()
    return previous


def _record_extension(*, call: Call, actor: User | None, previous: datetime | None) -> None:
    """Audit an extended deadline and, after commit, tell the applicants whose
    application is still a draft."""
    if previous is None or call.deadline is None or call.deadline <= previous:
        return
    write_audit(
        obj=call,
        actor=actor,
        action="extend_deadline",
        from_state=previous.isoformat(timespec="minutes"),
        to_state=call.deadline.isoformat(timespec="minutes"),
    )
    call_id = call.pk
    transaction.on_commit(lambda: deadline_extended.send(sender=Call, call_id=call_id))


def close_expired_calls(*, actor: User | None = None, now: datetime | None = None) -> int:
    """Close every published call whose deadline has passed; returns how many."""
    now = now or timezone.now()
    count = 0
    for call in Call.objects.filter(status=CallStatus.PUBLISHED, deadline__lt=now).select_related(
        "organization"
    ):
        close_call(call=call, actor=actor)
        count += 1
    return count
