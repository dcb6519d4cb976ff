"""The home list and the dashboard cost the same number of queries for 3 calls or 30."""

import pytest

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory

HOME_QUERIES = 2  # count for the paginator, the page of calls with their organisations
DASHBOARD_QUERIES = 5  # session, user, count, "may import?", the page of calls with their organisations


@pytest.mark.parametrize("number", [3, 30])
def test_home_queries_do_not_grow_with_the_number_of_calls(
    client, org, number, django_assert_max_num_queries
):
    CallFactory.create_batch(number, organization=org, status=CallStatus.PUBLISHED)
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/fr/")
    assert len(response.context["calls"]) == number


@pytest.mark.parametrize("number", [3, 30])
def test_dashboard_queries_do_not_grow_with_the_number_of_calls(
    owner_client, org, number, django_assert_max_num_queries
):
    CallFactory.create_batch(number, organization=org)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = owner_client.get("/fr/calls/dashboard/")
    assert len(response.context["calls"]) == number
