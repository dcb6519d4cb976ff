"""A retained applicant who applied by e-mail has no account: they are
invited to make one, and the mission opens to them only once the address is
verified (an address typed at sign-up and never confirmed opens nothing)."""

from django.conf import settings
from django.core import mail
from django.urls import reverse

from nidaa.accounts.services import mark_email_verified
from nidaa.missions.models import Mission
from nidaa.missions.services.mission import create_mission
from tests.conftest import client_for
from tests.factories import UserFactory


def test_without_an_account_the_applicant_is_invited(call, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mission = create_mission(
            call=call, actor=owner, facilitator_name="Salma", facilitator_email="Salma.Trainer@Example.org"
        )
    assert (mission.facilitator, mission.facilitator_email) == (None, "salma.trainer@example.org")
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["salma.trainer@example.org"], f"Nidaa : vous êtes facilitateur·rice de « {call.title} »")
    ]
    assert f"{settings.NIDAA_SITE_URL}/fr/accounts/signup/" in mail.outbox[0].body


def test_the_mission_opens_once_the_address_is_verified(call, owner):
    mission = create_mission(
        call=call, actor=owner, facilitator_name="Salma", facilitator_email="salma@example.org"
    )
    newcomer = UserFactory(username="salma", email="SALMA@example.org")
    url = reverse("missions:detail", args=[mission.pk])
    assert client_for(newcomer).get(url).status_code == 404
    mark_email_verified(user=newcomer)
    client = client_for(newcomer)
    assert client.get(url).status_code == 200
    # As the facilitator, not the issuer: the issuer's actions stay closed.
    assert client.post(reverse("missions:terms", args=[mission.pk]), {"amount": "1"}).status_code == 404


def test_an_unverified_account_with_the_address_is_not_linked(call, owner):
    UserFactory(username="impostor", email="salma@example.org")
    mission = create_mission(
        call=call, actor=owner, facilitator_name="Salma", facilitator_email="salma@example.org"
    )
    assert Mission.objects.get(pk=mission.pk).facilitator is None
