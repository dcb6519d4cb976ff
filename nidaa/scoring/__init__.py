"""The evaluation committee's arithmetic, without Django: consolidating the
evaluators' sheets, eliminatory verdicts, technical scores, and ranking by
the selection methods development funders name (QCBS, QBS, LCS, FBS, CQS).

Plain data in, plain data out, exact decimals throughout: the evaluation
app stores the sheets and the decision, and calls these functions to compute
what the results page, the exports and the minutes show.
"""

from nidaa.scoring.consolidate import (
    ApplicationConsolidation,
    CriterionConsolidation,
    Sheet,
    consolidate,
)
from nidaa.scoring.grid import Criterion, Grid, Method
from nidaa.scoring.interview import rank_with_interviews
from nidaa.scoring.rank import Decision, Ranked, rank

__all__ = [
    "ApplicationConsolidation",
    "Criterion",
    "CriterionConsolidation",
    "Decision",
    "Grid",
    "Method",
    "Ranked",
    "Sheet",
    "consolidate",
    "rank",
    "rank_with_interviews",
]
