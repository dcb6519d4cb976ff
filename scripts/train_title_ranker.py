"""Train the title ranker: ``nidaa/tor/fields/title_model.json``.

    python scripts/train_title_ranker.py [--synthetic N] [--check | --cv]

Training data, all shipped with the project: the fictional calls of ``tests/tor/dev`` (their
gold titles) and ``N`` synthetic calls from ``scripts/title_training.py``. No document of
``../shared/tor-corpus`` is read: the ranker is judged on those. For each call the title reader
proposes its candidates (``nidaa.tor.fields.title.title_candidates``); a candidate is a positive
example when the shared scorer's title rule accepts it against the gold title (at least 70% of
the gold's words, and 40% of its own). A logistic regression (scikit-learn, L2, liblinear: the
same coefficients on every run) is fitted on the candidates' features; its coefficients are
written as JSON, which the reader scores in plain Python. ``--check`` exits 1 when the stored
model differs from what the data give (CI can tell a stale model). ``--cv`` writes nothing: it
prints, for each family of training pages (a synthetic layout, the fictional calls), how the
ranker trained without that family picks its titles (leave one family out), and how the
shipped model reads the developed part of the corpus's dev set.

scikit-learn is needed here only, not at run time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_tor import HOLD_OUT_EVERY  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from title_training import calls  # noqa: E402

from nidaa.tor.api import extract_path  # noqa: E402
from nidaa.tor.fields.common import Doc  # noqa: E402
from nidaa.tor.fields.title import title_candidates  # noqa: E402
from nidaa.tor.fields.title_rank import MODEL_PATH, Candidate, Model, pick  # noqa: E402
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


def examples(synthetic: int, real: list[Path] = ()) -> list[tuple[str, str, str]]:  # type: ignore[assignment]
    """(text, gold title, family) triples: the fictional calls, the real ones given, the synthetic
    ones; the family (a synthetic page's layout, "fictional", "real") groups them for --cv."""
    triples = []
    for path in sorted(FICTIONAL.glob("*.txt")) + list(real):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["title"]
        if gold:
            family = "fictional" if path.parent == FICTIONAL else "real"
            triples.append((path.read_text(encoding="utf-8"), gold, family))
    triples += [("\n".join(call.lines) + "\n", call.title, call.family) for call in calls(synthetic)]
    return triples


@dataclass
class Page:
    """One training call as the ranker sees it: its candidates and which of them are right."""

    gold: str
    family: str
    candidates: list[Candidate]
    hits: list[bool]


def pages(triples: list[tuple[str, str, str]]) -> list[Page]:
    out = []
    for text, gold, family in triples:
        views = Views.of(text)
        candidates = title_candidates(Doc(views, segment(views), None))
        out.append(Page(gold, family, candidates, [title_match(gold, c.text) for c in candidates]))
    return out


def fit(data: list[Page]) -> tuple[dict[str, object], float]:
    """The model's JSON for these pages (and its training accuracy over candidates)."""
    rows = [c.features for page in data for c in page.candidates]
    labels = [int(h) for page in data for h in page.hits]
    names = sorted({name for row in rows for name in row})
    matrix = [[row.get(name, 0.0) for name in names] for row in rows]
    fitted = LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced", max_iter=1000)
    fitted.fit(matrix, labels)
    return {
        "about": "title ranker: logistic regression over title.title_candidates features; "
        "trained by scripts/train_title_ranker.py on shipped data",
        "features": names,
        "weights": [round(float(w), 6) for w in fitted.coef_[0]],
        "bias": round(float(fitted.intercept_[0]), 6),
    }, fitted.score(matrix, labels)


def as_model(data: dict[str, object]) -> Model:
    names = tuple(data["features"])  # type: ignore[arg-type]
    weights = tuple(float(w) for w in data["weights"])  # type: ignore[attr-defined]
    return Model(names, weights, float(data["bias"]), dict(zip(names, weights, strict=True)))  # type: ignore[arg-type]


def train(synthetic: int, real: list[Path]) -> dict[str, object]:
    data = pages(examples(synthetic, real))
    model, accuracy = fit(data)
    rows = sum(len(page.candidates) for page in data)
    print(
        f"{len(data)} calls, {rows} candidates ({sum(sum(page.hits) for page in data)} positive); "
        f"a right candidate exists for {sum(any(page.hits) for page in data)}/{len(data)}; "
        f"training accuracy {accuracy:.3f}",
        file=sys.stderr,
    )
    return {"about": model.pop("about"), "synthetic_calls": synthetic, **model}


def _picked_right(page: Page, scorer: Model) -> bool:
    chosen = pick(page.candidates, scorer)
    return chosen is not None and title_match(page.gold, chosen.text)


def cross_validate(synthetic: int, corpus: Path) -> None:
    """Leave one family out: the ranker trained without a layout family picks the titles of that
    family's pages, as it would on a kind of page it has never seen. Prints, per family, the
    pages whose title is among the candidates (reachable), the rules' own first choice, and
    the ranker's pick trained with and without the family; then how the shipped model reads
    the developed part of the corpus's dev set (the held-out part is not read)."""
    data = pages(examples(synthetic))
    full = as_model(fit(data)[0])
    families = sorted({page.family for page in data})
    print(f"{'family':<12} {'pages':>5} {'reachable':>9} {'rules':>6} {'trained':>8} {'left out':>9}")
    totals = [0, 0, 0, 0, 0]
    for family in families:
        inside = [page for page in data if page.family == family]
        outside = as_model(fit([page for page in data if page.family != family])[0])
        figures = [
            len(inside),
            sum(any(page.hits) for page in inside),
            sum(
                any(
                    h and c.features.get("rules_choice")
                    for c, h in zip(page.candidates, page.hits, strict=True)
                )
                for page in inside
            ),
            sum(_picked_right(page, full) for page in inside),
            sum(_picked_right(page, outside) for page in inside),
        ]
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        n = figures[0]
        print(
            f"{family:<12} {n:>5} "
            + " ".join(f"{f / n:>{w}.3f}" for f, w in zip(figures[1:], (9, 6, 8, 9), strict=True))
        )
    n = totals[0]
    print(
        f"{'all':<12} {n:>5} "
        + " ".join(f"{f / n:>{w}.3f}" for f, w in zip(totals[1:], (9, 6, 8, 9), strict=True))
    )
    developed = developed_part(corpus)
    if developed:
        right = 0
        for path in developed:
            gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["title"]
            got = extract_path(str(path))["title"]
            right += bool(gold and got and title_match(gold, got))
        print(f"corpus dev (developed part, shipped model): {right}/{len(developed)} titles")


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
    parser.add_argument("--cv", action="store_true", help="leave-one-family-out figures; writes nothing")
    args = parser.parse_args()
    if args.cv:
        cross_validate(args.synthetic, args.corpus)
        return 0
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
