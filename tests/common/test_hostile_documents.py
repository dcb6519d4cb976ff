"""Issue 10, item 2: a small upload must never make a worker inflate a bomb.

Type detection (application pieces, profile CVs, e-mail attachments, the
triage pages that re-read a stored message) reads a zip's directory and the
declared sizes before it inflates a byte, and counts a PDF's Flate streams
without holding them."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable
from typing import Any

from nidaa.common.filetypes import detect_document_type, pdf_inflates_safely, zip_is_safe
from nidaa.mailintake import parse_message
from tests.hostile import MIB, pdf_attachment_email, pdf_flate_bomb, zip_bomb_member, zip_lying_member
from tests.mailintake.documents import docx_bytes, pdf_bytes


def peak_bytes(function: Callable[[], Any]) -> tuple[Any, int]:
    """``function()``'s result and the most memory Python held while it ran."""
    tracemalloc.start()
    try:
        result = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_zip_whose_mimetype_inflates_to_300_mib_is_refused_without_inflating_it():
    bomb = zip_bomb_member(100)
    assert len(bomb) < 400_000

    kind, peak = peak_bytes(lambda: detect_document_type(io.BytesIO(bomb)))

    assert kind is None
    assert peak < 2 * MIB


def test_zip_member_lying_about_its_size_is_never_inflated_past_the_declared_size():
    liar = zip_lying_member(100)
    with zipfile.ZipFile(io.BytesIO(liar)) as archive:
        assert archive.getinfo("mimetype").file_size == 40

    kind, peak = peak_bytes(lambda: detect_document_type(io.BytesIO(liar)))

    assert kind is None
    assert peak < 2 * MIB


def test_zip_with_more_members_than_any_document_is_refused_from_its_end_record():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for index in range(5_001):
            archive.writestr(f"{index}", "")

    assert zip_is_safe(buffer) is False
    assert detect_document_type(buffer) is None


def test_a_real_docx_is_still_a_docx():
    assert detect_document_type(io.BytesIO(docx_bytes("Curriculum vitae"))) == "docx"


def test_pdf_whose_flate_stream_inflates_to_600_mib_is_refused_counting_not_holding():
    bomb = pdf_flate_bomb(100)
    assert len(bomb) < 700_000

    kind, peak = peak_bytes(lambda: detect_document_type(io.BytesIO(bomb)))

    assert kind is None
    assert peak < 4 * MIB + len(bomb)


def test_pdf_with_ordinary_flate_content_is_a_pdf():
    ordinary = pdf_bytes("Curriculum vitae", "Salma Idrissi, consultante")

    assert pdf_inflates_safely(io.BytesIO(ordinary)) is True
    assert detect_document_type(io.BytesIO(ordinary)) == "pdf"


def test_pdf_of_many_unterminated_streams_is_scanned_in_linear_time():
    # "stream" without "endstream", 200,000 times: each search starts where
    # the last one stopped, so this is one pass, not 200,000.
    hostile = b"%PDF-1.4\n" + b"stream\n" * 200_000

    assert pdf_inflates_safely(io.BytesIO(hostile)) is True


def test_email_attachment_zip_bomb_is_parsed_without_inflating_it():
    message = pdf_attachment_email(zip_bomb_member(100), filename="dossier.odt")

    parsed, peak = peak_bytes(lambda: parse_message(message))

    assert [(attachment.filename, attachment.kind) for attachment in parsed.attachments] == [
        ("dossier.odt", None)
    ]
    assert peak < 16 * MIB
