"""Personas of a mission: the issuer's owner and member (conftest), the
facilitator (the retained applicant), another applicant, an outsider."""

import pytest

from nidaa.calls.models import CallStatus
from tests.accounts.conftest import smtp_inbox  # noqa: F401 - the real SMTP server, for the invitation
from tests.conftest import client_for
from tests.factories import CallFactory, MissionFactory, UserFactory


@pytest.fixture
def call(org):
    return CallFactory(
        organization=org,
        status=CallStatus.CLOSED,
        deliverables=["Listes de présence", "Rapport final de la mission"],
        locations=["Fès", "Tanger"],
    )


@pytest.fixture
def facilitator(db):
    return UserFactory(username="facilitator", email="trainer@example.org")


@pytest.fixture
def applicant(db):
    return UserFactory(username="applicant", email="other.trainer@example.org")


@pytest.fixture
def mission(call, facilitator):
    return MissionFactory(call=call, facilitator=facilitator, facilitator_email=facilitator.email)


@pytest.fixture
def facilitator_client(facilitator):
    return client_for(facilitator)


@pytest.fixture
def applicant_client(applicant):
    return client_for(applicant)
