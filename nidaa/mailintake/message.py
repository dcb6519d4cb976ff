"""One e-mail, as the intake needs it: who sent it (the applicant, even when
an assistant forwarded it), to whom, when it reached the mailbox, its text
and every attached file."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime

from nidaa.common.filetypes import detect_document_type
from nidaa.mailintake.forward import Forwarded, find_inline_forward
from nidaa.mailintake.headers import (
    clean_text,
    decode_bytes,
    decode_header_value,
    parse_addresses,
    parse_date,
    received_date,
)
from nidaa.mailintake.mime import Entity, parse_entity
from nidaa.mailintake.text import fold_text, strip_prefixes

logger = logging.getLogger(__name__)

# Logos and pictures in signatures: small inline images referenced by
# Content-ID. A bigger inline image may be a pasted scan, so it is kept.
SIGNATURE_IMAGE_MAX_BYTES = 40_000
# Not files the sender attached: signatures of the message itself.
_SKIPPED_TYPES = {
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-signature",
    "application/pgp-keys",
    "message/delivery-status",
    "message/disposition-notification",
    "text/rfc822-headers",
}
_MESSAGE_ID = re.compile(r"<\s*([^<>\s]+)\s*>")
_MAX_MESSAGE_ID = 490  # the stored column holds 500 characters
_HTML_TAG = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Attachment:
    """A file attached to a message (also inside a forwarded message)."""

    filename: str
    content_type: str
    data: bytes
    kind: str | None


@dataclass
class ParsedMessage:
    """What intake reads from a raw message; see ``parse_message``."""

    message_id: str
    sha256: str
    subject: str
    from_name: str
    from_email: str
    forwarded_by: str
    recipients: list[str]
    sent_at: datetime | None
    received_at: datetime | None
    received_source: str
    body: str
    attachments: list[Attachment] = field(default_factory=list)
    # Why the message could not be read ("damaged"; "too_costly" when reading
    # it passed its time or memory budget; "too_large" past the size read at
    # all); "" when it was read.
    unreadable: str = ""


def parse_message(raw: bytes, *, received_at: datetime | None = None) -> ParsedMessage:
    """Read a raw message (RFC 5322 bytes as received).

    ``received_at`` is the receipt time when the caller knows it (IMAP
    INTERNALDATE, the mbox From_ line): ``received_source`` is then "given".
    Otherwise it is the date of the topmost parseable Received: header, the
    one the receiving server added ("received"), else the Date: header
    ("date"), else None (""). A message that is a forward of an application
    (inline or attached, through a chain of forwards) has the original sender
    in ``from_email`` and the forwarder in ``forwarded_by``; the original
    recipients are added to ``recipients`` so that matching by address still
    works. A forwarded mail written by the receiving organisation itself (an
    applicant forwarding the call's announcement) is no forward of an
    application: its forwarder stays the sender.

    Never raises: garbage in gives a best-effort ``ParsedMessage``.
    """
    digest = hashlib.sha256(raw).hexdigest()
    given = _aware(received_at) if received_at is not None else None
    try:
        return _parse(raw, digest, given)
    except Exception:  # noqa: BLE001 - a message must never stop an import
        logger.warning("message %s could not be read; kept with its hash only", digest, exc_info=True)
        return unreadable_message(raw, received_at=given, reason="damaged")


def unreadable_message(raw: bytes, *, received_at: datetime | None, reason: str) -> ParsedMessage:
    """What is known of a message that could not be read (``reason``): its
    hash and receipt time. It is stored whole all the same, and waits in the
    triage inbox, which says why."""
    digest = hashlib.sha256(raw).hexdigest()
    given = _aware(received_at) if received_at is not None else None
    return ParsedMessage(
        message_id=f"<{digest}@nidaa.invalid>",
        sha256=digest,
        subject="",
        from_name="",
        from_email="",
        forwarded_by="",
        recipients=[],
        sent_at=None,
        received_at=given,
        received_source="given" if given else "",
        body="",
        attachments=[],
        unreadable=reason,
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass
class _Attached:
    """A message attached (forwarded) to this one, and its text."""

    entity: Entity
    body: str  # its text and that of the messages attached to it
    reading: _Reading


@dataclass
class _Reading:
    texts: list[str] = field(default_factory=list)
    htmls: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    own_files: int = 0  # attachments outside attached messages
    messages: list[_Attached] = field(default_factory=list)

    def body(self) -> str:
        """The text of this message, then of each message attached to it."""
        if any(text.strip() for text in self.texts):
            body = "\n\n".join(text.strip("\n") for text in self.texts)
        elif self.htmls:
            body = "\n\n".join(_html_text(markup) for markup in self.htmls)
        else:
            body = ""
        return _BLANK_LINES.sub("\n\n", body).strip()


def _parse(raw: bytes, digest: str, given: datetime | None) -> ParsedMessage:
    top = parse_entity(raw)
    reading = _Reading()
    _walk(top, reading)
    body = reading.body()

    subject = decode_header_value(top.get("subject"))
    senders = parse_addresses([top.get("from") or top.get("sender") or top.get("return-path")])
    from_name, from_email = senders[0] if senders else ("", "")
    recipients = _recipients(top, ("to", "cc", "delivered-to", "x-original-to"))
    sent_at = parse_date(top.get("date"))

    received, source = given, "given" if given else ""
    if received is None:
        for value in top.get_all("received"):
            received = received_date(value)
            if received is not None:
                source = "received"
                break
    if received is None and sent_at is not None:
        received, source = sent_at, "date"

    forwarded_by = ""
    original = _original_sender(reading, body, from_email, subject)
    if original is not None and not _from_the_organisation(original.email, recipients):
        forwarded_by = from_email
        from_name, from_email = original.name, original.email
        recipients = _dedupe(recipients + original.recipients)

    return ParsedMessage(
        message_id=_message_id(top.get("message-id"), digest),
        sha256=digest,
        subject=subject,
        from_name=from_name,
        from_email=from_email,
        forwarded_by=forwarded_by,
        recipients=recipients,
        sent_at=sent_at,
        received_at=received,
        received_source=source,
        body=_with_attached(body, reading.messages),
        attachments=reading.attachments,
    )


def _with_attached(body: str, messages: list[_Attached]) -> str:
    for message in messages:
        if message.body:
            body = f"{body}\n\n{_forward_header(message.entity)}\n\n{message.body}".strip()
    return body


def _original_sender(reading: _Reading, body: str, sender: str, subject: str) -> Forwarded | None:
    """Who wrote the application this message forwards (through a chain of
    forwards), with the addresses it was first sent to; None when the
    message is no forward of someone else's mail."""
    original: Forwarded | None = None
    for _ in range(4):
        _, subject_says_forward = strip_prefixes(fold_text(subject))
        attached = _forwarded_message(reading, sender, subject_says_forward)
        if attached is not None:
            name, address = parse_addresses([attached.entity.get("from") or attached.entity.get("sender")])[0]
            recipients = (original.recipients if original else []) + _recipients(
                attached.entity, ("to", "cc")
            )
            original = Forwarded(name=name, email=address, recipients=recipients)
            reading, body, sender = attached.reading, attached.reading.body(), address
            subject = decode_header_value(attached.entity.get("subject"))
            continue
        inline = find_inline_forward(body, subject_says_forward=subject_says_forward)
        if inline is not None and inline.email != sender:
            inline.recipients = (original.recipients if original else []) + inline.recipients
            original = inline
        break
    return original


# Mail providers whose users have nothing in common but the provider.
_PUBLIC_PROVIDERS = {
    "gmail", "googlemail", "yahoo", "ymail", "rocketmail", "hotmail", "outlook", "live", "msn", "icloud",
    "me", "mac", "aol", "gmx", "menara", "protonmail", "proton", "yandex", "laposte", "orange", "free",
    "wanadoo", "sfr", "mail", "zoho",
}  # fmt: skip


def _from_the_organisation(original: str, recipients: list[str]) -> bool:
    """Whether the "original" of a forward was written by the receiving
    organisation itself: an applicant who forwards the call's announcement
    with their files is the applicant, not the organisation."""
    if original in recipients:
        return True
    domain = original.rpartition("@")[2]
    if domain.split(".", 1)[0] in _PUBLIC_PROVIDERS:
        return False
    return any(address.rpartition("@")[2] == domain for address in recipients)


def _forwarded_message(reading: _Reading, sender: str, subject_says_forward: bool) -> _Attached | None:
    """The attached message this one forwards, when it forwards one: the
    subject says Fwd:/TR:, or the forwarder attached nothing of their own."""
    if not reading.messages or not (subject_says_forward or reading.own_files == 0):
        return None
    for message in reading.messages:
        senders = parse_addresses([message.entity.get("from") or message.entity.get("sender")])
        if senders and senders[0][1] != sender:
            return message
    return None


def _walk(entity: Entity, reading: _Reading) -> None:
    if entity.children:
        for child in entity.children:
            _walk(child, reading)
        return
    if entity.message is not None:
        inner = _Reading()
        _walk(entity.message, inner)
        reading.messages.append(
            _Attached(entity.message, _with_attached(inner.body(), inner.messages), inner)
        )
        reading.attachments.extend(inner.attachments)
        return
    content_type = entity.content_type
    if content_type.startswith("multipart/"):
        return  # a multipart without parts: nothing to read
    filename = _filename(entity)
    disposition = entity.disposition
    if content_type.startswith("text/") and not filename and disposition != "attachment":
        if content_type == "text/plain":
            reading.texts.append(_text_of(entity))
        elif content_type == "text/html":
            reading.htmls.append(_text_of(entity))
        return
    if content_type in _SKIPPED_TYPES:
        return
    data = entity.payload()
    if (
        content_type.startswith("image/")
        and entity.get("content-id")
        and disposition != "attachment"
        and len(data) < SIGNATURE_IMAGE_MAX_BYTES
    ):
        return
    if not data and not filename:
        return
    kind = detect_document_type(io.BytesIO(data)) if data else None
    reading.attachments.append(Attachment(filename=filename, content_type=content_type, data=data, kind=kind))
    reading.own_files += 1


def _filename(entity: Entity) -> str:
    name = decode_header_value(entity.raw_filename())
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "" if name in {".", ".."} else name


def _text_of(entity: Entity) -> str:
    text = decode_bytes(entity.payload(), entity.param("charset") or None)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _html_text(markup: str) -> str:
    # lxml is imported only for HTML-only mail: most messages have a plain part.
    from nidaa.tor.formats.html import html_to_text, without_attributes

    try:
        return html_to_text(without_attributes(markup))
    except Exception:  # noqa: BLE001 - lxml refuses some fragments; tags stripped by hand then
        return _HTML_TAG.sub(" ", markup)


def _forward_header(message: Entity) -> str:
    lines = ["---------- Forwarded message ---------"]
    for label, name in (("From", "from"), ("Date", "date"), ("Subject", "subject"), ("To", "to")):
        value = decode_header_value(message.get(name))
        if value:
            lines.append(f"{label}: {value}")
    return "\n".join(lines)


def _recipients(entity: Entity, names: tuple[str, ...]) -> list[str]:
    values = [value for name in names for value in entity.get_all(name)]
    return _dedupe([address for _, address in parse_addresses(values)])


def _dedupe(addresses: list[str]) -> list[str]:
    return list(dict.fromkeys(address for address in addresses if address))


def _message_id(value: str, digest: str) -> str:
    value = clean_text(value)
    match = _MESSAGE_ID.search(value)
    ident = match.group(1) if match else (value.split()[0].strip("<>") if value.split() else "")
    if not ident or len(ident) > _MAX_MESSAGE_ID:
        return f"<{digest}@nidaa.invalid>"
    return f"<{ident}>"
