"""Bulk filing: matched messages become new versions of their senders'
applications, a batch at a time, through ``record_versions`` (the path a web
submission takes too)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from django.db import transaction
from django.db.models import Q

from nidaa.accounts.models import User
from nidaa.applications.models import (
    Application,
    ApplicationChannel,
    ApplicationFile,
    ApplicationVersion,
    application_file_upload_to,
)
from nidaa.applications.services import (
    NewVersion,
    insert_version_files,
    new_receipt_number,
    record_versions,
)
from nidaa.applications.tasks import acknowledge_versions_task
from nidaa.calls.models import Call
from nidaa.inbox.models import InboundMessage, MessageState
from nidaa.mailintake import (
    ParsedMessage,
    classify_attachments,
)


@dataclass
class Filing:
    """A message to file as a new version of its sender's application: its
    attachments classified into pieces and ready to store."""

    message: InboundMessage
    call: Call
    required: list[str]
    matched_by: str
    email: str
    name: str
    # (file row without version or storage name, bytes), in attachment order
    files: list[tuple[ApplicationFile, bytes]]
    # What ``record_filings`` hands to ``record_versions``.
    entry: NewVersion | None = None

    @property
    def version(self) -> ApplicationVersion | None:
        return self.entry.version if self.entry is not None else None

    @classmethod
    def of(
        cls,
        *,
        message: InboundMessage,
        parsed: ParsedMessage,
        call: Call,
        required: list[str],
        matched_by: str,
    ) -> Filing:
        files = []
        for attachment, piece in classify_attachments(
            parsed.attachments, required=required, body=parsed.body
        ):
            data = attachment.data
            record = ApplicationFile(
                piece=piece,
                # As store_file names an upload: the last path segment, never a path.
                original_name=PurePath(attachment.filename or piece).name[:255] or piece,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                # The parser detects the type by content, as store_file does.
                content_type=attachment.kind or "",
            )
            files.append((record, data))
        return cls(
            message=message,
            call=call,
            required=required,
            matched_by=matched_by,
            email=parsed.from_email.strip().lower()[:254],
            name=(parsed.from_name or "")[:255],
            files=files,
        )


def files_to_store(filings: list[Filing]) -> Iterator[tuple[str, bytes, str]]:
    for filing in filings:
        for record, data in filing.files:
            yield application_file_upload_to(record, ""), data, record.sha256


def save_files(filings: list[Filing], names: dict[str, str]) -> None:
    """Insert the filings' file rows (their versions recorded), naming the stored files."""
    for filing in filings:
        for record, _data in filing.files:
            record.file.name = names[application_file_upload_to(record, "")]
    insert_version_files([filing.entry for filing in filings if filing.entry is not None])


def record_filings(filings: list[Filing], *, actor: User | None) -> None:
    """Make each filing's message a new version of its sender's application
    (inside the caller's transaction), in the order given, through
    ``record_versions``, the path a web submission takes too; and set the
    messages' filing fields. The caller then saves the file rows
    (``save_files``, once the files are stored) and the messages.

    A fixed number of queries whatever the number of filings: the senders'
    applications are read (and locked, so that concurrent imports number
    versions in turn) in one query, and ``record_versions`` writes each kind
    of row in one call."""
    if not filings:
        return
    applications = _applications_for(filings)
    for filing in filings:
        application = applications[(filing.call.pk, filing.email)]
        if application.applicant_id is None and filing.name and filing.name != application.applicant_name:
            # The latest message's name is the sender's identity.
            application.applicant_name = filing.name
        filing.entry = NewVersion(
            application=application,
            received_at=filing.message.received_at,
            channel=ApplicationChannel.EMAIL,
            # Late by the mailbox's receipt time, never by the sender's Date header.
            is_late=filing.call.deadline_passed_at(filing.message.received_at),
            required=filing.required,
            files=[record for record, _data in filing.files],
        )
    record_versions(entries=[filing.entry for filing in filings if filing.entry is not None], actor=actor)
    for filing in filings:
        message = filing.message
        message.call = filing.call
        message.matched_by = filing.matched_by
        message.state = MessageState.FILED
        message.version = filing.version
        message.attachments = [
            {
                "name": record.original_name,
                "piece": record.piece,
                "size": record.size,
                "sha256": record.sha256,
                "type": record.content_type,
            }
            for record, _data in filing.files
        ]


def _applications_for(filings: list[Filing]) -> dict[tuple[int, str], Application]:
    """The one application of each (call, sender address) of the filings
    (a signed-up user with the same address shares it), read in one query and
    locked; the missing ones as new, unsaved applications."""
    emails: dict[int, set[str]] = {}
    for filing in filings:
        emails.setdefault(filing.call.pk, set()).add(filing.email)
    senders = Q()
    for call_id, addresses in emails.items():
        senders |= Q(call_id=call_id, applicant_email__in=sorted(addresses))
    # Ordered, so that two imports lock the rows they share in the same order.
    found = Application.objects.select_for_update().filter(senders).order_by("pk")
    applications = {(a.call_id, a.applicant_email): a for a in found}
    for filing in filings:
        key = (filing.call.pk, filing.email)
        if key not in applications:
            applications[key] = Application(
                call=filing.call,
                applicant_email=filing.email,
                applicant_name=filing.name,
                receipt_number=new_receipt_number(filing.call),
                channel=ApplicationChannel.EMAIL,
            )
    return applications


def acknowledge_on_commit(filings: list[Filing]) -> None:
    version_ids = [
        filing.version.pk
        for filing in filings
        if filing.version is not None and filing.call.acknowledge_emails
    ]
    if not version_ids:
        return
    # One task per batch, queued once the batch is committed; robust: a mail
    # server that is down must neither undo nor stop the filing (Django logs
    # the error).
    transaction.on_commit(lambda: acknowledge_versions_task(version_ids), robust=True)
