from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from nidaa.calls.models import CallRevision, CallStatus
from tests.factories import CallFactory

FORM = {
    "title": "Recrutement d'un formateur",
    "call_type": "trainer",
    "issuer": "Association Oasis du Savoir",
    "timezone": "Africa/Casablanca",
    "deadline": "2026-12-15T23:59",
    "submission_emails": "Recrutement@Example.org\n\ncc@example.org",
    "required_documents": ["cv", "methodology_note"],
    "other_documents": "attestation fiscale",
    "locations": "Fès\nMeknès\n",
    "duration_days": "6",
    "participants": "20",
}


def test_save_draft_stores_every_field(member_client, org):
    call = CallFactory(organization=org, title="Ancien titre")
    response = member_client.post(f"/fr/calls/{call.pk}/review/", {**FORM, "save": ""})
    assert response.status_code == 302
    assert response["Location"] == f"/fr/calls/{call.pk}/review/"
    call.refresh_from_db()
    assert call.status == "draft"
    assert call.title == "Recrutement d'un formateur"
    assert call.deadline == datetime(2026, 12, 15, 23, 59, tzinfo=ZoneInfo("Africa/Casablanca"))
    assert call.submission_emails == ["recrutement@example.org", "cc@example.org"]
    assert call.required_documents == ["cv", "methodology_note", "other:attestation fiscale"]
    assert call.locations == ["Fès", "Meknès"]
    assert str(call.duration_days) == "6.00"
    assert call.participants == 20


def test_deadline_is_read_in_the_calls_time_zone(member_client, org):
    call = CallFactory(organization=org)
    member_client.post(f"/fr/calls/{call.pk}/review/", {**FORM, "timezone": "Europe/Paris", "save": ""})
    call.refresh_from_db()
    assert call.deadline == datetime(2026, 12, 15, 23, 59, tzinfo=ZoneInfo("Europe/Paris"))
    assert call.timezone == "Europe/Paris"


def test_publish_button_publishes_the_draft(member_client, org):
    call = CallFactory(organization=org)
    member_client.post(f"/fr/calls/{call.pk}/review/", {**FORM, "publish": ""})
    call.refresh_from_db()
    assert call.status == "published"


def test_saving_a_published_call_records_a_revision_shown_on_its_page(member_client, anon_client, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED)
    member_client.post(f"/en/calls/{call.pk}/review/", {**FORM, "title": "Titre corrigé", "save": ""})
    revision = CallRevision.objects.get(call=call)
    assert revision.number == 1
    assert "title" in revision.changed_fields
    content = anon_client.get(f"/en/calls/{call.pk}/").content.decode()
    # Applicants read the change, named by the field that matters to them (issue 12).
    assert "<h2>Changes since publication</h2>" in content
    assert ": changed deadline, required documents, submission e-mails, title, locations</li>" in content


def test_invalid_email_is_shown_and_nothing_is_saved(member_client, org):
    call = CallFactory(organization=org, title="Titre")
    response = member_client.post(
        f"/en/calls/{call.pk}/review/", {**FORM, "submission_emails": "pas-une-adresse", "save": ""}
    )
    assert response.status_code == 400
    assert "“pas-une-adresse” is not a valid e-mail address." in response.content.decode()
    call.refresh_from_db()
    assert call.title == "Titre"


def test_form_shows_lists_one_item_per_line_and_documents_as_checkboxes(member_client, org):
    call = CallFactory(
        organization=org, locations=["Fès", "Meknès"], required_documents=["cv", "other:attestation"]
    )
    content = member_client.get(f"/fr/calls/{call.pk}/review/").content.decode()
    assert ">\nFès\nMeknès</textarea>" in content
    assert 'type="checkbox" name="required_documents" value="cv"' in content
    assert ">\nattestation</textarea>" in content


@pytest.mark.parametrize("status", [CallStatus.CLOSED, CallStatus.CANCELLED])
def test_closed_calls_are_not_editable(member_client, org, status):
    call = CallFactory(organization=org, status=status)
    response = member_client.get(f"/fr/calls/{call.pk}/review/")
    assert response.status_code == 302
    assert response["Location"] == f"/fr/calls/{call.pk}/"


def test_closed_call_can_be_awarded_from_its_page(member_client, org):
    call = CallFactory(organization=org, status=CallStatus.CLOSED)
    assert "Mark as awarded" in member_client.get(f"/en/calls/{call.pk}/").content.decode()
    member_client.post(f"/en/calls/{call.pk}/status/", {"target": "awarded"})
    call.refresh_from_db()
    assert call.status == "awarded"


def test_refused_transition_is_reported(member_client, org):
    call = CallFactory(organization=org, status=CallStatus.DRAFT)
    response = member_client.post(f"/en/calls/{call.pk}/status/", {"target": "awarded"}, follow=True)
    assert "This change of status is not allowed." in response.content.decode()
    call.refresh_from_db()
    assert call.status == "draft"


def test_review_page_lists_status_changes_with_who_from_and_to(member_client, member, org):
    from nidaa.calls.services import publish_call

    call = CallFactory(organization=org, submission_emails=["r@example.org"])
    publish_call(call=call, actor=member)
    content = member_client.get(f"/en/calls/{call.pk}/review/").content.decode()
    assert ": member, Publish (Draft → Published)</li>" in content


def test_bidi_overrides_typed_in_the_review_form_reach_no_feed(member_client, anon_client, org):
    # Issue 10, item 15: a U+202E typed into the review form reached Atom,
    # iCalendar, OCDS and the API raw ("cv\u202efdp.exe" reads "cvexe.pdf").
    call = CallFactory(organization=org, title="Ancien titre")
    typed = {
        **FORM,
        "title": "Formateur \u202efdp.exe\u202c",
        "issuer": "Association \u2067Oasis\u2069",
        "locations": "F\u200fès\n",
        "publish": "",
    }

    assert member_client.post(f"/fr/calls/{call.pk}/review/", typed).status_code == 302

    call.refresh_from_db()
    assert (call.title, call.issuer, call.locations) == ("Formateur fdp.exe", "Association Oasis", ["Fès"])
    for url in (
        "/calls.atom",
        f"/calls/{call.pk}.ics",
        f"/ocds/releases/{call.pk}.json",
        f"/api/calls/{call.pk}",
    ):
        body = anon_client.get(url).content.decode()
        assert "fdp.exe" in body, url
        assert [
            char
            for char in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
            if char in body
        ] == []
