"""E-mail sign-up with mandatory verification; sign-in by e-mail or username."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from nidaa.accounts.models import User
from nidaa.accounts.services import mark_email_verified
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/fr/accounts/signup/"
LOGIN = "/fr/accounts/login/"


def signup(client, **overrides):
    data = {
        "email": "karim@example.org",
        "username": "karim",
        "first_name": "Karim",
        "last_name": "El Idrissi",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post(SIGNUP, {**data, **overrides})


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_login_keeps_its_name_and_address():
    assert reverse("accounts:login") == LOGIN
    assert reverse("account_login") == LOGIN
    assert reverse("account_signup") == SIGNUP


def test_signup_sends_a_verification_email_and_does_not_sign_in(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/confirm-email/"
    assert not is_signed_in(client)
    user = User.objects.get(username="karim")
    assert user.preferred_language == "fr"
    assert EmailAddress.objects.filter(user=user, email="karim@example.org", verified=False).count() == 1
    [message] = mail.outbox
    assert message.to == ["karim@example.org"]
    assert re.search(r"/fr/accounts/confirm-email/[-:\w]+/", message.body)


def test_signup_in_arabic_sets_the_preferred_language(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(
        "/ar/accounts/signup/",
        {
            "email": "salma@example.org",
            "username": "salma",
            "first_name": "سلمى",
            "last_name": "بناني",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert User.objects.get(username="salma").preferred_language == "ar"


def test_unverified_user_cannot_sign_in_until_the_link_is_followed(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    signup(client)

    response = client.post(LOGIN, {"login": "karim@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/confirm-email/"
    assert not is_signed_in(client)
    # Within allauth's cooldown the link is not sent again: the first one still works.
    [message] = mail.outbox
    link = re.search(r"(/fr/accounts/confirm-email/[-:\w]+/)", message.body).group(1)

    # Following the link signs the user in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION):
    # no password asked again; an applicant lands on the catalogue.
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    assert is_signed_in(client)


@pytest.mark.parametrize("login", ["nour", "nour@example.org"])
def test_verified_user_signs_in_by_username_or_email(client, login):
    user = UserFactory(username="nour", email="nour@example.org")
    mark_email_verified(user=user)

    response = client.post(LOGIN, {"login": login, "password": PASSWORD})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_is_refused_with_a_message(client):
    mark_email_verified(user=UserFactory(username="nour", email="nour@example.org"))
    response = client.post(LOGIN, {"login": "nour", "password": "wrong"})
    assert response.status_code == 200
    assert not is_signed_in(client)
    assert response.context["form"].errors


def test_pages_render_in_the_site_layout_in_french_and_arabic(client):
    for path in (
        LOGIN,
        SIGNUP,
        "/fr/accounts/password/reset/",
        "/ar/accounts/login/",
        "/ar/accounts/signup/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'class="site"' in response.content.decode()
    assert '<html lang="ar" dir="rtl">' in client.get("/ar/accounts/login/").content.decode()


def test_password_reset_sends_a_link(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mark_email_verified(user=UserFactory(username="nour", email="nour@example.org"))

    response = client.post("/fr/accounts/password/reset/", {"email": "nour@example.org"})

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["nour@example.org"]
    assert "/fr/accounts/password/reset/key/" in message.body


def test_signup_asks_the_real_name_and_keeps_it(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = signup(client, first_name="", last_name="")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"first_name", "last_name"}
    assert not User.objects.filter(username="karim").exists()

    signup(client, first_name="  Karim ", last_name="El   Idrissi")
    assert User.objects.get(username="karim").get_full_name() == "Karim El Idrissi"


def test_the_verification_email_greets_with_the_site_name_not_the_host(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NIDAA_SITE_NAME = "Nidaa Maroc"
    settings.NIDAA_SITE_URL = "https://nidaa.example.ma"
    signup(client)
    [message] = mail.outbox
    assert "Nidaa Maroc" in message.body
    assert "testserver" not in message.body
    assert "127.0.0.1" not in message.body
    assert "nidaa.example.ma" in message.body
