"""E-mails: attached ToR first, then the body; encoded filenames."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from nidaa.tor.readers import read_bytes, read_path
from tests.tor.renderings import to_docx, to_eml, to_pdf

TOR = "Termes de référence\nRecrutement d'un formateur en plaidoyer.\nDélai : 5 janvier 2025 à 23h59."
BODY = "Bonjour,\nVeuillez trouver ci-joint l'appel. Merci de diffuser."


def test_eml_attachment_text_comes_first_then_the_body(tmp_path: Path) -> None:
    attachment = to_docx(TOR, tmp_path / "tdr.docx")
    path = to_eml(tmp_path / "mail.eml", body=BODY, attachment=attachment)
    document = read_path(path)
    assert document.format == "eml"
    assert document.text == f"{TOR}\n\n{BODY}"


def test_eml_pdf_attachment_with_rfc2231_non_ascii_filename(tmp_path: Path) -> None:
    attachment = to_pdf(TOR, tmp_path / "tdr.pdf", banner=None, footer=False)
    path = to_eml(tmp_path / "m.eml", body=BODY, attachment=attachment, attachment_name="TdR — Délai.pdf")
    raw = path.read_bytes()
    assert b"filename*=" in raw  # RFC 2231 encoding, as mail clients write it
    assert read_path(path).text == f"{TOR}\n\n{BODY}"


def test_eml_encoded_word_filename_and_html_body(tmp_path: Path) -> None:
    message = EmailMessage()
    message["Subject"] = "Appel"
    message.set_content(
        "<html><body><p>Bonjour</p><p>Voir la pièce jointe.</p></body></html>", subtype="html"
    )
    message.add_attachment(
        TOR.encode("cp1252"), maintype="application", subtype="octet-stream", filename="x.txt"
    )
    raw = bytes(message).replace(b'filename="x.txt"', b'filename="=?utf-8?q?Appel_=C3=A0_candidatures.txt?="')
    document = read_bytes(raw, "mail.eml")
    assert document.text == f"{TOR}\n\nBonjour\nVoir la pièce jointe."


def test_eml_skips_images_and_reports_unreadable_attachments(tmp_path: Path) -> None:
    message = EmailMessage()
    message["Subject"] = "Appel"
    message.set_content(TOR)
    message.add_attachment(b"\x89PNG\r\n\x1a\n....", maintype="image", subtype="png", filename="logo.png")
    message.add_attachment(
        b"PK\x03\x04broken", maintype="application", subtype="octet-stream", filename="a.docx"
    )
    document = read_bytes(bytes(message), "m.eml")
    assert document.text == TOR
    assert document.warnings == [
        "attachment 'a.docx' not read: the .docx file is damaged (not a readable zip)"
    ]


def test_eml_forwarded_message_is_read_recursively(tmp_path: Path) -> None:
    inner = to_eml(tmp_path / "inner.eml", body=TOR)
    message = EmailMessage()
    message["Subject"] = "Fwd: Appel"
    message.set_content("Pour info.")
    message.add_attachment(
        inner.read_bytes(), maintype="application", subtype="octet-stream", filename="appel.eml"
    )
    assert read_bytes(bytes(message), "fwd.eml").text == f"{TOR}\n\nPour info."
