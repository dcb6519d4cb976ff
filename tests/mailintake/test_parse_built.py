"""Messages built with the standard library, and the odd ones mailers send."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.message import EmailMessage

from nidaa.mailintake import parse_message
from tests.mailintake.documents import message, pdf_bytes

PDF = pdf_bytes("Curriculum vitae")


def test_non_ascii_file_names_written_by_the_standard_library_come_back() -> None:
    long_name = "السيرة الذاتية للمترشحة فاطمة الزهراء العلوي مع الشهادات والمراجع المهنية الكاملة.pdf"
    built = message(
        files=(("Offre financière.pdf", PDF, "application/pdf"), (long_name, PDF, "application/pdf"))
    )
    raw = built.as_bytes()
    assert b"filename*=utf-8''Offre%20financi%C3%A8re.pdf" in raw
    assert b"filename*0*=utf-8''" in raw  # the long name is cut into RFC 2231 continuations
    parsed = parse_message(raw)
    assert [a.filename for a in parsed.attachments] == ["Offre financière.pdf", long_name]
    assert [a.data for a in parsed.attachments] == [PDF, PDF]
    assert [a.kind for a in parsed.attachments] == ["pdf", "pdf"]


def test_directory_parts_of_file_names_are_dropped() -> None:
    built = message(
        files=(
            ("../../etc/passwd", b"root", "text/plain"),
            ("C:\\Users\\amina\\Documents\\CV.pdf", PDF, "application/pdf"),
        )
    )
    parsed = parse_message(built.as_bytes())
    assert [a.filename for a in parsed.attachments] == ["passwd", "CV.pdf"]
    assert [a.kind for a in parsed.attachments] == [None, "pdf"]


def _with_images() -> EmailMessage:
    built = message(body="Bonjour")
    built.add_alternative("<p>Bonjour <img src='cid:logo'></p>", subtype="html")
    html = built.get_payload()[1]  # type: ignore[index]
    html.add_related(b"\x89PNG\r\n\x1a\n" + b"0" * 500, maintype="image", subtype="png", cid="<logo>")
    scan = b"\xff\xd8\xff\xe0" + b"1" * 80_000
    built.add_attachment(scan, maintype="image", subtype="jpeg", filename="diplome.jpg", disposition="inline")
    built.get_payload()[-1]["Content-ID"] = "<scan>"  # type: ignore[index]
    badge = b"\x89PNG\r\n\x1a\n" + b"2" * 300
    built.add_attachment(badge, maintype="image", subtype="png", filename="photo.png")
    built.get_payload()[-1]["Content-ID"] = "<photo>"  # type: ignore[index]
    return built


def test_small_inline_signature_images_are_skipped_but_scans_and_attached_images_kept() -> None:
    parsed = parse_message(_with_images().as_bytes())
    assert [(a.filename, a.content_type, a.kind) for a in parsed.attachments] == [
        ("diplome.jpg", "image/jpeg", "jpeg"),
        ("photo.png", "image/png", "png"),
    ]
    assert parsed.body == "Bonjour"


def test_html_only_message_gives_its_text() -> None:
    built = EmailMessage()
    built["From"] = "a@example.ma"
    built["Subject"] = "Candidature"
    built.set_content(
        "<html><body><p>Bonjour,</p><p>Ci-joint mon <b>CV</b>.</p></body></html>", subtype="html"
    )
    assert parse_message(built.as_bytes()).body == "Bonjour,\nCi-joint mon CV."


def _raw(headers: str, body: bytes, charset: str) -> bytes:
    return (
        headers + f"MIME-Version: 1.0\nContent-Type: text/plain; charset={charset}\n"
        "Content-Transfer-Encoding: 8bit\n\n"
    ).encode("ascii") + body


def test_utf8_body_labelled_latin1_is_read_as_utf8() -> None:
    raw = _raw("From: a@example.ma\n", "Note méthodologique ci-jointe.".encode(), "iso-8859-1")
    assert parse_message(raw).body == "Note méthodologique ci-jointe."


def test_arabic_windows_1256_body_labelled_latin1_is_read_as_arabic() -> None:
    text = "أرسل إليكم سيرتي الذاتية والعرض المالي"
    raw = _raw("From: a@example.ma\n", text.encode("cp1256"), "iso-8859-1")
    assert parse_message(raw).body == text


def test_french_windows_1252_body_without_charset_stays_french() -> None:
    raw = _raw("From: a@example.ma\n", "Offre financière, délai dépassé ?".encode("cp1252"), '""')
    assert parse_message(raw).body == "Offre financière, délai dépassé ?"


def test_raw_utf8_headers_and_unknown_charsets_are_read() -> None:
    raw = _raw(
        "From: Amina Benali <amina@example.ma>\nSubject: =?x-unknown?Q?Candidature_=E2=80=93_formateur?=\n",
        b"Bonjour",
        "x-unknown",
    )
    raw = raw.replace(b"From: Amina", "From: أمينة".encode())
    parsed = parse_message(raw)
    assert parsed.subject == "Candidature – formateur"
    assert (parsed.from_name, parsed.from_email) == ("أمينة Benali", "amina@example.ma")
    assert parsed.body == "Bonjour"


def test_unreadable_date_and_no_received_header_leave_times_empty() -> None:
    raw = b"From: a@example.ma\nDate: demain matin\nSubject: x\n\nBody\n"
    parsed = parse_message(raw)
    assert (parsed.sent_at, parsed.received_at, parsed.received_source) == (None, None, "")


def test_date_header_is_the_receipt_time_when_nothing_better_exists() -> None:
    raw = b"From: a@example.ma\nDate: Tue, 5 Mar 2024 23:59:00 -0000\n\nBody\n"
    parsed = parse_message(raw)
    assert parsed.sent_at == datetime(2024, 3, 5, 23, 59, tzinfo=UTC)
    assert (parsed.received_at, parsed.received_source) == (parsed.sent_at, "date")


def test_the_first_received_header_with_a_readable_date_counts() -> None:
    raw = (
        b"Received: from relay by mx.ong.ma; garbage date\n"
        b"Received: from a by relay; Wed, 6 Mar 2024 00:00:05 +0100\n"
        b"Received: from pc by a; Tue, 5 Mar 2024 23:58:00 +0100\n"
        b"From: a@example.ma\nDate: Tue, 5 Mar 2024 23:57:00 +0100\n\nBody\n"
    )
    parsed = parse_message(raw)
    assert parsed.received_at == datetime(2024, 3, 5, 23, 0, 5, tzinfo=UTC)
    assert parsed.received_source == "received"


def test_naive_given_receipt_time_is_taken_as_utc() -> None:
    parsed = parse_message(b"From: a@example.ma\n\nx", received_at=datetime(2024, 3, 5, 12, 0))
    assert parsed.received_at == datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    assert parsed.received_source == "given"


def test_message_ids_are_normalised() -> None:
    def message_id(value: str) -> str:
        return parse_message(f"Message-ID: {value}\nFrom: a@b.ma\n\nx".encode()).message_id

    assert message_id("<abc@host.ma>") == "<abc@host.ma>"
    assert message_id("  < abc@host.ma >  (comment)") == "<abc@host.ma>"
    assert message_id("abc@host.ma") == "<abc@host.ma>"
    raw = b"Message-ID: \nFrom: a@b.ma\n\nx"
    assert parse_message(raw).message_id == f"<{hashlib.sha256(raw).hexdigest()}@nidaa.invalid>"


def test_recipients_come_from_to_cc_delivered_to_and_x_original_to_lowercased_once() -> None:
    raw = (
        b"From: a@example.ma\nTo: Candidatures <Candidatures@ONG.ma>, b@ong.ma\nCc: b@ong.ma\n"
        b"Delivered-To: mailbox@ong.ma\nX-Original-To: candidatures@ong.ma\n\nx"
    )
    assert parse_message(raw).recipients == ["candidatures@ong.ma", "b@ong.ma", "mailbox@ong.ma"]


def test_a_reply_quoting_an_original_message_is_not_a_forward() -> None:
    body = (
        "Voici mon dossier complet.\n\n-----Original Message-----\nFrom: Recrutement <recrutement@ong.ma>\n"
        "Sent: Monday, March 4, 2024 9:00 AM\nTo: amina@example.ma\nSubject: Appel\n\nMerci de compléter."
    )
    parsed = parse_message(message(subject="RE: Appel", body=body).as_bytes())
    assert (parsed.from_email, parsed.forwarded_by) == ("amina@example.ma", "")


def test_outlook_original_message_marker_counts_when_the_subject_says_forward() -> None:
    body = (
        "Pour suite à donner.\n\n-----Original Message-----\nFrom: Hicham Berrada [mailto:hicham@menara.ma]\n"
        "Sent: Monday, March 4, 2024 9:00 AM\nTo: assistant@ong.ma\nSubject: Candidature\n\nCi-joint."
    )
    parsed = parse_message(
        message(subject="FW: Candidature", sender="assistant@ong.ma", body=body).as_bytes()
    )
    assert (parsed.from_name, parsed.from_email) == ("Hicham Berrada", "hicham@menara.ma")
    assert parsed.forwarded_by == "assistant@ong.ma"
    assert parsed.recipients == ["candidatures@ong.ma", "assistant@ong.ma"]


def test_thunderbird_french_forward_marker() -> None:
    body = (
        "\n\n-------- Message transféré --------\nSujet : \tCandidature\nDate : \tLun, 4 mars 2024\n"
        "De : \tNadia <nadia.f@example.org>\nPour : \tassistant@ong.ma\n\nBonjour"
    )
    parsed = parse_message(message(subject="Candidature", sender="assistant@ong.ma", body=body).as_bytes())
    assert (parsed.from_name, parsed.from_email, parsed.forwarded_by) == (
        "Nadia",
        "nadia.f@example.org",
        "assistant@ong.ma",
    )


def test_forwarding_ones_own_message_is_no_forward() -> None:
    body = "---------- Forwarded message ---------\nFrom: Amina <amina@example.ma>\nDate: x\n\nDossier"
    parsed = parse_message(message(subject="Fwd: Candidature", body=body).as_bytes())
    assert (parsed.from_email, parsed.forwarded_by) == ("amina@example.ma", "")


def _attached(inner: EmailMessage, *, subject: str, own_file: bool) -> bytes:
    outer = message(subject=subject, sender="assistant@ong.ma", body="Voir pièce jointe")
    if own_file:
        outer.add_attachment(PDF, maintype="application", subtype="pdf", filename="note.pdf")
    outer.add_attachment(inner)
    return outer.as_bytes()


def test_a_forward_of_a_forward_keeps_every_file_and_the_first_original_sender() -> None:
    first = message(
        sender="Nadia <nadia@example.org>", files=(("CV Nadia.pdf", PDF, "application/pdf"),), to="a@ong.ma"
    )
    middle = message(sender="Karim <karim@ong.ma>", subject="Fwd: Candidature", body="fyi", to="b@ong.ma")
    middle.add_attachment(first)
    parsed = parse_message(_attached(middle, subject="TR: Candidature", own_file=False))
    assert (parsed.from_email, parsed.forwarded_by) == ("nadia@example.org", "assistant@ong.ma")
    assert parsed.recipients == ["candidatures@ong.ma", "b@ong.ma", "a@ong.ma"]
    assert [a.filename for a in parsed.attachments] == ["CV Nadia.pdf"]
    assert parsed.body.count("---------- Forwarded message ---------") == 2


def test_an_attached_message_next_to_the_senders_own_files_is_not_a_forward() -> None:
    inner = message(sender="Recrutement <recrutement@ong.ma>", subject="Appel à candidatures")
    parsed = parse_message(_attached(inner, subject="Re: Appel à candidatures", own_file=True))
    assert (parsed.from_email, parsed.forwarded_by) == ("assistant@ong.ma", "")
    assert [a.filename for a in parsed.attachments] == ["note.pdf"]


def test_damaged_base64_and_a_missing_closing_boundary_still_give_the_file() -> None:
    raw = (
        b'From: a@example.ma\nContent-Type: multipart/mixed; boundary="b1"\n\n'
        b"--b1\nContent-Type: text/plain\n\nBonjour\n"
        b'--b1\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="cv.pdf"\n'
        b"Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK*JSBm\naXh0dXJlCg"
    )
    parsed = parse_message(raw)
    assert parsed.body == "Bonjour"
    assert [(a.filename, a.data, a.kind) for a in parsed.attachments] == [
        ("cv.pdf", b"%PDF-1.4\n% fixture\n", "pdf")
    ]


def test_a_boundary_that_prefixes_the_inner_boundary_does_not_cut_parts() -> None:
    raw = (
        b'From: a@example.ma\nContent-Type: multipart/mixed; boundary="abc"\n\n'
        b'--abc\nContent-Type: multipart/alternative; boundary="abc_inner"\n\n'
        b"--abc_inner\nContent-Type: text/plain\n\nplain\n--abc_inner\nContent-Type: text/html\n\n<p>html</p>\n"
        b"--abc_inner--\n"
        b'--abc\nContent-Type: application/pdf; name="a.pdf"\n\n%PDF-1.4 x\n--abc--\n'
    )
    parsed = parse_message(raw)
    assert parsed.body == "plain"
    assert [(a.filename, a.data) for a in parsed.attachments] == [("a.pdf", b"%PDF-1.4 x")]


def test_an_applicant_forwarding_the_organisations_announcement_stays_the_applicant() -> None:
    body = (
        "Bonjour, voici ma candidature.\n\n---------- Forwarded message ---------\n"
        "From: Recrutement ONG <recrutement@ong.ma>\nDate: Mon, 4 Mar 2024\nSubject: Appel\n"
        "To: <amina@example.ma>\n\nL'ONG recrute un formateur."
    )
    built = message(subject="Fwd: Appel", body=body, files=(("CV.pdf", PDF, "application/pdf"),))
    parsed = parse_message(built.as_bytes())
    assert (parsed.from_email, parsed.forwarded_by) == ("amina@example.ma", "")
    assert parsed.recipients == ["candidatures@ong.ma"]
    # The same announcement sent from a Gmail mailbox that is also the intake address.
    gmail = message(
        subject="Fwd: Appel",
        to="association.nour@gmail.com",
        body=body.replace("recrutement@ong.ma", "association.nour@gmail.com"),
    )
    parsed = parse_message(gmail.as_bytes())
    assert (parsed.from_email, parsed.forwarded_by) == ("amina@example.ma", "")
