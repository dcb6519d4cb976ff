"""The home list and the dashboard cost the same number of queries for 3 calls or 30."""

import pytest

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory

# The catalogue's version, the sizes and page anchors of its open and closed
# halves (cached until the version moves), the page's open calls, its closed calls.
HOME_QUERIES = 5
# session, user, count, "may import?", the page of calls with their organisations,
# the e-mail box (the user's memberships with the messages waiting in triage)
DASHBOARD_QUERIES = 6


@pytest.mark.parametrize("number", [3, 30])
def test_home_queries_do_not_grow_with_the_number_of_calls(
    client, org, number, django_assert_max_num_queries
):
    CallFactory.create_batch(number, organization=org, status=CallStatus.PUBLISHED)
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/fr/")
    assert len(response.context["calls"]) == min(number, 20)  # 20 calls a page


@pytest.mark.parametrize("number", [3, 30])
def test_dashboard_queries_do_not_grow_with_the_number_of_calls(
    owner_client, org, number, django_assert_max_num_queries
):
    CallFactory.create_batch(number, organization=org)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = owner_client.get("/fr/calls/dashboard/")
    assert len(response.context["calls"]) == number


@pytest.mark.parametrize("number", [1, 15])
def test_call_page_queries_do_not_grow_with_its_revisions(
    owner_client, owner, org, number, django_assert_max_num_queries
):
    from tests.factories import CallRevisionFactory

    call = CallFactory(organization=org, status=CallStatus.PUBLISHED)
    for n in range(1, number + 1):
        CallRevisionFactory(call=call, number=n, author=owner)
    # session, user, call, role, territories, revisions with their authors,
    # the "Applications (N)" link (may the member open them, and how many)
    with django_assert_max_num_queries(7):
        response = owner_client.get(f"/en/calls/{call.pk}/")
    assert response.content.decode().count("Revision ") == number
