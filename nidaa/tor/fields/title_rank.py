"""The learned part of the title reader: a logistic model that scores each candidate line.

The rules (``title.rule_candidates``) propose lines and say how sure they are; every plain line
near the top is a candidate too. Each candidate is described by a few dozen yes/no features
(its rule rank, position, length, casing, cue words, what surrounds it) and the model, trained
by ``scripts/train_title_ranker.py`` on data the project ships (the fictional calls of
``tests/tor/dev``, synthetic pages written by ``scripts/title_training.py`` and the real calls'
candidates as feature vectors, ``scripts/data/title_examples_real.json``), gives each a
probability of being the title. The weights are plain JSON (``title_model.json``) read once
and scored in plain Python: no scikit-learn at run time, same answer on every machine.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from nidaa.tor.fields.common import Span

MODEL_PATH = Path(__file__).with_name("title_model.json")

# Below this probability no candidate is taken as the title: a page with no title line
# (only labels, dates and prose) gets none rather than a sentence of its context.
MIN_PROBABILITY = 0.2


@dataclass
class Candidate:
    rank: int  # the rule that proposed it: 0-4, or title.PLAIN_LINE for a plain line
    text: str  # the title as it would be stored
    span: Span
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0

    @property
    def confidence(self) -> float:
        """What the review page shows: the model's probability, capped below certainty
        (a title is always worth a glance)."""
        return round(min(0.95, self.probability), 2)


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    weight_of: dict[str, float] = field(default_factory=dict, compare=False)

    def probability(self, features: dict[str, float]) -> float:
        # a candidate has a few of its features on: the sum runs over those
        z = self.bias + sum(
            self.weight_of.get(name, 0.0) * value for name, value in features.items() if value
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def model() -> Model:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    names, weights = tuple(data["features"]), tuple(float(w) for w in data["weights"])
    return Model(names, weights, float(data["bias"]), dict(zip(names, weights, strict=True)))


# The rules' own answer stands when a cue rule (rank 0-2) gave it and the model does not
# find it unlikely: on the calls the rules were written from they are right, and the model,
# trained on few real calls, is there for the pages where they find nothing or guess.
RULES_STAND = 0.3
CUE_RANKS = 2
# How much likelier the model's best must be to overrule it: 0.1 and 0.15 read unseen families
# best by --cv (0.2 and above kept more of the rules' wrong lines; 0.05 and 0 read fewer right)
OVERRULE_MARGIN = 0.1

# A generic header ("Appel d'offres ouvert n° 7/2021", "Avis de recrutement") names the kind of
# call, not its object: when the model finds a line of the same or a stronger rule that says
# more about as likely, that line is the title, whether the header was the rules' answer or the
# model's. On a family of pages the model has never seen (a tender's notice with its object
# under the header) the two score within a few hundredths.
GENERIC_MARGIN = 0.1


def _beyond_generic(candidates: list[Candidate], chosen: Candidate | None) -> Candidate | None:
    if chosen is None or not chosen.features.get("generic_header"):
        return chosen
    fuller = [c for c in candidates if not c.features.get("generic_header") and c.rank <= chosen.rank]
    if not fuller:
        return chosen
    other = max(fuller, key=lambda c: c.probability)  # the earlier one on a tie
    return other if other.probability >= chosen.probability - GENERIC_MARGIN else chosen


def pick(candidates: list[Candidate], scorer: Model | None = None) -> Candidate | None:
    """The title among the candidates: the rules' answer when it is a cue rule's and the
    model does not contradict it, else the most probable candidate (the earlier one on a
    tie), if probable enough; else, when the strongest cue rule found a title, the more
    probable of its answer and the model's best. A generic header gives way to a line that
    says more and is about as probable. ``scorer``
    is the shipped model unless another is given (the training script's cross-validation)."""
    return _beyond_generic(candidates, _pick(candidates, scorer or model()))


def _pick(candidates: list[Candidate], scorer: Model) -> Candidate | None:
    best: Candidate | None = None
    for candidate in candidates:
        candidate.probability = scorer.probability(candidate.features)
        if best is None or candidate.probability > best.probability:
            best = candidate
    ruled = next((c for c in candidates if c.features.get("rules_choice")), None)
    if (
        ruled is not None
        and ruled.rank <= CUE_RANKS
        and ruled.probability >= RULES_STAND
        and best is not None
        and best.probability - ruled.probability < OVERRULE_MARGIN
        and not ruled.features.get("dangling")  # "Recrutement d'un" cut off: not an answer
        # a site's menu or breadcrumb ("Accueil » Offres d'emploi"): where, not what
        and not ruled.features.get("path")
        and not ruled.features.get("navigation")
    ):
        return ruled
    if best is not None and best.probability >= MIN_PROBABILITY:
        return best
    # Nothing is probable enough, but a strongest cue rule found a complete title (an
    # announcement's object, a "Recrutement de ..." line): the page has a title, in a shape
    # the model has not seen, and the review page shows how unsure it is. It is the rule's
    # answer unless the model finds another candidate more likely (a grant programme's
    # heading over a rule's sentence about the selection committee).
    if ruled is not None and ruled.rank == 0 and not ruled.features.get("dangling"):
        return best if best is not None and best.probability > ruled.probability else ruled
    return None
