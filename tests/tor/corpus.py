"""Where the tests find the real calls (``../shared/tor-corpus`` or ``$NIDAA_TOR_CORPUS``) and what
they do without them.

The corpus is other organisations' documents: read from outside the project, never copied into
it. Without it the tests that need it skip, with the reason in pytest's summary (``-ra``); under CI
(``$CI`` set) they fail instead, because there a missing corpus is a broken checkout and a green
run would hide that the reader was never measured.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS = Path(
    os.environ.get("NIDAA_TOR_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "tor-corpus"
)
SCORER = CORPUS.parent / "tools" / "score_tor.py"
PRESENT = CORPUS.is_dir() and SCORER.is_file() and any(CORPUS.glob("seed-*.txt"))
MISSING = f"ToR corpus or scorer not found at {CORPUS} (set NIDAA_TOR_CORPUS)"


def seeds() -> list[Path]:
    """The seed calls, or one placeholder when the corpus is missing, so the tests that take them
    as parameters are still collected and then skip (or fail under CI) instead of vanishing."""
    return sorted(CORPUS.glob("seed-*.txt")) if PRESENT else [CORPUS / "seed-missing.txt"]


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The corpus folder; skips the test without it, fails it under CI."""
    if not PRESENT:
        if os.environ.get("CI"):
            pytest.fail(f"{MISSING}: CI must run the corpus tests", pytrace=False)
        pytest.skip(MISSING)
    return CORPUS
