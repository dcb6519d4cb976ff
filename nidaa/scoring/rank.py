"""Ranking by the call's selection method.

Qualified = administratively compliant, not eliminated, technical score at
or above the pass mark. Then, by method:

- QCBS: financial score = 100 x lowest price / price, among the qualified;
  combined = technical x tw/100 + financial x fw/100; highest combined first.
- QBS and CQS: highest technical score first (QBS opens only the winner's
  offer: that is the evaluation app's business, the order is the same).
- LCS: lowest price first among the qualified.
- FBS: highest technical score first among the qualified within the budget;
  the others are "over budget".

Ties on the method's measure are broken by the technical score; a tie that
remains shares the rank, and ``tied`` tells the chair to decide.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from nidaa.scoring.consolidate import HUNDRED, ApplicationConsolidation
from nidaa.scoring.grid import Grid, Method


class Decision(enum.StrEnum):
    RETAINED = "retained"
    RANKED = "ranked"  # qualified and ranked, not retained
    NOT_QUALIFIED = "not_qualified"  # under the pass mark
    ELIMINATED = "eliminated"  # an eliminatory criterion or compliance failed
    OVER_BUDGET = "over_budget"  # FBS: price above the budget
    NO_PRICE = "no_price"  # qualified but no amount recorded (methods that need one)
    PENDING = "pending"  # not every criterion scored yet (or, shortlisted, not yet interviewed)
    NOT_SHORTLISTED = "not_shortlisted"  # qualified, left off an interview stage's shortlist


@dataclass(frozen=True)
class Ranked:
    application: str
    technical_score: Decimal | None
    qualified: bool
    amount: Decimal | None
    financial_score: Decimal | None
    combined_score: Decimal | None
    rank: int | None
    tied: bool
    decision: Decision
    # Staff posts' interview stage (``nidaa.scoring.interview``); the final
    # score is then ``combined_score``.
    shortlisted: bool = False
    interview_score: Decimal | None = None


def ranks_with_ties(
    applications: Iterable[str], key: Callable[[str], tuple[Decimal, ...]]
) -> tuple[dict[str, int], set[str]]:
    """Each application's rank by ``key`` (ascending; equal keys share the
    better rank, the next rank skipping as many), and the applications tied."""
    ordered = sorted(applications, key=lambda application: (key(application), application))
    ranks: dict[str, int] = {}
    tied: set[str] = set()
    for position, application in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        if previous is not None and key(previous) == key(application):
            ranks[application] = ranks[previous]
            tied.update({previous, application})
        else:
            ranks[application] = position
    return ranks, tied


def rank(
    grid: Grid,
    consolidations: Mapping[str, ApplicationConsolidation],
    *,
    compliant: Mapping[str, bool] | None = None,
    prices: Mapping[str, Decimal] | None = None,
    retain: int = 1,
) -> list[Ranked]:
    """Rank every application; the first ``retain`` ranks are retained.

    ``compliant`` (default: all) is the administrative verdict after the
    committee's overrides; ``prices`` are amounts in one currency (MAD).
    The list comes ranked first, in rank order, then the others by technical
    score.
    """
    compliant = compliant or {}
    prices = prices or {}
    outcomes: dict[str, Decision] = {}
    qualified: list[str] = []
    for application, result in consolidations.items():
        if not compliant.get(application, True) or result.eliminated_by:
            outcomes[application] = Decision.ELIMINATED
        elif result.technical_score is None or result.undecided:
            outcomes[application] = Decision.PENDING
        elif result.technical_score < grid.pass_mark:
            outcomes[application] = Decision.NOT_QUALIFIED
        else:
            qualified.append(application)

    def technical(application: str) -> Decimal:
        score = consolidations[application].technical_score
        assert score is not None  # qualified implies scored
        return score

    needs_price = grid.method in (Method.QCBS, Method.LCS, Method.FBS)
    contenders = []
    for application in qualified:
        if needs_price and application not in prices:
            outcomes[application] = Decision.NO_PRICE
        elif grid.method is Method.FBS and prices[application] > (grid.budget or Decimal(0)):
            outcomes[application] = Decision.OVER_BUDGET
        else:
            contenders.append(application)

    financial: dict[str, Decimal] = {}
    combined: dict[str, Decimal] = {}
    if grid.method is Method.QCBS and contenders:
        lowest = min(prices[application] for application in contenders)
        for application in contenders:
            price = prices[application]
            financial[application] = HUNDRED * lowest / price if price > 0 else HUNDRED
            combined[application] = (
                technical(application) * grid.technical_weight
                + financial[application] * grid.financial_weight
            ) / HUNDRED

    def key(application: str) -> tuple[Decimal, Decimal]:
        # Sorted ascending, so "higher is better" measures are negated.
        if grid.method is Method.QCBS:
            return (-combined[application], -technical(application))
        if grid.method is Method.LCS:
            return (prices[application], -technical(application))
        return (-technical(application), Decimal(0))

    ranks, tied = ranks_with_ties(contenders, key)
    for application, position in ranks.items():
        outcomes[application] = Decision.RETAINED if position <= retain else Decision.RANKED

    others = sorted(
        (application for application in consolidations if application not in ranks),
        key=lambda application: (-(consolidations[application].technical_score or Decimal(-1)), application),
    )
    return [
        Ranked(
            application=application,
            technical_score=consolidations[application].technical_score,
            qualified=application in qualified,
            amount=prices.get(application),
            financial_score=financial.get(application),
            combined_score=combined.get(application),
            rank=ranks.get(application),
            tied=application in tied,
            decision=outcomes[application],
        )
        for application in [*ranks, *others]  # ranks holds them in rank order
    ]
