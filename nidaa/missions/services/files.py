"""A deliverable's or a signed sheet's upload: checked by content, stored by hash."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from django.core.files.base import File

from nidaa.common.filetypes import detect_document_type, sha256_of
from nidaa.common.storage import save_content_addressed
from nidaa.missions.services.errors import MissionError

# Deliverables are reports, tools, scans: the application pieces' types.
DELIVERABLE_TYPES = ("pdf", "docx", "odt", "xlsx", "jpeg", "png")
SCAN_TYPES = ("pdf", "jpeg", "png")
MAX_FILE_BYTES = 25 * 1024 * 1024


def store_upload(
    upload: IO[bytes], *, name_for: Callable[[str], str], allowed: tuple[str, ...]
) -> tuple[str, str, int, str]:
    """Check an upload by content and store it under its hash: (kind, sha256, size, stored name)."""
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(0)
    if size > MAX_FILE_BYTES:
        raise MissionError("file_too_large")
    kind = detect_document_type(upload)
    if kind not in allowed:
        raise MissionError("file_type")
    upload.seek(0)
    digest = sha256_of(iter(lambda: upload.read(1024 * 1024), b""))
    upload.seek(0)
    name = name_for(digest)
    stored = save_content_addressed(name, File(upload), sha256=digest, size=size)
    return kind, digest, size, stored
