"""Issue 12: a published call is "Open" or "Closed" everywhere, as in the
catalogue, never "Published" on its own page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory


@pytest.mark.parametrize(
    ("days", "badge"),
    [(5, '<span class="badge published">Ouvert</span>'), (-1, '<span class="badge closed">Clôturé</span>')],
)
def test_a_published_calls_page_says_open_or_closed(anon_client, org, days, badge):
    call = CallFactory(
        organization=org, status=CallStatus.PUBLISHED, deadline=timezone.now() + timedelta(days=days)
    )
    content = anon_client.get(f"/fr/calls/{call.pk}/").content.decode()
    assert badge in content
    assert ">Publié<" not in content


def test_the_issuers_dashboard_says_open_too(member_client, org):
    CallFactory(organization=org, status=CallStatus.PUBLISHED)
    content = member_client.get("/en/calls/dashboard/").content.decode()
    assert '<span class="badge published">Open</span>' in content
    assert ">Published<" not in content
