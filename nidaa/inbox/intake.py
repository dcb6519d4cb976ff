"""E-mail intake: raw messages become ``InboundMessage`` rows, filed as new
versions of their senders' applications when they match one of the
organisation's public calls, or left waiting in the triage inbox.

Parsing, attachment classification and call matching are framework-free
(``nidaa.mailintake``); this module stores what they find. Messages are
filed in batches, one transaction each, with a fixed number of queries per
batch: ``ingest_messages`` serves ``nidaa mail import`` and IMAP polling,
``ingest_message`` is the same path with a batch of one, and the triage
pages use ``file_message`` (the same filing, for one stored message) and
``discard_message``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from nidaa.accounts.models import Organization, User
from nidaa.applications.models import (
    Application,
    ApplicationVersion,
)
from nidaa.calls.models import Call
from nidaa.inbox.filing import Filing, acknowledge_on_commit, files_to_store, record_filings, save_files
from nidaa.inbox.matching import IntakeMatcher, matcher_for
from nidaa.inbox.models import InboundMessage, Mailbox, MessageState, message_upload_to
from nidaa.inbox.writer import StorageWriter
from nidaa.mailintake import (
    ParsedMessage,
    parse_messages_within_budget,
)

logger = logging.getLogger(__name__)

# A batch also ends at this many bytes of raw messages: a batch is held in
# memory twice (raw and decoded attachments), and applications can be large.
BATCH_BYTES = 32 * 1024 * 1024
# A batch whose insert collides with a concurrent import (the same message,
# or a new application for the same sender) is filed again that many times.
_ATTEMPTS = 3


@dataclass(frozen=True)
class RawItem:
    """One message to ingest: its bytes and, when the mailbox knows it, the
    time it received it (IMAP INTERNALDATE, an mbox From_ line) and where that
    time came from ("imap", "mbox"; by default "imap" with a mailbox, else
    "mbox"). ``key`` is the caller's own (an IMAP UID), handed back."""

    raw: bytes
    received_at: datetime | None = None
    received_source: str = ""
    key: Any = None


@dataclass(frozen=True)
class IngestResult:
    """What intake did with one message: ``created`` is False when the message
    was already stored (same organisation and Message-ID, or earlier in the
    same batch); ``message`` is then the stored one, untouched."""

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


@dataclass
class IntakeSummary:
    """Counts of one ``ingest_messages`` run (``failed``: messages that could
    not be stored and were handed to ``on_error``)."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    filed: int = 0
    late: int = 0
    incomplete: int = 0
    triage: int = 0
    failed: int = 0

    def count(self, result: IngestResult) -> None:
        self.read += 1
        if result.duplicate:
            self.duplicates += 1
            return
        self.new += 1
        if result.filed:
            self.filed += 1
            self.late += result.late
            self.incomplete += result.incomplete
        else:
            self.triage += 1


class MessageFailed(Exception):
    """Message ``index`` (0-based, in the order given) could not be stored;
    the messages before it were."""

    def __init__(self, index: int, item: RawItem, error: Exception) -> None:
        super().__init__(f"message {index + 1}: {error!r}")
        self.index, self.item, self.error = index, item, error


def ingest_messages(
    *,
    organization: Organization,
    items: Iterable[RawItem],
    mailbox: Mailbox | None = None,
    actor: User | None = None,
    matcher: IntakeMatcher | None = None,
    batch_size: int = 200,
    batch_bytes: int = BATCH_BYTES,
    writer: StorageWriter | None = None,
    on_stored: Callable[[Sequence[RawItem]], None] | None = None,
    on_result: Callable[[int, RawItem, IngestResult], None] | None = None,
    on_error: Callable[[int, RawItem, Exception], None] | None = None,
    summary: IntakeSummary | None = None,
) -> IntakeSummary:
    """Store ``items`` for ``organization`` and file those for one of its
    public calls, in batches of ``batch_size`` messages (fewer when they
    weigh more than ``batch_bytes``), one transaction per batch.

    A batch is all-or-nothing: a crash leaves none of it half-filed, and
    importing again finishes it since stored messages are skipped. When a
    batch fails, its messages are filed again one at a time, so only the
    failing one is left out: it goes to ``on_error(index, item, error)``, or,
    without ``on_error``, ``MessageFailed`` is raised once the messages
    before it are stored. ``on_stored(items)`` runs inside each committing
    transaction (an IMAP poll moves its last UID there);
    ``on_result(index, item, result)`` after the commit, for each message.
    Acknowledgements, for calls that ask for them, are queued after commit.
    Counts go to ``summary`` (a new one by default) as batches commit, so a
    caller whose ``items`` raise midway still knows what was stored.
    """
    matcher = matcher_for(organization, matcher)
    summary = summary if summary is not None else IntakeSummary()
    own_writer = writer is None
    storage = writer or StorageWriter()
    index = 0
    try:
        for batch in _batches(items, size=max(1, batch_size), max_bytes=batch_bytes):
            try:
                with transaction.atomic():
                    results = _ingest_batch(
                        organization=organization,
                        items=batch,
                        mailbox=mailbox,
                        actor=actor,
                        matcher=matcher,
                        writer=storage,
                    )
                    if on_stored is not None:
                        on_stored(batch)
            except Exception as error:
                if len(batch) == 1:
                    _failed(index, batch[0], error, summary=summary, on_error=on_error)
                else:
                    logger.info("An intake batch failed; filing its messages one at a time", exc_info=True)
                    _one_by_one(
                        organization=organization,
                        batch=batch,
                        first_index=index,
                        mailbox=mailbox,
                        actor=actor,
                        matcher=matcher,
                        writer=storage,
                        summary=summary,
                        on_stored=on_stored,
                        on_result=on_result,
                        on_error=on_error,
                    )
            else:
                for offset, (item, result) in enumerate(zip(batch, results, strict=True)):
                    summary.count(result)
                    if on_result is not None:
                        on_result(index + offset, item, result)
            index += len(batch)
    finally:
        if own_writer:
            storage.close()
    return summary


def ingest_message(
    *,
    organization: Organization,
    raw: bytes,
    received_at: datetime | None = None,
    mailbox: Mailbox | None = None,
    actor: User | None = None,
    matcher: IntakeMatcher | None = None,
    received_source: str = "",
) -> IngestResult:
    """Store one e-mail for ``organization`` and file it if it is for one of
    its public calls: ``ingest_messages`` with a batch of one.

    ``received_at`` is the mailbox's receipt time (IMAP INTERNALDATE, an mbox
    From_ line); without it the parser's fallback (the receiving server's
    Received: header, then the Date: header) is used, and failing those the
    import time. ``received_source`` names where a given time came from
    ("imap" or "mbox"; by default "imap" when a ``mailbox`` is given).

    Idempotent: a message already stored for the organisation under the same
    Message-ID (or, without one, the same bytes) is returned as a duplicate and
    nothing is written. Everything happens in one transaction (a savepoint
    inside a caller's transaction), so a failure files nothing; the
    acknowledgement, when the call asks for one, is queued on commit."""
    matcher = matcher_for(organization, matcher)
    item = RawItem(raw=raw, received_at=received_at, received_source=received_source)
    [result] = _ingest_batch(
        organization=organization, items=[item], mailbox=mailbox, actor=actor, matcher=matcher, writer=None
    )
    return result


# --- internals ---------------------------------------------------------------


def _batches(items: Iterable[RawItem], *, size: int, max_bytes: int) -> Iterator[list[RawItem]]:
    batch: list[RawItem] = []
    weight = 0
    for item in items:
        batch.append(item)
        weight += len(item.raw)
        if len(batch) >= size or weight >= max_bytes:
            yield batch
            batch, weight = [], 0
    if batch:
        yield batch


def _one_by_one(
    *,
    organization: Organization,
    batch: list[RawItem],
    first_index: int,
    mailbox: Mailbox | None,
    actor: User | None,
    matcher: IntakeMatcher,
    writer: StorageWriter,
    summary: IntakeSummary,
    on_stored: Callable[[Sequence[RawItem]], None] | None,
    on_result: Callable[[int, RawItem, IngestResult], None] | None,
    on_error: Callable[[int, RawItem, Exception], None] | None,
) -> None:
    """File a failed batch again one message at a time: one bad message must
    not keep the others out."""
    for offset, item in enumerate(batch):
        index = first_index + offset
        try:
            with transaction.atomic():
                [result] = _ingest_batch(
                    organization=organization,
                    items=[item],
                    mailbox=mailbox,
                    actor=actor,
                    matcher=matcher,
                    writer=writer,
                )
                if on_stored is not None:
                    on_stored([item])
        except Exception as error:
            _failed(index, item, error, summary=summary, on_error=on_error)
            continue
        summary.count(result)
        if on_result is not None:
            on_result(index, item, result)


def _failed(
    index: int,
    item: RawItem,
    error: Exception,
    *,
    summary: IntakeSummary,
    on_error: Callable[[int, RawItem, Exception], None] | None,
) -> None:
    summary.read += 1
    summary.failed += 1
    if on_error is None:
        raise MessageFailed(index, item, error) from error
    on_error(index, item, error)


@dataclass
class _Incoming:
    """A parsed message of a batch, before anything is written; ``match`` is
    the call it is for, how it was recognised and the call's required pieces."""

    item: RawItem
    parsed: ParsedMessage
    message_id: str
    match: tuple[Call, str, list[str]] | None


def _parse(item: RawItem, parsed: ParsedMessage, *, matcher: IntakeMatcher) -> _Incoming:
    sha256 = parsed.sha256 or hashlib.sha256(item.raw).hexdigest()
    parsed.sha256 = sha256
    message_id = (parsed.message_id or f"<{sha256}@sha256.nidaa.invalid>")[:500]
    found = matcher.match(parsed) if parsed.from_email else None
    match = (found[0], found[1], matcher.required[found[0].pk]) if found is not None else None
    return _Incoming(item=item, parsed=parsed, message_id=message_id, match=match)


def _ingest_batch(
    *,
    organization: Organization,
    items: Sequence[RawItem],
    mailbox: Mailbox | None,
    actor: User | None,
    matcher: IntakeMatcher,
    writer: StorageWriter | None,
) -> list[IngestResult]:
    """Store and file ``items`` in one transaction (a savepoint inside a
    caller's); one result per item, in order."""
    # Parsing and matching are pure computation: done once, outside the
    # transaction and its retries. Parsing runs under a time and memory
    # budget: a hostile message is kept, unread, and stops nothing.
    parsed = parse_messages_within_budget([(item.raw, item.received_at) for item in items])
    incoming = [_parse(item, message, matcher=matcher) for item, message in zip(items, parsed, strict=True)]
    own_writer = writer is None
    storage = writer or StorageWriter(threads=1)
    try:
        for attempt in range(_ATTEMPTS):
            try:
                with transaction.atomic():
                    return _write_batch(
                        organization=organization,
                        incoming=incoming,
                        mailbox=mailbox,
                        actor=actor,
                        writer=storage,
                    )
            except IntegrityError:
                # A concurrent import stored one of these messages, or created
                # an application for one of these senders, after we looked:
                # everything is rolled back, and looking again finds it.
                if attempt == _ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")
    finally:
        if own_writer:
            storage.close()


def _write_batch(
    *,
    organization: Organization,
    incoming: list[_Incoming],
    mailbox: Mailbox | None,
    actor: User | None,
    writer: StorageWriter,
) -> list[IngestResult]:
    # One query for the messages already stored, whatever the batch's size.
    wanted = list(dict.fromkeys(entry.message_id for entry in incoming))
    stored = {
        message.message_id: message
        for message in InboundMessage.objects.filter(organization=organization, message_id__in=wanted)
    }
    raws = {entry.parsed.sha256: entry.item.raw for entry in incoming}
    held = _account_applications(incoming)
    results: list[IngestResult | None] = []
    new: list[InboundMessage] = []
    filings: list[Filing] = []
    first_of: dict[str, InboundMessage] = {}
    for entry in incoming:
        if entry.message_id in stored or entry.message_id in first_of:
            # Stored before, or earlier in this batch: the same message again.
            results.append(
                IngestResult(
                    message=stored.get(entry.message_id) or first_of[entry.message_id], created=False
                )
            )
            continue
        message = _new_message(entry, organization=organization, mailbox=mailbox)
        first_of[entry.message_id] = message
        new.append(message)
        results.append(None)
        if entry.match is not None and (entry.match[0].pk, _sender(entry.parsed)) in held:
            # Anyone can write a From header: an e-mail never becomes a version
            # of an account's application (it would supersede what the account
            # submitted). It waits in triage, where the issuer decides.
            message.attachments = _attachment_entries(entry.parsed)
        elif entry.match is not None:
            call, by, required = entry.match
            filings.append(
                Filing.of(message=message, parsed=entry.parsed, call=call, required=required, matched_by=by)
            )
    try:
        # The files are written while the rows are prepared, and waited for
        # before any row names them.
        writer.submit(
            (message_upload_to(message, ""), raws[message.sha256], message.sha256) for message in new
        )
        writer.submit(files_to_store(filings))
        record_filings(filings, actor=actor)
        names = writer.wait()
    finally:
        # A failure must not leave writes running into the next attempt.
        with contextlib.suppress(Exception):
            writer.wait()
    for message in new:
        message.raw.name = names[message_upload_to(message, "")]
    save_files(filings, names)
    InboundMessage.objects.bulk_create(new)
    acknowledge_on_commit(filings)
    by_message = {id(filing.message): filing for filing in filings}
    out: list[IngestResult] = []
    fresh = iter(new)
    for result in results:
        if result is not None:
            out.append(result)
            continue
        message = next(fresh)
        filing = by_message.get(id(message))
        version = filing.version if filing is not None else None
        out.append(
            IngestResult(
                message=message,
                created=True,
                version=version,
                missing=list(version.missing_pieces) if version is not None else [],
            )
        )
    return out


def _sender(parsed: ParsedMessage) -> str:
    return parsed.from_email.strip().lower()[:254]


def _account_applications(incoming: list[_Incoming]) -> set[tuple[int, str]]:
    """(call, address) of the matched messages whose application belongs to an
    account, in one query."""
    senders = Q()
    for entry in incoming:
        if entry.match is not None:
            senders |= Q(call_id=entry.match[0].pk, applicant_email=_sender(entry.parsed))
    if not senders:
        return set()
    found = Application.objects.filter(senders, applicant__isnull=False).values_list(
        "call_id", "applicant_email"
    )
    return set(found)


def _new_message(entry: _Incoming, *, organization: Organization, mailbox: Mailbox | None) -> InboundMessage:
    parsed = entry.parsed
    received, source = _receipt_time(parsed, mailbox=mailbox, given_source=entry.item.received_source)
    return InboundMessage(
        organization=organization,
        mailbox=mailbox,
        message_id=entry.message_id,
        sha256=parsed.sha256,
        size=len(entry.item.raw),
        subject=(parsed.subject or "")[:1000],
        from_name=(parsed.from_name or "")[:255],
        from_email=(parsed.from_email or "")[:254],
        to=list(parsed.recipients),
        sent_at=parsed.sent_at,
        received_at=received,
        received_source=source,
        state=MessageState.TRIAGE,
        # Filing replaces these with the classified files.
        attachments=[] if entry.match is not None else _attachment_entries(parsed),
    )


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
