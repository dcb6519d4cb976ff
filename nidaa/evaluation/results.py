"""A call's results, computed from the stored records by ``nidaa.scoring``.

One function, ``compute_results``, reads the submitted sheets, declarations,
moderations, compliance overrides and recorded amounts in a handful of
queries and hands them to ``consolidate`` and ``rank``: the results page, the
command line, the exports and the minutes all show what it returns, so a
score is computed in one place only.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from nidaa.applications.models import Application, ApplicationStatus
from nidaa.calls.models import Call
from nidaa.common.versioned import VersionedResults
from nidaa.evaluation.grids import interview_grid, scoring_grid
from nidaa.evaluation.models import (
    ComplianceCheck,
    ComplianceOverride,
    ConflictDeclaration,
    Evaluation,
    FinancialOffer,
    Interview,
    InterviewScore,
    Moderation,
    Score,
    ScoreSheet,
    SheetStatus,
    Stage,
)
from nidaa.scoring import (
    ApplicationConsolidation,
    Grid,
    Method,
    Ranked,
    Sheet,
    consolidate,
    rank,
    rank_with_interviews,
)

CENT = Decimal("0.01")


class ApplicationInfo(NamedTuple):
    """What the results show of an application: read as plain values, because
    building 2,000 model instances costs more than the whole consolidation."""

    pk: int
    receipt_number: str
    applicant_name: str
    firm_name: str
    applicant_email: str
    is_late: bool
    missing_pieces: list[str]


class OfferInfo(NamedTuple):
    amount: Decimal
    currency: str
    rate: Decimal
    amount_mad: Decimal


@dataclass
class ApplicationResult:
    application: ApplicationInfo
    compliance: dict[str, bool]
    consolidation: ApplicationConsolidation
    ranked: Ranked
    offer: OfferInfo | None
    envelope_open: bool
    interview: ApplicationConsolidation | None = None  # a shortlisted applicant's interview grid

    @property
    def compliant(self) -> bool:
        return all(self.compliance.values())

    @property
    def amount(self) -> Decimal | None:
        """The amount in MAD, once this application's envelope is open."""
        return self.offer.amount_mad if self.offer is not None and self.envelope_open else None


@dataclass
class Results:
    evaluation: Evaluation
    grid: Grid
    rows: list[ApplicationResult]  # in ranking order
    by_receipt: dict[str, ApplicationResult] = field(default_factory=dict)
    version: str = ""  # the records version it was computed at (``cached_results``)

    def __post_init__(self) -> None:
        self.by_receipt = {row.application.receipt_number: row for row in self.rows}


def submitted(call: Call) -> QuerySet[Application]:
    return Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)


def compute_results(evaluation: Evaluation) -> Results:
    call = evaluation.call
    grid = scoring_grid(evaluation)
    applications = {
        row[0]: ApplicationInfo(*row)
        for row in submitted(call)
        .order_by("received_at", "pk")
        .values_list(
            "pk",
            "receipt_number",
            "applicant_name",
            "firm_name",
            "applicant_email",
            "is_late",
            "missing_pieces",
        )
    }
    receipt = {pk: application.receipt_number for pk, application in applications.items()}
    codes = dict(evaluation.criteria.values_list("pk", "code"))
    sheet_keys = {
        pk: (evaluator_id, application_id)
        for pk, evaluator_id, application_id in ScoreSheet.objects.filter(
            application__call=call, status=SheetStatus.SUBMITTED
        ).values_list("pk", "evaluator_id", "application_id")
        if application_id in receipt
    }

    # One pass over every score, without joins: ids are mapped in Python.
    points: dict[int, dict[str, Decimal]] = defaultdict(dict)
    verdicts: dict[int, dict[str, bool]] = defaultdict(dict)
    for sheet_id, criterion_id, value, passes in Score.objects.filter(
        sheet__application__call=call, sheet__status=SheetStatus.SUBMITTED
    ).values_list("sheet_id", "criterion_id", "points", "passes"):
        if passes is not None:
            verdicts[sheet_id][codes[criterion_id]] = passes
        elif value is not None:
            points[sheet_id][codes[criterion_id]] = value
    sheets = [
        Sheet(str(evaluator_id), receipt[application_id], points.get(pk, {}), verdicts.get(pk, {}))
        for pk, (evaluator_id, application_id) in sheet_keys.items()
    ]
    for evaluator_id, application_id in ConflictDeclaration.objects.filter(
        application__call=call, has_conflict=True
    ).values_list("evaluator_id", "application_id"):
        if application_id in receipt:
            sheets.append(Sheet(str(evaluator_id), receipt[application_id], conflict=True))
    sheets.sort(key=lambda sheet: (sheet.application, sheet.evaluator))

    consensus: dict[tuple[str, str], Decimal] = {}
    chair_verdicts: dict[tuple[str, str], bool] = {}
    for application_id, criterion_id, value, verdict in Moderation.objects.filter(
        application__call=call
    ).values_list("application_id", "criterion_id", "consensus", "verdict"):
        if application_id not in receipt:
            continue
        if value is not None:
            consensus[(receipt[application_id], codes[criterion_id])] = value
        if verdict is not None:
            chair_verdicts[(receipt[application_id], codes[criterion_id])] = verdict

    compliance = {
        pk: {
            ComplianceCheck.ON_TIME.value: not application.is_late,
            ComplianceCheck.COMPLETE.value: not application.missing_pieces,
        }
        for pk, application in applications.items()
    }
    for application_id, requirement, satisfied in ComplianceOverride.objects.filter(
        application__call=call
    ).values_list("application_id", "requirement", "value"):
        if application_id in compliance:
            compliance[application_id][requirement] = satisfied

    offers = {
        application_id: OfferInfo(amount, currency, rate, amount_mad)
        for application_id, amount, currency, rate, amount_mad in FinancialOffer.objects.filter(
            application__call=call
        ).values_list("application_id", "amount", "currency", "rate", "amount_mad")
        if application_id in receipt
    }
    consolidated = consolidate(
        grid,
        sheets,
        applications=receipt.values(),
        consensus=consensus,
        chair_verdicts=chair_verdicts,
    )
    compliant = {receipt[pk]: all(checks.values()) for pk, checks in compliance.items()}
    if evaluation.interview:
        return _with_interviews(evaluation, grid, applications, compliance, consolidated, compliant, sheets)
    opened = (
        open_envelopes(
            evaluation, grid, rank(grid, consolidated, compliant=compliant, retain=evaluation.retain)
        )
        if envelopes_may_open(evaluation, grid)
        else set()
    )
    prices = {receipt[pk]: offer.amount_mad for pk, offer in offers.items() if receipt[pk] in opened}
    ranked = rank(grid, consolidated, compliant=compliant, prices=prices, retain=evaluation.retain)
    by_receipt = {application.receipt_number: application for application in applications.values()}
    return Results(
        evaluation=evaluation,
        grid=grid,
        rows=[
            ApplicationResult(
                application=by_receipt[row.application],
                compliance=compliance[by_receipt[row.application].pk],
                consolidation=consolidated[row.application],
                ranked=row,
                offer=offers.get(by_receipt[row.application].pk),
                envelope_open=row.application in opened,
            )
            for row in ranked
        ],
    )


def envelopes_may_open(evaluation: Evaluation, grid: Grid) -> bool:
    return evaluation.stage != Stage.SCORING and grid.method is not Method.CQS


def _with_interviews(
    evaluation: Evaluation,
    grid: Grid,
    applications: dict[int, ApplicationInfo],
    compliance: dict[int, dict[str, bool]],
    consolidated: dict[str, ApplicationConsolidation],
    compliant: dict[str, bool],
    sheets: list[Sheet],
) -> Results:
    """A staff post's results: the file evaluation, then the shortlist's
    interviews (``nidaa.scoring.interview``), scored on the interview grid by
    the evaluators without a conflict (the file stage's declarations hold)."""
    receipt = {pk: application.receipt_number for pk, application in applications.items()}
    interview_grid_ = interview_grid(evaluation)
    assert interview_grid_ is not None
    shortlisted = [
        receipt[pk]
        for pk in Interview.objects.filter(application__call_id=evaluation.call_id).values_list(
            "application_id", flat=True
        )
        if pk in receipt
    ]
    codes = dict(evaluation.interview_criteria.values_list("pk", "code"))
    points: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(dict)
    for evaluator_id, application_id, criterion_id, value in InterviewScore.objects.filter(
        application__call_id=evaluation.call_id
    ).values_list("evaluator_id", "application_id", "criterion_id", "points"):
        if application_id in receipt:
            points[(evaluator_id, application_id)][codes[criterion_id]] = value
    interview_sheets = [
        Sheet(str(evaluator_id), receipt[application_id], given)
        for (evaluator_id, application_id), given in sorted(points.items())
    ]
    interview_sheets += [sheet for sheet in sheets if sheet.conflict and sheet.application in shortlisted]
    interviews = consolidate(interview_grid_, interview_sheets, applications=shortlisted)
    ranked = rank_with_interviews(
        grid,
        consolidated,
        interviews,
        shortlisted=shortlisted,
        file_weight=evaluation.file_weight,
        interview_weight=evaluation.interview_weight,
        compliant=compliant,
        retain=evaluation.retain,
    )
    by_receipt = {application.receipt_number: application for application in applications.values()}
    return Results(
        evaluation=evaluation,
        grid=grid,
        rows=[
            ApplicationResult(
                application=by_receipt[row.application],
                compliance=compliance[by_receipt[row.application].pk],
                consolidation=consolidated[row.application],
                ranked=row,
                offer=None,
                envelope_open=False,
                interview=interviews.get(row.application),
            )
            for row in ranked
        ],
    )


def open_envelopes(evaluation: Evaluation, grid: Grid, technical: list[Ranked]) -> set[str]:
    """The receipts whose financial offer may be read: none before the chair
    closes the technical evaluation; then those of the technically qualified
    (QBS: only the best technical score's; CQS: none)."""
    if not envelopes_may_open(evaluation, grid):
        return set()
    qualified = [row for row in technical if row.qualified]
    if grid.method is Method.QBS:
        best = max((row.technical_score or Decimal(0) for row in qualified), default=None)
        return {row.application for row in qualified if row.technical_score == best}
    return {row.application for row in qualified}


def rounded(value: Decimal | None) -> float | None:
    if value is None:
        return None
    return float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def applicant_label(application: Application | ApplicationInfo) -> str:
    return application.firm_name or application.applicant_name or application.applicant_email


def result_line(row: ApplicationResult, *, interview: bool = False) -> dict[str, Any]:
    """One application as ``nidaa evaluation results`` prints it (a contract)."""
    consolidation = row.consolidation
    return {
        "receipt": row.application.receipt_number,
        "applicant": applicant_label(row.application),
        "compliant": row.compliant,
        "eliminated_by": list(consolidation.eliminated_by),
        "criteria": {
            code: {
                "mean": rounded(result.mean),
                "median": rounded(result.median),
                "spread": rounded(result.spread),
                "disagreement": result.disagreement,
                "consensus": rounded(result.consensus),
            }
            for code, result in consolidation.criteria.items()
        },
        "technical_score": rounded(row.ranked.technical_score),
        "qualified": row.ranked.qualified,
        "amount": rounded(row.amount),
        "financial_score": rounded(row.ranked.financial_score),
        "combined_score": rounded(row.ranked.combined_score),
        "rank": row.ranked.rank,
        "decision": row.ranked.decision.value,
        # A staff post's interview stage adds its keys (combined_score is then
        # the final score: file and interview weighed).
        **(
            {
                "shortlisted": row.ranked.shortlisted,
                "interview_score": rounded(row.ranked.interview_score),
                "interview_criteria": {
                    code: {"mean": rounded(result.mean), "spread": rounded(result.spread)}
                    for code, result in row.interview.criteria.items()
                }
                if row.interview is not None
                else {},
            }
            if interview
            else {}
        ),
    }


# --- cached, under a key that changes with every record it reads --------------

CACHE_SECONDS = 600


def touch(*, call_id: int) -> None:
    """Mark the call's evaluation records as changed (``records_version``):
    every service that writes a record the results read calls it, in its
    transaction."""
    Evaluation.objects.filter(call_id=call_id).update(updated_at=timezone.now())


def records_version(evaluation: Evaluation) -> str:
    """A key that changes whenever a record ``compute_results`` reads changes:
    the evaluation's ``updated_at`` (the grid, the stage, and every sheet,
    declaration, moderation, override and amount: their services ``touch``
    it) and the count and latest change of the call's applications (their
    flags change outside the evaluation). One indexed query per page view."""
    applications = Application.objects.filter(call_id=OuterRef("call_id")).order_by().values("call_id")
    values = (
        Evaluation.objects.filter(pk=evaluation.pk)
        .annotate(
            applications=Subquery(applications.annotate(n=Count("pk")).values("n")[:1]),
            latest=Subquery(applications.annotate(m=Max("updated_at")).values("m")[:1]),
        )
        .values_list("updated_at", "stage", "applications", "latest")
        .get()
    )
    text = "|".join(value.isoformat() if hasattr(value, "isoformat") else str(value) for value in values)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def cached_results(evaluation: Evaluation) -> Results:
    """``compute_results``, kept in the cache (shared by the web workers when
    Redis is configured) under the records' version: any write changes the
    key, so a stale result is never served."""
    version = records_version(evaluation)

    def compute() -> Results:
        results = compute_results(evaluation)
        results.version = version
        return results

    return _RESULTS.get(evaluation.pk, version, compute)


_RESULTS: VersionedResults[Results] = VersionedResults("evaluation-results", seconds=CACHE_SECONDS, copies=4)
