"""Issue 12: a call whose deadline has passed or is hours away, or that has no
deadline or no way to apply, is published only once the issuer confirms."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nidaa.calls.models import CallStatus
from nidaa.calls.services import PublicationNeedsConfirmation, publication_warnings, publish_call
from nidaa.common.models import AuditEntry
from tests.calls.test_review_page_saves_and_publishes import FORM
from tests.factories import CallFactory


def sound_call(org, **kwargs):
    values = {"submission_emails": ["recrutement@example.org"], "required_documents": ["cv"], **kwargs}
    return CallFactory(organization=org, **values)


def codes(call):
    return [warning.code for warning in publication_warnings(call=call)]


def test_a_call_with_a_deadline_weeks_away_and_an_address_needs_no_confirmation(org):
    assert codes(sound_call(org)) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"deadline": timezone.now() - timedelta(days=1)}, ["deadline_passed"]),
        ({"deadline": timezone.now() + timedelta(hours=5)}, ["deadline_soon"]),
        ({"deadline": None}, ["no_deadline"]),
        ({"submission_emails": [], "required_documents": []}, ["no_way_to_apply"]),
        ({"submission_emails": [], "required_documents": ["other:attestation"]}, ["no_way_to_apply"]),
    ],
)
def test_each_risky_call_is_named_by_its_warning(org, changes, expected):
    assert codes(sound_call(org, **changes)) == expected


def test_a_call_sent_to_an_address_without_listed_pieces_can_be_applied_to(org):
    assert codes(sound_call(org, required_documents=[])) == []


def test_publishing_a_call_past_its_deadline_is_refused_without_confirmation(owner, org):
    call = sound_call(org, deadline=timezone.now() - timedelta(hours=1))
    with pytest.raises(PublicationNeedsConfirmation) as refused:
        publish_call(call=call, actor=owner)
    assert [w.code for w in refused.value.warnings] == ["deadline_passed"]
    call.refresh_from_db()
    assert call.status == CallStatus.DRAFT
    assert call.published_at is None
    assert AuditEntry.objects.filter(object_id=call.pk, action="publish").count() == 0


def test_publishing_a_call_past_its_deadline_with_confirmation_publishes_it(owner, org):
    call = sound_call(org, deadline=timezone.now() - timedelta(hours=1))
    publish_call(call=call, actor=owner, confirmed=True)
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED


def test_review_page_warns_before_publishing_a_call_hours_from_its_deadline(member_client, org):
    call = sound_call(org, deadline=timezone.now() + timedelta(hours=6))
    content = member_client.get(f"/en/calls/{call.pk}/review/").content.decode()
    assert '<li data-warning="deadline_soon">The deadline is in 5' in content
    assert 'name="confirm_publish" value="yes"' in content


def test_review_page_of_a_sound_call_shows_no_warning(member_client, org):
    call = sound_call(org)
    content = member_client.get(f"/en/calls/{call.pk}/review/").content.decode()
    assert "publish-warnings" not in content


def test_publish_button_refuses_a_past_deadline_and_keeps_what_was_typed(member_client, org):
    call = sound_call(org)
    response = member_client.post(
        f"/fr/calls/{call.pk}/review/", {**FORM, "deadline": "2020-01-10T12:00", "publish": ""}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "L’appel n’a pas été publié" in content
    assert 'data-warning="deadline_passed"' in content
    assert 'value="2020-01-10T12:00"' in content
    call.refresh_from_db()
    assert call.status == CallStatus.DRAFT
    assert call.title != FORM["title"]  # nothing saved: the form is shown again


def test_publish_button_with_the_confirmation_publishes_a_past_deadline(member_client, org):
    call = sound_call(org)
    member_client.post(
        f"/fr/calls/{call.pk}/review/",
        {**FORM, "deadline": "2020-01-10T12:00", "publish": "", "confirm_publish": "yes"},
    )
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED


def test_publishing_from_the_call_page_sends_a_risky_call_to_the_review_page(member_client, org):
    call = sound_call(org, deadline=None)
    response = member_client.post(f"/en/calls/{call.pk}/status/", {"target": "published"})
    assert response.status_code == 302
    assert response["Location"] == f"/en/calls/{call.pk}/review/"
    call.refresh_from_db()
    assert call.status == CallStatus.DRAFT
