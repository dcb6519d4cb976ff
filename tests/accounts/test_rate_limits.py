"""Sign-up, sign-in and password reset refuse the attempt past the configured limit."""

import pytest

from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_signup_is_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "3/h/ip"}
    for _ in range(3):
        assert client.post("/fr/accounts/signup/", {"email": "not-an-address"}).status_code == 200

    response = client.post("/fr/accounts/signup/", {"email": "not-an-address"})

    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()


def test_default_signup_limit_is_five_an_hour(client):
    for _ in range(5):
        assert client.post("/fr/accounts/signup/", {}).status_code == 200
    assert client.post("/fr/accounts/signup/", {}).status_code == 429


def test_login_is_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "4/m/ip"}
    for _ in range(4):
        assert client.post("/fr/accounts/login/", {"login": "x", "password": "y"}).status_code == 200
    assert client.post("/fr/accounts/login/", {"login": "x", "password": "y"}).status_code == 429


def test_failed_logins_for_one_account_are_limited(client):
    UserFactory(username="nour", email="nour@example.org")
    for _ in range(5):
        response = client.post("/fr/accounts/login/", {"login": "nour", "password": "wrong"})
        assert response.status_code == 200
    # The sixth attempt is refused even with the right password.
    response = client.post("/fr/accounts/login/", {"login": "nour", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors["__all__"] == [
        "Trop de tentatives de connexion échouées. Veuillez réessayer ultérieurement."
    ]


def test_password_reset_is_limited_per_email(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    UserFactory(username="nour", email="nour@example.org")
    for _ in range(3):
        response = client.post("/fr/accounts/password/reset/", {"email": "nour@example.org"})
        assert response.status_code == 302
    response = client.post("/fr/accounts/password/reset/", {"email": "nour@example.org"})
    assert response.status_code == 429
