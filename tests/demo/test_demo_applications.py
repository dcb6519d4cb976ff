"""The demo's applications: online ones on open calls, e-mailed ones on
closed calls (one late, one incomplete), one message in triage; idempotent."""

from datetime import timedelta

from django.utils import timezone

from nidaa.applications.models import Application
from nidaa.calls.models import CallStatus
from nidaa.demo.applications import load_demo_applications
from nidaa.inbox.models import InboundMessage, MessageState
from tests.factories import CallFactory


def test_demo_applications_fill_every_issuer_screen_once(org):
    open_call = CallFactory(
        organization=org,
        status=CallStatus.PUBLISHED,
        deadline=timezone.now() + timedelta(days=5),
        required_documents=["cv", "methodology_note"],
    )
    closed_call = CallFactory(
        organization=org,
        status=CallStatus.CLOSED,
        deadline=timezone.now() - timedelta(days=3),
        required_documents=["cv", "financial_offer"],
        email_subject="Candidature expert eau",
        submission_emails=["recrutement@example.org"],
    )

    first = load_demo_applications(organization=org)
    second = load_demo_applications(organization=org)

    assert first == {"online": 2, "email": 3, "triage": 1}
    assert second == {"online": 0, "email": 0, "triage": 0}
    online = Application.objects.filter(call=open_call)
    assert sorted(online.values_list("applicant__username", "channel", "missing_pieces")) == [
        ("amina", "web", []),
        ("karim", "web", []),
    ]
    emailed = Application.objects.filter(call=closed_call).order_by("applicant_email")
    assert [(a.applicant_email, a.channel, a.is_late, a.missing_pieces) for a in emailed] == [
        ("salma.ouazzani@example.org", "email", False, ["financial_offer"]),
        ("souad.bennani@example.org", "email", True, []),
        ("youssef.amrani@example.org", "email", False, []),
    ]
    assert InboundMessage.objects.filter(state=MessageState.TRIAGE).count() == 1
