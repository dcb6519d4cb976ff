"""The tabulation on a mission small enough to count by hand, as a
facilitator would on paper; every expected figure is worked out beside it."""

from __future__ import annotations

from nidaa.tabulation import FINAL, POST, PRE, Person, ResponseRow, SessionRow, tabulate
from nidaa.tabulation.tabulate import one_decimal, response_satisfaction

M1, M2 = "M1 Budget participatif", "M2 Plaidoyer"
TANGER, FES = "Tanger", "Fès"

PEOPLE = [
    Person(1, TANGER, "female", "Élus"),
    Person(2, TANGER, "male", "Élus"),
    Person(3, TANGER, "female", "Staff"),
    Person(4, FES, "male", ""),
    Person(5, FES, "female", "Staff"),
    Person(6, FES, "male", "Staff", walk_in=True),  # came without being expected
]
SESSIONS = [
    SessionRow(11, M1, TANGER, "2026-03-02"),
    SessionRow(12, M1, FES, "2026-03-04"),
    SessionRow(13, M2, TANGER, "2026-03-09"),
]
PRESENT = [(11, 1), (11, 2), (11, 3), (12, 4), (12, 5), (12, 6), (13, 1), (13, 3)]
RESPONSES = [
    # M1 at Tanger (session 11)
    ResponseRow(1, PRE, M1, 11, score=40.0, order=1),
    ResponseRow(1, POST, M1, 11, score=80.0, order=2),
    ResponseRow(2, PRE, M1, 11, score=50.0, order=1),
    ResponseRow(2, POST, M1, 11, score=30.0, order=2),  # corrected below: the latest counts
    ResponseRow(2, POST, M1, 11, score=50.0, order=3),
    ResponseRow(3, PRE, M1, 11, score=60.0, order=1),  # no post: pre only
    # M1 at Fès (session 12)
    ResponseRow(4, PRE, M1, 12, score=20.0, order=1),
    ResponseRow(4, POST, M1, 12, score=70.0, order=2),
    ResponseRow(5, POST, M1, 12, score=90.0, order=2),  # no pre: post only
    ResponseRow(6, PRE, M1, 12, score=30.0, order=1),
    ResponseRow(6, POST, M1, 12, score=35.0, order=2),
    # M2 at Tanger (session 13)
    ResponseRow(1, PRE, M2, 13, score=25.0, order=1),
    ResponseRow(1, POST, M2, 13, score=75.0, order=2),
    ResponseRow(3, PRE, M2, 13, score=50.0, order=1),
    ResponseRow(3, POST, M2, 13, score=40.0, order=2),
    # final (satisfaction) questionnaires, already as % of the scale
    ResponseRow(1, FINAL, M1, 11, satisfaction=80.0),
    ResponseRow(4, FINAL, M1, 12, satisfaction=60.0),
    ResponseRow(3, FINAL, M2, 13, satisfaction=100.0),
    ResponseRow(2, FINAL, None, None, satisfaction=40.0),  # the mission-wide form, no session
]


def group(planned, present, paired, pre_only, post_only, pre, post, gain, improved, satisfaction):
    return {
        "planned": planned,
        "present": present,
        "paired": paired,
        "pre_only": pre_only,
        "post_only": post_only,
        "pre_mean": pre,
        "post_mean": post,
        "gain": gain,
        "improved_share": improved,
        "satisfaction": satisfaction,
    }


def results():
    return tabulate(mission=7, people=PEOPLE, sessions=SESSIONS, present=PRESENT, responses=RESPONSES)


def test_overall_pairs_participants_per_module_and_counts_the_unpaired():
    # units (participant, module): 1M1 40→80, 2M1 50→50 (latest post), 4M1 20→70, 6M1 30→35,
    # 1M2 25→75, 3M2 50→40 paired (6); 3M1 pre only; 5M1 post only.
    # planned: 1..5 (6 walked in) = 5; present: {1..6} = 6
    # pre  (40+50+20+30+25+50)/6 = 215/6 = 35.83 → 35.8
    # post (80+50+70+35+75+40)/6 = 350/6 = 58.33 → 58.3
    # gain 135/6 = 22.5; improved 1M1 4M1 6M1 1M2 = 4/6 = 66.67 → 66.7
    # satisfaction (80+60+100+40)/4 = 70.0
    assert results()["overall"] == group(5, 6, 6, 1, 1, 35.8, 58.3, 22.5, 66.7, 70.0)


def test_by_session():
    assert results()["by_session"] == [
        # Tanger's 3 expected, 3 present; 1 and 2 paired: pre (40+50)/2, post (80+50)/2, 1 of 2 improved
        {"id": 11, "module": M1, "zone": TANGER, "date": "2026-03-02",
         **group(3, 3, 2, 1, 0, 45.0, 65.0, 20.0, 50.0, 80.0)},
        # Fès' 2 expected, 3 present (a walk-in); 4 and 6 paired: pre (20+30)/2, post (70+35)/2 = 52.5
        {"id": 12, "module": M1, "zone": FES, "date": "2026-03-04",
         **group(2, 3, 2, 0, 1, 25.0, 52.5, 27.5, 100.0, 60.0)},
        # pre (25+50)/2 = 37.5, post (75+40)/2 = 57.5, 1 of 2 improved
        {"id": 13, "module": M2, "zone": TANGER, "date": "2026-03-09",
         **group(3, 2, 2, 0, 0, 37.5, 57.5, 20.0, 50.0, 100.0)},
    ]  # fmt: skip


def test_by_module_rounds_half_away_from_zero():
    assert results()["by_module"] == [
        # M1: pre (40+50+20+30)/4 = 35.0; post (80+50+70+35)/4 = 58.75 → 58.8; gain 23.75 → 23.8;
        # improved 3/4; planned Tanger 3 + Fès 2; present {1..6}; satisfaction (80+60)/2
        {"module": M1, **group(5, 6, 4, 1, 1, 35.0, 58.8, 23.8, 75.0, 70.0)},
        {"module": M2, **group(3, 2, 2, 0, 0, 37.5, 57.5, 20.0, 50.0, 100.0)},
    ]


def test_by_zone_as_named_in_the_plan():
    assert results()["by_zone"] == [
        # Tanger (1, 2, 3): pre (40+50+25+50)/4 = 41.25 → 41.3; post (80+50+75+40)/4 = 61.25 → 61.3;
        # gain 20.0; improved 1M1, 1M2 = 2/4; satisfaction (80+40+100)/3 = 73.33 → 73.3
        {"zone": TANGER, **group(3, 3, 4, 1, 0, 41.3, 61.3, 20.0, 50.0, 73.3)},
        {"zone": FES, **group(2, 3, 2, 0, 1, 25.0, 52.5, 27.5, 100.0, 60.0)},
    ]


def test_by_sex():
    assert results()["by_sex"] == {
        # women 1, 3, 5: paired 1M1 1M2 3M2; pre (40+25+50)/3 = 38.33; post (80+75+40)/3 = 65.0;
        # gain 80/3 = 26.67; improved 2/3; satisfaction (80+100)/2
        "female": group(3, 3, 3, 1, 1, 38.3, 65.0, 26.7, 66.7, 90.0),
        # men 2, 4, 6 (6 a walk-in): pre (50+20+30)/3 = 33.33; post (50+70+35)/3 = 51.67;
        # gain 55/3 = 18.33; improved 4, 6 = 2/3; satisfaction (40+60)/2
        "male": group(2, 3, 3, 0, 0, 33.3, 51.7, 18.3, 66.7, 50.0),
    }


def test_by_category_with_the_unspecified_last():
    by_category = results()["by_category"]
    assert list(by_category) == ["Staff", "Élus", "unspecified"]
    assert by_category == {
        # 1, 2: pre (40+50+25)/3 = 38.33; post (80+50+75)/3 = 68.33; gain 30.0; satisfaction (80+40)/2
        "Élus": group(2, 2, 3, 0, 0, 38.3, 68.3, 30.0, 66.7, 60.0),
        # 3, 5, 6: paired 6M1 30→35, 3M2 50→40; a lower mean after: gain -2.5
        "Staff": group(2, 3, 2, 1, 1, 40.0, 37.5, -2.5, 50.0, 100.0),
        "unspecified": group(1, 1, 1, 0, 0, 20.0, 70.0, 50.0, 100.0, 60.0),
    }


def test_a_group_without_answers_has_no_means():
    empty = tabulate(mission=1, people=PEOPLE[:1], sessions=SESSIONS[:1], present=[], responses=[])
    assert empty["overall"] == group(1, 0, 0, 0, 0, None, None, None, None, None)


def test_satisfaction_of_a_response_is_its_likert_answers_as_a_share_of_the_scale():
    # 4 of 5 = 80 %, 5 of 5 = 100 %, 2 of 4 = 50 % → (80+100+50)/3 = 76.67
    assert one_decimal(response_satisfaction([(4, 5), (5, 5), (2, 4)])) == 76.7
    assert response_satisfaction([]) is None


def test_rounding_half_away_from_zero():
    assert [one_decimal(v) for v in (0.25, 58.75, -2.25, 41.25)] == [0.3, 58.8, -2.3, 41.3]
