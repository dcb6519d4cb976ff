"""Plain text and Markdown, in whatever encoding a Windows, Mac or Linux
editor saved them: UTF-8 (with or without BOM), UTF-16 LE/BE (with or
without BOM), Windows-1252 (French) or Windows-1256 (Arabic)."""

from __future__ import annotations

import codecs
import re

from nidaa.tor.document import Document, ReadError
from nidaa.tor.normalize import normalize, strip_markdown

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]{2,}")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_SAMPLE = 200_000  # bytes looked at to decide; enough for any real encoding signal


def detect_encoding(data: bytes) -> str:
    """The encoding a text file was most likely saved in.

    In order: a BOM; UTF-16 without BOM, seen as NUL bytes on one side of
    the byte pairs only (ASCII letters, digits and spaces encode as
    ``xx 00`` in LE and ``00 xx`` in BE, Arabic text included since it has
    spaces); strict UTF-8; then Windows-1256 when reading the bytes that way
    gives real Arabic words for most of the non-ASCII bytes, else
    Windows-1252. French accented lowercase letters sit at the same code
    points in both code pages, so a French text never turns Arabic.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[:_SAMPLE]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A sample cut in the middle of a character, or a few stray bytes in
        # an otherwise UTF-8 file: still UTF-8 (decoded with replacement).
        if (len(data) > len(sample) and error.start >= len(sample) - 3) or _mostly_utf8(sample):
            return "utf-8"
    high = sum(1 for byte in sample if byte >= 0x80)
    arabic = sum(len(word) for word in _ARABIC_WORD.findall(sample.decode("cp1256")))
    return "cp1256" if high and arabic >= 0.5 * high else "cp1252"


def _utf16_without_bom(sample: bytes) -> str | None:
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    for nuls, others, encoding in ((odd_nuls, even_nuls, "utf-16-le"), (even_nuls, odd_nuls, "utf-16-be")):
        # Spaces alone make at least one pair in ten; the other side of the
        # pairs has no NUL in real text.
        if nuls >= max(1, pairs // 10) and others <= nuls // 20:
            try:
                decoded = sample[: pairs * 2].decode(encoding)
            except UnicodeDecodeError:
                continue
            controls = sum(1 for char in decoded if ord(char) < 32 and char not in "\t\n\r\x0c")
            if controls <= len(decoded) // 50:
                return encoding
    return None


def _mostly_utf8(sample: bytes) -> bool:
    valid = len(_UTF8_MULTIBYTE.findall(sample))
    invalid = sample.decode("utf-8", errors="replace").count("\ufffd")
    return valid >= 5 * invalid and valid >= 3


def decode(data: bytes) -> str:
    """Bytes to text with :func:`detect_encoding` (never fails: unknown bytes
    become U+FFFD)."""
    encoding = detect_encoding(data)
    for bom, bom_encoding in _BOMS:
        if encoding == bom_encoding and data.startswith(bom):
            data = data[len(bom) :]
            break
    return data.decode(encoding, errors="replace")


def read(data: bytes, *, markdown: bool = False) -> Document:
    """A .txt (kept as written) or .md (markup stripped) file."""
    text = decode(data)
    if "\x00" in text:
        # NUL bytes left after decoding: a binary file with a text extension.
        raise ReadError("unsupported_type", "unsupported file type: binary content in a text file")
    if markdown:
        text = strip_markdown(text.replace("\r\n", "\n"))
    text = normalize(text)
    if not text.strip():
        raise ReadError("empty", "the document has no text")
    return Document(text=text, format="md" if markdown else "txt")
