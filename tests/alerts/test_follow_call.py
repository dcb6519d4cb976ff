"""Following a call (for its deadline reminder)."""

import pytest
from django.urls import reverse

from nidaa.alerts.models import FollowedCall
from nidaa.calls.models import CallStatus
from tests.factories import CallFactory, PublishedCallFactory

pytestmark = pytest.mark.django_db


def test_follow_toggles(applicant, applicant_client):
    call = PublishedCallFactory()
    url = reverse("alerts:follow_call", args=[call.pk])

    response = applicant_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/fr/calls/{call.pk}/"
    assert FollowedCall.objects.filter(user=applicant, call=call).count() == 1

    applicant_client.post(url)
    assert FollowedCall.objects.filter(user=applicant, call=call).count() == 0


def test_explicit_follow_is_idempotent_and_next_is_kept_on_site(applicant, applicant_client):
    call = PublishedCallFactory()
    url = reverse("alerts:follow_call", args=[call.pk])
    applicant_client.post(url, {"follow": "1"})
    response = applicant_client.post(url, {"follow": "1", "next": "https://evil.example/"})
    assert FollowedCall.objects.filter(user=applicant, call=call).count() == 1
    assert response["Location"] == f"/fr/calls/{call.pk}/"
    response = applicant_client.post(url, {"follow": "1", "next": "/fr/?q=x"})
    assert response["Location"] == "/fr/?q=x"


def test_a_draft_of_another_organisation_cannot_be_followed(applicant_client):
    draft = CallFactory(status=CallStatus.DRAFT)
    response = applicant_client.post(reverse("alerts:follow_call", args=[draft.pk]))
    assert response.status_code == 404
    assert FollowedCall.objects.count() == 0


def test_anonymous_is_sent_to_sign_in(anon_client):
    call = PublishedCallFactory()
    response = anon_client.post(reverse("alerts:follow_call", args=[call.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=")
