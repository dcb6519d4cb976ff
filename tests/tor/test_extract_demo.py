"""The demo calls (nidaa/demo/tors) read well once the loader fills their {deadline}."""

from __future__ import annotations

from pathlib import Path

import pytest

from nidaa.tor.extract import extract_fields

DEMO = Path(__file__).resolve().parents[2] / "nidaa" / "demo" / "tors"
FR_DEADLINE = "15 décembre 2026 à 23h59"
AR_DEADLINE = "15 دجنبر 2026 على الساعة 23:59"

EXPECTED = {
    "formateur-egalite-genre-souss": {
        "call_type": "trainer",
        "document_language": "fr",
        "submission_emails": ["formation@amal-souss.example.org"],
        "contact_emails": ["contact@amal-souss.example.org"],
        "email_subject": "Formation BSG 2026",
        "required_documents": ["cv", "methodology_note", "financial_offer", "timeline"],
        "locations": ["Taroudant", "Tiznit", "Biougra"],
        "duration_days": 6,
        "participants": 75,
        "languages": ["ar", "fr"],
    },
    "expert-transparence-oriental": {
        "call_type": "expert",
        "document_language": "fr",
        "email_subject": "EXPERT-COO-2026",
        "required_documents": ["cv", "methodology_note", "financial_offer"],
        "locations": ["Oujda", "Berkane", "Nador"],
        "duration_days": 10,
    },
    "bureau-etudes-diagnostic-draa": {
        "call_type": "firm",
        "document_language": "fr",
        "reference": "02/2026/CDOD",
        "required_documents": ["technical_offer", "financial_offer", "references", "legal_documents"],
        "duration_days": 40,
    },
    "consultant-evaluation-al-haouz": {
        "call_type": "consultant",
        "document_language": "ar",
        "required_documents": ["cv", "methodology_note", "financial_offer"],
        "locations": ["تحناوت", "أمزميز"],
        "duration_days": 15,
        "languages": ["ar", "fr"],
    },
    "coordinateur-projet-tanger": {
        "call_type": "staff",
        "document_language": "ar",
        "required_documents": ["cv", "cover_letter"],
        "locations": ["طنجة"],
        "deliverables": [],
    },
}


def test_five_demo_calls_with_a_placeholder():
    files = sorted(DEMO.glob("*.txt"))
    assert {p.stem for p in files} == set(EXPECTED)
    for path in files:
        assert path.read_text(encoding="utf-8").count("{deadline}") == 1, path.name
    assert (DEMO / "README.md").is_file()


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_demo_call_reads_well_once_filled(stem):
    raw = (DEMO / f"{stem}.txt").read_text(encoding="utf-8")
    arabic = EXPECTED[stem]["document_language"] == "ar"
    text = raw.replace("{deadline}", AR_DEADLINE if arabic else FR_DEADLINE)
    fields = extract_fields(text)
    assert fields["deadline"] == "2026-12-15T23:59"
    assert fields["deadline_timezone"] == "Africa/Casablanca"
    (span,) = fields["evidence"]["deadline"]
    assert (AR_DEADLINE if arabic else FR_DEADLINE) in text[span["start"] : span["end"]]
    assert fields["title"] and fields["issuer"]
    assert len(fields["submission_emails"]) == 1
    assert all(address.endswith("example.org") for address in fields["submission_emails"])
    for name, value in EXPECTED[stem].items():
        assert fields[name] == value, name


def test_unfilled_placeholder_gives_no_deadline():
    raw = (DEMO / "formateur-egalite-genre-souss.txt").read_text(encoding="utf-8")
    fields = extract_fields(raw)
    assert fields["deadline"] is None and fields["deadline_text"] is None
