"""E-mail messages (.eml): the attached ToR documents first, then the body.

Calls are often forwarded as a mail with the ToR attached, or pasted in the
mail itself. Attachments are read with the same readers (recursively, so a
forwarded message inside a message works too); those that are not
documents (images, signatures, calendars) are skipped.
"""

from __future__ import annotations

import email
import re
from collections.abc import Callable
from email import policy
from email.message import EmailMessage, Message

from nidaa.tor.document import Document, ReadError
from nidaa.tor.formats.html import html_to_text
from nidaa.tor.normalize import normalize

# Attachments worth reading: the document kinds the reader knows.
DOCUMENT_EXTENSIONS = (".docx", ".pdf", ".odt", ".html", ".htm", ".txt", ".md", ".eml")
MAX_DEPTH = 3
# A call with its attachments has a handful of MIME parts; the stdlib parser
# spends about a millisecond per part, so 50,000 parts held a worker a minute.
MAX_PARTS = 500
_BOUNDARY = re.compile(rb"""boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))""", re.IGNORECASE)

ReadBytes = Callable[[bytes, str, int], Document]


def read(data: bytes, read_attachment: ReadBytes, depth: int = 0) -> Document:
    """An .eml message. ``read_attachment(data, filename, depth)`` reads one
    attachment (the general reader, passed in to avoid an import cycle)."""
    _check_part_count(data)
    message = email.message_from_bytes(data, policy=policy.default)
    if not isinstance(message, EmailMessage) or not (message.keys() or message.get_payload()):
        raise ReadError("corrupt", "the e-mail message could not be parsed")
    parts: list[str] = []
    warnings: list[str] = []
    for part in message.walk():
        filename = part.get_filename()
        if part.is_multipart() or not filename:
            continue
        if not filename.lower().endswith(DOCUMENT_EXTENSIONS) and part.get_content_type() != "message/rfc822":
            continue
        if depth >= MAX_DEPTH:
            warnings.append(f"attachment {filename!r} not read: messages nested too deep")
            continue
        payload = _payload(part)
        try:
            attached = read_attachment(payload, filename, depth + 1)
        except ReadError as error:
            warnings.append(f"attachment {filename!r} not read: {error.message}")
            continue
        parts.append(attached.text)
        warnings.extend(attached.warnings)
    body = _body(message)
    if body:
        parts.append(body)
    text = normalize("\n\n".join(parts))
    if not text:
        raise ReadError("empty", "the e-mail has no text and no readable attachment")
    return Document(text=text, format="eml", warnings=warnings)


def _check_part_count(data: bytes) -> None:
    """Refuse a message with more than ``MAX_PARTS`` parts before parsing it
    (counted as the delimiter lines of the boundaries it declares)."""
    boundaries = {m.group(1) or m.group(2) for m in _BOUNDARY.finditer(data)}
    # each declared boundary is a multipart part itself, and counting each one's
    # delimiters is a pass over the data: bound both
    parts = (
        len(boundaries)
        if len(boundaries) > MAX_PARTS
        else sum(data.count(b"\n--" + boundary) for boundary in boundaries)
    )
    if parts > MAX_PARTS:
        raise ReadError("unsafe", f"the e-mail has more than {MAX_PARTS} parts; refused")


def _payload(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload
    # message/rfc822 parts hold a parsed message: serialise it back.
    inner = part.get_payload()
    if isinstance(inner, list) and inner and isinstance(inner[0], Message):
        return inner[0].as_bytes(policy=policy.default)
    return b""


def _body(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None or body.get_filename():
        return ""
    try:
        content = body.get_content()
    except (LookupError, ValueError, AssertionError):  # unknown charset, broken encoding
        raw = body.get_payload(decode=True)
        content = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else ""
    if not isinstance(content, str):
        return ""
    if body.get_content_type() == "text/html":
        return html_to_text(content)
    if body.get_param("format") == "flowed":
        content = _unflow(content, body.get_param("delsp") == "yes")
    return content


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: a line ending with a space goes on on the next."""
    lines: list[str] = []
    carry = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if line.endswith(" ") and line != "-- ":
            carry += line[:-1] if delsp else line
        else:
            lines.append(carry + line)
            carry = ""
    if carry:
        lines.append(carry)
    return "\n".join(lines)
