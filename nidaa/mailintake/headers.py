"""Header values and text parts as people wrote them, whatever the mailer did.

Everything here is lenient on purpose: a header that does not follow the
RFCs (raw UTF-8 or Windows-1256 bytes, encoded-words split in the middle of
an Arabic letter, an unknown charset name, a garbled date) gives the best
reading we can make, never an exception.
"""

from __future__ import annotations

import binascii
import codecs
import re
import unicodedata
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime

from nidaa.common.text import strip_bidi_controls
from nidaa.tor.formats.text import detect_encoding

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"\A[ \t\r\n]*\Z")
_SPACES = re.compile(r"\s+")
_B64_JUNK = re.compile(rb"[^A-Za-z0-9+/]")
# Bidi controls that mailers (Gmail in Arabic) wrap around names and addresses.
_SINGLE_BYTE_LATIN = {"us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "iso-8859-15", "windows-1252"}
_SINGLE_BYTE_LATIN |= {"cp1252", "x-unknown", "unknown-8bit", "default", "8bit"}
# \w: internationalised addresses (SMTPUTF8, IDN) are addresses too.
EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@\w(?:[\w-]*\w)?(?:\.[\w-]+)+")


def known_charset(name: str | None) -> str | None:
    """The Python codec for a MIME charset name, or None when Python has none."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if "*" in name:  # RFC 2231 language suffix inside an encoded-word: "utf-8*ar"
        name = name.split("*", 1)[0]
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Text from bytes in a declared (and possibly wrong) charset.

    Valid UTF-8 with multibyte sequences is UTF-8 whatever the label says
    (random 8-bit text is almost never valid UTF-8). A Latin label (or none)
    is checked against the content, since Arabic cp1256 mail is often sent
    labelled iso-8859-1. Other labels are trusted when they decode.
    """
    if not data:
        return ""
    if data.isascii():
        return data.decode("ascii")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = known_charset(declared)
    label = (declared or "").strip().lower()
    if codec and codec not in {"utf-8", "ascii"} and label not in _SINGLE_BYTE_LATIN:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    # detect_encoding reads a byte at a time in Python: a sample is enough.
    guessed = detect_encoding(data[:20_000])
    try:
        return data.decode(guessed, errors="replace")
    except LookupError:  # pragma: no cover - detect_encoding returns Python codec names
        return data.decode("utf-8", errors="replace")


def header_text(raw: bytes) -> str:
    """A raw header value (bytes as on the wire, 8-bit allowed) as a string
    still holding its encoded-words."""
    return decode_bytes(raw)


def _decode_word(encoding: str, payload: str) -> bytes:
    if encoding in "bB":
        data = _B64_JUNK.sub(b"", payload.encode("ascii", "ignore"))
        data = data[: len(data) - len(data) % 4] if len(data) % 4 == 1 else data
        try:
            return binascii.a2b_base64(data + b"=" * (-len(data) % 4))
        except binascii.Error:
            return b""
    return binascii.a2b_qp(payload.encode("ascii", "ignore"), header=True)


def decode_words(value: str) -> str:
    """RFC 2047 encoded-words decoded (adjacent words of one charset are
    joined as bytes first: mailers split Arabic letters across words)."""
    if "=?" not in value:
        return value
    out: list[str] = []
    pending = b""
    pending_charset: str | None = None
    position = 0
    after_word = False

    def flush() -> None:
        nonlocal pending, pending_charset
        if pending:
            out.append(decode_bytes(pending, pending_charset))
        pending, pending_charset = b"", None

    for match in _ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        if not (after_word and _BETWEEN_WORDS.match(between)):
            flush()
            out.append(between)
        charset = match.group(1)
        if pending and (charset or "").lower() != (pending_charset or "").lower():
            flush()
        pending += _decode_word(match.group(2), match.group(3))
        pending_charset = charset
        position = match.end()
        after_word = True
    flush()
    out.append(value[position:])
    return "".join(out)


def clean_text(value: str) -> str:
    """One line, single spaces, no bidi controls or other control characters."""
    value = strip_bidi_controls(value).replace("\ufeff", "")
    if not value.isprintable():
        value = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in value)
    return _SPACES.sub(" ", value).strip()


def decode_header_value(value: str | None) -> str:
    """A header as people read it: encoded-words decoded, whitespace collapsed."""
    if not value:
        return ""
    return clean_text(unicodedata.normalize("NFC", decode_words(value)))


_SIMPLE_ADDRESS = re.compile(
    r"\s*(?:([^\"<>,@]*?)\s*<\s*([^<>\s,]+@[^<>\s,]+?)\s*>|([^<>\s,\"]+@[^<>\s,\"]+))\s*"
)


def _simple_addresses(value: str) -> list[tuple[str, str]] | None:
    # "Name <a@b>, c@d" without quotes or comments: the common case, read
    # without the stdlib's character-by-character address parser.
    if '"' in value or "(" in value or ":" in value or "\\" in value:
        return None
    pairs: list[tuple[str, str]] = []
    for item in value.split(","):
        if not item.strip():
            continue
        match = _SIMPLE_ADDRESS.fullmatch(item)
        if match is None:
            return None
        pairs.append((match.group(1) or "", match.group(2) or match.group(3)))
    return pairs


def parse_addresses(values: list[str]) -> list[tuple[str, str]]:
    """(display name, lowercased address) pairs from address headers, with
    encoded-word names decoded; addresses found in malformed headers too."""
    found: list[tuple[str, str]] = []
    for value in values:
        if not value:
            continue
        pairs = _simple_addresses(value)
        if pairs is None:
            pairs = [(name, address) for name, address in getaddresses([value]) if "@" in address]
        if not pairs:
            pairs = [("", address) for address in EMAIL_ADDRESS.findall(value)]
        for name, address in pairs:
            address = clean_text(address).strip("<>[]").lower()
            if not EMAIL_ADDRESS.fullmatch(address):
                # "Amina Benali amina@example.ma" read as one address: keep the address only.
                repaired = EMAIL_ADDRESS.search(address)
                if repaired is None:
                    continue
                name, address = "", repaired.group()
            found.append((decode_header_value(name).strip("\"' "), address))
    return found


def parse_date(value: str | None) -> datetime | None:
    """An RFC 5322 date as an aware datetime (UTC when the zone is -0000 or
    missing), or None when it cannot be read."""
    if not value:
        return None
    value = clean_text(value)
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:  # pragma: no cover - older Pythons returned None
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        parsed.astimezone(UTC)
    except (OverflowError, ValueError):  # year 1 or 9999 shifted out of range
        return None
    return parsed


def received_date(value: str) -> datetime | None:
    """The date stamped by the server in a Received: header (after the last ";")."""
    if ";" not in value:
        return None
    return parse_date(value.rsplit(";", 1)[1])
