"""The shapes that made the reader quadratic (issue 10, item 5) read correctly.

Each document here is the full-size shape of the attack (tens of kilobytes on
one line). Before the patterns were made linear each took from 5 s to minutes;
how long they take now is measured by ``scripts/bench_hostile_tor.py`` (1, 10
and 100 times the size), not by these tests: they check what comes out.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nidaa.tor.api import read_and_extract
from nidaa.tor.document import ReadError
from nidaa.tor.formats import eml
from nidaa.tor.normalize import ends_sentence, normalize, strip_markdown
from tests.tor.test_extract_robustness import check


def read(text: str, filename: str = "call.txt") -> tuple[str, dict]:
    document, fields = read_and_extract(text.encode(), filename)
    return document.text, fields


def test_unclosed_emphasis_stars_over_60_kb_stay_as_written():
    text = "*a " * 20_000
    assert strip_markdown(text) == text


def test_unclosed_strong_markers_stay_as_written():
    text = "**a " * 15_000
    assert strip_markdown(text) == text


def test_emphasis_and_links_still_unwrap_beside_hostile_runs():
    text = "[" * 20_000 + " *important* **sûr** [site](https://example.org) ![logo](l.png) <a@b.ma>"
    assert strip_markdown(text) == "[" * 20_000 + " important sûr site logo a@b.ma"


def test_emphasis_longer_than_a_paragraph_line_is_left_literal():
    # An emphasis is bounded to 500 characters: beyond, the stars are text.
    assert strip_markdown("*" + "a" * 499 + "*") == "a" * 499
    assert strip_markdown("*" + "a" * 600 + "*") == "*" + "a" * 600 + "*"


def test_markdown_heading_with_a_long_run_of_spaces_keeps_its_words():
    assert (
        strip_markdown("# Termes" + " " * 60_000 + "de référence ##\n")
        == "Termes" + " " * 60_000 + "de référence\n"
    )


def test_unclosed_brackets_and_angle_brackets_stay_as_written():
    for text in ("[" * 20_000 + "x", "![" * 20_000 + "x", "<" + "a" * 60_000, "\n" * 60_000 + "+ x"):
        assert strip_markdown(text) == text.replace("\n+ x", "\n- x")


def test_long_runs_of_spaces_before_a_word_are_kept_and_trailing_ones_dropped():
    assert normalize(" " * 60_000 + "x   \ny \t") == " " * 60_000 + "x\ny"


def test_sentence_end_is_read_backwards_through_closing_marks():
    assert ends_sentence("Fin de la phrase.")
    assert ends_sentence("« Fin de la phrase. »  ")
    assert ends_sentence("." * 60_000 + ")")
    assert not ends_sentence("." * 60_000 + "x")
    assert not ends_sentence("")


def test_a_line_of_thousands_of_subject_cues_reads_the_quoted_subject():
    _, fields = read("Envoyer à a@b.ma " + "avec la mention " * 5_000 + "« Consultant formation »\n")
    assert fields["email_subject"] == "Consultant formation"


def test_a_line_of_thousands_of_dates_reads_the_deadline():
    _, fields = read("Date limite de dépôt : " + "12/03/2025 " * 5_000 + "\n")
    assert fields["deadline"] == "2025-03-12"


def test_a_line_of_thousands_of_addresses_lists_each_once():
    addresses = [f"candidat{i}@exemple.ma" for i in range(3_000)]
    _, fields = read("Les dossiers sont à envoyer à " + " ".join(addresses * 2) + "\n")
    # the sending cue reaches the first addresses; the others are listed as contacts, each once
    assert fields["submission_emails"] + fields["contact_emails"] == addresses
    assert fields["submission_emails"][:3] == addresses[:3]


def test_a_line_of_thousands_of_place_cues_keeps_a_bounded_list():
    _, fields = read("Lieu : " + "communes de Tiznit, " * 4_000 + "\n")
    assert fields["locations"] == ["Tiznit"]


def test_a_line_of_thousands_of_participant_words_reads_the_count():
    _, fields = read("Participants : 25 participants " + "formation participants " * 4_000 + "\n")
    assert fields["participants"] == 25


def test_key_value_lines_after_a_long_run_of_spaces_are_read():
    _, fields = read("   Poste" + " " * 60_000 + ":\tChargé\nDate limite de dépôt : 12/03/2025\n")
    assert fields["deadline"] == "2025-03-12"


def test_an_eml_of_50_000_parts_is_refused_before_parsing():
    head = b'From: a@b.ma\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
    data = head + b"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n" * 50_000 + b"--b--\r\n"
    try:
        read_and_extract(data, "call.eml")
    except ReadError as error:
        assert (error.code, error.message) == (
            "unsafe",
            f"the e-mail has more than {eml.MAX_PARTS} parts; refused",
        )
    else:
        raise AssertionError("a 50,000-part message was read")


def test_an_eml_of_a_few_parts_is_still_read():
    head = b'From: a@b.ma\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
    part = b'--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename="tdr.txt"\r\n\r\n'
    data = head + part + "Appel à candidatures\r\n".encode() + b"--b--\r\n"
    document, _ = read_and_extract(data, "call.eml")
    assert document.text == "Appel à candidatures"


def test_an_html_tag_with_300_000_attributes_reads_its_text():
    attributes = " ".join(f'a{i}="v"' for i in range(300_000))
    data = f"<html><body><p {attributes}>Appel à candidatures</p><p>Fin</p></body></html>".encode()
    document, _ = read_and_extract(data, "call.html")
    assert document.text == "Appel à candidatures\nFin"


HOSTILE_TOKENS = [" ", "  ", "\t", "*", "**", "_", "[", "](", "<", ">", ":", "|", ".", "«", "»", '"', "\n",
                  "a", "A", "12/03/2025", "x@y.ma", "avec la mention", "communes de ", "Tiznit", "participants",
                  "au plus tard", "# ", "- ", "1. ", "جماعة", "و"]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HOSTILE_TOKENS), min_size=1, max_size=6), st.integers(200, 2_000))
def test_repetitions_of_hostile_tokens_read_as_any_text(tokens, repeat):
    # Runs of the tokens the quadratic paths fed on, as markdown and as text:
    # the reader keeps its invariants (a Document or a ReadError, every key, spans inside the text).
    text = "".join(tokens) * repeat
    for filename in ("call.md", "call.txt"):
        try:
            document, _ = read_and_extract(text.encode(), filename)
        except ReadError as error:
            assert error.code == "empty"
            continue
        check(document.text)
