"""Where the ToR reader stands: ``make eval-tor``.

Runs ``nidaa.tor.api.extract_path`` on the five seed calls and on the real
calls of ``../shared/tor-corpus/dev/`` and prints, per field, the shared
scorer's figures (``shared/tools/score_tor.py``) for:

- ``seeds``     the five seed calls;
- ``dev``       the part of dev/ the reader is developed on;
- ``held-out``  every 4th document of dev/ by sorted name (004, 008, ... 040),
                chosen before anyone looked at them: the estimate for a call
                nobody has tuned the reader to. Do not read them to fix a rule;
- ``dev-all``   all of dev/, the figure issue 16 sets targets on.

    python scripts/eval_tor.py [--corpus DIR] [--verbose PART]

``--verbose dev`` (or ``seeds``) also prints each miss of that part; the
held-out part's misses are deliberately not printable from here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nidaa.tor.api import extract_path  # noqa: E402

HOLD_OUT_EVERY = 4  # every 4th document by sorted name is held out


def corpus_dir(given: str | None) -> Path:
    return Path(given or os.environ.get("NIDAA_TOR_CORPUS") or ROOT.parent / "shared" / "tor-corpus")


def split_dev(dev: Path) -> tuple[list[Path], list[Path]]:
    """(developed, held_out): the held-out part is fixed by position, not by content."""
    texts = sorted(dev.glob("*.txt"))
    held = [p for i, p in enumerate(texts) if i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1]
    return [p for p in texts if p not in held], held


def score(scorer: Path, texts: list[Path], work: Path, *, verbose: bool) -> tuple[dict[str, float], str]:
    """The scorer's per-field figures (and its raw output) for these documents."""
    work.mkdir(parents=True, exist_ok=True)
    for text in texts:  # a gold folder holding only this part's gold files
        shutil.copy(text.with_suffix(".json"), work / text.with_suffix(".json").name)
    pred = work / "pred.jsonl"
    pred.write_text(
        "".join(json.dumps(extract_path(str(t)), ensure_ascii=False) + "\n" for t in texts), encoding="utf-8"
    )
    args = [sys.executable, str(scorer), str(work), str(pred)] + (["--verbose"] if verbose else [])
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    figures: dict[str, float] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith(" "):
            figures[parts[0]] = float(parts[1])
        elif line.startswith("overall "):
            figures["overall"] = float(parts[1])
    return figures, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="the tor-corpus folder (default ../shared/tor-corpus)")
    parser.add_argument("--verbose", choices=["seeds", "dev"], help="print this part's misses")
    args = parser.parse_args(argv)
    corpus = corpus_dir(args.corpus)
    scorer = corpus.parent / "tools" / "score_tor.py"
    if not (corpus.is_dir() and scorer.is_file()):
        print(f"eval-tor: no corpus at {corpus} or no scorer at {scorer}", file=sys.stderr)
        return 2
    developed, held_out = split_dev(corpus / "dev")
    parts = {
        "seeds": sorted(corpus.glob("seed-*.txt")),
        "dev": developed,
        "held-out": held_out,
        "dev-all": developed + held_out,
    }
    table: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, texts in parts.items():
            figures, out = score(scorer, texts, Path(tmp) / name, verbose=args.verbose == name)
            table[name] = figures
            if args.verbose == name:
                print("\n".join(line for line in out.splitlines() if line.startswith("  ")))
    fields = list(table["seeds"])
    print(f"{'field':20s}" + "".join(f"{name:>10s}" for name in parts))
    for field in fields:
        print(f"{field:20s}" + "".join(f"{table[name].get(field, 0.0):10.3f}" for name in parts))
    print(f"{'documents':20s}" + "".join(f"{len(texts):10d}" for texts in parts.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
