"""Whatever the bytes, reading a message gives a ParsedMessage and never an exception."""

from __future__ import annotations

import functools
import hashlib
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nidaa.mailintake import (
    CallKey,
    CallMatcher,
    ParsedMessage,
    classify_attachments,
    iter_mbox,
    parse_message,
)
from nidaa.mailintake import message as message_module
from tests.mailintake.documents import FIXTURES

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MATCHER = CallMatcher([CallKey(1, "Candidature [Nom]", "AO 03/2024", ("a@ong.ma",), "x")])


@functools.cache
def real_messages() -> list[bytes]:
    return [path.read_bytes() for path in sorted(FIXTURES.glob("*.eml"))]


def _check(raw: bytes) -> ParsedMessage:
    # The catch-all in parse_message logs a warning: reaching it is a bug to fix.
    with mock.patch.object(message_module.logger, "warning", side_effect=AssertionError("fell back")):
        parsed = parse_message(raw)
    assert parsed.sha256 == hashlib.sha256(raw).hexdigest()
    assert parsed.message_id.startswith("<") and parsed.message_id.endswith(">")
    assert all(address == address.lower() for address in parsed.recipients)
    for moment in (parsed.sent_at, parsed.received_at):
        assert moment is None or moment.tzinfo is not None
    assert parsed.received_source in {"received", "date", ""}
    classify_attachments(parsed.attachments, required=["cv", "financial_offer"], body=parsed.body)
    MATCHER.match(parsed)
    return parsed


@SETTINGS
@given(st.binary(max_size=4000))
def test_arbitrary_bytes(raw: bytes) -> None:
    _check(raw)


MIME_BITS = [
    b"\n",
    b"\r\n",
    b"\n\n",
    b"--",
    b"=?utf-8?B?",
    b"?=",
    b"boundary=",
    b"Content-Type: multipart/mixed; boundary=x\n",
    b"Content-Type: message/rfc822\n",
    b"Content-Transfer-Encoding: base64\n",
    b"filename*0*=utf-8''%D8",
    b"\xd8\xa7",
    b"\xff",
    b"From: ",
    b"Received: ;",
    b"Date: ",
    b"---------- Forwarded message ---------\nFrom: x@y.ma\n",
]


@SETTINGS
@given(
    st.integers(min_value=0, max_value=len(real_messages()) - 1),
    st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=1),
            st.one_of(st.sampled_from(MIME_BITS), st.binary(max_size=8)),
            st.integers(min_value=0, max_value=40),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_mutated_real_messages(index: int, mutations: list[tuple[float, bytes, int]]) -> None:
    raw = real_messages()[index]
    for where, insert, cut in mutations:
        at = int(where * len(raw))
        raw = raw[:at] + insert + raw[at + cut :]
    _check(raw)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(real_messages()) - 1), st.floats(min_value=0, max_value=1))
def test_truncated_real_messages(index: int, where: float) -> None:
    raw = real_messages()[index]
    _check(raw[: int(where * len(raw))])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.binary(max_size=200), st.sampled_from([b"\nFrom a Tue Mar  5 10:00:00 2024\n"])),
        max_size=8,
    )
)
def test_any_mbox_file_reads_to_the_end(chunks: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.mbox"
        data = b"".join(chunks)
        path.write_bytes(data)
        for raw, date in iter_mbox(path):
            assert raw.strip()
            assert date is None or date.tzinfo is not None
            _check(raw)
