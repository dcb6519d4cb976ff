"""The real calls the title ranker is trained on ship as numbers (scripts/data/title_examples_real.json):
each candidate's rule rank, its non-zero features and whether it is right, no text of the documents;
and the model is checked without the corpus, as CI has none."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from nidaa.tor.fields import title_rank

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "scripts" / "data" / "title_examples_real.json"


def test_real_examples_hold_numbers_only():
    pages = json.loads(REAL.read_text(encoding="utf-8"))["pages"]
    assert len(pages) == 30
    known = set(title_rank.model().features)
    for page in pages:
        for candidate in page:
            assert set(candidate) == {"rank", "right", "features"}
            assert candidate["rank"] in range(6) and candidate["right"] in (0, 1)
            assert set(candidate["features"]) <= known  # names the reader computes, with a weight
            assert all(type(v) is float and v != 0.0 for v in candidate["features"].values())


def test_every_real_page_has_one_rules_choice_and_the_model_is_checked_without_the_corpus(tmp_path):
    pages = json.loads(REAL.read_text(encoding="utf-8"))["pages"]
    with_candidates = [page for page in pages if page]
    assert [sum(c["features"].get("rules_choice", 0.0) for c in page) for page in with_candidates] == [
        1.0
    ] * len(with_candidates)
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_title_ranker.py"),
            "--check",
            "--corpus",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "up to date")
