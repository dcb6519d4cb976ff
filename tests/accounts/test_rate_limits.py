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


def test_password_guessing_from_one_address_does_not_lock_the_owner_out_from_another(client):
    from allauth.account.models import EmailAddress

    nour = UserFactory(username="nour", email="nour@example.org")
    EmailAddress.objects.create(user=nour, email=nour.email, verified=True, primary=True)
    guesser = {"REMOTE_ADDR": "203.0.113.9"}
    for _ in range(5):
        client.post("/fr/accounts/login/", {"login": "nour", "password": "wrong"}, **guesser)
    refused = client.post("/fr/accounts/login/", {"login": "nour", "password": PASSWORD}, **guesser)
    assert refused.context["form"].errors["__all__"] == [
        "Trop de tentatives de connexion échouées. Veuillez réessayer ultérieurement."
    ]

    owner = client.post(
        "/fr/accounts/login/", {"login": "nour", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )

    assert owner.status_code == 302
    assert client.session["_auth_user_id"] == str(nour.pk)


def test_behind_a_proxy_the_login_limit_falls_on_each_visitor_not_on_the_proxy(client, settings):
    settings.NINJA_NUM_PROXIES = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    proxy = "10.0.0.2"
    for _ in range(3):
        response = client.post(
            "/fr/accounts/login/",
            {"login": "x", "password": "y"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
        assert response.status_code == 200
    flooder = client.post(
        "/fr/accounts/login/",
        {"login": "x", "password": "y"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    other = client.post(
        "/fr/accounts/login/",
        {"login": "x", "password": "y"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert (flooder.status_code, other.status_code) == (429, 200)


def test_proxy_count_for_allauth_comes_from_ninja_num_proxies():
    from django.conf import settings

    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == (settings.NINJA_NUM_PROXIES or 0)


def test_admin_login_guessing_is_throttled_like_the_sites(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    UserFactory(username="root", email="root@example.org", is_staff=True, is_superuser=True)
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "root", "password": "wrong"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors["__all__"] == [
        "Trop de tentatives de connexion échouées. Veuillez réessayer ultérieurement."
    ]


def test_admin_login_still_signs_staff_in(client):
    UserFactory(username="root", email="root@example.org", is_staff=True, is_superuser=True)
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_every_rate_limit_reads_the_client_address_through_one_function(rf, settings):
    from allauth.account.adapter import get_adapter
    from django_ratelimit.core import _get_ip

    settings.NINJA_NUM_PROXIES = 1
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert (get_adapter(request).get_client_ip(request), _get_ip(request)) == ("203.0.113.9", "203.0.113.9")
