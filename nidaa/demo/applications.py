"""Demo applications for ``make run`` (called by ``load_demo``): two applicant
accounts who applied online to the open calls, and e-mailed applications to
the closed ones (one late, one incomplete) plus a message for no call in the
triage inbox, so every issuer screen has something to show. Idempotent: the
messages have fixed Message-IDs, and online applications are made once."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Exists, OuterRef
from django.utils import timezone
from docx import Document
from fpdf import FPDF

from nidaa.accounts.models import Organization, User
from nidaa.accounts.services import mark_email_verified
from nidaa.applications.models import Application
from nidaa.applications.services import Identity, required_pieces, submit_application
from nidaa.calls.models import Call, CallStatus
from nidaa.evaluation.models import Evaluation
from nidaa.inbox.intake import ingest_message

APPLICANTS = (
    ("amina", "Amina", "Benali", "fr"),
    ("karim", "كريم", "العلوي", "ar"),
)
DEMO_PASSWORD = "nidaa-demo"  # noqa: S105 (the README gives the demo accounts)
# File names an applicant would give each piece, in French and Arabic.
FILE_NAMES = {
    "cv": ("CV {name}.pdf", "السيرة الذاتية - {name}.pdf"),
    "cover_letter": ("Lettre de motivation.docx", "رسالة التحفيز.docx"),
    "methodology_note": ("Note méthodologique.docx", "المذكرة المنهجية.docx"),
    "technical_offer": ("Offre technique.pdf", "العرض التقني.pdf"),
    "financial_offer": ("Offre financière.pdf", "العرض المالي.pdf"),
    "timeline": ("Chronogramme.docx", "الجدول الزمني.docx"),
    "references": ("Références.pdf", "المراجع.pdf"),
    "legal_documents": ("Statuts et attestations.pdf", "الوثائق القانونية.pdf"),
}


def _pdf(text: str) -> bytes:
    """A real one-page PDF (fpdf2). Latin text only: the demo's PDFs carry no
    Arabic, which would need shaping (uharfbuzz) to be written correctly."""
    document = FPDF()
    document.add_page()
    document.set_font("Helvetica", size=14)
    document.multi_cell(0, 10, text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(document.output())


def _docx(text: str) -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def _demo_attachment(piece: str, name: str, arabic: bool) -> tuple[str, bytes]:
    pattern = FILE_NAMES.get(piece, (f"{piece}.pdf", f"{piece}.pdf"))[1 if arabic else 0]
    filename = pattern.format(name=name)
    text = f"{FILE_NAMES.get(piece, (piece,))[0].split('.')[0].format(name='')} - Nidaa demo document"
    return filename, _docx(text) if filename.endswith(".docx") else _pdf(text)


def _user(username: str, first: str, last: str, language: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username,
            f"{username}@example.org",
            DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            preferred_language=language,
        )
    mark_email_verified(user=user)
    return user


def _apply_online(call: Call, users: list[User]) -> int:
    made = 0
    pieces = required_pieces(call)
    for user in users:
        if Application.objects.filter(call=call, applicant=user).exists():
            continue
        arabic = user.preferred_language == "ar"
        files: dict[str, Any] = {}
        for piece in pieces:
            filename, data = _demo_attachment(piece, user.get_full_name(), arabic)
            files[piece] = SimpleUploadedFile(filename, data)
        submit_application(
            call=call, applicant=user, files=files, identity=Identity(name=user.get_full_name())
        )
        made += 1
    return made


def _message(
    *,
    call: Call | None,
    sender: tuple[str, str],
    subject: str,
    pieces: list[str],
    received_at: datetime,
    message_id: str,
    arabic: bool,
    to: str = "",
) -> bytes:
    message = EmailMessage()
    message["From"] = f"{sender[0]} <{sender[1]}>"
    message["To"] = to or (call.submission_emails[0] if call and call.submission_emails else "rh@example.org")
    message["Subject"] = subject
    message["Date"] = format_datetime(received_at - timedelta(minutes=3))
    message["Message-ID"] = message_id
    message.set_content("Veuillez trouver ci-joint mon dossier de candidature.\nCordialement,\n" + sender[0])
    for piece in pieces:
        filename, data = _demo_attachment(piece, sender[0], arabic)
        maintype, subtype = (
            ("application", "pdf")
            if filename.endswith(".pdf")
            else (
                "application",
                "vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        )
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message)


def _apply_by_email(call: Call, organization: Organization) -> int:
    pieces = required_pieces(call)
    deadline = call.deadline or timezone.now()
    subject = call.email_subject or (f"{call.reference} — candidature" if call.reference else call.title)
    senders = [
        (("Youssef Amrani", "youssef.amrani@example.org"), pieces, deadline - timedelta(days=2), False),
        (("Salma Ouazzani", "salma.ouazzani@example.org"), pieces[:-1], deadline - timedelta(hours=5), False),
        (("سعاد بناني", "souad.bennani@example.org"), pieces, deadline + timedelta(hours=1), True),
    ]
    filed = 0
    for index, (sender, sent, received_at, arabic) in enumerate(senders):
        raw = _message(
            call=call,
            sender=sender,
            subject=subject,
            pieces=sent,
            received_at=received_at,
            message_id=f"<demo-{call.pk}-{index}@nidaa.example.org>",
            arabic=arabic,
        )
        result = ingest_message(organization=organization, raw=raw, received_at=received_at)
        filed += int(result.created)
    return filed


def _triage_message(organization: Organization) -> int:
    raw = _message(
        call=None,
        sender=("Rachid Tazi", "rachid.tazi@example.org"),
        subject="Candidature spontanée — formateur en gestion associative",
        pieces=["cv"],
        received_at=timezone.now() - timedelta(days=1),
        message_id="<demo-triage-0@nidaa.example.org>",
        arabic=False,
        to="contact@nidaa-demo.example.org",
    )
    return int(ingest_message(organization=organization, raw=raw, received_at=timezone.now()).created)


def load_demo_applications(*, organization: Organization) -> dict[str, int]:
    """Demo applicants and applications for the organisation's calls."""
    users = [_user(*row) for row in APPLICANTS]
    counts = {"online": 0, "email": 0, "triage": 0}
    # A call whose committee is at work takes no new demo applications (a reload
    # must not drop unscored files into the staff post's interview stage).
    calls = Call.objects.filter(organization=organization).exclude(
        Exists(Evaluation.objects.filter(call_id=OuterRef("pk")))
    )
    for call in calls.order_by("id"):
        if call.is_open_at(timezone.now()):
            counts["online"] += _apply_online(call, users)
        elif call.status == CallStatus.CLOSED:
            counts["email"] += _apply_by_email(call, organization)
    counts["triage"] = _triage_message(organization)
    return counts
