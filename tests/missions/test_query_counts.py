"""The list pages read a constant number of queries, whatever the number of
participants, sessions or attendance rows (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AttendanceFactory,
    ParticipantCategoryFactory,
    ParticipantFactory,
    SessionFactory,
    ZoneFactory,
)


def fill(mission, n, zone=None):
    zone = zone or ZoneFactory(mission=mission)
    category = ParticipantCategoryFactory(organization=mission.organization, name="Élu·e")
    sessions = [SessionFactory(mission=mission, zone=zone) for _ in range(n)]
    people = [ParticipantFactory(mission=mission, zone=zone, category=category) for _ in range(n)]
    for session in sessions:
        for person in people[: n // 2 + 1]:
            AttendanceFactory(session=session, participant=person)
    return sessions


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["participants", "attendance", "plan", "calendar", "detail", "session"])
def test_page_queries_do_not_grow_with_rows(owner_client, mission, page):
    few = fill(mission, 2)
    url = (
        reverse("missions:session", args=[few[0].pk])
        if page == "session"
        else reverse(f"missions:{page}", args=[mission.pk])
    )
    small = count(owner_client, url)
    fill(mission, 12, zone=few[0].zone)
    assert count(owner_client, url) == small
