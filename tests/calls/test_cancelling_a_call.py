"""Issue 12: cancelling a published call asks for a confirmation and a reason,
shows the reason on the public page, tells applicants and draft holders in
their language, and is audited."""

import pytest

from nidaa.applications.models import ApplicationStatus
from nidaa.calls.models import CallStatus
from nidaa.calls.services import CancellationReasonMissing, cancel_call
from nidaa.common.models import AuditEntry
from tests.factories import ApplicationFactory, CallFactory, UserFactory

REASON = "Le financement du projet a été suspendu."


@pytest.fixture
def published(org):
    return CallFactory(
        organization=org, status=CallStatus.PUBLISHED, published_at="2026-01-05T10:00Z", title="Formateur"
    )


def test_a_published_call_is_not_cancelled_without_a_reason(owner, published):
    with pytest.raises(CancellationReasonMissing):
        cancel_call(call=published, actor=owner, reason="   ")
    published.refresh_from_db()
    assert published.status == CallStatus.PUBLISHED


def test_a_draft_is_cancelled_without_a_reason(owner, org):
    draft = CallFactory(organization=org)
    cancel_call(call=draft, actor=owner)
    draft.refresh_from_db()
    assert draft.status == CallStatus.CANCELLED


def test_cancelling_stores_and_audits_the_reason(owner, published):
    cancel_call(call=published, actor=owner, reason=REASON)
    published.refresh_from_db()
    assert published.status == CallStatus.CANCELLED
    assert published.cancellation_reason == REASON
    entry = AuditEntry.objects.get(object_id=published.pk, action="cancel")
    assert (entry.actor, entry.from_state, entry.to_state, entry.data) == (
        owner,
        "published",
        "cancelled",
        {"reason": REASON},
    )


def test_the_status_form_refuses_a_cancellation_without_the_confirmation(member_client, published):
    response = member_client.post(
        f"/fr/calls/{published.pk}/status/", {"target": "cancelled", "reason": REASON}, follow=True
    )
    assert "L’appel n’a pas été annulé : cochez la case pour confirmer." in response.content.decode()
    published.refresh_from_db()
    assert published.status == CallStatus.PUBLISHED


def test_the_status_form_refuses_a_cancellation_without_a_reason(member_client, published):
    response = member_client.post(
        f"/fr/calls/{published.pk}/status/", {"target": "cancelled", "confirm": "yes"}, follow=True
    )
    assert "L’appel n’a pas été annulé : indiquez pourquoi" in response.content.decode()
    published.refresh_from_db()
    assert published.status == CallStatus.PUBLISHED


def test_a_cancelled_call_shows_its_reason_to_everyone(
    member_client, anon_client, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(
            f"/fr/calls/{published.pk}/status/", {"target": "cancelled", "reason": REASON, "confirm": "yes"}
        )
    response = anon_client.get(f"/fr/calls/{published.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cet appel a été annulé : les candidatures ne sont plus acceptées." in content
    assert f'<span dir="auto" class="cancellation-reason">{REASON}</span>' in content
    assert "Candidater en ligne" not in content


def test_applicants_and_draft_holders_are_told_in_their_own_language(
    owner, published, mailoutbox, django_capture_on_commit_callbacks
):
    arabic = UserFactory(username="salma", preferred_language="ar")
    french = UserFactory(username="karim", preferred_language="fr")
    ApplicationFactory(call=published, applicant=arabic, status=ApplicationStatus.SUBMITTED)
    ApplicationFactory(call=published, applicant=french, status=ApplicationStatus.DRAFT)
    ApplicationFactory(call=published, applicant=None, applicant_email="mail@example.net", channel="email")
    ApplicationFactory(call=CallFactory(status=CallStatus.PUBLISHED), applicant=UserFactory(username="other"))
    with django_capture_on_commit_callbacks(execute=True):
        cancel_call(call=published, actor=owner, reason=REASON)
    by_address = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_address) == ["karim@example.org", "mail@example.net", "salma@example.org"]
    assert by_address["salma@example.org"].subject == "طلب ملغى: Formateur"
    assert by_address["karim@example.org"].subject == "Appel annulé : Formateur"
    assert REASON in by_address["karim@example.org"].body
    assert f"/ar/calls/{published.pk}/" in by_address["salma@example.org"].body


def test_no_one_is_told_when_a_draft_is_cancelled(owner, org, mailoutbox, django_capture_on_commit_callbacks):
    draft = CallFactory(organization=org)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_call(call=draft, actor=owner)
    assert mailoutbox == []


@pytest.mark.parametrize(("persona", "expected"), [("evaluator", 404), ("outsider", 404)])
def test_only_editors_cancel(request, published, persona, expected):
    from tests.calls.personas import client_as

    response = client_as(request, persona).post(
        f"/fr/calls/{published.pk}/status/", {"target": "cancelled", "reason": REASON, "confirm": "yes"}
    )
    assert response.status_code == expected
    published.refresh_from_db()
    assert published.status == CallStatus.PUBLISHED


def test_the_french_label_does_not_read_as_cancel_editing(member_client, published):
    content = member_client.get(f"/fr/calls/{published.pk}/").content.decode()
    assert "Annuler cet appel (le retirer)" in content
    assert "Annuler l’appel<" not in content
