"""An invitation accepted end to end: by signing up with the link, by signing
in with it, and the links that must not work (expired, revoked, used)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nidaa.accounts import services
from nidaa.accounts.models import Invitation, Membership, Role, User
from nidaa.accounts.services import mark_email_verified
from nidaa.common.models import AuditEntry
from tests.conftest import PASSWORD, client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def invite(owner, org, django_capture_on_commit_callbacks):
    """``invite(email, role)`` → the link path the e-mail carries."""

    def make(email: str = "salma@example.org", role: str = Role.EVALUATOR) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            services.invite_member(organization=org, email=email, role=role, inviter=owner, language="fr")
        return re.search(r"(/fr/accounts/invitations/[-\w]+/)", mail.outbox[-1].body).group(1)

    return make


def test_signing_up_with_the_link_joins_without_a_verification_email(client, invite, org):
    link = invite()
    assert client.get(link).status_code == 200
    sent_before = len(mail.outbox)

    response = client.post(
        f"/fr/accounts/signup/?next={link}",
        {
            "email": "salma@example.org",
            "username": "salma",
            "first_name": "Salma",
            "last_name": "Bennani",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    # The link was the e-mail to that address: signed in at once, back to the invitation.
    assert response.status_code == 302
    assert response["Location"] == link
    assert len(mail.outbox) == sent_before
    salma = User.objects.get(username="salma")
    assert salma.get_full_name() == "Salma Bennani"

    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == "/fr/calls/dashboard/"
    assert Membership.objects.get(user=salma, organization=org).role == "evaluator"


def test_signing_in_with_the_link_comes_back_to_accept(client, invite, org):
    nour = UserFactory(username="nour", email="nour@example.org")
    mark_email_verified(user=nour)
    link = invite(email="nour@example.org", role=Role.EDITOR)
    client.get(link)

    response = client.post("/fr/accounts/login/", {"login": "nour", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == link

    client.post(link)
    assert Membership.objects.get(user=nour, organization=org).role == "editor"
    assert Invitation.objects.get().accepted_by == nour


def test_an_account_with_another_address_may_accept_and_both_are_audited(invite, org):
    # The token proves receipt of the e-mail sent to the invited address.
    link = invite(email="salma.work@example.org")
    other = UserFactory(username="salma", email="salma.home@example.org")
    client_for(other).post(link)
    assert Membership.objects.filter(user=other, organization=org).exists()
    entry = AuditEntry.objects.get(action="accept_invitation")
    assert entry.data == {
        "email": "salma.work@example.org",
        "account_email": "salma.home@example.org",
        "role": "evaluator",
        "joined": True,
    }


def test_a_used_link_does_not_work_twice(invite, org):
    link = invite()
    first = UserFactory(username="first")
    second = UserFactory(username="second")
    client_for(first).post(link)

    response = client_for(second).post(link)
    assert response.status_code == 410
    assert "déjà été acceptée" in response.content.decode()
    assert not Membership.objects.filter(user=second).exists()


def test_an_expired_link_is_refused_with_a_message(invite, applicant_client, applicant):
    link = invite()
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = applicant_client.post(link)
    assert response.status_code == 410
    assert "a expiré" in response.content.decode()
    assert not Membership.objects.filter(user=applicant).exists()


def test_a_revoked_link_is_refused(invite, owner, applicant_client, applicant):
    link = invite()
    services.revoke_invitation(invitation=Invitation.objects.get(), actor=owner)
    response = applicant_client.post(link)
    assert response.status_code == 404
    assert not Membership.objects.filter(user=applicant).exists()


def test_a_made_up_token_is_refused(applicant_client):
    assert applicant_client.get("/fr/accounts/invitations/not-a-real-token/").status_code == 404


def test_an_existing_member_keeps_their_role(invite, member, org):
    link = invite(email="someone.else@example.org", role=Role.ADMIN)
    client_for(member).post(link)
    assert Membership.objects.get(user=member, organization=org).role == "editor"
    assert Invitation.objects.get().accepted_at is not None


def test_the_invitation_page_asks_an_anonymous_visitor_to_sign_in_or_up(client, invite):
    link = invite()
    body = client.get(link).content.decode()
    assert f'href="/fr/accounts/login/?next={link}"' in body
    assert f'href="/fr/accounts/signup/?next={link}"' in body
    assert "Vous êtes invité·e à rejoindre Association Exemple avec le rôle : Évaluateur." in body


def test_the_invitation_leaves_through_a_real_smtp_server_in_arabic(
    smtp_inbox, owner, org, settings, django_capture_on_commit_callbacks
):
    settings.NIDAA_SITE_URL = "https://nidaa.example.ma"
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_member(
            organization=org, email="salma@example.org", role=Role.EVALUATOR, inviter=owner, language="ar"
        )
    [message] = smtp_inbox.messages
    assert message["To"] == "salma@example.org"
    # Django folds the encoded header after "Subject:", which a parser reads as a leading space.
    assert message["Subject"].strip() == "[Nidaa] دعوة للانضمام إلى Association Exemple"
    body = message.get_content()
    assert "يدعوك owner إلى الانضمام إلى Association Exemple على Nidaa بدور: مُقيِّم." in body
    assert re.search(r"https://nidaa\.example\.ma/ar/accounts/invitations/[-\w]{40,}/", body)
