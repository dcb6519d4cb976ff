"""An evaluation grid as plain data: criteria, the selection method and its
parameters, checked once so the arithmetic can trust them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal


class Method(enum.StrEnum):
    """Selection methods as the World Bank, the EU and the AFD name them."""

    QCBS = "qcbs"  # quality and cost: weighted technical and financial scores
    QBS = "qbs"  # quality only: best technical score; only its offer is opened
    LCS = "lcs"  # least cost among the technically qualified
    FBS = "fbs"  # fixed budget: best technical score among the qualified within budget
    CQS = "cqs"  # consultant's qualifications: technical only, no financial envelope

    @property
    def opens_prices(self) -> bool:
        """Whether the financial envelopes of the qualified are opened."""
        return self is not Method.CQS


class GridError(ValueError):
    """A grid that cannot be scored; the message names what is wrong."""


@dataclass(frozen=True)
class Criterion:
    code: str
    max_points: Decimal = Decimal(0)
    eliminatory: bool = False


@dataclass(frozen=True)
class Grid:
    criteria: tuple[Criterion, ...]
    method: Method = Method.QCBS
    technical_weight: Decimal = Decimal(70)
    financial_weight: Decimal = Decimal(30)
    pass_mark: Decimal = Decimal(70)
    budget: Decimal | None = None
    disagreement_share: Decimal = Decimal("0.2")
    by_code: dict[str, Criterion] = field(init=False, repr=False, compare=False)
    # Computed once: consolidation asks for them per application.
    scored: tuple[Criterion, ...] = field(init=False, repr=False, compare=False)
    eliminatory: tuple[Criterion, ...] = field(init=False, repr=False, compare=False)
    max_total: Decimal = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        scored = tuple(criterion for criterion in self.criteria if not criterion.eliminatory)
        object.__setattr__(self, "scored", scored)
        object.__setattr__(
            self, "eliminatory", tuple(criterion for criterion in self.criteria if criterion.eliminatory)
        )
        object.__setattr__(self, "max_total", sum((criterion.max_points for criterion in scored), Decimal(0)))
        codes = [criterion.code for criterion in self.criteria]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise GridError(f"criterion codes used twice: {', '.join(duplicates)}")
        for criterion in self.criteria:
            if not criterion.eliminatory and criterion.max_points <= 0:
                raise GridError(f"criterion {criterion.code}: the maximum must be above 0")
        if not self.scored:
            raise GridError("the grid has no scored criterion")
        if self.method is Method.QCBS and self.technical_weight + self.financial_weight != 100:
            raise GridError("the technical and financial weights must add up to 100")
        if self.method is Method.FBS and self.budget is None:
            raise GridError("a fixed-budget selection needs the budget")
        if not Decimal(0) <= self.disagreement_share <= Decimal(1):
            raise GridError("the disagreement share is between 0 and 1")
        object.__setattr__(self, "by_code", {criterion.code: criterion for criterion in self.criteria})
