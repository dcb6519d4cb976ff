"""Shared personas, as in healthchecks' test base: an owner (admin of the
organisation), a member (editor), an evaluator, and an outsider who belongs
to another organisation."""

import types
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from nidaa.accounts.models import Role
from nidaa.calls.models import CallStatus
from tests.factories import CallFactory, MembershipFactory, OrganizationFactory, UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def org(db):
    return OrganizationFactory(slug="alci-demo", name="Association Exemple", acronym="AE")


@pytest.fixture
def other_org(db):
    return OrganizationFactory(slug="autre-org", name="Autre Organisation")


@pytest.fixture
def owner(org):
    return MembershipFactory(user=UserFactory(username="owner"), organization=org, role=Role.ADMIN).user


@pytest.fixture
def member(org):
    return MembershipFactory(user=UserFactory(username="member"), organization=org, role=Role.EDITOR).user


@pytest.fixture
def evaluator(org):
    return MembershipFactory(
        user=UserFactory(username="evaluator"), organization=org, role=Role.EVALUATOR
    ).user


@pytest.fixture
def outsider(other_org):
    return MembershipFactory(
        user=UserFactory(username="outsider"), organization=other_org, role=Role.ADMIN
    ).user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner):
    return client_for(owner)


@pytest.fixture
def member_client(member):
    return client_for(member)


@pytest.fixture
def outsider_client(outsider):
    return client_for(outsider)


@pytest.fixture
def anon_client():
    return Client()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language: a request to /en/ or
    /ar/ leaves its language active in the thread, and reverse() follows it."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Tests hash many passwords (factories, sign-ups, logins); PBKDF2's cost is
    for attackers, not for tests, and it tripled the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: rate-limit counters and catalogue
    entries left by an earlier test in the same worker must not decide this one."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _rate_limit_clock_stands_still(monkeypatch):
    """django-ratelimit counts in fixed windows (staggered per client): a test
    that makes its 31 requests across a window's end would see the count start
    again. Within a test its clock stands still, so a limit is a limit."""
    from django_ratelimit import core

    now = int(core.time.time())
    monkeypatch.setattr(core, "time", types.SimpleNamespace(time=lambda: now))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads, stored ToRs and messages go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def applicant(db):
    return UserFactory(username="amina", email="amina@example.org", preferred_language="fr")


@pytest.fixture
def applicant_client(applicant):
    return client_for(applicant)


@pytest.fixture
def open_call(db):
    """A published call taking applications for three more days, asking for a
    CV, a cover letter and a piece of the issuer's own wording."""
    return CallFactory(
        status=CallStatus.PUBLISHED,
        deadline=timezone.now() + timedelta(days=3),
        required_documents=["cv", "cover_letter", "other:attestation de TVA"],
    )
