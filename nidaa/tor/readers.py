"""Read a ToR document of any supported format into a normalised ``Document``.

The format is told by the file's CONTENT (PDF header, zip members, OLE
container), never trusted from its name, except for the plain-text kinds
(.txt, .md, .html/.htm, .eml) that have no signature. Every failure, ours or
a third-party parser's, comes out as a ``ReadError`` with a stable code and a
message a person understands.

No Django here: the CLI, the web app and the benchmark share this module.
"""

from __future__ import annotations

import logging
import os
import stat
import zipfile
from pathlib import Path

from nidaa.tor.document import Document, ReadError
from nidaa.tor.formats import docx, eml, html, odt, pdf, sitejson, text
from nidaa.tor.formats.zipsafe import open_zip
from nidaa.tor.normalize import normalize
from nidaa.tor.plausible import MESSAGES, implausible_reason

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000  # ~600 pages of text: more is not a ToR

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_KINDS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html"}
TEXT_KINDS |= {".htm": "html", ".xhtml": "html", ".eml": "eml"}
# Signatures of things that are certainly not a ToR we can read.
_OTHER_SIGNATURES = (
    (b"{\\rtf", "RTF document (save it as .docx or PDF)"),
    (b"\x89PNG", "PNG image (a scan needs OCR)"),
    (b"\xff\xd8\xff", "JPEG image (a scan needs OCR)"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image (a scan needs OCR)"),
    (b"MM\x00*", "TIFF image (a scan needs OCR)"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
)


def detect_format(data: bytes, filename: str) -> str:
    """The reader to use: pdf, docx, odt, txt, md, html or eml.

    Raises ``ReadError`` for what is recognisably something else.
    """
    return _detect(data, filename)[0]


def _detect(data: bytes, filename: str) -> tuple[str, zipfile.ZipFile | None]:
    """The reader to use, and for a .docx or .odt its zip, already opened."""
    extension = Path(filename).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return "pdf", None
    if data.startswith(OLE_MAGIC):
        raise _ole_error(data, extension)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_format(data, extension)
    for signature, what in _OTHER_SIGNATURES:
        if data.startswith(signature):
            raise ReadError("unsupported_type", f"unsupported file type: {what}")
    if extension in TEXT_KINDS:
        return TEXT_KINDS[extension], None
    if extension in {".docx", ".odt", ".pdf", ".docm", ".dotx"}:
        raise ReadError("corrupt", f"the file is not a valid {extension} (its content does not match)")
    if extension == ".doc":
        raise ReadError("corrupt", "the file is not a valid Word .doc file")
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html", None
    raise ReadError(
        "unsupported_type",
        f"unsupported file type: {extension or 'no extension'} "
        "(send .docx, .pdf, .odt, .html, .md, .txt or .eml)",
    )


def _ole_error(data: bytes, extension: str) -> ReadError:
    # An OLE2 container: an encrypted OOXML file (Office wraps those in
    # OLE with an "EncryptedPackage" stream) or a legacy binary Office file.
    if "EncryptedPackage".encode("utf-16-le") in data[:1_000_000] or extension in {".docx", ".docm"}:
        return ReadError(
            "encrypted", "the document is password-protected; remove the password and send it again"
        )
    if "WordDocument".encode("utf-16-le") in data[:1_000_000] or extension == ".doc":
        return ReadError(
            "unsupported_type",
            "unsupported file type: legacy Word .doc; open it in Word or LibreOffice and save it as .docx",
        )
    return ReadError(
        "unsupported_type", "unsupported file type: legacy Office (OLE) file; save it as .docx or PDF"
    )


def _zip_format(data: bytes, extension: str) -> tuple[str, zipfile.ZipFile]:
    archive = open_zip(data)
    if archive is None:
        raise ReadError("corrupt", f"the {extension or 'zip'} file is damaged (not a readable zip)")
    names = set(archive.namelist())
    if any(name.startswith("word/") for name in names):
        return "docx", archive
    if "content.xml" in names:
        return "odt", archive
    if any(name.startswith("xl/") for name in names):
        raise ReadError("unsupported_type", "unsupported file type: Excel workbook")
    if any(name.startswith("ppt/") for name in names):
        raise ReadError("unsupported_type", "unsupported file type: PowerPoint presentation")
    if extension in {".docx", ".docm", ".dotx", ".odt"}:
        # The right container but not its main part: a broken document.
        raise ReadError("corrupt", f"the {extension} file is damaged (its main part is missing)")
    raise ReadError("unsupported_type", "unsupported file type: zip archive (send the document itself)")


def read_bytes(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a document given as bytes; ``filename`` only helps for text kinds.

    Raises ``ReadError`` (codes: unsupported_type, too_large, corrupt,
    encrypted, empty, needs_ocr, unsafe) and nothing else.
    """
    return _read(data, filename, max_bytes, depth=0)


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a document from disk. The size is checked before anything is read,
    so a huge file is refused at once."""
    try:
        info = os.stat(path)
    except FileNotFoundError as error:
        raise ReadError("not_found", f"no such file: {path}") from error
    except OSError as error:
        raise ReadError("not_found", f"cannot open {path}: {error.strerror or error}") from error
    if stat.S_ISDIR(info.st_mode):
        raise ReadError("unsupported_type", f"unsupported file type: {path} is a directory")
    if not stat.S_ISREG(info.st_mode):
        # A pipe or a device would block the read or never end.
        raise ReadError("unsupported_type", f"unsupported file type: {path} is not a regular file")
    if info.st_size > max_bytes:
        raise _too_large(info.st_size, max_bytes)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as error:
        raise ReadError("not_found", f"cannot open {path}: {error.strerror or error}") from error
    return read_bytes(data, path.name, max_bytes=max_bytes)


def _too_large(size: int, max_bytes: int) -> ReadError:
    return ReadError(
        "too_large",
        f"the file is too large ({size / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.0f} MB)",
    )


def _read(data: bytes, filename: str, max_bytes: int, depth: int) -> Document:
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    if not data.strip():
        raise ReadError("empty", "the file is empty")
    kind = "document"
    try:
        kind, archive = _detect(data, filename)
        document = _dispatch(kind, data, max_bytes, depth, archive)
    except ReadError:
        raise
    except MemoryError as error:
        raise ReadError("too_large", "the document is too large to read") from error
    except RecursionError as error:
        raise ReadError("unsafe", "the document is nested too deeply to read") from error
    except Exception as error:  # noqa: BLE001 - a parser's bug must not reach the user as a crash
        logger.warning("reader %s failed on %r", kind, filename, exc_info=True)
        raise ReadError("corrupt", f"the {kind} file is damaged and could not be read") from error
    if len(document.text) > MAX_TEXT_CHARS:
        document.text = document.text[:MAX_TEXT_CHARS]
        document.warnings.append(f"text cut at {MAX_TEXT_CHARS} characters")
    document.implausible = implausible_reason(document.text)
    if document.implausible:
        document.warnings.append(MESSAGES[document.implausible])
    return document


def _dispatch(
    kind: str, data: bytes, max_bytes: int, depth: int, archive: zipfile.ZipFile | None = None
) -> Document:
    if kind == "pdf":
        return pdf.read(data)
    if kind == "docx":
        return docx.read(data, archive)
    if kind == "odt":
        return odt.read(data, archive)
    if kind == "html":
        return html.read(data)
    if kind == "eml":
        return eml.read(data, lambda part, name, level: _read(part, name, max_bytes, level), depth)
    document = text.read(data, markdown=kind == "md")
    page = sitejson.page_text(document.text) if kind == "txt" else None
    if page is not None and page.strip():
        return Document(text=normalize(page), format="html", warnings=document.warnings)
    return document
