"""Read and extract in one call: what the CLI and the Django app use."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from nidaa.tor.document import Document, ReadError
from nidaa.tor.extract import extract_fields

logger = logging.getLogger(__name__)


def read_and_extract(data: bytes, filename: str) -> tuple[Document, dict[str, Any]]:
    """The document's normalised text and its fields. Raises ``ReadError``."""
    from nidaa.tor.readers import read_bytes

    document = read_bytes(data, filename)
    return document, _fields_of(document)


# How much a field's confidence is worth when the text it was read from looks garbled.
IMPLAUSIBLE_CONFIDENCE_FACTOR = 0.3


def _fields_of(document: Document) -> dict[str, Any]:
    """The fields of a read document. From an implausible text (letter-spaced,
    no words) every confidence is cut, so the review page sends the issuer to
    check each field, and ``implausible`` says why."""
    fields = extract_fields(document.text)
    if document.implausible:
        fields["implausible"] = document.implausible
        fields["confidence"] = {
            name: round(value * IMPLAUSIBLE_CONFIDENCE_FACTOR, 2)
            for name, value in fields["confidence"].items()
        }
    return fields


def extract_path(path: str) -> dict[str, Any]:
    """The JSON object ``nidaa tor extract`` prints for one file (never raises
    for a bad document: the error goes in the object).

    A readable file gives ``source``, every contract field, and
    ``document_format``, ``text_length`` and ``warnings`` (when any); an
    unreadable one gives ``source``, ``error`` and ``error_code``.
    """
    from nidaa.tor.readers import read_path

    try:
        document = read_path(Path(path))
    except ReadError as error:
        return {"source": path, "error": error.message, "error_code": error.code}
    try:
        fields = _fields_of(document)
    except Exception:  # noqa: BLE001 - one bad document must not stop a batch
        logger.exception("field extraction failed on %s", path)
        return {
            "source": path,
            "error": "field extraction failed (a bug: please report it)",
            "error_code": "internal",
        }
    row: dict[str, Any] = {"source": path, **fields}
    row["document_format"] = document.format
    row["text_length"] = len(document.text)
    if document.warnings:
        row["warnings"] = list(document.warnings)
    return row
