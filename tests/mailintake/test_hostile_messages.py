"""Issue 10, items 4 and 5: e-mail is read under a time and memory budget,
and the shapes the attack used are read in linear time."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nidaa.common.budget import Budget
from nidaa.common.filetypes import detect_document_type
from nidaa.mailintake import bounded, parse_message_within_budget, parse_messages_within_budget
from nidaa.mailintake.message import parse_message
from tests.hostile import html_attributes_email, long_line_email, many_parts_eml

# Far above what a linear read of these shapes costs (tens of milliseconds),
# far below what the quadratic ones did (minutes).
TEST_BUDGET = Budget(seconds=10.0, memory_bytes=512 * 1024 * 1024)
SPIN = b"X-Test-Spin: yes"


def spinning_parse(raw, *, received_at=None):
    """parse_message, except on a message marked to stand for a path we do not
    know is quadratic yet: that one never returns."""
    while SPIN in raw:
        pass
    return parse_message(raw, received_at=received_at)


def test_html_body_with_300000_attributes_is_read_within_the_message_budget():
    [parsed] = parse_messages_within_budget([(html_attributes_email(100), None)], budget=TEST_BUDGET)

    assert parsed.unreadable == ""
    assert parsed.body == "Bonjour\nMa candidature"
    assert parsed.from_email == "salma@example.org"


def test_html_tags_lose_their_attributes_but_not_their_text():
    message = html_attributes_email(1).replace(b"<p ", b'<p title="a&gt;b" ', 1)

    assert parse_message(message).body == "Bonjour\nMa candidature"


def test_300000_attributes_ending_with_a_quoted_less_than_sign_are_dropped_too():
    # A "<" inside a value must not let a tag keep its attributes.
    message = html_attributes_email(100, last=' title="<"')

    [parsed] = parse_messages_within_budget([(message, None)], budget=TEST_BUDGET)

    assert parsed.unreadable == ""
    assert parsed.body == "Bonjour\nMa candidature"


@pytest.mark.parametrize("shape", [many_parts_eml, long_line_email])
def test_other_shapes_of_the_attack_are_read_within_the_message_budget(shape):
    [parsed] = parse_messages_within_budget([(shape(100), None)], budget=TEST_BUDGET)

    assert parsed.unreadable == ""
    assert parsed.from_email == "salma@example.org"


def test_message_whose_reading_never_ends_is_kept_unread_and_its_batch_read_one_by_one(monkeypatch):
    monkeypatch.setattr(bounded, "parse_message", spinning_parse)
    monkeypatch.setattr(bounded, "SECONDS_PER_MIB", 0.0)
    monkeypatch.setattr(bounded, "SECONDS_PER_MESSAGE", 0.0)
    good = long_line_email(1)
    hostile = SPIN + b"\r\n" + good

    parsed = parse_messages_within_budget(
        [(good, None), (hostile, None), (good, None)],
        budget=Budget(seconds=1.0, memory_bytes=256 * 1024 * 1024),
    )

    assert [message.unreadable for message in parsed] == ["", "too_costly", ""]
    assert [message.from_email for message in parsed] == ["salma@example.org", "", "salma@example.org"]
    assert parsed[1].sha256 == parse_message(hostile).sha256


def hoarding_parse(raw, *, received_at=None):
    """parse_message on a message that stands for a bomb: it takes memory until refused."""
    hoard = []
    while True:
        hoard.append(bytearray(16 * 1024 * 1024))


def test_message_over_its_memory_budget_is_kept_unread(monkeypatch):
    monkeypatch.setattr(bounded, "parse_message", hoarding_parse)

    [parsed] = parse_messages_within_budget(
        [(many_parts_eml(1), None)], budget=Budget(seconds=10.0, memory_bytes=128 * 1024 * 1024)
    )

    assert parsed.unreadable == "too_costly"
    assert parsed.body == ""


def test_a_message_within_its_budget_reads_as_parse_message_does():
    raw = long_line_email(10)

    assert parse_message_within_budget(raw) == parse_message(raw)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.sampled_from(
        [b"", b"Content-Type: text/html\r\n", b"Content-Type: multipart/mixed; boundary=b\r\n"]
    ),
    body=st.binary(max_size=2000),
    repeat=st.integers(min_value=1, max_value=200),
)
def test_any_message_is_read_within_its_budget_or_kept_unread(head, body, repeat):
    raw = b"From: a@b.ma\r\n" + head + b"\r\n" + body * repeat

    [parsed] = parse_messages_within_budget([(raw, None)], budget=TEST_BUDGET)

    assert parsed.unreadable in {"", "damaged"}
    assert len(parsed.sha256) == 64


@settings(max_examples=150, deadline=None)
@given(
    magic=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"\xff\xd8\xff", b""]),
    body=st.binary(max_size=4000),
)
def test_type_detection_never_raises_on_any_bytes(magic, body):
    assert detect_document_type(io.BytesIO(magic + body)) in {
        None,
        "pdf",
        "docx",
        "odt",
        "xlsx",
        "jpeg",
        "png",
    }


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(
        st.sampled_from(["mimetype", "[Content_Types].xml", "word/document.xml", "x"]), max_size=4
    ),
    content=st.binary(max_size=200),
    cut=st.integers(min_value=0, max_value=400),
)
def test_type_detection_of_damaged_zips_never_raises(names, content, cut):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in dict.fromkeys(names):
            archive.writestr(name, content)
    data = buffer.getvalue()
    damaged = data[: len(data) - cut] if cut < len(data) else data

    assert detect_document_type(io.BytesIO(damaged)) in {None, "docx", "odt"}


def test_a_message_past_the_size_read_at_all_is_kept_unread_and_its_batch_read(monkeypatch):
    monkeypatch.setattr(bounded, "MAX_MESSAGE_BYTES", 10_000)
    small, big = long_line_email(1), long_line_email(10)
    assert len(small) < 10_000 < len(big)

    parsed = parse_messages_within_budget([(small, None), (big, None), (small, None)])

    assert [message.unreadable for message in parsed] == ["", "too_large", ""]
    assert parsed[1].sha256 == parse_message(big).sha256
