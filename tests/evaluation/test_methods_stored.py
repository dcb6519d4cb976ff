"""Each selection method on the stored worked example (conftest.py): the
envelopes it opens and the ranking it records. Technical scores: R1 82,
R2 79 (C1 moderated to 24), R3 50 (under the pass mark of 70), R4 eliminated
by E1 (two of three evaluators fail it)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from nidaa.evaluation.decisions import close_financial, close_technical, import_prices, moderate, record_offer
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.grids import parse_grid_spec, set_grid
from nidaa.evaluation.models import Evaluation, Outcome
from nidaa.evaluation.results import compute_results
from nidaa.evaluation.sheets import import_scores
from tests.evaluation.conftest import GRID, SCORES, score_rows

SCORE_COLUMNS = ("evaluator", "application", "criterion", "score", "comment", "conflict")


def numbered(rows, columns):
    return [(n, dict(zip(columns, row, strict=True))) for n, row in enumerate(rows, start=2)]


def evaluate(call, applications, scores=SCORES, **grid):
    evaluation = set_grid(call=call, spec=parse_grid_spec(json.loads(json.dumps(GRID | grid))), actor=None)
    import_scores(call=call, rows=numbered(score_rows(scores), SCORE_COLUMNS), actor=None)
    moderate(
        application=applications["R2"],
        criterion_code="C1",
        consensus="24",
        reason="Écart discuté",
        actor=None,
    )
    close_technical(call=call, actor=None)
    return evaluation


def opened(evaluation):
    evaluation.refresh_from_db()
    return sorted(
        row.application.receipt_number for row in compute_results(evaluation).rows if row.envelope_open
    )


def outcomes(call):
    return sorted(
        Outcome.objects.filter(application__call=call).values_list(
            "application__receipt_number", "rank", "decision"
        )
    )


def prices(call, *rows):
    import_prices(call=call, rows=numbered(rows, ("application", "amount", "currency")), actor=None)


def test_lcs_ranks_the_lowest_price_among_the_qualified(call, applications):
    evaluation = evaluate(call, applications, method="lcs")
    assert opened(evaluation) == ["R1", "R2"]
    prices(call, ["R1", "120000", "MAD"], ["R2", "150000", "MAD"])
    close_financial(call=call, actor=None)
    assert outcomes(call) == [
        ("R1", 1, "retained"), ("R2", 2, "ranked"), ("R3", None, "not_qualified"), ("R4", None, "eliminated"),
    ]  # fmt: skip


def test_fbs_retains_the_best_technical_score_within_the_budget(call, applications):
    evaluate(call, applications, method="fbs", budget=180000)
    prices(call, ["R1", "200000", "MAD"], ["R2", "150000", "MAD"])
    close_financial(call=call, actor=None)
    assert outcomes(call) == [
        ("R1", None, "over_budget"), ("R2", 1, "retained"), ("R3", None, "not_qualified"), ("R4", None, "eliminated"),
    ]  # fmt: skip


def test_qbs_opens_only_the_best_technical_offer(call, applications):
    evaluation = evaluate(call, applications, method="qbs")
    assert opened(evaluation) == ["R1"]
    with pytest.raises(EvaluationError) as refused:
        record_offer(application=applications["R2"], amount="100000", actor=None)
    assert str(refused.value) == "L'offre financière de cette candidature n'est pas ouverte (non qualifiée)."
    record_offer(application=applications["R1"], amount="200000", actor=None)
    close_financial(call=call, actor=None)
    assert outcomes(call) == [
        ("R1", 1, "retained"), ("R2", 2, "ranked"), ("R3", None, "not_qualified"), ("R4", None, "eliminated"),
    ]  # fmt: skip


def test_cqs_opens_no_envelope_and_ranks_on_quality(call, applications):
    evaluation = evaluate(call, applications, method="cqs", technical_weight=100, financial_weight=0)
    assert opened(evaluation) == []
    with pytest.raises(EvaluationError):
        prices(call, ["R1", "1", "MAD"])
    close_financial(call=call, actor=None)
    assert outcomes(call)[:2] == [("R1", 1, "retained"), ("R2", 2, "ranked")]


def test_a_tie_on_the_combined_score_is_broken_by_the_technical_score(call, applications):
    # R2 the cheapest at 93,000 (financial 100); R1 at 100,000: financial
    # 100 x 93,000 / 100,000 = 93. Combined R1 = 0.7 x 82 + 0.3 x 93 = 85.3,
    # R2 = 0.7 x 79 + 0.3 x 100 = 85.3: a tie, broken by R1's higher technical score.
    evaluate(call, applications)
    prices(call, ["R1", "100000", "MAD"], ["R2", "93000", "MAD"])
    rows = {r.application.receipt_number: r for r in compute_results(Evaluation.objects.get(call=call)).rows}
    assert (rows["R1"].ranked.combined_score, rows["R2"].ranked.combined_score) == (
        Decimal("85.3"),
        Decimal("85.3"),
    )
    close_financial(call=call, actor=None)
    assert outcomes(call)[:2] == [("R1", 1, "retained"), ("R2", 2, "ranked")]
