"""The triage inbox's actions: file a waiting message to a call, or set it
aside."""

from __future__ import annotations

from django.db import transaction

from nidaa.accounts.models import User
from nidaa.applications.models import ApplicationVersion
from nidaa.applications.services import required_pieces
from nidaa.calls.models import PUBLIC_STATUSES, Call
from nidaa.common.workflow import write_audit
from nidaa.inbox.filing import Filing, acknowledge_on_commit, files_to_store, record_filings, save_files
from nidaa.inbox.models import InboundMessage, MessageState
from nidaa.inbox.writer import StorageWriter
from nidaa.mailintake import parse_message_within_budget


class MessageNotFileable(Exception):
    """The triage action does not apply to this message or call."""


def file_message(*, message: InboundMessage, call: Call, actor: User | None) -> ApplicationVersion:
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
        parsed = parse_message_within_budget(raw, received_at=locked.received_at)
        if not parsed.from_email:
            raise MessageNotFileable("the message has no sender address")
        from_state = locked.state
        filing = Filing.of(
            message=locked, parsed=parsed, call=call, required=required_pieces(call), matched_by="manual"
        )
        with StorageWriter(threads=1) as writer:
            writer.submit(files_to_store([filing]))
            names = writer.wait()
        record_filings([filing], actor=actor)
        save_files([filing], names)
        locked.save(update_fields=["call", "matched_by", "state", "version", "attachments"])
        version = filing.version
        assert version is not None  # set by record_filings
        write_audit(
            obj=locked,
            actor=actor,
            action="file",
            from_state=from_state,
            to_state=locked.state,
            data={"call": call.pk, "application": version.application_id, "version": version.number},
        )
        acknowledge_on_commit([filing])
    _copy_fields(locked, message, ("call", "matched_by", "state", "version", "attachments"))
    return version


def discard_message(*, message: InboundMessage, actor: User | None) -> None:
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


def _copy_fields(source: InboundMessage, target: InboundMessage, names: tuple[str, ...]) -> None:
    for name in names:
        setattr(target, name, getattr(source, name))
