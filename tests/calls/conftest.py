"""Shared pieces for the calls tests: a ToR written for the tests, a stand-in
extractor at the read_and_extract boundary, and media kept in a temporary folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nidaa.tor.document import Document
from nidaa.tor.extract import extract_fields

TORS = Path(__file__).parent / "tors"

TOR_TEXT = (
    "Association Oasis du Savoir\n"
    "Recrutement d'un formateur pour un atelier sur la gouvernance locale\n"
    "Les candidatures sont à envoyer à recrutement@example.org\n"
    "Date limite : 15 décembre 2026 à 23h59\n"
)


def fake_fields(text: str) -> dict[str, Any]:
    """What a good extractor returns for TOR_TEXT, with evidence offsets."""
    fields = extract_fields("")
    title = "Recrutement d'un formateur pour un atelier sur la gouvernance locale"
    deadline_text = "15 décembre 2026 à 23h59"
    fields.update(
        {
            "title": title,
            "call_type": "trainer",
            "issuer": "Association Oasis du Savoir",
            "deadline": "2026-12-15T23:59",
            "deadline_text": deadline_text,
            "submission_emails": ["recrutement@example.org"],
            "required_documents": ["cv", "financial_offer", "other:attestation"],
            "locations": ["Fès"],
            "location_codes": [],
            "duration_days": 6,
            "languages": ["fr"],
            "participants": 20,
            "document_language": "fr",
        }
    )
    if title in text:
        start = text.index(title)
        fields["evidence"]["title"] = [{"start": start, "end": start + len(title)}]
        fields["confidence"]["title"] = 0.9
    if deadline_text in text:
        start = text.index(deadline_text)
        fields["evidence"]["deadline"] = [{"start": start, "end": start + len(deadline_text)}]
        fields["confidence"]["deadline"] = 0.95
    return fields


def fake_read_and_extract(data: bytes, filename: str) -> tuple[Document, dict[str, Any]]:
    text = data.decode("utf-8")
    return Document(text=text, format="txt"), fake_fields(text)


@pytest.fixture
def fake_extractor(monkeypatch):
    """Replace the reader and extractor (other engineers' work) at the boundary."""
    monkeypatch.setattr("nidaa.calls.services.read_tor_within_budget", fake_read_and_extract)
    return fake_read_and_extract


@pytest.fixture
def evaluator_client(evaluator):
    from tests.conftest import client_for

    return client_for(evaluator)
