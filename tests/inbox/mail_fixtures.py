"""Real multipart messages for the e-mail intake tests (and anyone else's).

Built with ``email.message.EmailMessage`` and the default policy, so non-ASCII
file names are encoded as RFC 2231 (``filename*=utf-8''...``) and Arabic
subjects as RFC 2047 encoded words, as mail clients send them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from zoneinfo import ZoneInfo

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


def docx_bytes(text: str = "") -> bytes:
    """A minimal .docx (the members a content check looks for), with fixed
    member dates so the same text always gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        members = (
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", f"<w:document><w:t>{text}</w:t></w:document>"),
        )
        for name, content in members:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 6, 23, 59, 0)), content)
    return buffer.getvalue()


def pdf_bytes(text: str = "") -> bytes:
    """A small PDF whose bytes differ with ``text`` (so sha256s differ too)."""
    return PDF + text.encode()


# (file name, bytes); the MIME type is given as a generic one on purpose: the
# intake must go by content, as clients often send application/octet-stream.
Attachment = tuple[str, bytes]


def build_message(
    *,
    subject: str,
    sender: tuple[str, str] = ("Amina Idrissi", "amina@example.org"),
    to: Sequence[str] = ("recrutement@example.org",),
    date: datetime | None = None,
    message_id: str = "<cand-1@mail.example.org>",
    body: str = "Bonjour,\nVeuillez trouver ci-joint mon dossier de candidature.\nCordialement",
    attachments: Iterable[Attachment] = (),
    received: datetime | None = None,
) -> EmailMessage:
    """A message as a mail client sends it: text body, attachments as
    application/octet-stream. ``received`` adds the receiving server's
    ``Received:`` header with that time."""
    message = EmailMessage(policy=policy.default)
    if received is not None:
        message["Received"] = (
            f"from mail.example.org by mx.example.org with ESMTPS; {format_datetime(received)}"
        )
    message["From"] = f"{sender[0]} <{sender[1]}>" if sender[0] else sender[1]
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = format_datetime(date or datetime(2025, 1, 6, 10, 0, tzinfo=UTC))
    message["Message-ID"] = message_id
    message.set_content(body)
    for filename, data in attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=filename)
    return message


def build_forward(
    *,
    original: EmailMessage,
    forwarder: tuple[str, str] = ("Secrétariat", "secretariat@example.org"),
    to: Sequence[str] = ("recrutement@example.org",),
    message_id: str = "<fwd-1@mail.example.org>",
    date: datetime | None = None,
) -> EmailMessage:
    """``original`` forwarded inline as Gmail and Outlook do: the original
    headers quoted at the top of the body, its attachments carried over."""
    quoted = (
        "---------- Forwarded message ---------\n"
        f"From: {original['From']}\n"
        f"Date: {original['Date']}\n"
        f"Subject: {original['Subject']}\n"
        f"To: {original['To']}\n\n"
    )
    body_part = original.get_body(preferencelist=("plain",))
    text = body_part.get_content() if body_part is not None else ""
    message = EmailMessage(policy=policy.default)
    message["From"] = f"{forwarder[0]} <{forwarder[1]}>"
    message["To"] = ", ".join(to)
    message["Subject"] = f"Fwd: {original['Subject']}"
    message["Date"] = format_datetime(date or datetime(2025, 1, 6, 11, 0, tzinfo=UTC))
    message["Message-ID"] = message_id
    message.set_content(quoted + text)
    for part in original.iter_attachments():
        message.add_attachment(
            part.get_content(),
            maintype="application",
            subtype="octet-stream",
            filename=part.get_filename(),
        )
    return message


def as_bytes(message: EmailMessage) -> bytes:
    # CRLF line ends, as a message travels over SMTP and IMAP.
    return message.as_bytes(policy=policy.SMTP)


def mbox_bytes(messages: Iterable[tuple[bytes, datetime]]) -> bytes:
    """An mbox (mboxrd) of ``(raw, delivered_at)``: the From_ line carries the
    delivery time in UTC, as local delivery agents write it."""
    out = io.BytesIO()
    for raw, delivered in messages:
        stamp = delivered.astimezone(UTC).strftime("%a %b %d %H:%M:%S %Y")
        out.write(f"From MAILER-DAEMON {stamp}\n".encode())
        for line in raw.replace(b"\r\n", b"\n").split(b"\n"):
            # mboxrd quoting: any run of ">" before "From " gains one more.
            if line.lstrip(b">").startswith(b"From "):
                line = b">" + line
            out.write(line + b"\n")
        out.write(b"\n")
    return out.getvalue()


# --- a call that e-mailed applications are for --------------------------------

CASABLANCA = ZoneInfo("Africa/Casablanca")
# 23:59 Morocco time, as the seeds' calls say.
DEADLINE = datetime(2025, 1, 6, 23, 59, tzinfo=CASABLANCA)
SUBJECT = "Candidature – Formateur en plaidoyer"
REFERENCE = "AO-12/2025"
ADDRESS = "recrutement@example.org"


def intake_call(organization: Any, **overrides: Any) -> Any:
    """A published call of ``organization`` asking for three pieces by e-mail,
    with a prescribed subject, a reference and a receiving address."""
    from nidaa.calls.models import CallStatus
    from tests.factories import CallFactory

    values: dict[str, Any] = {
        "organization": organization,
        "title": "Recrutement d'un formateur en plaidoyer",
        "status": CallStatus.PUBLISHED,
        "deadline": DEADLINE,
        "email_subject": SUBJECT,
        "reference": REFERENCE,
        "submission_emails": [ADDRESS],
        "required_documents": ["cv", "methodology_note", "financial_offer"],
    }
    values.update(overrides)
    return CallFactory(**values)


def complete_attachments(tag: str = "") -> list[Attachment]:
    """The three pieces of ``intake_call``, with non-ASCII file names."""
    return [
        ("CV Amina Idrissi.pdf", pdf_bytes("cv" + tag)),
        ("Note méthodologique.docx", docx_bytes("méthodologie" + tag)),
        ("Offre financière.pdf", pdf_bytes("offre" + tag)),
    ]
