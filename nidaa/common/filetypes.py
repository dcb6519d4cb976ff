"""What a file is, from its content (never its name)."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable
from typing import IO

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
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
    zip-based formats, its members; None for anything else."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError):
        return None
    finally:
        stream.seek(0)
    return None


def sha256_of(chunks: Iterable[bytes]) -> str:
    """The hex SHA-256 of a file read in chunks (``upload.chunks()``), so a
    large upload is hashed without being held in memory."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()
