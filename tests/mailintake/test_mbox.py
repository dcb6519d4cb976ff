"""mbox files read one message at a time."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from nidaa.mailintake import iter_mbox, parse_message
from nidaa.mailintake import mbox as mbox_module
from tests.mailintake.documents import FIXTURES, message


def test_fixture_mbox_gives_each_message_with_its_from_line_date_and_unquotes_from() -> None:
    items = list(iter_mbox(FIXTURES / "applications.mbox"))
    assert [date for _, date in items] == [
        datetime(2024, 3, 4, 22, 41, 7, tzinfo=UTC),
        datetime(2024, 3, 6, 9, 12, 33, tzinfo=UTC),
        datetime(2024, 3, 8, 23, 59, 59, tzinfo=timezone(timedelta(hours=1))),
    ]
    first, second, third = (parse_message(raw, received_at=date) for raw, date in items)
    assert first.body == (
        "Bonjour,\n\nFrom the field work I did in Tiznit, I learned a lot.\n>From a quoted line in mboxrd.\n\nAmina"
    )
    assert (first.received_source, first.message_id) == ("given", "<mbox-1@mail.gmail.com>")
    # An unescaped "From " at the start of a paragraph has no date: not a separator.
    assert second.body == "From here on, a paragraph that starts with From but is no separator.\n\nYoussef"
    assert second.subject == "ترشيح – مكوّن في الترافع"
    assert third.body == "Last message, no blank line after it."
    assert items[0][0].endswith(b"\nAmina\n")  # the separating empty line is not part of the message


def test_messages_written_by_the_standard_library_come_back_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chunks smaller than a message: From_ lines fall across chunk ends.
    monkeypatch.setattr(mbox_module, "CHUNK", 97)
    path = tmp_path / "box.mbox"
    box = mailbox.mbox(path)
    sent = []
    for index in range(25):
        built = message(
            subject=f"Candidature {index}", body=f"From me, number {index}\n\nFrom Tiznit\n" * index
        )
        built.replace_header("Message-ID", f"<m{index}@example.ma>")
        sent.append(built.as_bytes())
        box.add(mailbox.mboxMessage(built))
    box.flush()
    box.close()
    received = list(iter_mbox(path))
    assert len(received) == 25
    assert [parse_message(raw).message_id for raw, _ in received] == [f"<m{i}@example.ma>" for i in range(25)]
    assert [parse_message(raw).body for raw, _ in received] == [parse_message(raw).body for raw in sent]
    assert all(date is not None and date.tzinfo is UTC for _, date in received)


def test_crlf_mbox_and_a_file_without_a_from_line(tmp_path: Path) -> None:
    path = tmp_path / "crlf.mbox"
    path.write_bytes(
        b"From a@b Tue Mar  5 10:00:00 2024\r\nSubject: one\r\n\r\nbody one\r\n\r\n"
        b"From a@b Tue Mar  5 10:01:00 2024\r\nSubject: two\r\n\r\nbody two\r\n"
    )
    assert [raw for raw, _ in iter_mbox(path)] == [
        b"Subject: one\r\n\r\nbody one\r\n",
        b"Subject: two\r\n\r\nbody two\r\n",
    ]
    single = tmp_path / "single.eml"
    single.write_bytes(b"Subject: alone\n\nno From_ line\n")
    assert list(iter_mbox(single)) == [(b"Subject: alone\n\nno From_ line\n", None)]
    empty = tmp_path / "empty.mbox"
    empty.write_bytes(b"")
    assert list(iter_mbox(empty)) == []


def test_from_line_dates_in_the_formats_mailers_write() -> None:
    assert mbox_module.from_line_date("From x Thu Mar  7 10:00:00 2024") == datetime(
        2024, 3, 7, 10, tzinfo=UTC
    )
    assert mbox_module.from_line_date("From x Thu Mar 07 10:00:00 -0500 2024") == datetime(
        2024, 3, 7, 10, tzinfo=timezone(timedelta(hours=-5))
    )
    assert mbox_module.from_line_date("From - Sat Feb 31 10:00:00 2024") is None
    assert mbox_module.from_line_date("From nobody") is None
