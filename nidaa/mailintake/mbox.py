"""Streaming an mbox file one message at a time.

Read in 1 MB chunks and cut at From_ lines found with ``bytes.find``, so a
mailbox of several gigabytes is read with the memory of its largest message.
A From_ line starts the file or follows an empty line and carries a date, so
an unescaped "From here on..." at the start of a paragraph (mboxcl writers do
not quote) does not cut a message in two. ">From " lines are unquoted the
mboxrd way (one ">" removed), which is also right for mboxo.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

CHUNK = 1 << 20

_QUOTED_FROM = re.compile(rb"^>(>*From )", re.M)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_FROM_DATE = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+"
    r"(?P<day>\d{1,2})\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s+"
    r"(?:(?P<zone1>[+-]\d{4}|[a-z]{1,5})\s+)?(?P<year>\d{4})(?:\s+(?P<zone2>[+-]\d{4}|[a-z]{1,5}))?",
    re.I,
)


def iter_mbox(path: str | os.PathLike[str]) -> Iterator[tuple[bytes, datetime | None]]:
    """Each message of an mbox file as (raw bytes, date of its From_ line),
    the date aware (UTC when the line has no zone) or None."""
    with open(path, "rb") as handle:
        pending = b""
        start = 0  # where the current message starts in ``pending``
        scan = 0  # where the search for the next From_ line resumes
        eof = False
        while not eof:
            chunk = handle.read(CHUNK)
            eof = not chunk
            # Offsets instead of slicing after each message: slicing would
            # copy the rest of the chunk once per message.
            pending = pending[start:] + chunk
            scan, start = max(0, scan - start), 0
            while True:
                cut = _next_from_line(pending, scan, eof)
                if cut is None:
                    scan = max(start, len(pending) - 8)
                    break
                if cut < 0:  # the From_ line is not complete yet: read more first
                    scan = -cut - 1
                    break
                item = _message(pending[start:cut], last=False)
                if item is not None:
                    yield item
                start = scan = cut + 1
        item = _message(pending[start:], last=True)
        if item is not None:
            yield item


def _next_from_line(data: bytes, start: int, eof: bool) -> int | None:
    """The offset of the newline that ends the message before the next From_
    line (the empty separator line), -(offset + 1) when that line is not yet
    complete, or None when there is none in ``data`` after ``start``."""
    position = start
    while True:
        index = data.find(b"\nFrom ", position)
        if index < 0:
            return None
        line_end = data.find(b"\n", index + 1)
        if line_end < 0 and not eof:
            return -(index + 1)
        if _is_separator(data, index, line_end):
            return index
        position = index + 1


def _is_separator(data: bytes, index: int, line_end: int) -> bool:
    # After an empty line (or at the very start), and with a date on it.
    if index == 0 or not (data[index - 1] == 0x0A or data[index - 2 : index] == b"\n\r"):
        return False
    line = data[index + 1 : line_end if line_end >= 0 else len(data)]
    return _FROM_DATE.search(line.decode("latin-1")) is not None


def _message(block: bytes, *, last: bool) -> tuple[bytes, datetime | None] | None:
    if not block.strip():
        return None
    date = None
    if block.startswith(b"From "):
        line_end = block.find(b"\n")
        line = block[: line_end if line_end >= 0 else len(block)]
        block = block[line_end + 1 :] if line_end >= 0 else b""
        date = from_line_date(line.decode("latin-1"))
        if not block.strip():  # a From_ line and nothing else
            return None
    # The empty line before the next From_ line belongs to the mbox, not the
    # message: cut off before the message's end, or left at the end of the file.
    if not last and block.endswith(b"\r\n\r"):
        block = block[:-1]
    elif last and block.endswith(b"\n\n"):
        block = block[:-1]
    elif last and block.endswith(b"\r\n\r\n"):
        block = block[:-2]
    if b">From " in block:
        block = _QUOTED_FROM.sub(rb"\1", block)
    return block, date


def from_line_date(line: str) -> datetime | None:
    """The date of a From_ line ("From sender Thu Mar  7 10:00:00 2024")."""
    match = _FROM_DATE.search(line)
    if match is None:
        return None
    try:
        moment = datetime(
            int(match.group("year")),
            _MONTHS[match.group("month").lower()],
            int(match.group("day")),
            int(match.group("hour")),
            int(match.group("minute")),
            int(match.group("second") or 0),
            tzinfo=_zone(match.group("zone1") or match.group("zone2") or ""),
        )
    except ValueError:
        return None
    return moment


def _zone(text: str) -> timezone:
    if text[:1] in {"+", "-"}:
        sign = -1 if text[0] == "-" else 1
        offset = timedelta(hours=int(text[1:3]), minutes=int(text[3:5]))
        if offset < timedelta(hours=24):
            return timezone(sign * offset)
    return UTC
