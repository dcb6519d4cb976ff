"""Hostile inputs found by the attack of issue 10, each at a chosen scale.

Shared by the regression tests and ``scripts/bench_hostile.py`` (which runs
each at 1, 10 and 100 times; 100 is the size the attack used)."""

from __future__ import annotations

import functools
import io
import zipfile
import zlib
from email.message import EmailMessage

MIB = 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _zeros_deflated(size: int) -> bytes:
    compressor = zlib.compressobj(9)
    block = b"\0" * MIB
    parts = [compressor.compress(block) for _ in range(size // MIB)]
    parts.append(compressor.compress(b"\0" * (size % MIB)))
    parts.append(compressor.flush())
    return b"".join(parts)


@functools.cache
def zip_bomb_member(scale: int = 100) -> bytes:
    """An .odt-looking zip whose ``mimetype`` member inflates to 3 MiB x scale
    (300 MiB at 100: 306 KB on the wire), declared honestly."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        info = zipfile.ZipInfo("mimetype")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(3 * scale):
                member.write(b" " * MIB)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def zip_lying_member(scale: int = 100) -> bytes:
    """A zip whose ``mimetype`` member says it is 40 bytes but inflates to
    3 MiB x scale: its central directory lies."""
    data = zip_bomb_member(scale)
    real = 3 * scale * MIB
    # Rewrite the declared uncompressed sizes (local header and central
    # directory, in zip64 extra fields or not) of the first member.
    data = data.replace(real.to_bytes(8, "little"), (40).to_bytes(8, "little"))
    return data.replace(real.to_bytes(4, "little"), (40).to_bytes(4, "little"))


@functools.cache
def pdf_flate_bomb(scale: int = 100) -> bytes:
    """A one-page PDF with a text layer and a content stream that inflates
    to 6 MiB x scale (600 MiB at 100: about 600 KB on the wire)."""
    text = b"BT /F1 12 Tf 72 720 Td (Termes de reference) Tj ET\n"
    padding = 6 * scale * MIB
    compressor = zlib.compressobj(9)
    body = compressor.compress(text)
    block = b" " * MIB
    for _ in range(padding // MIB):
        body += compressor.compress(block)
    body += compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + content + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _message(subject: str = "Candidature") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Salma Idrissi <salma@example.org>"
    message["To"] = "appels@association.ma"
    message["Subject"] = subject
    message["Date"] = "Mon, 07 Dec 2026 09:00:00 +0100"
    message["Message-ID"] = "<hostile@example.org>"
    return message


def html_attributes_email(scale: int = 100, last: str = "") -> bytes:
    """An HTML-only message whose body is one element with 3,000 x scale
    attributes (300,000 and 2.9 MB at 100) and then ``last``, then a greeting."""
    attributes = " ".join(f"a{index}=x" for index in range(3_000 * scale)) + last
    message = _message()
    message.set_content(f"<html><body><p {attributes}>Bonjour</p><p>Ma candidature</p></body></html>", "html")
    return message.as_bytes()


def many_parts_eml(scale: int = 100) -> bytes:
    """A message of 500 x scale tiny MIME parts (50,000 at 100)."""
    boundary = "b0undary"
    head = (
        "From: Salma Idrissi <salma@example.org>\r\nTo: appels@association.ma\r\n"
        "Subject: Candidature\r\nMessage-ID: <parts@example.org>\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'
    )
    part = f"--{boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n"
    return (head + part * (500 * scale) + f"--{boundary}--\r\n").encode()


def long_line_email(scale: int = 100) -> bytes:
    """A plain message whose body is one line of dates and addresses,
    2.4 KB x scale (240 KB at 100)."""
    message = _message()
    message.set_content("le 12/03/2026 ecrire a a@b.ma, " * (80 * scale) + "\n")
    return message.as_bytes()


def pdf_attachment_email(pdf: bytes, filename: str = "document.pdf") -> bytes:
    """A message carrying ``pdf`` under a name that says nothing, so intake
    opens it to classify it."""
    message = _message()
    message.set_content("Veuillez trouver ci-joint mon dossier.")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    return message.as_bytes()
