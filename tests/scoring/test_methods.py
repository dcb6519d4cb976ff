"""Worked examples computed by hand, one per selection method.

Grid: C1 /30, C2 /40, C3 /30 (technical score on 100 = the points), E1
eliminatory, pass mark 70, QCBS 70/30. Three evaluators a, b, c.

- R1: a 25/35/20, b 27/33/22, c 26/34/24 -> means 26, 34, 22 -> 82.
- R2: a 20/30/25, b 28/30/25, c declared a conflict. C1 spreads 8 > 20 % of 30
  (6): disagreement; the committee moderates C1 to 24 -> 24+30+25 = 79.
- R3: everyone 15/20/15 -> 50, under the pass mark.
- R4: full marks, but a and b fail E1 (c passes it) -> eliminated.
Prices: R1 200,000 MAD, R2 150,000 MAD, R3 90,000, R4 80,000.
QCBS: financial R2 = 100, R1 = 100 x 150,000 / 200,000 = 75;
combined R1 = 0.7 x 82 + 0.3 x 75 = 79.9, R2 = 0.7 x 79 + 0.3 x 100 = 85.3.
"""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from nidaa.scoring import Criterion, Decision, Grid, Method, Sheet, consolidate, rank
from nidaa.scoring.grid import GridError

GRID = Grid(
    criteria=(
        Criterion("C1", D(30)),
        Criterion("C2", D(40)),
        Criterion("C3", D(30)),
        Criterion("E1", eliminatory=True),
    )
)


def sheet(evaluator, application, c1=None, c2=None, c3=None, e1=True, conflict=False):
    if conflict:
        return Sheet(evaluator, application, conflict=True)
    points = {"C1": D(c1), "C2": D(c2), "C3": D(c3)}
    return Sheet(evaluator, application, points, {"E1": e1})


SHEETS = [
    sheet("a", "R1", 25, 35, 20),
    sheet("b", "R1", 27, 33, 22),
    sheet("c", "R1", 26, 34, 24),
    sheet("a", "R2", 20, 30, 25),
    sheet("b", "R2", 28, 30, 25),
    sheet("c", "R2", conflict=True),
    sheet("a", "R3", 15, 20, 15),
    sheet("b", "R3", 15, 20, 15),
    sheet("c", "R3", 15, 20, 15),
    sheet("a", "R4", 30, 40, 30, e1=False),
    sheet("b", "R4", 30, 40, 30, e1=False),
    sheet("c", "R4", 30, 40, 30, e1=True),
]
CONSENSUS = {("R2", "C1"): D(24)}
PRICES = {"R1": D(200_000), "R2": D(150_000), "R3": D(90_000), "R4": D(80_000)}


def results(grid=GRID, **kwargs):
    consolidated = consolidate(grid, SHEETS, consensus=CONSENSUS)
    return {row.application: row for row in rank(grid, consolidated, prices=PRICES, **kwargs)}


def test_consolidation_per_criterion_mean_median_spread():
    consolidated = consolidate(GRID, SHEETS, consensus=CONSENSUS)
    c2 = consolidated["R1"].criteria["C2"]
    assert (c2.scores, c2.mean, c2.median, c2.spread, c2.disagreement) == (
        (D(35), D(33), D(34)), D(34), D(34), D(2), False,
    )  # fmt: skip
    assert consolidated["R1"].technical_score == D(82)


def test_a_conflicted_evaluator_is_left_out_and_a_moderated_score_replaces_the_mean():
    r2 = consolidate(GRID, SHEETS, consensus=CONSENSUS)["R2"]
    assert r2.evaluators == ("a", "b")
    assert r2.conflicted == ("c",)
    c1 = r2.criteria["C1"]
    assert (c1.mean, c1.spread, c1.disagreement, c1.consensus, c1.value) == (D(24), D(8), True, D(24), D(24))
    assert r2.disagreements == ("C1",)
    assert r2.disagreement == D(8) / D(30)
    assert r2.technical_score == D(79)


def test_disagreement_is_a_spread_strictly_above_the_share_of_the_maximum():
    at_the_limit = [sheet("a", "X", 20, 30, 20), sheet("b", "X", 26, 30, 20)]  # spread 6 = 20 % of 30
    assert consolidate(GRID, at_the_limit)["X"].criteria["C1"].disagreement is False
    strict = replace(GRID, disagreement_share=D("0.1"))
    assert consolidate(strict, at_the_limit)["X"].criteria["C1"].disagreement is True


def test_qcbs_weights_the_technical_and_the_lowest_price_formula():
    rows = results()
    assert (rows["R2"].financial_score, rows["R2"].combined_score, rows["R2"].rank) == (D(100), D("85.3"), 1)
    assert (rows["R1"].financial_score, rows["R1"].combined_score, rows["R1"].rank) == (D(75), D("79.9"), 2)
    assert rows["R2"].decision is Decision.RETAINED
    assert rows["R1"].decision is Decision.RANKED
    assert (rows["R3"].qualified, rows["R3"].decision, rows["R3"].rank) == (
        False,
        Decision.NOT_QUALIFIED,
        None,
    )
    assert (rows["R4"].decision, rows["R4"].financial_score) == (Decision.ELIMINATED, None)
    # The cheaper offers of the unqualified do not lower the qualified's financial scores.
    assert [row.application for row in rank(GRID, consolidate(GRID, SHEETS, consensus=CONSENSUS), prices=PRICES)] == [
        "R2", "R1", "R4", "R3",
    ]  # fmt: skip


def test_qcbs_80_20_changes_the_winner():
    rows = results(replace(GRID, technical_weight=D(90), financial_weight=D(10)))
    # R1 = 0.9 x 82 + 0.1 x 75 = 81.3; R2 = 0.9 x 79 + 0.1 x 100 = 81.1
    assert (rows["R1"].combined_score, rows["R2"].combined_score) == (D("81.3"), D("81.1"))
    assert (rows["R1"].rank, rows["R2"].rank) == (1, 2)


def test_qbs_and_cqs_rank_on_the_technical_score_alone():
    for method in (Method.QBS, Method.CQS):
        rows = results(replace(GRID, method=method))
        assert (rows["R1"].rank, rows["R2"].rank) == (1, 2)
        assert rows["R1"].decision is Decision.RETAINED
        assert (rows["R1"].financial_score, rows["R1"].combined_score) == (None, None)


def test_cqs_needs_no_price():
    consolidated = consolidate(replace(GRID, method=Method.CQS), SHEETS, consensus=CONSENSUS)
    rows = {row.application: row for row in rank(replace(GRID, method=Method.CQS), consolidated)}
    assert rows["R1"].decision is Decision.RETAINED


def test_lcs_takes_the_lowest_price_among_the_qualified():
    rows = results(replace(GRID, method=Method.LCS))
    assert (rows["R2"].rank, rows["R1"].rank) == (1, 2)
    assert rows["R3"].rank is None  # cheaper, but not qualified


def test_fbs_takes_the_best_technical_score_within_the_budget():
    rows = results(replace(GRID, method=Method.FBS, budget=D(180_000)))
    assert rows["R1"].decision is Decision.OVER_BUDGET
    assert (rows["R2"].rank, rows["R2"].decision) == (1, Decision.RETAINED)


def test_a_qualified_offer_without_price_is_not_ranked_by_a_price_method():
    consolidated = consolidate(GRID, SHEETS, consensus=CONSENSUS)
    rows = {row.application: row for row in rank(GRID, consolidated, prices={"R1": D(200_000)})}
    assert rows["R2"].decision is Decision.NO_PRICE
    assert (rows["R1"].financial_score, rows["R1"].rank) == (D(100), 1)


def test_an_eliminatory_tie_fails_and_the_chair_can_record_another_verdict():
    tie = [sheet("a", "X", 30, 40, 30, e1=True), sheet("b", "X", 30, 40, 30, e1=False)]
    assert consolidate(GRID, tie)["X"].eliminated_by == ("E1",)
    assert consolidate(GRID, tie, chair_verdicts={("X", "E1"): True})["X"].eliminated_by == ()
    majority = [*tie, sheet("c", "X", 30, 40, 30, e1=True)]
    assert consolidate(GRID, majority)["X"].eliminated_by == ()


def test_administrative_non_compliance_eliminates():
    rows = results(compliant={"R2": False})
    assert rows["R2"].decision is Decision.ELIMINATED
    assert (rows["R1"].rank, rows["R1"].financial_score) == (1, D(100))


def test_an_exact_tie_shares_the_rank_and_is_flagged_for_the_chair():
    twins = [sheet("a", "X", 25, 35, 20), sheet("a", "Y", 25, 35, 20)]
    consolidated = consolidate(GRID, twins)
    rows = {row.application: row for row in rank(GRID, consolidated, prices={"X": D(100), "Y": D(100)})}
    assert (rows["X"].rank, rows["Y"].rank, rows["X"].tied, rows["Y"].tied) == (1, 1, True, True)


def test_a_tie_on_combined_score_is_broken_by_the_technical_score():
    # Weights 50/50. X: technical 80, financial 100 -> 90. Y: technical 100, financial 80 (price 125) -> 90.
    grid = replace(GRID, technical_weight=D(50), financial_weight=D(50))
    two = [sheet("a", "X", 24, 32, 24), sheet("a", "Y", 30, 40, 30)]
    rows = rank(grid, consolidate(grid, two), prices={"X": D(100), "Y": D(125)})
    assert [(row.application, row.combined_score, row.rank, row.tied) for row in rows] == [
        ("Y", D(90), 1, False), ("X", D(90), 2, False),
    ]  # fmt: skip


def test_an_application_not_fully_scored_is_pending():
    partial = [Sheet("a", "X", {"C1": D(20)}, {"E1": True})]
    consolidated = consolidate(GRID, partial, applications=["Z"])
    assert consolidated["X"].technical_score is None
    assert consolidated["Z"].undecided == ("E1",)
    assert {row.application: row.decision for row in rank(GRID, consolidated)} == {
        "X": Decision.PENDING, "Z": Decision.PENDING,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"technical_weight": D(60)}, "the technical and financial weights must add up to 100"),
        ({"method": Method.FBS}, "a fixed-budget selection needs the budget"),
        ({"criteria": (Criterion("C1", D(10)), Criterion("C1", D(5)))}, "criterion codes used twice: C1"),
        ({"criteria": (Criterion("E1", eliminatory=True),)}, "the grid has no scored criterion"),
        ({"criteria": (Criterion("C1", D(0)),)}, "criterion C1: the maximum must be above 0"),
    ],
)
def test_a_grid_that_cannot_be_scored_is_refused(changes, message):
    with pytest.raises(GridError) as error:
        replace(GRID, **changes)
    assert str(error.value) == message
