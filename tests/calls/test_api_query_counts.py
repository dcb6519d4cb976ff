"""The API's lists cost the same number of queries for 3 rows or 30."""

import pytest

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory, OrganizationFactory, TerritoryFactory

CALLS_QUERIES = 3  # count, the page of calls with their organisations, their territories
ORGANIZATIONS_QUERIES = 2  # count, the page with each one's number of public calls
TERRITORIES_QUERIES = 2  # count, the page with each one's parent


@pytest.mark.parametrize("number", [3, 30])
def test_calls_list_queries_do_not_grow(client, org, number, django_assert_max_num_queries):
    territory = TerritoryFactory()
    for call in CallFactory.create_batch(number, organization=org, status=CallStatus.PUBLISHED):
        call.territories.add(territory)
    with django_assert_max_num_queries(CALLS_QUERIES):
        response = client.get("/api/calls?limit=100")
    assert len(response.json()["items"]) == number


@pytest.mark.parametrize("number", [3, 30])
def test_organizations_list_queries_do_not_grow(client, db, number, django_assert_max_num_queries):
    for _ in range(number):
        CallFactory(organization=OrganizationFactory(), status=CallStatus.PUBLISHED)
    with django_assert_max_num_queries(ORGANIZATIONS_QUERIES):
        response = client.get("/api/organizations?limit=100")
    assert len(response.json()["items"]) == number


@pytest.mark.parametrize("number", [3, 30])
def test_territories_list_queries_do_not_grow(client, db, number, django_assert_max_num_queries):
    parent = TerritoryFactory(code="T-PARENT", kind="province")
    TerritoryFactory.create_batch(number, parent=parent)
    with django_assert_max_num_queries(TERRITORIES_QUERIES):
        response = client.get("/api/territories?parent=T-PARENT&limit=100")
    assert len(response.json()["items"]) == number
