"""Staff posts: a shortlist, then an interview scored on its own grid.

After the file (technical) evaluation the committee shortlists applicants
among the technically qualified and interviews them. The interview grid is
consolidated as the file's is (``consolidate``: the mean per criterion of the
evaluators without a conflict, on 100). Then, per shortlisted applicant:

    final = (file_weight x file score + interview_weight x interview score) / 100

with weights set per call that add up to 100 (0/100 ranks on the interview
alone). Only the shortlisted who were interviewed are ranked: highest final
score first, ties broken by the interview score, then the file score; a tie
that remains shares the rank (``tied``). A qualified applicant left off the
shortlist is "not shortlisted"; a shortlisted one not yet scored is pending.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from decimal import Decimal

from nidaa.scoring.consolidate import HUNDRED, ApplicationConsolidation
from nidaa.scoring.grid import Grid, GridError, Method
from nidaa.scoring.rank import Decision, Ranked, rank, ranks_with_ties


def check_weights(file_weight: Decimal, interview_weight: Decimal) -> None:
    if file_weight < 0 or interview_weight < 0 or file_weight + interview_weight != HUNDRED:
        raise GridError("the file and interview weights must add up to 100")


def rank_with_interviews(
    grid: Grid,
    consolidations: Mapping[str, ApplicationConsolidation],
    interviews: Mapping[str, ApplicationConsolidation],
    *,
    shortlisted: Collection[str],
    file_weight: Decimal,
    interview_weight: Decimal,
    compliant: Mapping[str, bool] | None = None,
    retain: int = 1,
) -> list[Ranked]:
    """Rank the shortlisted on their final score; everyone else keeps the file
    evaluation's verdict (eliminated, not qualified, pending) or is "not
    shortlisted". ``interviews`` holds the interview grid's consolidation per
    shortlisted application. The list comes ranked first, then the others."""
    check_weights(file_weight, interview_weight)
    # The file stage ranks as consultants' qualifications do: technical only.
    technical = {row.application: row for row in rank(replace(grid, method=Method.CQS), consolidations,
                                                       compliant=compliant, retain=0)}  # fmt: skip
    short = set(shortlisted)
    unqualified = sorted(application for application in short if not technical[application].qualified)
    if unqualified:
        raise GridError(f"only the technically qualified can be shortlisted: {', '.join(unqualified)}")

    final: dict[str, Decimal] = {}
    interview_scores: dict[str, Decimal | None] = {}
    for application in short:
        interview = interviews.get(application)
        score = interview.technical_score if interview is not None else None
        interview_scores[application] = score
        file_score = technical[application].technical_score
        if score is not None and file_score is not None:
            final[application] = (file_weight * file_score + interview_weight * score) / HUNDRED

    def key(application: str) -> tuple[Decimal, Decimal, Decimal]:
        file_score = technical[application].technical_score or Decimal(0)
        return (-final[application], -(interview_scores[application] or Decimal(0)), -file_score)

    ranks, tied = ranks_with_ties(final, key)

    def decision(application: str) -> Decision:
        if application in ranks:
            return Decision.RETAINED if ranks[application] <= retain else Decision.RANKED
        if application in short:
            return Decision.PENDING
        row = technical[application]
        return Decision.NOT_SHORTLISTED if row.qualified else row.decision

    others = [application for application in technical if application not in ranks]
    others.sort(
        key=lambda application: (
            application not in short,
            -(technical[application].technical_score or Decimal(-1)),
            application,
        )
    )
    return [
        replace(
            technical[application],
            financial_score=None,
            combined_score=final.get(application),
            rank=ranks.get(application),
            tied=application in tied,
            decision=decision(application),
            shortlisted=application in short,
            interview_score=interview_scores.get(application),
        )
        for application in [*ranks, *others]  # ranks holds them in rank order
    ]
