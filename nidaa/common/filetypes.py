"""What a file is, from its content (never its name)."""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable
from typing import IO

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# A document's zip has tens of members, hundreds at most; zipfile builds an
# object per member of the central directory before we can look, so the count
# is read from the end record first.
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_DIRECTORY_BYTES = 4 * 1024 * 1024
# Declared sizes, checked before a byte is inflated (as the ToR reader's zipsafe does).
MAX_ZIP_TOTAL_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ZIP_MEMBER_UNCOMPRESSED = 60 * 1024 * 1024
# Deflated XML reaches ~20:1 and a page of repeated runs ~100:1; a bomb is
# in the thousands. Small members may compress further without harm.
MAX_ZIP_RATIO = 200
ZIP_RATIO_FLOOR = 1024 * 1024
# A PDF's Flate streams: a page's contents or a scanned page reach tens to
# a hundred to one, a bomb a thousand; past the floor a stream may not
# inflate more than the ratio, and the whole file never past the total.
MAX_PDF_RATIO = 200
PDF_RATIO_FLOOR = 32 * 1024 * 1024
MAX_PDF_INFLATED = 256 * 1024 * 1024
_INFLATE_CHUNK = 1024 * 1024
_END_OF_DIRECTORY = b"PK\x05\x06"
# "stream" then its end of line: where each stream's data starts.
_PDF_STREAM = re.compile(rb"stream\r?\n")
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    OSError,
    EOFError,
    ValueError,
    zlib.error,
    NotImplementedError,
    RuntimeError,
)
DOCUMENT_TYPES = ("pdf", "docx", "odt", "xlsx", "jpeg", "png")
# The MIME type served for each detected type (never one taken from a file name).
MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "jpeg": "image/jpeg",
    "png": "image/png",
}


def mime_type(kind: str | None) -> str:
    """The MIME type to serve a file of detected type ``kind`` with."""
    return MIME_TYPES.get(kind or "", "application/octet-stream")


def detect_document_type(stream: IO[bytes]) -> str | None:
    """One of ``DOCUMENT_TYPES`` from the file's first bytes and, for the
    zip-based formats, its members; None for anything else, and for a PDF
    whose streams inflate like a bomb (``pdf_inflates_safely``)."""
    kind = sniff_document_type(stream)
    if kind == "pdf" and not pdf_inflates_safely(stream):
        return None
    return kind


def sniff_document_type(stream: IO[bytes]) -> str | None:
    """``detect_document_type`` without inflating a PDF's streams: what a
    stored file is served as (its content was checked when it was received)."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        if not zip_is_safe(stream):
            return None
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and _small_member(archive, "mimetype").strip() == ODT_MIMETYPE:
                return "odt"
    except _ZIP_ERRORS:
        return None
    finally:
        stream.seek(0)
    return None


def _small_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member that is a few bytes long (ODF's ``mimetype``): refused by its
    declared size, and never inflated past it if the size lies."""
    info = archive.getinfo(name)
    limit = len(ODT_MIMETYPE) + 2
    if info.file_size > limit:
        return b""
    with archive.open(info) as member:
        # ZipExtFile.read(n) inflates at most n bytes of output.
        return member.read(limit)


def zip_is_safe(stream: IO[bytes]) -> bool:
    """Whether a zip's directory is one a document may have: few members,
    declared sizes and ratios of a document, not of a bomb. Nothing is
    inflated, and the member count is read from the end record before
    zipfile builds an object per member."""
    stream.seek(0, 2)
    size = stream.tell()
    tail_start = max(0, size - (65_535 + 22))
    stream.seek(tail_start)
    tail = stream.read()
    stream.seek(0)
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < 22:
        return False
    # End record: signature, disk numbers, entries on this disk, entries, directory size, offset.
    entries, directory_bytes = struct.unpack("<HL", tail[at + 10 : at + 16])
    # 0xFFFF / 0xFFFFFFFF mean zip64: no document of ours needs it.
    if entries > MAX_ZIP_MEMBERS or directory_bytes > MAX_ZIP_DIRECTORY_BYTES:
        return False
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except _ZIP_ERRORS:
        return False
    finally:
        stream.seek(0)
    if len(infos) > MAX_ZIP_MEMBERS:
        return False
    if sum(info.file_size for info in infos) > MAX_ZIP_TOTAL_UNCOMPRESSED:
        return False
    return not any(
        info.file_size > MAX_ZIP_MEMBER_UNCOMPRESSED
        or (info.file_size > ZIP_RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1))
        for info in infos
    )


def pdf_inflates_safely(stream: IO[bytes]) -> bool:
    """Whether every Flate stream of a PDF inflates within bounds (see
    ``MAX_PDF_RATIO``). Each stream is inflated a megabyte at a time and
    counted, never held, and the count stops at the first bound passed: a
    600 KB file holding 600 MiB is refused after 120 MB of counting, a
    fraction of a second and no memory."""
    stream.seek(0)
    data = stream.read()
    stream.seek(0)
    total = 0
    start = 0
    while True:
        match = _PDF_STREAM.search(data, start)
        if match is None:
            return True
        start = match.end()
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        # Counting stops at this stream's bound: a bomb is refused early.
        bound = min(MAX_PDF_INFLATED - total, max(PDF_RATIO_FLOOR, MAX_PDF_RATIO * (end - start)))
        inflated = _inflated_size(data, start, end, limit=bound)
        if inflated is None:
            return False
        total += inflated
        start = max(start, end)


def _inflated_size(data: bytes, start: int, end: int, *, limit: int) -> int | None:
    """How many bytes ``data[start:end]`` inflates to (0 when it is no Flate
    stream), or None past ``limit``."""
    inflater = zlib.decompressobj()
    view = memoryview(data)[start:end]
    size = offset = 0
    try:
        while offset < len(view) and not inflater.eof:
            pending = bytes(view[offset : offset + _INFLATE_CHUNK])
            offset += len(pending)
            # A bomb's megabyte of input holds a gigabyte: drained a bounded chunk at a time.
            while True:
                out = len(inflater.decompress(pending, _INFLATE_CHUNK))
                size += out
                if size > limit:
                    return None
                pending = inflater.unconsumed_tail
                # No progress, the end of the stream, or this input drained (a
                # full chunk out may leave output buffered: asked for again).
                if not out or inflater.eof or (not pending and out < _INFLATE_CHUNK):
                    break
    except zlib.error:
        pass  # not Flate (an image, text), or damaged past this point
    return size


def sha256_of(chunks: Iterable[bytes]) -> str:
    """The hex SHA-256 of a file read in chunks (``upload.chunks()``), so a
    large upload is hashed without being held in memory."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()
