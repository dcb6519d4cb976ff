"""The committee's list pages run a fixed number of queries, whatever the
number of applications (no query per row)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nidaa.evaluation.sheets import import_scores
from tests.conftest import client_for
from tests.evaluation.conftest import score_rows
from tests.factories import SubmittedApplicationFactory

COLUMNS = ("evaluator", "application", "criterion", "score", "comment", "conflict")


def queries(client, url) -> int:
    cache.clear()  # the results computed afresh each time, as after a write
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_board_and_results_queries_do_not_grow_with_the_applications(call, graded, applications, committee):
    import_scores(
        call=call,
        rows=[(n, dict(zip(COLUMNS, row, strict=True))) for n, row in enumerate(score_rows(), 2)],
        actor=None,
    )
    chair = client_for(committee["c"])
    board, results = (
        reverse("evaluation:board", args=[call.pk]),
        reverse("evaluation:results", args=[call.pk]),
    )
    before = (queries(chair, board), queries(chair, results))
    for n in range(12):
        SubmittedApplicationFactory(call=call, receipt_number=f"Z{n:02d}")
    assert (queries(chair, board), queries(chair, results)) == before
