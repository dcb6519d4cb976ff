"""schemathesis reads /api/openapi.json from the app itself and throws
generated requests at every operation: no answer is a server error and every
documented answer matches its schema. Bounded: a few examples per operation,
no shrinking, no example database, so it stays fast on SQLite and PostgreSQL."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory, OrganizationFactory, TerritoryFactory

CASABLANCA = ZoneInfo("Africa/Casablanca")


@pytest.fixture
def catalogue(db, settings):
    # Hundreds of requests a minute from one address: the rate limit has its own test.
    settings.NIDAA_API_RATE_LIMIT = ""
    # Some data, so that lists and details have rows to check against the schema.
    region = TerritoryFactory(code="T-R", kind="region")
    org = OrganizationFactory(slug="alci-demo", name="Association Exemple", name_ar="جمعية المثال")
    open_call = CallFactory(
        pk=1,
        organization=org,
        status=CallStatus.PUBLISHED,
        partners_funders=["Union européenne"],
        submission_emails=["recrutement@example.org"],
        deadline=datetime(2026, 12, 15, 23, 59, tzinfo=CASABLANCA),
        duration_days=6,
        participants=20,
    )
    open_call.territories.add(region)
    CallFactory(pk=2, organization=org, status=CallStatus.CLOSED, deadline=None, title="نداء مغلق")
    CallFactory(pk=3, organization=org, status=CallStatus.DRAFT)
    CallFactory(
        pk=4, organization=org, status=CallStatus.AWARDED, deadline=timezone.now() - timedelta(days=9)
    )
    # Requests go through the real WSGI handler, whose signals close the database
    # connection after each one; that would end the test's transaction (on
    # PostgreSQL). Django's test client unhooks them the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Read over WSGI like any client would; the description needs no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_fails_and_answers_as_described(case, catalogue):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
