"""Serving stored or received files back to a browser."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse


def attachment_response(handle: Any, *, filename: str, content_type: str) -> FileResponse:
    """Always an attachment, with the type detected by content: a file someone
    uploaded or e-mailed must never be rendered or sniffed into something else
    on our origin."""
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
