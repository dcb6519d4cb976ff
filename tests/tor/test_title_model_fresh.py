"""The shipped title ranker is what its training script gives on the data the project ships:
a change to the candidates, their features or the training pages without retraining fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_title_model_is_not_stale():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_title_ranker.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "up to date")
