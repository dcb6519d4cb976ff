"""The Atom feed and the search calendar cost the same number of queries for 3
calls or 30 (the organisation comes with each call)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory

FEED_QUERIES = 1  # the first 50 calls of the search with their organisations
ICS_QUERIES = 1  # the open calls of the search with their organisations


@pytest.mark.parametrize("number", [3, 30])
def test_atom_queries_do_not_grow(client, org, number, django_assert_max_num_queries):
    CallFactory.create_batch(number, organization=org, status=CallStatus.PUBLISHED)
    with django_assert_max_num_queries(FEED_QUERIES):
        response = client.get("/calls.atom")
    assert response.content.count(b"<entry>") == number


@pytest.mark.parametrize("number", [3, 30])
def test_ics_queries_do_not_grow(client, org, number, django_assert_max_num_queries):
    deadline = timezone.now() + timedelta(days=10)
    CallFactory.create_batch(number, organization=org, status=CallStatus.PUBLISHED, deadline=deadline)
    with django_assert_max_num_queries(ICS_QUERIES):
        response = client.get("/calls.ics")
    assert response.content.count(b"BEGIN:VEVENT") == number
