"""The committee page invites an evaluator by e-mail: the invitation has the
evaluator role and, once accepted, the person is a candidate on the page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from nidaa.accounts.models import Invitation
from nidaa.calls.models import CallStatus
from tests.conftest import client_for
from tests.factories import CallFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(org):
    return CallFactory(organization=org, status=CallStatus.PUBLISHED, required_documents=["cv"])


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def url(call):
    return reverse("evaluation:evaluators", args=[call.pk])


def test_admin_invites_an_evaluator_who_appears_once_accepted(
    call, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(url(call), {"action": "invite", "email": "karima@example.org"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.organization_id) == (
        "karima@example.org",
        "evaluator",
        call.organization_id,
    )
    link = re.search(r"(/fr/accounts/invitations/[-\w]+/)", mail.outbox[0].body).group(1)
    karima = UserFactory(username="karima", email="karima@example.org")
    client_for(karima).post(link)

    rows = client_for(owner).get(url(call)).context["rows"]
    assert [(user.username, assigned) for user, assigned in rows] == [("karima", False)]


def test_an_editor_sees_no_invitation_form_and_cannot_invite(call, member, owner):
    client = client_for(member)
    page = client.get(url(call))
    assert page.context["can_invite"] is False
    assert (
        "Seul un administrateur de votre organisation peut inviter des évaluateurs." in page.content.decode()
    )
    assert client.post(url(call), {"action": "invite", "email": "x@example.org"}).status_code == 404
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("persona", ["evaluator", "outsider"])
def test_evaluators_and_outsiders_cannot_invite(request, call, persona, owner):
    client = client_for(request.getfixturevalue(persona))
    assert client.post(url(call), {"action": "invite", "email": "x@example.org"}).status_code == 404
    assert Invitation.objects.count() == 0


def test_anonymous_cannot_invite(call, anon_client):
    assert anon_client.post(url(call), {"action": "invite", "email": "x@example.org"}).status_code == 302
    assert Invitation.objects.count() == 0


def test_a_bad_address_is_refused_on_the_page(call, owner_client):
    response = owner_client.post(url(call), {"action": "invite", "email": "karima"})
    assert response.status_code == 400
    assert list(response.context["invite_form"].errors) == ["email"]
    assert Invitation.objects.count() == 0
