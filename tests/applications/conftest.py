import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    # Fixed member dates: zipfile stamps members with the current time, so two
    # calls a second apart would give different bytes (and a different sha256).
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 6, 23, 59, 0)), text)
    return buffer.getvalue()


def pdf_upload(name: str = "cv.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/pdf")


def docx_upload(name: str = "Lettre de motivation.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes(), "application/octet-stream")


@pytest.fixture
def call(open_call):
    return open_call
