"""The extractor never raises, always returns every key, keeps its spans inside the text, and is fast."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nidaa.tor.extract import LIST_KEYS, SCALAR_KEYS, extract_fields

PIECES = [
    "Date limite : 12/03/2025 à 18h00\n",
    "au plus tard le 31 février 2025\n",
    "Réf. ABC/2025/01\n",
    "## Livrables\n- Rapport final\n",
    "Durée : trois jours\n",
    "25 participants par zone\n",
    "Envoyer à x@example.org avec objet « A »\n",
    "آخر أجل ٢٠ فبراير ٢٠٢٥\n",
    "ملف الترشيح\n- السيرة الذاتية\n",
    "Lieu : Rabat\n",
    "\t|\t:\n",
    "« » ** ## ·\n",
    "IV –\n",
    "(((\n",
]


def check(text: str) -> dict:
    fields = extract_fields(text)
    for key in SCALAR_KEYS:
        assert key in fields
    for key in LIST_KEYS:
        assert isinstance(fields[key], list)
    assert fields["call_type"] in {"consultant", "trainer", "expert", "staff", "firm", "other"}
    assert fields["document_language"] in {"fr", "ar", "en", "mixed"}
    for name, spans in fields["evidence"].items():
        assert fields[name] not in (None, [], "")
        for span in spans:
            assert 0 <= span["start"] < span["end"] <= len(text)
    for value in fields["confidence"].values():
        assert 0.0 <= value <= 1.0
    return fields


def test_empty_and_blank_texts():
    for text in ("", " ", "\n\n\n", "\t"):
        fields = check(text)
        assert fields["title"] is None and fields["deadline"] is None and fields["submission_emails"] == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=60), max_size=25))
def test_arbitrary_mixtures_of_call_pieces(parts):
    check("".join(parts))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    check(text)


ADVERSARIAL = {
    "hyphenated capitals after a place cue": "Lieu\nà " + "Aa-" * 20000,
    "based at a very long name": "basé à " + "Aa-" * 20000,
    "capitalised words without end": "Aa " * 30000,
    "one long acronym definition": "Réseau Aa Bb (ABC) " + "Cc " * 20000 + "(ABC)\n",
    "colons after a subject cue": "avec objet " + ":" * 20000 + "x",
    "slashes": "Réf. " + "A/" * 30000,
    "guillemets": "projet « " * 10000,
    "per-unit counts": "Participants\n" + "20 participants par " * 10000,
    "repeated headings": ("1. " + "Livrables : " * 50 + "\n") * 500,
}


def test_no_catastrophic_backtracking():
    # Each text takes milliseconds; a backtracking regex takes minutes. The bound
    # is loose so a loaded machine cannot fail it: speed itself is `make bench-tor`.
    for name, text in ADVERSARIAL.items():
        start = time.perf_counter()
        check(text)
        assert time.perf_counter() - start < 20.0, name
