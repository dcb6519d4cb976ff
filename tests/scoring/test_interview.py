"""The interview stage of staff posts on a worked example computed by hand.

The file evaluation is tests/scoring/test_methods.py's: R1 82, R2 79 (c
declared a conflict, C1 moderated), R3 50 (under the pass mark), R4
eliminated. R1 and R2 are shortlisted.

Interview grid I1 /60, I2 /40 (on 100: the points):
- R1: a 40/30, b 44/26, c 42/28 -> means 42, 28 -> 70.
- R2: a 50/35, b 54/37 (c's conflict keeps them out) -> 52, 36 -> 88.

Weights file 40 / interview 60:
- R1 = (40 x 82 + 60 x 70) / 100 = 32.8 + 42 = 74.8
- R2 = (40 x 79 + 60 x 88) / 100 = 31.6 + 52.8 = 84.4 -> R2 first, retained.
Weights 90 / 10: R1 = 73.8 + 7 = 80.8, R2 = 71.1 + 8.8 = 79.9 -> R1 first.
"""

from decimal import Decimal as D

import pytest

from nidaa.scoring import Criterion, Decision, Grid, Method, Sheet, consolidate, rank_with_interviews
from nidaa.scoring.grid import GridError
from tests.scoring.test_methods import CONSENSUS, GRID, SHEETS

INTERVIEW_GRID = Grid(criteria=(Criterion("I1", D(60)), Criterion("I2", D(40))), method=Method.CQS)


def interview(evaluator, application, i1=None, i2=None, conflict=False):
    if conflict:
        return Sheet(evaluator, application, conflict=True)
    return Sheet(evaluator, application, {"I1": D(i1), "I2": D(i2)})


INTERVIEWS = [
    interview("a", "R1", 40, 30),
    interview("b", "R1", 44, 26),
    interview("c", "R1", 42, 28),
    interview("a", "R2", 50, 35),
    interview("b", "R2", 54, 37),
    interview("c", "R2", conflict=True),
]


def ranked(file_weight=40, interview_weight=60, shortlisted=("R1", "R2"), sheets=INTERVIEWS, retain=1):
    files = consolidate(GRID, SHEETS, consensus=CONSENSUS)
    interviews = consolidate(INTERVIEW_GRID, sheets, applications=shortlisted)
    return {
        row.application: row
        for row in rank_with_interviews(
            GRID,
            files,
            interviews,
            shortlisted=shortlisted,
            file_weight=D(file_weight),
            interview_weight=D(interview_weight),
            retain=retain,
        )
    }


def test_final_score_weighs_file_and_interview_and_only_the_shortlisted_are_ranked():
    rows = ranked()
    assert [(r.application, r.rank, r.decision) for r in rows.values()] == [
        ("R2", 1, Decision.RETAINED),
        ("R1", 2, Decision.RANKED),
        # The others by file score, as every method lists them.
        ("R4", None, Decision.ELIMINATED),
        ("R3", None, Decision.NOT_QUALIFIED),
    ]
    assert (rows["R1"].technical_score, rows["R1"].interview_score, rows["R1"].combined_score) == (
        D(82),
        D(70),
        D("74.8"),
    )
    assert (rows["R2"].technical_score, rows["R2"].interview_score, rows["R2"].combined_score) == (
        D(79),
        D(88),
        D("84.4"),
    )
    assert [r.application for r in rows.values() if r.shortlisted] == ["R2", "R1"]
    assert rows["R2"].financial_score is None


def test_the_weights_can_turn_the_order():
    rows = ranked(file_weight=90, interview_weight=10)
    assert (rows["R1"].combined_score, rows["R2"].combined_score) == (D("80.8"), D("79.9"))
    assert (rows["R1"].decision, rows["R2"].decision) == (Decision.RETAINED, Decision.RANKED)


def test_interview_only():
    rows = ranked(file_weight=0, interview_weight=100)
    assert (rows["R1"].combined_score, rows["R2"].combined_score) == (D(70), D(88))


def test_a_qualified_applicant_left_off_the_shortlist_is_not_shortlisted():
    rows = ranked(shortlisted=("R2",))
    assert (rows["R2"].rank, rows["R2"].decision) == (1, Decision.RETAINED)
    assert (rows["R1"].rank, rows["R1"].decision, rows["R1"].shortlisted) == (
        None,
        Decision.NOT_SHORTLISTED,
        False,
    )
    assert rows["R1"].interview_score is None


def test_a_shortlisted_applicant_not_yet_interviewed_is_pending():
    rows = ranked(sheets=INTERVIEWS[3:])
    assert (rows["R2"].rank, rows["R2"].decision) == (1, Decision.RETAINED)
    assert (rows["R1"].rank, rows["R1"].decision, rows["R1"].combined_score) == (None, Decision.PENDING, None)


def test_a_tie_on_the_final_score_is_broken_by_the_interview_score():
    # 50/50: R1 = 41 + x/2; R2 = 39.5 + 44 = 83.5. With R1's interview at 85
    # (45/40 everywhere): R1 = 41 + 42.5 = 83.5 too, and R2's interview (88)
    # is higher: R2 first.
    sheets = [interview(e, "R1", 45, 40) for e in "abc"] + INTERVIEWS[3:]
    rows = ranked(file_weight=50, interview_weight=50, sheets=sheets)
    assert (rows["R1"].combined_score, rows["R2"].combined_score) == (D("83.5"), D("83.5"))
    assert [(r.application, r.rank, r.tied) for r in rows.values()][:2] == [
        ("R2", 1, False),
        ("R1", 2, False),
    ]


def test_a_full_tie_shares_the_rank():
    # Same final, same interview (80), same file score: two applicants R1 and R1b.
    sheets = [interview(e, app, 50, 30) for e in "ab" for app in ("R1", "R1b")]
    files = consolidate(
        GRID, [*SHEETS, *(Sheet(s.evaluator, "R1b", s.points, s.verdicts) for s in SHEETS[:3])]
    )
    rows = rank_with_interviews(
        GRID,
        files,
        consolidate(INTERVIEW_GRID, sheets),
        shortlisted=("R1", "R1b"),
        file_weight=D(40),
        interview_weight=D(60),
        retain=1,
    )
    assert [(r.application, r.rank, r.tied, r.decision) for r in rows[:2]] == [
        ("R1", 1, True, Decision.RETAINED),
        ("R1b", 1, True, Decision.RETAINED),
    ]


def test_only_the_qualified_can_be_shortlisted_and_the_weights_add_up_to_100():
    with pytest.raises(GridError, match="only the technically qualified can be shortlisted: R3"):
        ranked(shortlisted=("R1", "R3"))
    with pytest.raises(GridError, match="the file and interview weights must add up to 100"):
        ranked(file_weight=50, interview_weight=60)
