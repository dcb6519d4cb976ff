"""Serving stored or received files back to a browser."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse

from nidaa.common.filetypes import mime_type, sniff_document_type


def attachment_response(handle: Any, *, filename: str, content_type: str) -> FileResponse:
    """Always an attachment, with the type detected by content: a file someone
    uploaded or e-mailed must never be rendered or sniffed into something else
    on our origin."""
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stored_file_response(handle: Any, *, filename: str) -> FileResponse:
    """A stored file (a ToR, a CV) as an attachment, typed by its content:
    a PDF+HTML polyglot named ``cv.html`` goes out as application/pdf, an
    HTML ToR as application/octet-stream, never text/html from the name."""
    kind = sniff_document_type(handle)
    handle.seek(0)
    return attachment_response(handle, filename=filename, content_type=mime_type(kind))
