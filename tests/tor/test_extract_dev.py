"""The extractor on calls written for the project (tests/tor/dev), scored by the shared scorer.

These fictional calls use layouts the seeds do not (ARTICLE headings, Arabic
ordinal headings, key | value tables, markdown job offers, RFPs), in French,
Arabic and English, so this score says how well the reader generalises.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nidaa.tor.extract import extract_fields
from tests.tor.test_seed_quality import overall

DEV = Path(__file__).resolve().parent / "dev"
CONTRACT = (
    "title call_type issuer project partners_funders reference deadline deadline_text submission_emails "
    "contact_emails email_subject required_documents deliverables locations duration_days languages "
    "participants document_language"
).split()


def _predictions() -> list[dict]:
    return [
        {"source": str(path), **extract_fields(path.read_text(encoding="utf-8"))}
        for path in sorted(DEV.glob("*.txt"))
    ]


def test_dev_set_is_complete():
    texts = sorted(DEV.glob("*.txt"))
    assert len(texts) >= 6
    languages = [
        json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["document_language"] for p in texts
    ]
    assert languages.count("fr") >= 2 and languages.count("ar") >= 2 and languages.count("en") >= 2
    for path in texts:
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert set(CONTRACT) <= set(gold), path.name


@pytest.mark.usefixtures("corpus")  # the shared scorer lives beside the corpus
def test_dev_set_scores_at_least_0_9(tmp_path):
    score, report = overall(DEV, _predictions(), tmp_path)
    assert score >= 0.9, report


@pytest.mark.parametrize("path", sorted(DEV.glob("*.txt")), ids=lambda p: p.stem)
def test_dev_evidence_quotes_each_value(path):
    text = path.read_text(encoding="utf-8")
    fields = extract_fields(text)
    for name, spans in fields["evidence"].items():
        quoted = " ".join(text[s["start"] : s["end"]] for s in spans)
        assert spans and all(0 <= s["start"] < s["end"] <= len(text) for s in spans), name
        value = fields[name]
        if name in ("submission_emails", "contact_emails"):
            assert all(v in quoted.lower() for v in value), (name, value, quoted)
        elif name in ("locations", "deliverables", "objectives", "tasks", "profile"):
            assert all(v.split()[0] in quoted for v in value), (name, value, quoted)
        elif name in ("reference",):
            assert value.replace(" ", "") in quoted.replace(" ", "").replace("*", ""), (name, value, quoted)
    for name, value in fields["confidence"].items():
        assert 0.0 <= value <= 1.0, name
