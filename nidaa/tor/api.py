"""Read and extract in one call: what the CLI and the Django app use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nidaa.tor.document import Document, ReadError
from nidaa.tor.extract import extract_fields


def read_and_extract(data: bytes, filename: str) -> tuple[Document, dict[str, Any]]:
    """The document's normalised text and its fields. Raises ``ReadError``."""
    from nidaa.tor.readers import read_bytes

    document = read_bytes(data, filename)
    return document, extract_fields(document.text)


def extract_path(path: str) -> dict[str, Any]:
    """The JSON object ``nidaa tor extract`` prints for one file (never raises
    for a bad document: the error goes in the object)."""
    from nidaa.tor.readers import read_path

    try:
        document = read_path(Path(path))
    except ReadError as error:
        return {"source": path, "error": error.message, "error_code": error.code}
    return {"source": path, **extract_fields(document.text)}
