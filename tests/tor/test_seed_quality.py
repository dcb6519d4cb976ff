"""The extractor against the five real seed calls and their gold, scored by the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nidaa.tor.extract import extract_fields
from tests.tor.corpus import CORPUS, SCORER

pytestmark = pytest.mark.usefixtures("corpus")


def _extract(path: Path) -> dict:
    try:
        import nidaa.tor.readers  # noqa: F401
        from nidaa.tor.api import extract_path
    except ImportError:  # the readers are not there yet: the .txt is already normalised text
        return {"source": str(path), **extract_fields(path.read_text(encoding="utf-8"))}
    return extract_path(str(path))


def overall(gold_dir: Path, predictions: list[dict], tmp_path: Path) -> tuple[float, str]:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        "\n".join(json.dumps(p, ensure_ascii=False) for p in predictions) + "\n", encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, str(SCORER), str(gold_dir), str(pred), "--verbose"],
        capture_output=True,
        text=True,
        check=True,
    )
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("overall "), run.stdout
    return float(last.split()[1]), run.stdout


def test_seeds_score_at_least_0_95(tmp_path):
    sources = sorted(CORPUS.glob("*.txt"))
    assert sources
    predictions = [_extract(path) for path in sources]
    assert all("error" not in p for p in predictions), predictions
    score, report = overall(CORPUS, predictions, tmp_path)
    assert score >= 0.95, report


def test_seed_evidence_spans_quote_the_text():
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        fields = extract_fields(text)
        for name, spans in fields["evidence"].items():
            for span in spans:
                assert 0 <= span["start"] < span["end"] <= len(text), (path.name, name, span)
        for address in fields["submission_emails"] + fields["contact_emails"]:
            quoted = [
                text[s["start"] : s["end"]].lower() for s in fields["evidence"].get("submission_emails", [])
            ]
            quoted += [
                text[s["start"] : s["end"]].lower() for s in fields["evidence"].get("contact_emails", [])
            ]
            assert address in quoted


def test_real_calls_of_the_dev_corpus_score_at_least_0_85(tmp_path):
    # Forty real calls published by other organisations (../shared/tor-corpus/dev); make eval-tor
    # prints the per-field table and the part kept unseen. 0.783 before issue 16, 0.86 now.
    sources = sorted((CORPUS / "dev").glob("*.txt"))
    assert len(sources) == 40
    score, report = overall(CORPUS / "dev", [_extract(path) for path in sources], tmp_path)
    assert score >= 0.85, report
