"""Message files as people export them: a single .eml or an .mbox, told
apart by content (an mbox starts with "From "), never by name."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from nidaa.mailintake.mbox import iter_mbox

# A message starts with header fields ("Name: value", folded lines indented).
HEADER_LINE = re.compile(rb"[!-9;-~]+:")
KNOWN_HEADERS = (b"from:", b"date:", b"message-id:", b"subject:", b"received:", b"to:")


class NotAMessage(Exception):
    """The file is empty or does not start like an e-mail message."""


def read_eml(data: bytes) -> bytes:
    """``data`` itself, if it starts like an e-mail message."""
    if not data.strip():
        raise NotAMessage("empty file")
    head = data[:65536].lstrip(b"\r\n").split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    lines = head.splitlines()
    headers = [line for line in lines if not line[:1].isspace()]
    if not headers or not all(HEADER_LINE.match(line) for line in headers):
        raise NotAMessage("not an e-mail message (no header block)")
    if not any(line.lower().startswith(KNOWN_HEADERS) for line in headers):
        raise NotAMessage("not an e-mail message (no From, Date, Subject or Message-ID header)")
    return data


def messages_in(path: str | os.PathLike[str]) -> Iterator[tuple[bytes, datetime | None]]:
    """Each message of an .mbox (streamed, with its From_ line's date) or the
    one message of an .eml file (no date: the message's own headers tell)."""
    path = Path(path)
    with path.open("rb") as handle:
        is_mbox = handle.read(5) == b"From "
    if is_mbox:
        yield from iter_mbox(path)
    else:
        yield read_eml(path.read_bytes()), None
