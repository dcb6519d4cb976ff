"""The demo's evaluations: one finished (three evaluators, a conflict, a
moderation, QCBS 70/30, envelopes opened, the call awarded, minutes ready)
and one in the middle of scoring; loading twice changes nothing."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from nidaa.calls.models import CallStatus
from nidaa.evaluation.demo import load_demo_evaluations, load_demo_interviews
from nidaa.evaluation.minutes import build_minutes
from nidaa.evaluation.models import (
    ConflictDeclaration,
    Evaluation,
    FinancialOffer,
    Interview,
    InterviewScore,
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


def test_demo_staff_post_is_in_the_middle_of_its_interviews_after_the_evaluations(org, owner):
    assert load_demo_interviews(organization=org, admin=owner) == 0  # it comes after the evaluations
    for days in (30, 5):
        CallFactory(
            organization=org, status=CallStatus.CLOSED, deadline=timezone.now() - timedelta(days=days)
        )
    assert load_demo_evaluations(organization=org) == 2

    call_id = load_demo_interviews(organization=org, admin=owner)
    assert load_demo_interviews(organization=org, admin=owner) == 0

    staff = Evaluation.objects.get(call_id=call_id)
    assert (staff.call.title, staff.call.status, staff.stage, staff.method, staff.interview) == (
        "Chargé(e) de suivi-évaluation – programme « Jeunes et territoires »",
        CallStatus.CLOSED,
        Stage.INTERVIEW,
        "cqs",
        True,
    )
    assert staff.call.deadline < min(
        Evaluation.objects.exclude(pk=staff.pk).values_list("call__deadline", flat=True)
    )
    interviews = Interview.objects.filter(application__call_id=call_id).order_by("starts_at")
    assert [
        (i.application.applicant_name, bool(i.place), bool(i.online_link), i.starts_at < timezone.now())
        for i in interviews
    ] == [
        ("Salma Benali", True, False, True),
        ("Cabinet Atlas Conseil", False, True, True),
        ("يوسف الإدريسي", True, False, False),
    ]
    sheets = sorted(
        InterviewScore.objects.filter(application__call_id=call_id, criterion__code="I1").values_list(
            "evaluator__username", "application__applicant_name", "points"
        )
    )
    assert sheets == [
        ("claire", "Salma Benali", Decimal("46")),
        ("hassan", "Cabinet Atlas Conseil", Decimal("41")),
        ("hassan", "Salma Benali", Decimal("52")),
        ("nadia", "Cabinet Atlas Conseil", Decimal("38")),
        ("nadia", "Salma Benali", Decimal("50")),
    ]
    # Karim Tazi's file (52/100) is under the pass mark: not shortlisted.
    results = {row.application.applicant_name: row.ranked for row in compute_results(staff).rows}
    assert results["Karim Tazi"].qualified is False
