"""Real messages as Outlook, Gmail and Thunderbird write them, read whole."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

from nidaa.mailintake import Attachment, parse_message
from tests.mailintake.documents import fixture

PDF = b"%PDF-1.4\n% fixture\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PST = timezone(timedelta(hours=-8))


def _names(attachments: list[Attachment]) -> list[tuple[str, str, str | None]]:
    return [(a.filename, a.content_type, a.kind) for a in attachments]


def test_outlook_inline_forward_credits_the_applicant_and_decodes_every_file_name() -> None:
    raw = fixture("outlook_forward_fr.eml")
    parsed = parse_message(raw)
    assert parsed.message_id == (
        "<DB8PR01MB59606E1A2D4C0B6F9F3E1C5AC2232@DB8PR01MB5960.eurprd01.prod.exchangelabs.com>"
    )
    assert parsed.sha256 == hashlib.sha256(raw).hexdigest()
    assert parsed.subject == "TR: Candidature – formateur plaidoyer"
    assert (parsed.from_name, parsed.from_email) == ("Amina Benali", "amina.benali@gmail.com")
    assert parsed.forwarded_by == "s.idrissi@ong-tadamon.ma"
    # The original recipient comes after the mailbox's own address.
    assert parsed.recipients == ["candidatures@ong-tadamon.ma", "recrutement@ong-tadamon.ma"]
    assert parsed.sent_at == datetime(2024, 3, 4, 23, 1, 57, tzinfo=UTC)
    # The topmost Received: header is the receiving server's, 14 s after Date.
    assert parsed.received_at == datetime(2024, 3, 4, 23, 2, 11, tzinfo=UTC)
    assert parsed.received_source == "received"
    assert parsed.body.startswith(
        "Bonjour,\n\nCandidature reçue sur ma boîte personnelle, je vous la transfère."
    )
    assert "Suite à votre appel AO N° 03/2024" in parsed.body
    # The signature logo (inline, Content-ID, 69 bytes) is not an attachment.
    assert _names(parsed.attachments) == [
        ("CV_Amina_Benali.pdf", "application/pdf", "pdf"),
        ("Note méthodologique – Amina.pdf", "application/pdf", "pdf"),
        (
            "الجدول الزمني للمهمة.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            "Offre financière.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    ]
    assert parsed.attachments[0].data == PDF


def test_gmail_arabic_subject_split_inside_a_letter_and_arabic_file_names() -> None:
    parsed = parse_message(fixture("gmail_arabic.eml"))
    assert parsed.subject == "ترشيح – مكوّن في الترافع"
    assert (parsed.from_name, parsed.from_email) == ("يوسف العمراني", "youssef.elamrani@gmail.com")
    assert parsed.forwarded_by == ""
    assert parsed.recipients == ["tawdif@jamiya-amal.ma", "youssef.elamrani@gmail.com"]
    assert parsed.sent_at == datetime(2024, 3, 5, 10, 12, 21, tzinfo=timezone(timedelta(hours=1)))
    assert parsed.received_at == datetime(2024, 3, 5, 1, 12, 34, tzinfo=PST)
    assert parsed.received_source == "received"
    assert parsed.body == (
        "السلام عليكم،\n\nأتقدم بترشيحي لمهمة مكوّن في الترافع. تجدون رفقته سيرتي الذاتية والعرض المالي.\n\n"
        "يوسف العمراني"
    )
    # Gmail gives attachments a Content-ID too: they are attachments, not signature images.
    assert _names(parsed.attachments) == [
        ("السيرة الذاتية - يوسف.pdf", "application/pdf", "pdf"),
        ("العرض المالي.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ]


def test_gmail_inline_forward_takes_the_original_sender_and_recipients() -> None:
    parsed = parse_message(fixture("gmail_forward.eml"))
    assert parsed.subject == "Fwd: Application - Evaluation finale projet MA-2024-017"
    assert (parsed.from_name, parsed.from_email) == ("Sarah O'Connor", "sarah.oconnor@consult-eval.com")
    assert parsed.forwarded_by == "k.tazi@reseau-ecoles.org"
    assert parsed.recipients == [
        "appels@reseau-ecoles.org",
        "k.tazi@reseau-ecoles.org",
        "evaluation@reseau-ecoles.org",
    ]
    assert parsed.received_at == datetime(2024, 3, 7, 15, 48, 2, tzinfo=PST)
    assert [a.filename for a in parsed.attachments] == [
        "Technical proposal - S. O'Connor.pdf",
        "Workplan_SOC.pdf",
        "FinancialProposal.xlsx",
    ]


def test_message_forwarded_as_attachment_gives_its_sender_files_and_text() -> None:
    parsed = parse_message(fixture("thunderbird_forward_attached.eml"))
    assert parsed.subject == "Fwd: Candidature – étude de base AO n° 7/2024"
    assert (parsed.from_name, parsed.from_email) == ("Berrada, Hicham", "hicham.berrada@menara.ma")
    assert parsed.forwarded_by == "direction@association-nour.ma"
    assert parsed.recipients == ["candidatures@association-nour.ma", "direction@association-nour.ma"]
    assert parsed.received_at == datetime(2024, 3, 11, 9, 15, 42, tzinfo=UTC)
    assert "Ci-joint ma candidature pour l'étude de base (AO n° 7/2024) : CV," in parsed.body
    assert 'From: "Berrada, Hicham" <Hicham.Berrada@menara.ma>' in parsed.body
    # Continuations, a Windows path, and ISO-8859-1 encoded-words.
    assert _names(parsed.attachments) == [
        ("CV Hicham Berrada – 2024.pdf", "application/pdf", "pdf"),
        ("Lettre de motivation.pdf", "application/pdf", "pdf"),
        (
            "Références similaires.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
    ]


def test_message_without_id_and_with_a_wrong_date_in_windows_1256() -> None:
    raw = fixture("no_message_id_cp1256.eml")
    parsed = parse_message(raw)
    digest = hashlib.sha256(raw).hexdigest()
    assert parsed.message_id == f"<{digest}@nidaa.invalid>"
    assert parsed.subject == "طلب ترشيح - مكون في الترافع"
    assert (parsed.from_name, parsed.from_email) == ("فاطمة الزهراء", "fz.alaoui@menara.ma")
    assert parsed.sent_at == datetime(1970, 1, 1, tzinfo=UTC)
    assert parsed.received_at == datetime(2024, 3, 6, 14, 5, 9, tzinfo=UTC)
    assert parsed.received_source == "received"
    assert parsed.body == (
        "السلام عليكم ورحمة الله،\nأرسل إليكم سيرتي الذاتية والمذكرة المنهجية.\nمع خالص التحيات،\nفاطمة الزهراء"
    )
    # Declared application/msword, but the content is a PDF.
    assert _names(parsed.attachments) == [("السيرة الذاتية.pdf", "application/msword", "pdf")]


def test_given_receipt_time_wins_over_the_headers() -> None:
    moment = datetime(2024, 3, 5, 0, 0, 30, tzinfo=UTC)
    parsed = parse_message(fixture("gmail_arabic.eml"), received_at=moment)
    assert (parsed.received_at, parsed.received_source) == (moment, "given")
