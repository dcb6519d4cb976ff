"""Train the title ranker: ``nidaa/tor/fields/title_model.json``.

    python scripts/train_title_ranker.py [--synthetic N] [--check | --cv | --loo | --export-real]

Training data, all shipped with the project: the fictional calls of ``tests/tor/dev`` (their
gold titles), ``N`` synthetic calls from ``scripts/title_training.py`` and the real calls'
examples of ``scripts/data/title_examples_real.json``. For each call the title reader proposes
its candidates (``nidaa.tor.fields.title.title_candidates``); a candidate is a positive example
when the shared scorer's title rule accepts it against the gold title (at least 70% of the
gold's words, and 40% of its own).

The real examples are the developed part of ``../shared/tor-corpus/dev`` (the held-out part,
every 4th document, is never read) as the ranker sees them: per call, each candidate's rule
rank, its feature values and whether it is right; numbers only, no text of the documents, so
training and ``--check`` need no corpus. ``--export-real`` writes them from the corpus. They
are the candidates' FEATURES: whenever a feature or the candidates change, run
``--export-real`` (with the corpus) before retraining, or the model learns from vectors the
reader no longer computes; ``--check`` compares them with the corpus when it is there.

A logistic regression (scikit-learn, L2, liblinear, balanced classes: the same coefficients on
every run) is fitted on the candidates' features, a real call's candidates weighing
``REAL_WEIGHT`` times a synthetic one's; its coefficients are written as JSON, which the reader
scores in plain Python. A pairwise ranking (right minus wrong candidates of a page) and a
listwise one (softmax over a page) were tried: both read unseen families worse (--cv) and the
real calls no better (--loo).

``--check`` exits 1 when the stored model (or, with the corpus, the real examples) differs
from what the data give: CI can tell a stale model. ``--cv`` writes nothing: for each family
of training pages (a synthetic layout, the fictional calls, the real calls) how the ranker
trained without that family picks its titles (leave one family out). ``--loo`` writes
nothing: for each real call, how the ranker trained on everything shipped but that call
picks its title (leave one out), the development figure for calls nobody tuned it to.
``--perturbed`` writes nothing: the developed real calls laid out another way
(``title_perturb``: blank lines, a site's menu above, page headers, the title in capitals or cut
in two, label rows, the letterhead moved), and for each change how many copies still have their
title among the candidates and how many the shipped model reads right (needs the corpus).

scikit-learn is needed here only, not at run time.
"""

from __future__ import annotations

import argparse
import json
import math
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
from title_perturb import PERTURBATIONS, perturbed  # noqa: E402
from title_training import calls  # noqa: E402

from nidaa.tor.fields.common import Doc  # noqa: E402
from nidaa.tor.fields.title import title_candidates  # noqa: E402
from nidaa.tor.fields.title_rank import MODEL_PATH, Candidate, Model, pick  # noqa: E402
from nidaa.tor.readers import read_bytes  # noqa: E402
from nidaa.tor.sections import segment  # noqa: E402
from nidaa.tor.text import Views  # noqa: E402

FICTIONAL = ROOT / "tests" / "tor" / "dev"
REAL_PATH = ROOT / "scripts" / "data" / "title_examples_real.json"
# A real call's candidates weigh as this many synthetic calls' (with --synthetic 1000: 30 real
# calls then weigh as 180 synthetic ones). Chosen by --cv and --loo: 1, 3, 5, 10 with 500
# synthetic calls, 3, 6 with 1,000, 12 with 2,000; with the 30 families of round eleven, 3, 6, 10
# against C 0.5, 1, 2 (6 and 1 stay: within a page of the best left out, --loo alike).
REAL_WEIGHT = 6.0
C = 1.0
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


def examples(synthetic: int) -> list[tuple[str, str, str]]:
    """(text, gold title, family) triples: the fictional calls and the synthetic ones; the
    family (a synthetic page's layout, "fictional") groups them for --cv."""
    triples = []
    for path in sorted(FICTIONAL.glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["title"]
        if gold:
            triples.append((path.read_text(encoding="utf-8"), gold, "fictional"))
    triples += [("\n".join(call.lines) + "\n", call.title, call.family) for call in calls(synthetic)]
    return triples


@dataclass
class Page:
    """One training call as the ranker sees it: its candidates and which of them are right."""

    family: str
    candidates: list[Candidate]
    hits: list[bool]


def _page(text: str, gold: str, family: str) -> Page:
    # read as the reader reads a pasted or uploaded text at run time (normalised:
    # tatweel, presentation forms, spaces; a saved WordPress answer as its HTML)
    views = Views.of(read_bytes(text.encode("utf-8"), "call.txt").text)
    candidates = title_candidates(Doc(views, segment(views), None))
    return Page(family, candidates, [title_match(gold, c.text) for c in candidates])


def pages(triples: list[tuple[str, str, str]]) -> list[Page]:
    return [_page(text, gold, family) for text, gold, family in triples]


def real_examples(corpus: Path) -> dict[str, object]:
    """The developed dev calls' candidates as numbers (rule rank, non-zero features, right or
    not), in the corpus's order; no text of the documents."""
    out = []
    for path in developed_part(corpus):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["title"]
        if not gold:
            continue
        page = _page(path.read_text(encoding="utf-8"), gold, "real")
        out.append(
            [
                {
                    "rank": c.rank,
                    "right": int(hit),
                    "features": {k: v for k, v in sorted(c.features.items()) if v},
                }
                for c, hit in zip(page.candidates, page.hits, strict=True)
            ]
        )
    return {
        "about": "the title candidates of the developed part of tor-corpus/dev as the ranker sees them "
        "(rule rank, non-zero features, right or not; no text of the documents); written by "
        "scripts/train_title_ranker.py --export-real, stale when the features change",
        "pages": out,
    }


def _dump(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def real_pages() -> list[Page]:
    """The shipped real examples (none if the file is absent)."""
    if not REAL_PATH.exists():
        return []
    data = json.loads(REAL_PATH.read_text(encoding="utf-8"))
    return [
        Page(
            "real",
            [Candidate(rank=c["rank"], text="", span=(0, 0), features=dict(c["features"])) for c in page],
            [bool(c["right"]) for c in page],
        )
        for page in data["pages"]
    ]


def _matrix(rows: list[dict[str, float]], names: list[str]) -> list[list[float]]:
    return [[row.get(name, 0.0) for name in names] for row in rows]


def fit(data: list[Page], *, real_weight: float = REAL_WEIGHT, c: float = C) -> dict[str, object]:
    """The model's JSON for these pages: a logistic regression over the candidates (balanced
    classes; a real call's candidates weigh ``real_weight`` times a synthetic one's)."""
    rows = [cand.features for page in data for cand in page.candidates]
    labels = [int(h) for page in data for h in page.hits]
    weights = [real_weight if page.family == "real" else 1.0 for page in data for _ in page.hits]
    names = sorted({name for row in rows for name in row})
    fitted = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", max_iter=1000)
    fitted.fit(_matrix(rows, names), labels, sample_weight=weights)
    return {
        "about": "title ranker: logistic regression over title.title_candidates features; "
        "trained by scripts/train_title_ranker.py on shipped data",
        "features": names,
        "weights": [round(float(w), 6) for w in fitted.coef_[0]],
        "bias": round(float(fitted.intercept_[0]), 6),
    }


def as_model(data: dict[str, object]) -> Model:
    names = tuple(data["features"])  # type: ignore[arg-type]
    weights = tuple(float(w) for w in data["weights"])  # type: ignore[attr-defined]
    return Model(names, weights, float(data["bias"]), dict(zip(names, weights, strict=True)))  # type: ignore[arg-type]


def train(synthetic: int) -> dict[str, object]:
    data = pages(examples(synthetic)) + real_pages()
    model = fit(data)
    scorer = as_model(model)
    print(
        f"{len(data)} calls ({sum(page.family == 'real' for page in data)} real), "
        f"{sum(len(page.candidates) for page in data)} candidates; a right candidate exists for "
        f"{sum(any(page.hits) for page in data)}; picked right for {sum(_picked_right(p, scorer) for p in data)}",
        file=sys.stderr,
    )
    return {"about": model.pop("about"), "synthetic_calls": synthetic, **model}


def _picked_right(page: Page, scorer: Model) -> bool:
    chosen = pick(page.candidates, scorer)
    return chosen is not None and page.hits[page.candidates.index(chosen)]


def _loss(page: Page, scorer: Model) -> float:
    """How surprised the scorer is by this page's answer: minus the log of the share its right
    candidates take of the page's odds (0 when they take it all); a reachable page only. Unlike
    the pick, it moves when the right candidate wins by less, or loses by more."""
    odds = [p / max(1.0 - p, 1e-13) for p in (scorer.probability(c.features) for c in page.candidates)]
    right = sum(o for o, h in zip(odds, page.hits, strict=True) if h)
    return -math.log(right / sum(odds))


def _ordered(page: Page, scorer: Model) -> tuple[int, int]:
    """(right-before-wrong pairs the scorer orders so, all such pairs) on this page: how well it
    ranks, also where the pick itself is the rules' answer."""
    right = [scorer.probability(c.features) for c, h in zip(page.candidates, page.hits, strict=True) if h]
    wrong = [scorer.probability(c.features) for c, h in zip(page.candidates, page.hits, strict=True) if not h]
    return sum(r > w for r in right for w in wrong), len(right) * len(wrong)


def _rules_right(page: Page) -> bool:
    return any(h and c.features.get("rules_choice") for c, h in zip(page.candidates, page.hits, strict=True))


def cross_validate(data: list[Page], **options: float) -> None:
    """Leave one family out: the ranker trained without a layout family picks the titles of that
    family's pages, as it would on a kind of page it has never seen. Prints, per family, the
    pages whose title is among the candidates (reachable), the rules' own first choice, and
    the ranker's pick trained with and without the family; "all" is over the synthetic and
    fictional families (the real calls, when shipped, are a row of their own)."""
    full = as_model(fit(data, **options))
    families = sorted({page.family for page in data})
    print(f"{'family':<12} {'pages':>5} {'reachable':>9} {'rules':>6} {'trained':>8} {'left out':>9}")
    totals = [0, 0, 0, 0, 0]

    def line(name: str, figures: list[int]) -> None:
        n = figures[0]
        print(
            f"{name:<12} {n:>5} "
            + " ".join(f"{f / n:>{w}.3f}" for f, w in zip(figures[1:], (9, 6, 8, 9), strict=True))
        )

    real: list[int] = []
    ordered = pairs = 0
    loss = 0.0
    for family in families:
        inside = [page for page in data if page.family == family]
        outside = as_model(fit([page for page in data if page.family != family], **options))
        for page in inside if family != "real" else []:
            got, count = _ordered(page, outside)
            ordered, pairs = ordered + got, pairs + count
            loss += _loss(page, outside) if any(page.hits) else 0.0
        figures = [
            len(inside),
            sum(any(page.hits) for page in inside),
            sum(_rules_right(page) for page in inside),
            sum(_picked_right(page, full) for page in inside),
            sum(_picked_right(page, outside) for page in inside),
        ]
        if family == "real":
            real = figures
            continue
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        line(family, figures)
    line("all", totals)
    reachable = sum(any(page.hits) for page in data if page.family != "real")
    print(
        f"left out, right candidate above a wrong one: {ordered}/{pairs} pairs; "
        f"mean page loss {loss / reachable:.3f}"
    )
    if real:
        line("real", real)


def leave_one_out(data: list[Page], **options: float) -> int:
    """Each real call read by the ranker trained on everything else shipped (the synthetic and
    fictional pages, the other real calls): how many titles it picks right."""
    real = [page for page in data if page.family == "real"]
    others = [page for page in data if page.family != "real"]
    right = ordered = pairs = 0
    loss = 0.0
    for i, page in enumerate(real):
        scorer = as_model(fit(others + real[:i] + real[i + 1 :], **options))
        right += _picked_right(page, scorer)
        got, count = _ordered(page, scorer)
        ordered, pairs = ordered + got, pairs + count
        loss += _loss(page, scorer) if any(page.hits) else 0.0
    print(
        f"leave one out, real calls: {right}/{len(real)} picked right "
        f"({sum(any(p.hits) for p in real)} reachable, rules alone {sum(_rules_right(p) for p in real)}); "
        f"right candidate above a wrong one: {ordered}/{pairs} pairs; "
        f"mean page loss {loss / max(1, sum(any(p.hits) for p in real)):.3f}"
    )
    return right


def robustness(corpus: Path) -> None:
    """For each layout change of ``title_perturb``, over the developed real calls whose title is
    among the candidates: the copies it applies to, those whose title is still a candidate, and
    those the shipped model picks right. Writes nothing; the copies' text is never stored."""
    counts = {name: [0, 0, 0] for name in PERTURBATIONS}
    for call, path in enumerate(developed_part(corpus)):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["title"]
        raw = path.read_text(encoding="utf-8")
        page = _page(raw, gold, "real") if gold else None
        right = [c for c, hit in zip(page.candidates, page.hits, strict=True) if hit] if page else []
        if not right:
            continue
        title = next((c for c in right if c.features.get("rules_choice")), right[0])
        text = read_bytes(raw.encode("utf-8"), "call.txt").text  # what the spans point into
        for name, changed in perturbed(text, title.span, call=call):
            copy = _page(changed, gold, "real")
            figures = counts[name]
            figures[0] += 1
            figures[1] += any(copy.hits)
            chosen = pick(copy.candidates)
            figures[2] += chosen is not None and copy.hits[copy.candidates.index(chosen)]
    print(f"{'change':<18} {'copies':>6} {'reachable':>9} {'right':>6}")
    for name, (n, reachable, right_picks) in counts.items():
        print(f"{name:<18} {n:>6} {reachable:>9} {right_picks:>6}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "tor-corpus")
    parser.add_argument("--check", action="store_true", help="exit 1 if the stored model is stale")
    parser.add_argument("--cv", action="store_true", help="leave-one-family-out figures; writes nothing")
    parser.add_argument("--loo", action="store_true", help="leave-one-out on the real calls; writes nothing")
    parser.add_argument(
        "--perturbed", action="store_true", help="the real calls laid out another way; writes nothing"
    )
    parser.add_argument(
        "--export-real", action="store_true", help=f"write {REAL_PATH.name} from the corpus's developed part"
    )
    args = parser.parse_args()
    if args.export_real:
        if not developed_part(args.corpus):
            print(f"no corpus at {args.corpus}", file=sys.stderr)
            return 2
        REAL_PATH.parent.mkdir(exist_ok=True)
        REAL_PATH.write_text(_dump(real_examples(args.corpus)), encoding="utf-8")
        return 0
    if args.perturbed:
        if not developed_part(args.corpus):
            print(f"no corpus at {args.corpus}", file=sys.stderr)
            return 2
        robustness(args.corpus)
        return 0
    if args.cv or args.loo:
        data = pages(examples(args.synthetic)) + real_pages()
        if args.cv:
            cross_validate(data)
        if args.loo:
            leave_one_out(data)
        return 0
    model = train(args.synthetic)
    model["real_calls"] = len(real_pages())
    text = json.dumps(model, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        stale = not MODEL_PATH.exists() or MODEL_PATH.read_text(encoding="utf-8") != text
        if developed_part(args.corpus):  # the real examples can be checked only where the corpus is
            stale |= not REAL_PATH.exists() or REAL_PATH.read_text(encoding="utf-8") != _dump(
                real_examples(args.corpus)
            )
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
