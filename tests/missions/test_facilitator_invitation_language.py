"""The retained applicant without an account is invited in their language
(chosen on the mission's creation, else guessed from their account or the
call's language), through a real SMTP server."""

import pytest
from django.conf import settings

from nidaa.missions.models import Mission
from nidaa.missions.services.mission import create_mission
from tests.factories import ApplicationFactory, CallFactory, UserFactory


def invite(call, owner, capture, **kwargs):
    with capture(execute=True):
        return create_mission(
            call=call, actor=owner, facilitator_name="Salma", facilitator_email="salma@example.org", **kwargs
        )


def test_the_invitation_is_written_in_arabic_when_asked(
    call, owner, smtp_inbox, django_capture_on_commit_callbacks
):
    mission = invite(call, owner, django_capture_on_commit_callbacks, facilitator_language="ar")
    (message,) = smtp_inbox.messages
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert (message["To"], message["Subject"].strip()) == (
        "salma@example.org",
        f"نداء: أنت مُيسِّر «{call.title}»",
    )
    assert f"اختارتك {call.organization.name} للمهمة «{call.title}» وتتابعها على منصة نداء." in body
    assert f"{settings.NIDAA_SITE_URL}/ar/accounts/signup/" in body
    assert Mission.objects.get(pk=mission.pk).facilitator_language == "ar"


def test_the_invitation_is_in_english_when_asked(call, owner, smtp_inbox, django_capture_on_commit_callbacks):
    invite(call, owner, django_capture_on_commit_callbacks, facilitator_language="en")
    (message,) = smtp_inbox.messages
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["Subject"].strip() == f"Nidaa: you are the facilitator of “{call.title}”"
    assert f"{settings.NIDAA_SITE_URL}/en/accounts/signup/" in body
    assert "Create your account with this address (salma@example.org)" in body


@pytest.mark.parametrize(
    ("document_language", "expected"), [("ar", "ar"), ("en", "en"), ("mixed", "fr"), ("", "fr")]
)
def test_without_a_choice_the_call_language_is_guessed(owner, org, document_language, expected):
    call = CallFactory(organization=org, document_language=document_language)
    mission = create_mission(call=call, actor=owner, facilitator_name="S", facilitator_email="s@example.org")
    assert mission.facilitator_language == expected


def test_an_applicants_account_language_wins_over_the_calls(owner, org):
    call = CallFactory(organization=org, document_language="fr")
    applicant = UserFactory(username="arabophone", preferred_language="ar")
    application = ApplicationFactory(call=call, applicant=applicant)
    mission = create_mission(call=call, actor=owner, application=application)
    assert mission.facilitator_language == "ar"
