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
