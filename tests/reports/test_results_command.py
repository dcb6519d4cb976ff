"""``nidaa missions results --mission ID --format json`` on the worked
example stored as records: the exact JSON, figures as counted by hand in
tests/tabulation/test_worked_example.py (where the arithmetic is written out)."""

import io
import json

import pytest
from django.core.management import call_command

from nidaa.cli import _missions_command
from nidaa.missions.services.attendance import record_attendance
from nidaa.questionnaires.models import Response
from nidaa.reports.results import cached_results
from tests.reports.conftest import FES, M1, M2, TANGER
from tests.tabulation.test_worked_example import group


def run(mission_id):
    out = io.StringIO()
    call_command("missions_results", "--mission", str(mission_id), "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_cli_words_name_the_commands():
    assert _missions_command(["results", "--mission", "3", "--format", "json"]) == (
        "missions_results",
        ["--mission", "3", "--format", "json"],
    )
    assert _missions_command(["report", "--mission", "3"]) == ("missions_report", ["--mission", "3"])


@pytest.mark.django_db
def test_results_json_is_exact(example):
    mission = example["mission"]
    s = example["sessions"]
    assert run(mission.pk) == {
        "mission": mission.pk,
        "overall": group(5, 6, 6, 1, 1, 35.8, 58.3, 22.5, 66.7, 70.0),
        "by_session": [
            {"id": s[11].pk, "module": M1, "zone": TANGER, "date": "2026-03-02",
             **group(3, 3, 2, 1, 0, 45.0, 65.0, 20.0, 50.0, 80.0)},
            {"id": s[12].pk, "module": M1, "zone": FES, "date": "2026-03-04",
             **group(2, 3, 2, 0, 1, 25.0, 52.5, 27.5, 100.0, 60.0)},
            {"id": s[13].pk, "module": M2, "zone": TANGER, "date": "2026-03-09",
             **group(3, 2, 2, 0, 0, 37.5, 57.5, 20.0, 50.0, 100.0)},
        ],
        "by_module": [
            {"module": M1, **group(5, 6, 4, 1, 1, 35.0, 58.8, 23.8, 75.0, 70.0)},
            {"module": M2, **group(3, 2, 2, 0, 0, 37.5, 57.5, 20.0, 50.0, 100.0)},
        ],
        "by_zone": [
            {"zone": TANGER, **group(3, 3, 4, 1, 0, 41.3, 61.3, 20.0, 50.0, 73.3)},
            {"zone": FES, **group(2, 3, 2, 0, 1, 25.0, 52.5, 27.5, 100.0, 60.0)},
        ],
        "by_sex": {
            "female": group(3, 3, 3, 1, 1, 38.3, 65.0, 26.7, 66.7, 90.0),
            "male": group(2, 3, 3, 0, 0, 33.3, 51.7, 18.3, 66.7, 50.0),
        },
        "by_category": {
            "Staff": group(2, 3, 2, 1, 1, 40.0, 37.5, -2.5, 50.0, 100.0),
            "Élus": group(2, 2, 3, 0, 0, 38.3, 68.3, 30.0, 66.7, 60.0),
            "unspecified": group(1, 1, 1, 0, 0, 20.0, 70.0, 50.0, 100.0, 60.0),
        },
    }  # fmt: skip


@pytest.mark.django_db
def test_a_correction_changes_the_results_served_from_the_cache(example):
    mission = example["mission"]
    assert cached_results(mission).figures["by_session"][2]["present"] == 2
    # Omar (2) was at the M2 session after all, and his M1 post-test is corrected to 70.
    record_attendance(
        session=example["sessions"][13], participant=example["people"][2], present=True, actor=None
    )
    Response.objects.filter(participant=example["people"][2], questionnaire__kind="post").update(score=70.0)
    figures = cached_results(mission).figures
    assert figures["by_session"][2]["present"] == 3
    overall = figures["overall"]
    # post (80+70+70+35+75+40)/6 = 370/6 = 61.67; 2M1 now improved: 5/6 = 83.3
    assert (overall["post_mean"], overall["improved_share"]) == (61.7, 83.3)
