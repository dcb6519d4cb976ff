"""Issue 10, items 2 and 5: an uploaded ToR is read under a time and memory
budget that the file cannot escape, and refused with a clear error."""

from __future__ import annotations

import resource

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from nidaa.calls import reading
from nidaa.calls.models import Call
from nidaa.calls.services import import_tor
from nidaa.common.budget import Budget
from nidaa.tor.document import ReadError
from tests.calls.conftest import TOR_TEXT
from tests.hostile import pdf_flate_bomb

MIB = 1024 * 1024


def spin(text):
    while True:
        pass


def hoard(text):
    hoard = []
    while True:
        hoard.append(bytearray(16 * MIB))


@pytest.fixture
def small_budget(monkeypatch):
    monkeypatch.setattr(reading, "TOR_BUDGET", Budget(seconds=2.0, memory_bytes=256 * MIB))


def test_tor_whose_reading_never_ends_is_refused_within_the_budget(org, small_budget, monkeypatch):
    # A path of the reader we do not know is quadratic yet: the extractor never returns.
    monkeypatch.setattr("nidaa.tor.api.extract_fields", spin)

    with pytest.raises(ReadError) as refused:
        import_tor(organization=org, data=TOR_TEXT.encode(), filename="tdr.txt", actor=None)

    assert refused.value.code == "too_costly"
    assert (
        refused.value.message
        == "reading the document was stopped (time) within its budget of 2 s and 256 MB; refused"
    )
    assert Call.objects.count() == 0


def test_tor_whose_reading_takes_all_memory_is_refused_and_the_worker_does_not_grow(org, monkeypatch):
    # Time enough to reach the memory limit on a loaded machine.
    monkeypatch.setattr(reading, "TOR_BUDGET", Budget(seconds=60.0, memory_bytes=256 * MIB))
    monkeypatch.setattr("nidaa.tor.api.extract_fields", hoard)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    with pytest.raises(ReadError) as refused:
        import_tor(organization=org, data=TOR_TEXT.encode(), filename="tdr.txt", actor=None)

    assert refused.value.code == "too_costly"
    assert "stopped (memory)" in refused.value.message
    # ru_maxrss is in KiB: the worker itself took none of the 256 MB.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 32 * 1024
    assert Call.objects.count() == 0


def test_pdf_tor_with_a_600_mib_flate_stream_is_refused_as_unsafe_before_reading(org):
    with pytest.raises(ReadError) as refused:
        import_tor(organization=org, data=pdf_flate_bomb(100), filename="tdr.pdf", actor=None)

    assert refused.value.code == "unsafe"
    assert Call.objects.count() == 0


def test_the_import_page_says_the_document_was_too_costly_to_read(
    member_client, org, small_budget, monkeypatch
):
    monkeypatch.setattr("nidaa.tor.api.extract_fields", spin)

    response = member_client.post(
        "/en/calls/import/",
        {"organization": org.pk, "file": SimpleUploadedFile("tdr.txt", TOR_TEXT.encode(), "text/plain")},
    )

    assert response.status_code == 400
    assert (
        "Reading the document took more time or memory than a document may use: it was refused."
        in response.content.decode()
    )
    assert Call.objects.count() == 0


def test_a_tor_within_its_budget_is_read_by_the_real_reader(org):
    call = import_tor(organization=org, data=TOR_TEXT.encode(), filename="tdr.txt", actor=None)

    assert call.text.startswith(TOR_TEXT.strip().splitlines()[0].strip())


def crash(text):
    raise IndexError("a bug of the reader")


def test_a_reader_bug_on_a_file_is_a_clear_error_not_a_server_error(member_client, org, monkeypatch):
    monkeypatch.setattr("nidaa.tor.api.extract_fields", crash)

    response = member_client.post(
        "/en/calls/import/",
        {"organization": org.pk, "file": SimpleUploadedFile("tdr.txt", TOR_TEXT.encode(), "text/plain")},
    )

    assert response.status_code == 400
    assert "The document could not be read because of an error on our side" in response.content.decode()
    assert Call.objects.count() == 0


@settings(max_examples=40, deadline=None)
@given(
    head=st.sampled_from(
        [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"From: a@b.ma\r\n\r\n", b"\xef\xbb\xbf"]
    ),
    body=st.binary(max_size=3000),
    name=st.sampled_from(
        ["tdr.pdf", "tdr.docx", "tdr.odt", "tdr.html", "tdr.txt", "tdr.md", "tdr.eml", "tdr"]
    ),
)
def test_any_file_is_read_or_refused_with_a_read_error(head, body, name):
    try:
        document, fields = reading.read_tor_within_budget(head + body, name)
    except ReadError as error:
        assert error.code in {
            "unsupported_type", "too_large", "corrupt", "encrypted", "empty", "needs_ocr", "unsafe",
            "too_costly", "internal",
        }  # fmt: skip
    else:
        assert isinstance(document.text, str)
        assert isinstance(fields, dict)
