"""Reading under a budget: the same result as the reader within it, a clear refusal past it."""

from __future__ import annotations

import pytest

from nidaa.tor.api import read_and_extract
from nidaa.tor.bounded import read_and_extract_bounded
from nidaa.tor.document import ReadError

CALL = (
    "Recrutement d'un formateur en gestion de projet\n"
    "Les dossiers sont à envoyer à recrutement@exemple.ma au plus tard le 12 mars 2026 à 18h00.\n"
).encode()


def test_a_call_reads_the_same_within_the_budget():
    document, fields = read_and_extract_bounded(CALL, "call.txt")
    expected_document, expected_fields = read_and_extract(CALL, "call.txt")
    assert (document, fields) == (expected_document, expected_fields)


def test_the_reader_s_own_refusals_come_through():
    with pytest.raises(ReadError) as caught:
        read_and_extract_bounded(b"", "call.txt")
    assert (caught.value.code, caught.value.message) == ("empty", "the file is empty")


def test_a_read_past_the_time_budget_is_stopped_and_refused():
    # 400 KB of text takes the reader more than a few milliseconds on any machine
    text = (
        "Les dossiers sont à envoyer à recrutement@exemple.ma au plus tard le 12 mars 2026.\n" * 5000
    ).encode()
    with pytest.raises(ReadError) as caught:
        read_and_extract_bounded(text, "call.txt", seconds=0.01)
    assert (caught.value.code, caught.value.message) == (
        "too_slow",
        "reading the document took more than 0.01 s; refused",
    )


def test_a_read_past_the_memory_budget_is_refused():
    with pytest.raises(ReadError) as caught:
        read_and_extract_bounded(CALL * 20000, "call.txt", memory_bytes=64 * 1024 * 1024)
    assert caught.value.code == "too_large"
