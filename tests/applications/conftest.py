import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nidaa.calls.models import CallStatus
from tests.conftest import client_for
from tests.factories import CallFactory, UserFactory

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


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _local_imap_servers_allowed(settings):
    # The tests' IMAP servers listen on 127.0.0.1, which production refuses
    # (test_mailbox_connection_guard.py checks that, with this setting off).
    settings.NIDAA_MAILBOX_ALLOW_PRIVATE_HOSTS = True


@pytest.fixture
def call(db):
    return CallFactory(
        status=CallStatus.PUBLISHED,
        deadline=timezone.now() + timedelta(days=3),
        required_documents=["cv", "cover_letter", "other:attestation de TVA"],
    )


@pytest.fixture
def applicant(db):
    return UserFactory(username="amina", email="amina@example.org")


@pytest.fixture
def applicant_client(applicant):
    return client_for(applicant)
