"""The demo's evaluations: one finished (three evaluators, a conflict, a
moderation, QCBS 70/30, envelopes opened, the call awarded, minutes ready)
and one in the middle of scoring; loading twice changes nothing."""

from datetime import timedelta

from django.utils import timezone

from nidaa.calls.models import CallStatus
from nidaa.evaluation.demo import load_demo_evaluations
from nidaa.evaluation.minutes import build_minutes
from nidaa.evaluation.models import (
    ConflictDeclaration,
    Evaluation,
    FinancialOffer,
    Moderation,
    SheetStatus,
    Stage,
)
from nidaa.evaluation.results import compute_results
from tests.factories import CallFactory


def test_demo_evaluations_fill_every_committee_screen_once(org):
    older = CallFactory(
        organization=org, status=CallStatus.CLOSED, deadline=timezone.now() - timedelta(days=30)
    )
    recent = CallFactory(
        organization=org, status=CallStatus.CLOSED, deadline=timezone.now() - timedelta(days=5)
    )

    assert load_demo_evaluations(organization=org) == 2
    assert load_demo_evaluations(organization=org) == 0

    finished = Evaluation.objects.get(call=recent)
    recent.refresh_from_db()
    assert (finished.stage, finished.method, recent.status) == (Stage.DECIDED, "qcbs", CallStatus.AWARDED)
    assert ConflictDeclaration.objects.filter(application__call=recent, has_conflict=True).count() == 1
    assert Moderation.objects.filter(application__call=recent).count() == 1
    assert (
        FinancialOffer.objects.filter(application__call=recent).count() == 3
    )  # the fourth is under the pass mark
    ranking = [(row.ranked.rank, row.ranked.decision.value) for row in compute_results(finished).rows]
    assert ranking == [(1, "retained"), (2, "ranked"), (3, "ranked"), (None, "not_qualified")]
    assert len(build_minutes(finished, "ar").context["applications"]) == 4

    ongoing = Evaluation.objects.get(call=older)
    assert (ongoing.stage, ongoing.blind) == (Stage.SCORING, True)
    statuses = sorted(
        ongoing.call.applications.values_list("score_sheets__status", flat=True).exclude(
            score_sheets__isnull=True
        )
    )
    assert statuses == [SheetStatus.DRAFT] + [SheetStatus.SUBMITTED] * 4
