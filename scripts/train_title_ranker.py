"""Train the title ranker: ``nidaa/tor/fields/title_model.json``.

    python scripts/train_title_ranker.py [--synthetic N] [--check]

Training data, all shipped with the project: the fictional calls of ``tests/tor/dev`` (their
gold titles) and ``N`` synthetic calls from ``scripts/title_training.py``. No document of
``../shared/tor-corpus`` is read: the ranker is judged on those. For each call the title reader
proposes its candidates (``nidaa.tor.fields.title.title_candidates``); a candidate is a positive
example when the shared scorer's title rule accepts it against the gold title (at least 70% of
the gold's words, and 40% of its own). A logistic regression (scikit-learn, L2, liblinear: the
same coefficients on every run) is fitted on the candidates' features; its coefficients are
written as JSON, which the reader scores in plain Python. ``--check`` exits 1 when the stored
model differs from what the data give (CI can tell a stale model).

scikit-learn is needed here only, not at run time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_tor import HOLD_OUT_EVERY  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from title_training import calls  # noqa: E402

from nidaa.tor.fields.common import Doc  # noqa: E402
from nidaa.tor.fields.title import title_candidates  # noqa: E402
from nidaa.tor.fields.title_rank import MODEL_PATH  # noqa: E402
from nidaa.tor.sections import segment  # noqa: E402
from nidaa.tor.text import Views  # noqa: E402

FICTIONAL = ROOT / "tests" / "tor" / "dev"
STOP = set(
    "de la le les des du d l un une et en au aux a à pour par sur dans avec ou "
    "of the and for in to a an on by with "
    "في من الى إلى على عن مع او أو هذا هذه التي الذي".split()
)


def _tokens(text: str) -> set[str]:
    # the shared scorer's tokens (tools/score_tor.py), so "positive" means what the score counts
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[\u064b-\u0652\u0640]", "", text)
    text = re.sub(r"[^\w@.]+", " ", text).strip()
    return {t for t in text.replace(".", " ").split() if t not in STOP and len(t) > 1}


def title_match(gold: str, pred: str) -> bool:
    g, p = _tokens(gold), _tokens(pred)
    if not g or not p:
        return False
    inter = len(g & p)
    return inter / len(g) >= 0.7 and inter / len(p) >= 0.4


def developed_part(corpus: Path) -> list[Path]:
    """The developed part of ``corpus/dev`` (eval_tor's split: every 4th document is held
    out and never read here), or nothing when the corpus is absent."""
    texts = sorted((corpus / "dev").glob("*.txt"))
    return [p for i, p in enumerate(texts) if i % HOLD_OUT_EVERY != HOLD_OUT_EVERY - 1]


def examples(synthetic: int, real: list[Path] = ()) -> list[tuple[str, str]]:  # type: ignore[assignment]
    """(text, gold title) pairs: the fictional calls, the real ones given, the synthetic ones."""
    pairs = []
    for path in sorted(FICTIONAL.glob("*.txt")) + list(real):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["title"]
        if gold:
            pairs.append((path.read_text(encoding="utf-8"), gold))
    pairs += [("\n".join(call.lines) + "\n", call.title) for call in calls(synthetic)]
    return pairs


def train(synthetic: int, real: list[Path]) -> dict[str, object]:
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    found = 0
    pairs = examples(synthetic, real)
    for text, gold in pairs:
        views = Views.of(text)
        candidates = title_candidates(Doc(views, segment(views), None))
        hits = [title_match(gold, c.text) for c in candidates]
        found += any(hits)
        rows += [c.features for c in candidates]
        labels += [int(h) for h in hits]
    names = sorted({name for row in rows for name in row})
    matrix = [[row.get(name, 0.0) for name in names] for row in rows]
    fitted = LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced", max_iter=1000)
    fitted.fit(matrix, labels)
    print(
        f"{len(pairs)} calls, {len(rows)} candidates ({sum(labels)} positive); "
        f"a right candidate exists for {found}/{len(pairs)}; "
        f"training accuracy {fitted.score(matrix, labels):.3f}",
        file=sys.stderr,
    )
    return {
        "about": "title ranker: logistic regression over title.title_candidates features; "
        "trained by scripts/train_title_ranker.py on shipped data",
        "synthetic_calls": synthetic,
        "features": names,
        "weights": [round(float(w), 6) for w in fitted.coef_[0]],
        "bias": round(float(fitted.intercept_[0]), 6),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "tor-corpus")
    parser.add_argument(
        "--with-corpus",
        action="store_true",
        help="also train on the developed part of --corpus (an experiment: the shipped model never is)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the stored model is stale")
    args = parser.parse_args()
    real = developed_part(args.corpus) if args.with_corpus else []
    model = train(args.synthetic, real)
    model["real_calls"] = len(real)
    text = json.dumps(model, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        stale = not MODEL_PATH.exists() or MODEL_PATH.read_text(encoding="utf-8") != text
        print("stale" if stale else "up to date")
        return int(stale)
    MODEL_PATH.write_text(text, encoding="utf-8")
    for name, weight in sorted(
        zip(model["features"], model["weights"], strict=True), key=lambda x: -abs(x[1])
    ):  # type: ignore[call-overload]
        print(f"{weight:+8.3f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
