"""Every way a document can be refused, with its code, and the size limits."""

from __future__ import annotations

import io
import os
import resource
import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest

from nidaa.tor.document import ReadError
from nidaa.tor.readers import read_bytes, read_path
from tests.tor.renderings import to_docx, to_odt

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _code(data: bytes, filename: str, **kwargs: int) -> tuple[str, str]:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, filename, **kwargs)
    return caught.value.code, caught.value.message


def _docx_bytes(text: str = "Appel à candidatures") -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "code", "message_part"),
    [
        (
            b"\x89PNG\r\n\x1a\n" + bytes(100),
            "scan.png",
            "unsupported_type",
            "unsupported file type: PNG image",
        ),
        (b"col1,col2\n1,2\n", "data.csv", "unsupported_type", "unsupported file type: .csv"),
        (b"{\\rtf1\\ansi hello}", "tdr.rtf", "unsupported_type", "RTF"),
        (OLE + "WordDocument".encode("utf-16-le"), "tdr.doc", "unsupported_type", "save it as .docx"),
        (OLE + "EncryptedPackage".encode("utf-16-le"), "tdr.docx", "encrypted", "password"),
        (b"PK\x03\x04 not really a zip", "tdr.docx", "corrupt", "damaged"),
        (b"this is not a pdf", "tdr.pdf", "corrupt", "not a valid .pdf"),
        (b"%PDF-1.7\n garbage garbage", "tdr.pdf", "corrupt", "PDF is damaged"),
        (b"", "empty.txt", "empty", "empty"),
        (b"  \n\t \r\n", "blank.txt", "empty", "empty"),
        (b"<html><body><script>x()</script></body></html>", "a.html", "empty", "no text"),
        (b"x" * 101, "big.txt", "too_large", "too large"),
    ],
)
def test_refusals(data: bytes, filename: str, code: str, message_part: str) -> None:
    got_code, message = _code(data, filename, max_bytes=100) if code == "too_large" else _code(data, filename)
    assert got_code == code
    assert message_part in message


def test_other_office_zips_are_unsupported() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert _code(buffer.getvalue(), "budget.docx") == (
        "unsupported_type",
        "unsupported file type: Excel workbook",
    )


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    assert _code(path.read_bytes(), "blank.docx") == ("empty", "the document has no text")


def test_truncated_docx_and_odt_are_corrupt(tmp_path: Path) -> None:
    for path in (to_docx("Texte", tmp_path / "a.docx"), to_odt("Texte", tmp_path / "a.odt")):
        data = path.read_bytes()
        assert _code(data[: len(data) // 2], path.name)[0] == "corrupt"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_path(tmp_path / "nope.docx")
    assert caught.value.code == "not_found"
    with pytest.raises(ReadError) as caught:
        read_path(tmp_path)
    assert caught.value.code == "unsupported_type"


def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert caught.value.code == "unsupported_type"


def test_200_mb_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as handle:  # sparse: costs no disk
        handle.truncate(200 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert time.perf_counter() - started < 2
    assert caught.value.code == "too_large"
    assert caught.value.message == "the file is too large (200.0 MB; the limit is 20 MB)"


def test_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Appel à candidatures")
    assert read_path(path, max_bytes=1000).text == "Appel à candidatures"
    with pytest.raises(ReadError) as caught:
        read_path(path, max_bytes=10)
    assert caught.value.code == "too_large"


def _patch_declared_size(data: bytes, name: bytes, size: int) -> bytes:
    """Make the zip's headers claim ``name`` unpacks to ``size`` bytes."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_offset = 30 if signature == b"PK\x03\x04" else 46
            name_length = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[
                0
            ]
            if bytes(data[start + name_offset : start + name_offset + name_length]) == name:
                struct.pack_into("<I", data, start + offset, size)
            start += 4
    return bytes(data)


def _assert_refused_fast_and_small(data: bytes) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ReadError) as caught:
            read_bytes(data, "bomb.docx")
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == "unsafe"
    assert "zip bomb" in caught.value.message
    assert elapsed < 2
    assert peak < 20 * 1024 * 1024 + 3 * len(data)


def test_zip_bomb_declaring_2_gb_is_refused_without_inflating() -> None:
    data = _patch_declared_size(_docx_bytes(), b"word/document.xml", 2 * 1024**3 - 1)
    _assert_refused_fast_and_small(data)


def test_real_zip_bomb_is_refused_without_inflating(tmp_path: Path) -> None:
    # 300 MB of zeros, streamed into the zip so building it stays small too.
    path = tmp_path / "bomb.docx"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as valid:
            for info in valid.infolist():
                if info.filename != "word/document.xml":
                    archive.writestr(info.filename, valid.read(info.filename))
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(chunk)
    data = path.read_bytes()
    assert len(data) < 2 * 1024 * 1024
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _assert_refused_fast_and_small(data)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 50 * 1024  # KiB


def test_many_small_members_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
        for index in range(6000):
            archive.writestr(f"word/media/{index}.bin", b"")
    assert _code(buffer.getvalue(), "a.docx")[0] == "unsafe"


def test_read_path_never_reads_past_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"a" * 50)
    assert os.path.getsize(path) == 50
    with pytest.raises(ReadError):
        read_path(path, max_bytes=49)
