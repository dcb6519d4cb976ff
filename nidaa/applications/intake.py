"""E-mail intake: one raw message becomes an ``InboundMessage``, filed as a new
version of the sender's application when it matches one of the organisation's
public calls, or left waiting in the triage inbox.

Parsing, attachment classification and call matching are framework-free
(``nidaa.mailintake``); this module stores what they find. The same three
services serve ``nidaa mail import``, IMAP polling and the triage pages:
``ingest_message``, ``file_message`` and ``discard_message``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from nidaa.accounts.models import Organization
from nidaa.applications.models import (
    Application,
    ApplicationChannel,
    ApplicationVersion,
    InboundMessage,
    Mailbox,
    MessageState,
    message_upload_to,
)
from nidaa.applications.services import (
    add_version,
    finish_version,
    new_receipt_number,
    required_pieces,
    send_acknowledgement,
    store_file,
)
from nidaa.calls.models import PUBLIC_STATUSES, Call
from nidaa.common.workflow import write_audit
from nidaa.mailintake import CallKey, CallMatcher, ParsedMessage, classify_attachments, parse_message

# The Call columns filing never reads: the ToR text and the catalogue's
# documents can weigh more than everything else in a call put together.
_UNUSED_CALL_FIELDS = ("text", "extraction", "search_document", "funders_document")


class MessageNotFileable(Exception):
    """The triage action does not apply to this message or call."""


@dataclass(frozen=True)
class IngestResult:
    """What ``ingest_message`` did: ``created`` is False when the message was
    already stored (same organisation and Message-ID); ``message`` is then the
    stored one, untouched."""

    message: InboundMessage
    created: bool
    version: ApplicationVersion | None = None
    missing: list[str] = field(default_factory=list)

    @property
    def duplicate(self) -> bool:
        return not self.created

    @property
    def filed(self) -> bool:
        return self.message.state == MessageState.FILED

    @property
    def triage(self) -> bool:
        return self.message.state == MessageState.TRIAGE

    @property
    def late(self) -> bool:
        return self.version is not None and self.version.is_late

    @property
    def incomplete(self) -> bool:
        return bool(self.missing)


def call_key(call: Call) -> CallKey:
    return CallKey(
        id=call.pk,
        subject=call.email_subject,
        reference=call.reference,
        addresses=tuple(call.submission_emails or ()),
        title=call.title,
    )


class IntakeMatcher:
    """The organisation's public calls (published, closed, awarded), read once,
    and a ``CallMatcher`` over them. Build one per import run or mailbox poll
    and pass it to every ``ingest_message`` call of that run."""

    def __init__(self, organization: Organization) -> None:
        self.organization_id = organization.pk
        calls = Call.objects.filter(organization=organization, status__in=PUBLIC_STATUSES).defer(
            *_UNUSED_CALL_FIELDS
        )
        self.calls = {call.pk: call for call in calls}
        self.required = {pk: required_pieces(call) for pk, call in self.calls.items()}
        self._matcher = CallMatcher([call_key(call) for call in self.calls.values()])

    def match(self, parsed: ParsedMessage) -> tuple[Call, str] | None:
        """The call the message is for and how it was recognised (subject,
        reference or address), or None."""
        found = self._matcher.match(parsed)
        if found is None:
            return None
        return self.calls[found.call_id], found.by


def ingest_message(
    *,
    organization: Organization,
    raw: bytes,
    received_at: datetime | None = None,
    mailbox: Mailbox | None = None,
    actor: Any = None,
    matcher: IntakeMatcher | None = None,
    received_source: str = "",
) -> IngestResult:
    """Store one e-mail for ``organization`` and file it if it is for one of
    its public calls.

    ``received_at`` is the mailbox's receipt time (IMAP INTERNALDATE, an mbox
    From_ line); without it the parser's fallback (the receiving server's
    Received: header, then the Date: header) is used, and failing those the
    import time. ``received_source`` names where a given time came from
    ("imap" or "mbox"; by default "imap" when a ``mailbox`` is given).

    Idempotent: a message already stored for the organisation under the same
    Message-ID (or, without one, the same bytes) is returned as a duplicate and
    nothing is written. Everything for one message happens in one transaction
    (a savepoint inside a caller's transaction), so a failure files nothing;
    the acknowledgement, when the call asks for one, is sent on commit."""
    parsed = parse_message(raw, received_at=received_at)
    sha256 = parsed.sha256 or hashlib.sha256(raw).hexdigest()
    message_id = (parsed.message_id or f"<{sha256}@sha256.nidaa.invalid>")[:500]
    if matcher is None:
        matcher = IntakeMatcher(organization)
    elif matcher.organization_id != organization.pk:
        raise ValueError("the matcher was built for another organisation")
    received, source = _receipt_time(parsed, mailbox=mailbox, given_source=received_source)
    message = InboundMessage(
        organization=organization,
        mailbox=mailbox,
        message_id=message_id,
        sha256=sha256,
        size=len(raw),
        subject=(parsed.subject or "")[:1000],
        from_name=(parsed.from_name or "")[:255],
        from_email=(parsed.from_email or "")[:254],
        to=list(parsed.recipients),
        sent_at=parsed.sent_at,
        received_at=received,
        received_source=source,
        state=MessageState.TRIAGE,
        attachments=_attachment_entries(parsed),
    )
    match = matcher.match(parsed) if parsed.from_email else None
    version: ApplicationVersion | None = None
    try:
        # One savepoint for the whole message, the duplicate check included,
        # so that a database error anywhere leaves a caller's transaction usable.
        with transaction.atomic():
            if _stored_message_pk(organization, message_id) is not None:
                return IngestResult(message=_stored_message(organization, message_id), created=False)
            message.raw.name = _store_raw(message, raw)
            if match is not None:
                call, by = match
                version = _file(
                    message=message,
                    parsed=parsed,
                    call=call,
                    required=matcher.required[call.pk],
                    matched_by=by,
                    actor=actor,
                )
            message.save(force_insert=True)
            if version is not None and match is not None and match[0].acknowledge_emails:
                _acknowledge_on_commit(version.pk)
    except IntegrityError:
        # Another import stored the same message first (its savepoint is gone,
        # with anything filed for it); any other integrity error is a bug.
        if _stored_message_pk(organization, message_id) is None:
            raise
        return IngestResult(message=_stored_message(organization, message_id), created=False)
    return IngestResult(
        message=message,
        created=True,
        version=version,
        missing=list(version.missing_pieces) if version is not None else [],
    )


def file_message(*, message: InboundMessage, call: Call, actor: Any) -> ApplicationVersion:
    """Assign a message waiting in the triage inbox (or set aside) to ``call``
    of the same organisation: it is filed exactly as a match would file it,
    with ``matched_by`` "manual", and the assignment is audited."""
    if call.organization_id != message.organization_id or call.status not in PUBLIC_STATUSES:
        raise MessageNotFileable("the call is not a public call of the message's organisation")
    with transaction.atomic():
        # Locked, so that two issuers assigning the same message file it once.
        locked = InboundMessage.objects.select_for_update().get(pk=message.pk)
        if locked.state == MessageState.FILED:
            raise MessageNotFileable("the message is already filed")
        with locked.raw.open("rb") as handle:
            raw = handle.read()
        parsed = parse_message(raw, received_at=locked.received_at)
        if not parsed.from_email:
            raise MessageNotFileable("the message has no sender address")
        from_state = locked.state
        version = _file(
            message=locked,
            parsed=parsed,
            call=call,
            required=required_pieces(call),
            matched_by="manual",
            actor=actor,
        )
        locked.save(update_fields=["call", "matched_by", "state", "version", "attachments"])
        write_audit(
            obj=locked,
            actor=actor,
            action="file",
            from_state=from_state,
            to_state=locked.state,
            data={"call": call.pk, "application": version.application_id, "version": version.number},
        )
        if call.acknowledge_emails:
            _acknowledge_on_commit(version.pk)
    _copy_fields(locked, message, ("call", "matched_by", "state", "version", "attachments"))
    return version


def discard_message(*, message: InboundMessage, actor: Any) -> None:
    """Set a message of the triage inbox aside (spam, a question, not an
    application); it stays stored and can still be filed later."""
    with transaction.atomic():
        locked = InboundMessage.objects.select_for_update().get(pk=message.pk)
        if locked.state != MessageState.TRIAGE:
            raise MessageNotFileable("only a message waiting in the triage inbox can be set aside")
        locked.state = MessageState.DISCARDED
        locked.save(update_fields=["state"])
        write_audit(
            obj=locked,
            actor=actor,
            action="discard",
            from_state=MessageState.TRIAGE,
            to_state=MessageState.DISCARDED,
        )
    message.state = locked.state


# --- internals ---------------------------------------------------------------


def _acknowledge_on_commit(version_id: int) -> None:
    def acknowledge() -> None:
        send_acknowledgement(version_id=version_id)

    # robust: a mail server that is down must neither undo nor stop the filing;
    # Django logs the error.
    transaction.on_commit(acknowledge, robust=True)


def _stored_message_pk(organization: Organization, message_id: str) -> int | None:
    # The pk only, unordered: this runs for every message of an import.
    found = (
        InboundMessage.objects.filter(organization=organization, message_id=message_id)
        .order_by()
        .values_list("pk", flat=True)[:1]
    )
    return next(iter(found), None)


def _stored_message(organization: Organization, message_id: str) -> InboundMessage:
    return InboundMessage.objects.get(organization=organization, message_id=message_id)


def _receipt_time(
    parsed: ParsedMessage, *, mailbox: Mailbox | None, given_source: str
) -> tuple[datetime, str]:
    if parsed.received_at is None:
        return timezone.now(), "import"
    if parsed.received_source == "given":
        return parsed.received_at, given_source or ("imap" if mailbox is not None else "mbox")
    return parsed.received_at, parsed.received_source or "import"


def _attachment_entries(parsed: ParsedMessage) -> list[dict[str, Any]]:
    # Waiting in triage, attachments have no piece yet: filing classifies them.
    return [
        {
            "name": attachment.filename or "",
            "piece": "",
            "size": len(attachment.data),
            "sha256": hashlib.sha256(attachment.data).hexdigest(),
            "type": attachment.kind or "",
        }
        for attachment in parsed.attachments
    ]


def _store_raw(message: InboundMessage, raw: bytes) -> str:
    """Write the raw message under its sha256 unless it is already there."""
    name = message_upload_to(message, "")
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(raw))
        if saved != name:
            # A concurrent import wrote the same bytes first; keep one copy.
            default_storage.delete(saved)
    return name


def _application_for_sender(*, call: Call, email: str, name: str) -> Application:
    """The one application of ``email`` to ``call`` (a signed-up user with the
    same address shares it), created if needed and locked so that two messages
    number their versions in turn."""
    mine = Application.objects.select_for_update().filter(call=call, applicant_email=email).order_by()
    application = next(iter(mine[:1]), None)
    if application is None:
        try:
            with transaction.atomic():
                return Application.objects.create(
                    call=call,
                    applicant_email=email,
                    applicant_name=name,
                    receipt_number=new_receipt_number(call),
                    channel=ApplicationChannel.EMAIL,
                )
        except IntegrityError:
            # A concurrent import created it between our read and our write.
            return mine.get()
    if application.applicant_id is None and name and name != application.applicant_name:
        # The latest message's name is the sender's identity.
        application.applicant_name = name[:255]
        application.save(update_fields=["applicant_name", "updated_at"])
    return application


def _file(
    *,
    message: InboundMessage,
    parsed: ParsedMessage,
    call: Call,
    required: list[str],
    matched_by: str,
    actor: Any,
) -> ApplicationVersion:
    """Make ``message`` a new version of its sender's application to ``call``
    (inside the caller's transaction) and set the message's filing fields."""
    application = _application_for_sender(
        call=call, email=parsed.from_email.strip().lower()[:254], name=(parsed.from_name or "")[:255]
    )
    is_late = call.deadline is not None and message.received_at > call.deadline
    version = add_version(
        application=application,
        received_at=message.received_at,
        channel=ApplicationChannel.EMAIL,
        actor=actor,
        is_late=is_late,
    )
    entries = []
    stored_files = []
    for attachment, piece in classify_attachments(parsed.attachments, required=required, body=parsed.body):
        stored = store_file(
            version=version,
            piece=piece,
            upload=ContentFile(attachment.data, name=attachment.filename or piece),
        )
        stored_files.append(stored)
        entries.append(
            {
                "name": stored.original_name,
                "piece": piece,
                "size": stored.size,
                "sha256": stored.sha256,
                "type": stored.content_type,
            }
        )
    # finish_version reads ``version.files.all()`` twice (each read joins up to
    # the application for the model's ordering); the files were just stored
    # here, so they are handed over the way prefetch_related caches them.
    files = version.files.all()
    files._result_cache = stored_files
    files._prefetch_done = True  # type: ignore[attr-defined]
    version._prefetched_objects_cache = {"files": files}  # type: ignore[attr-defined]
    finish_version(version=version, required=required, actor=actor)
    del version._prefetched_objects_cache  # type: ignore[attr-defined]
    message.call = call
    message.matched_by = matched_by
    message.state = MessageState.FILED
    message.version = version
    message.attachments = entries
    return version


def _copy_fields(source: InboundMessage, target: InboundMessage, names: tuple[str, ...]) -> None:
    for name in names:
        setattr(target, name, getattr(source, name))
