"""What a reader gives back, and how it says no. Shared by every format reader."""

from __future__ import annotations

from dataclasses import dataclass, field


class ReadError(Exception):
    """A document that cannot be read, with a stable code and a clear message.

    Codes: unsupported_type, too_large, corrupt, encrypted, empty, needs_ocr,
    unsafe (zip bombs and the like), not_found.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Document:
    """A ToR turned into normalised plain text.

    ``text`` is the normalised text that every evidence offset points into:
    Unicode NFC, one paragraph per line, page banners/footers removed,
    hyphenation mended. Extraction never changes it.
    """

    text: str
    format: str  # txt, md, html, docx, odt, pdf, eml
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    # Why the text read looks garbled (``letter_spaced``, ``no_words``; see
    # nidaa.tor.plausible), None when it reads as text. The document is still
    # returned: the file is kept and the issuer checks the fields.
    implausible: str | None = None
