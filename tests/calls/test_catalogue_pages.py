"""The public call page, the organisation page and their query budgets."""

from datetime import UTC, datetime

import pytest
from django.core.cache import cache

from nidaa.calls.models import CallStatus
from nidaa.calls.search import refresh_search_document
from tests.factories import CallFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_call_page_shows_pieces_by_name_how_to_apply_and_the_deadline_in_casablanca(client):
    call = CallFactory(
        status=CallStatus.PUBLISHED,
        deadline=datetime(2099, 1, 6, 22, 59, tzinfo=UTC),
        required_documents=["cv", "financial_offer", "other:attestation fiscale"],
        submission_emails=["recrutement@example.org"],
        email_subject="Candidature formateur plaidoyer",
        languages=["fr", "ar"],
    )
    content = client.get(f"/en/calls/{call.pk}/").content.decode()
    assert '<li dir="auto">Financial offer</li>' in content
    assert '<li dir="auto">attestation fiscale</li>' in content
    assert '<a href="mailto:recrutement@example.org">' in content
    assert "Candidature formateur plaidoyer" in content
    assert ">6 January 2099, 23:59</time>" in content
    assert " left</span>" in content
    assert "French, Arabic" in content
    assert f'href="/en/organizations/{call.organization.slug}/"' in content


def test_call_page_of_a_closed_call_has_no_countdown(client):
    call = CallFactory(status=CallStatus.CLOSED, deadline=datetime(2020, 1, 6, tzinfo=UTC))
    content = client.get(f"/en/calls/{call.pk}/").content.decode()
    assert " left</span>" not in content
    assert "The deadline has passed: applications are closed." in content


def test_organisation_page_lists_its_public_calls_only(client):
    org = OrganizationFactory(slug="oasis", name="Association Oasis")
    CallFactory(organization=org, title="Publié", status=CallStatus.PUBLISHED)
    CallFactory(organization=org, title="Brouillon", status=CallStatus.DRAFT)
    CallFactory(title="Autre organisation", status=CallStatus.PUBLISHED)
    response = client.get("/fr/organizations/oasis/")
    assert response.status_code == 200
    assert [c.title for c in response.context["calls"]] == ["Publié"]
    assert client.get("/fr/organizations/nobody/").status_code == 404


def test_no_results_message(client):
    CallFactory(status=CallStatus.PUBLISHED)
    content = client.get("/en/", {"q": "zzzz"}).content.decode()
    assert "No call matches this search." in content
    assert "0 calls" in content


@pytest.mark.parametrize("number", [3, 40])
def test_list_and_search_queries_do_not_grow_with_the_number_of_calls(
    client, number, django_assert_max_num_queries
):
    CallFactory.create_batch(number, status=CallStatus.PUBLISHED)
    CallFactory.create_batch(number, status=CallStatus.CLOSED)
    # version, anchors of the two halves (cold cache), open rows, closed rows
    with django_assert_max_num_queries(5):
        client.get("/fr/", {"page": "2"})
    # warm cache: version, rows of each half
    with django_assert_max_num_queries(3):
        client.get("/fr/", {"page": "2"})
    # a search: version, its two capped counts (one query), rows of each half
    with django_assert_max_num_queries(4):
        client.get("/fr/", {"q": "formateur", "type": "trainer"})
    # the same search again: its counts come from the cache
    with django_assert_max_num_queries(3):
        client.get("/fr/", {"q": "formateur", "type": "trainer", "page": "2"})


def test_a_cached_search_count_moves_with_the_catalogue(client):
    """The capped counts of a search are cached under the catalogue's version:
    a new call that matches shows at once."""
    refresh_search_document(CallFactory(status=CallStatus.PUBLISHED, title="Formateur en plaidoyer"))
    assert ">1 call</h2>" in client.get("/en/", {"q": "plaidoyer"}).content.decode()
    refresh_search_document(CallFactory(status=CallStatus.PUBLISHED, title="Plaidoyer local"))
    assert ">2 calls</h2>" in client.get("/en/", {"q": "plaidoyer"}).content.decode()


@pytest.mark.parametrize("number", [1, 12])
def test_call_page_queries_do_not_grow_with_its_lists(client, number, django_assert_max_num_queries):
    call = CallFactory(
        status=CallStatus.PUBLISHED, objectives=["objectif"] * number, required_documents=["cv"] * number
    )
    # call with its organisation; its territories' names and whether it has public revisions
    with django_assert_max_num_queries(2):
        assert client.get(f"/fr/calls/{call.pk}/").status_code == 200


def test_time_left_is_counted_to_the_next_whole_minute_in_the_readers_language():
    """The time left is shown to the minute: from the next whole minute, so it
    is never more than what remains, and it is computed once a minute per call."""
    from datetime import timedelta

    from django.utils import translation

    from nidaa.calls.views.public import _time_left

    now = datetime(2026, 3, 1, 10, 0, 30, tzinfo=UTC)
    # 6 min 20 s remain: from 10:01:00 that is 5 min 50 s, shown as 5 minutes.
    deadline = now + timedelta(minutes=6, seconds=20)
    with translation.override("fr"):
        assert _time_left(deadline, now) == "Il reste 5\xa0minutes"
        assert _time_left(deadline, now + timedelta(seconds=29)) == "Il reste 5\xa0minutes"
        # On the minute itself nothing is rounded.
        assert _time_left(deadline, datetime(2026, 3, 1, 10, 1, tzinfo=UTC)) == "Il reste 5\xa0minutes"
        assert _time_left(deadline + timedelta(days=2), now) == "Il reste 2\xa0jours"
    with translation.override("ar"):
        assert _time_left(deadline + timedelta(days=2), now) == "يتبقى 2\xa0يومين"


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [([CallStatus.DRAFT], 404), ([CallStatus.DRAFT, CallStatus.PUBLISHED], 200), ([CallStatus.CLOSED], 200)],
)
def test_organisation_page_and_api_agree_on_which_organisations_are_public(client, statuses, expected):
    org = OrganizationFactory(slug="oasis", name="Association Oasis")
    for status in statuses:
        CallFactory(organization=org, status=status)
    page = client.get("/fr/organizations/oasis/")
    api = client.get("/api/organizations/oasis")
    assert (page.status_code, api.status_code) == (expected, expected)
