"""An upload handler that stops storing a file once it passes the size limit.

Django streams every uploaded file to memory or a temporary file before a
view sees it, so a 200 MB upload would be written in full before the form
says "too large". This handler runs first: past ``NIDAA_MAX_UPLOAD_BYTES`` it
swallows the remaining chunks (nothing more is buffered or written) and hands
the form an empty file whose ``size`` is the number of bytes received, so the
form's own size check reports the error in the user's language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(SimpleUploadedFile):
    """Stands for a refused upload: no content, the size that was seen."""

    def __init__(self, name: str, content_type: str, seen: int) -> None:
        super().__init__(name, b"", content_type)
        self.size = seen
        self.oversized = True


class MaxSizeUploadHandler(FileUploadHandler):
    """One per request: each file is cut at ``NIDAA_MAX_UPLOAD_BYTES`` and all
    the request's files together at ``NIDAA_MAX_REQUEST_BYTES`` (a request
    whose Content-Length says more is refused before, by
    ``common.middleware.RequestSizeMiddleware``; this also holds when the
    length is not known in advance)."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = int(getattr(settings, "NIDAA_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
        self.request_limit = int(getattr(settings, "NIDAA_MAX_REQUEST_BYTES", 100 * 1024 * 1024))
        self.total = 0
        self.seen = 0
        self.oversized = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.seen = 0
        self.oversized = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.seen += len(raw_data)
        self.total += len(raw_data)
        if self.seen > self.limit or self.total > self.request_limit:
            self.oversized = True
        # Returning None keeps the chunk from the next handlers (memory/temp file).
        return None if self.oversized else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.oversized:
            return None  # the next handler builds the real file
        return OversizedUpload(self.file_name or "", self.content_type or "", self.seen)
