"""Small real documents and messages for the intake tests."""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

import docx
import openpyxl
from fpdf import FPDF

FIXTURES = Path(__file__).parent / "fixtures"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def pdf_bytes(*lines: str) -> bytes:
    """A one-page PDF with a text layer (Latin script: fpdf2 does not shape Arabic)."""
    document = FPDF()
    document.add_page()
    document.add_font("DejaVu", "", str(FONT))
    document.set_font("DejaVu", size=11)
    for line in lines:
        document.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def message(
    *,
    subject: str = "Candidature",
    sender: str = "Amina Benali <amina@example.ma>",
    to: str = "candidatures@ong.ma",
    body: str = "Bonjour,\nci-joint mon dossier.\n",
    files: tuple[tuple[str, bytes, str], ...] = (),
    headers: tuple[tuple[str, str], ...] = (),
) -> EmailMessage:
    """A message as a mailer builds it: files are (name, data, mime type)."""
    built = EmailMessage()
    built["From"] = sender
    built["To"] = to
    built["Subject"] = subject
    built["Date"] = "Tue, 05 Mar 2024 10:00:00 +0100"
    built["Message-ID"] = "<built-1@example.ma>"
    for name, value in headers:
        built[name] = value
    built.set_content(body)
    for name, data, mime in files:
        maintype, subtype = mime.split("/", 1)
        built.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return built
