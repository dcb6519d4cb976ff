"""A huge upload is refused with a clear message, quickly, and nothing is stored."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nidaa.calls.models import Call
from nidaa.common.uploads import MaxSizeUploadHandler


def test_handler_stops_passing_chunks_on_past_the_limit(settings):
    settings.NIDAA_MAX_UPLOAD_BYTES = 10
    handler = MaxSizeUploadHandler()
    handler.new_file("file", "big.pdf", "application/pdf", 100)
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    assert handler.receive_data_chunk(b"67890", 5) == b"67890"
    assert handler.receive_data_chunk(b"x", 10) is None
    assert handler.receive_data_chunk(b"more", 11) is None
    refused = handler.file_complete(15)
    assert refused is not None
    assert (refused.size, refused.read()) == (15, b"")


def test_handler_leaves_a_file_under_the_limit_to_the_next_handler(settings):
    settings.NIDAA_MAX_UPLOAD_BYTES = 10
    handler = MaxSizeUploadHandler()
    handler.new_file("file", "small.txt", "text/plain", 4)
    assert handler.receive_data_chunk(b"1234", 0) == b"1234"
    assert handler.file_complete(4) is None


@pytest.mark.django_db
def test_oversized_tor_upload_is_refused_quickly_and_nothing_is_stored(owner_client, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.NIDAA_TOR_MAX_BYTES = settings.NIDAA_MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("appel.pdf", b"%PDF-1.7\n" + b"0" * (40 * 1024 * 1024), "application/pdf")
    started = time.monotonic()
    response = owner_client.post("/en/calls/import/", {"organization": org.pk, "file": big})
    elapsed = time.monotonic() - started
    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()
    assert elapsed < 2
    assert Call.objects.count() == 0
    assert list(tmp_path.rglob("*")) == []


def test_handler_caps_all_the_files_of_a_request_together(settings):
    settings.NIDAA_MAX_UPLOAD_BYTES = 10
    settings.NIDAA_MAX_REQUEST_BYTES = 15
    handler = MaxSizeUploadHandler()
    handler.new_file("cv", "cv.pdf", "application/pdf", 8)
    assert handler.receive_data_chunk(b"12345678", 0) == b"12345678"
    assert handler.file_complete(8) is None
    handler.new_file("letter", "letter.pdf", "application/pdf", 8)
    # Each file is under its own limit; together they pass the request's.
    assert handler.receive_data_chunk(b"12345678", 0) is None
    refused = handler.file_complete(8)
    assert refused is not None
    assert (refused.size, refused.read()) == (8, b"")


@pytest.mark.django_db
def test_a_two_gigabyte_request_of_many_file_fields_is_refused_before_its_body_is_read(
    owner_client, settings, tmp_path
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    # What 100 file fields of 19 MB each announce; the body itself is never read.
    response = owner_client.generic(
        "POST",
        "/fr/accounts/profile/",
        b"x" * 10,
        content_type="multipart/form-data; boundary=B",
        CONTENT_LENGTH=str(100 * 19 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_a_request_with_more_files_than_allowed_is_refused(owner_client, settings):
    files = {f"f{n}": SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.7\n", "application/pdf") for n in range(31)}
    response = owner_client.post("/fr/accounts/profile/", files)
    assert response.status_code == 400


def test_the_default_caps_of_a_request():
    from django.conf import settings

    assert (settings.DATA_UPLOAD_MAX_NUMBER_FILES, settings.NIDAA_MAX_REQUEST_BYTES) == (
        30,
        100 * 1024 * 1024,
    )
