"""From the evaluators' sheets to one technical result per application.

Per criterion: the mean, median and spread of the points given by the
evaluators who scored it (a conflicted evaluator's sheet is left out), a
disagreement flag when the spread passes a share of the criterion's maximum,
and the committee's moderated consensus, which replaces the mean. An
eliminatory criterion fails an application when a majority of the
evaluators who judged it fail it (a tie fails), unless the chair recorded
another verdict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from nidaa.scoring.grid import Grid

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Sheet:
    """One evaluator's submitted sheet for one application."""

    evaluator: str
    application: str
    points: Mapping[str, Decimal] = field(default_factory=dict)
    verdicts: Mapping[str, bool] = field(default_factory=dict)  # eliminatory code -> passes
    conflict: bool = False


@dataclass(frozen=True)
class CriterionConsolidation:
    code: str
    scores: tuple[Decimal, ...]
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal | None
    disagreement: bool
    consensus: Decimal | None

    @property
    def value(self) -> Decimal | None:
        """What counts towards the technical score: the consensus if moderated."""
        return self.consensus if self.consensus is not None else self.mean


@dataclass(frozen=True)
class ApplicationConsolidation:
    application: str
    evaluators: tuple[str, ...]
    conflicted: tuple[str, ...]
    criteria: Mapping[str, CriterionConsolidation]
    eliminated_by: tuple[str, ...]
    undecided: tuple[str, ...]  # eliminatory criteria nobody has judged yet
    technical_score: Decimal | None  # on 100; None until every scored criterion has a value
    disagreement: Decimal  # the largest spread as a share of its criterion's maximum, for sorting

    @property
    def disagreements(self) -> tuple[str, ...]:
        return tuple(code for code, result in self.criteria.items() if result.disagreement)


def consolidate(
    grid: Grid,
    sheets: Iterable[Sheet],
    *,
    applications: Iterable[str] = (),
    consensus: Mapping[tuple[str, str], Decimal] | None = None,
    chair_verdicts: Mapping[tuple[str, str], bool] | None = None,
) -> dict[str, ApplicationConsolidation]:
    """Consolidate every application's submitted sheets.

    ``applications`` lists applications to include even with no sheet yet;
    ``consensus`` and ``chair_verdicts`` are keyed by (application, criterion).
    """
    consensus = consensus or {}
    chair_verdicts = chair_verdicts or {}
    by_application: dict[str, list[Sheet]] = defaultdict(list)
    for application in applications:
        by_application[application]
    for sheet in sheets:
        by_application[sheet.application].append(sheet)
    return {
        application: _consolidate_one(grid, application, app_sheets, consensus, chair_verdicts)
        for application, app_sheets in by_application.items()
    }


def _consolidate_one(
    grid: Grid,
    application: str,
    sheets: list[Sheet],
    consensus: Mapping[tuple[str, str], Decimal],
    chair_verdicts: Mapping[tuple[str, str], bool],
) -> ApplicationConsolidation:
    counted = [sheet for sheet in sheets if not sheet.conflict]
    criteria: dict[str, CriterionConsolidation] = {}
    for criterion in grid.scored:
        scores = tuple(sheet.points[criterion.code] for sheet in counted if criterion.code in sheet.points)
        criteria[criterion.code] = _criterion(
            criterion.code, scores, criterion.max_points, grid.disagreement_share,
            consensus.get((application, criterion.code)),
        )  # fmt: skip

    eliminated_by: list[str] = []
    undecided: list[str] = []
    for criterion in grid.eliminatory:
        verdict = chair_verdicts.get((application, criterion.code))
        if verdict is None:
            votes = [sheet.verdicts[criterion.code] for sheet in counted if criterion.code in sheet.verdicts]
            if not votes:
                undecided.append(criterion.code)
                continue
            verdict = sum(votes) > len(votes) / 2  # a tie fails
        if not verdict:
            eliminated_by.append(criterion.code)

    values = [result.value for result in criteria.values()]
    technical: Decimal | None = None
    if all(value is not None for value in values):
        total = sum((value for value in values if value is not None), Decimal(0))
        technical = total * HUNDRED / grid.max_total
    disagreement = max(
        (
            result.spread / grid.by_code[code].max_points
            for code, result in criteria.items()
            if result.spread is not None
        ),
        default=Decimal(0),
    )
    return ApplicationConsolidation(
        application=application,
        evaluators=tuple(sheet.evaluator for sheet in counted),
        conflicted=tuple(sheet.evaluator for sheet in sheets if sheet.conflict),
        criteria=criteria,
        eliminated_by=tuple(eliminated_by),
        undecided=tuple(undecided),
        technical_score=technical,
        disagreement=disagreement,
    )


def _criterion(
    code: str, scores: tuple[Decimal, ...], maximum: Decimal, share: Decimal, consensus: Decimal | None
) -> CriterionConsolidation:
    if not scores:
        return CriterionConsolidation(code, scores, None, None, None, False, consensus)
    ordered = sorted(scores)
    count = len(ordered)
    middle = count // 2
    # statistics.median's rule, without its generality (it was a third of the time here).
    median = ordered[middle] if count % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    spread = ordered[-1] - ordered[0]
    return CriterionConsolidation(
        code=code,
        scores=scores,
        mean=sum(scores, Decimal(0)) / count,
        median=median,
        spread=spread,
        disagreement=spread > share * maximum,
        consensus=consensus,
    )
