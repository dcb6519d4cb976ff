"""The catalogue's "Save this search" form and the call page's "Follow this
call" button (docs/alerts.md): what a signed-in applicant and an anonymous
visitor are offered."""

from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse as reverse_in_default_language
from django.utils import timezone, translation

from nidaa.alerts.models import FollowedCall, SavedSearch
from tests.conftest import client_for
from tests.factories import FollowedCallFactory, PublishedCallFactory, UserFactory

pytestmark = pytest.mark.django_db

# In English: the strings are msgids, which stay while the translations change.
SEARCH = "/en/calls/?q=plaidoyer&region=MA-02&page=2"


def reverse(name: str, args: list[int] | None = None) -> str:
    with translation.override("en"):
        return reverse_in_default_language(name, args=args)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture(autouse=True)
def default_language_after():
    # A request to /en/ leaves English active in this thread; the next test
    # (reversing URLs without a language) expects the default, French.
    yield
    translation.deactivate()


def save_form(content: str) -> str:
    action = f'action="{reverse("alerts:save_search")}"'
    assert action in content, "no form posting to alerts:save_search"
    start = content.rindex("<form", 0, content.index(action))
    return content[start : content.index("</form>", start)]


def test_a_signed_in_applicant_gets_the_save_form_with_the_search_without_the_page(applicant):
    content = client_for(applicant).get(SEARCH).content.decode()
    form = save_form(content)
    assert 'method="post"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="query" value="q=plaidoyer&amp;region=MA-02">' in form
    assert "page" not in unescape(form.split('name="query"', 1)[1].split(">", 1)[0])
    # The name is labelled and prefilled from the words searched.
    assert '<label for="save-search-name">' in form
    assert 'id="save-search-name" name="name" value="plaidoyer"' in form
    # The 72-hour reminder is a labelled checkbox, on by default.
    assert '<input type="checkbox" id="save-search-remind" name="remind_deadlines" value="1" checked>' in form
    assert '<label for="save-search-remind">' in form
    assert "Save this search" in form
    assert "Sign in to save this search" not in content


def test_without_words_the_name_is_my_search(applicant):
    content = client_for(applicant).get("/en/calls/?region=MA-02").content.decode()
    form = save_form(content)
    assert 'name="name" value="My search"' in form
    assert '<input type="hidden" name="query" value="region=MA-02">' in form


def test_the_form_saves_the_search_and_lands_on_a_confirmation(applicant):
    client = client_for(applicant)
    response = client.post(
        reverse("alerts:save_search"),
        {"query": "q=plaidoyer&region=MA-02", "name": "plaidoyer", "remind_deadlines": ["0", "1"]},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("alerts:saved_searches")
    assert "The search was saved." in response.content.decode()
    search = SavedSearch.objects.get(user=applicant)
    assert search.params == {"q": "plaidoyer", "region": "MA-02"}
    assert search.remind_deadlines is True


def test_the_unchecked_reminder_box_saves_no_reminder(applicant):
    client_for(applicant).post(
        reverse("alerts:save_search"), {"query": "q=plaidoyer", "name": "x", "remind_deadlines": "0"}
    )
    assert SavedSearch.objects.get(user=applicant).remind_deadlines is False


def test_an_anonymous_visitor_is_offered_to_sign_in_and_come_back_to_the_search(client):
    content = client.get(SEARCH).content.decode()
    assert reverse("alerts:save_search") not in content
    assert "Sign in to save this search and get alerts" in content
    link = content.split("Sign in to save this search and get alerts", 1)[0].rsplit('<a href="', 1)[1]
    link = unescape(link.split('"', 1)[0])
    url = urlsplit(link)
    assert url.path == reverse("accounts:login") == "/en/accounts/login/"
    assert parse_qs(url.query)["next"] == ["/en/calls/?q=plaidoyer&region=MA-02"]


def test_the_follow_button_reflects_whether_the_applicant_follows_the_call(applicant):
    call = PublishedCallFactory()
    client = client_for(applicant)
    action = f'action="{reverse("alerts:follow_call", args=[call.pk])}"'

    content = client.get(f"/en/calls/{call.pk}/").content.decode()
    assert action in content
    assert '<input type="hidden" name="follow" value="1">' in content
    assert "Follow this call" in content and "Stop following" not in content

    client.post(reverse("alerts:follow_call", args=[call.pk]), {"follow": "1"})
    assert FollowedCall.objects.filter(user=applicant, call=call).exists()

    content = client.get(f"/en/calls/{call.pk}/").content.decode()
    assert '<input type="hidden" name="follow" value="0">' in content
    assert "Stop following" in content and "Follow this call" not in content


def test_the_follow_state_is_the_readers_own(applicant):
    call = PublishedCallFactory()
    FollowedCallFactory(user=UserFactory(username="someone-else"), call=call)
    content = client_for(applicant).get(f"/en/calls/{call.pk}/").content.decode()
    assert "Follow this call" in content and "Stop following" not in content


def test_the_call_page_asks_once_whether_a_signed_in_reader_follows_it(applicant):
    call = PublishedCallFactory()
    client = client_for(applicant)
    client.get(f"/en/calls/{call.pk}/")  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/en/calls/{call.pk}/")
    followed = [q for q in queries.captured_queries if "accounts_followedcall" in q["sql"]]
    assert len(followed) == 1


def test_anonymous_readers_get_no_follow_button_and_no_follow_query(client):
    call = PublishedCallFactory()
    with CaptureQueriesContext(connection) as queries:
        content = client.get(f"/en/calls/{call.pk}/").content.decode()
    assert reverse("alerts:follow_call", args=[call.pk]) not in content
    assert not [q for q in queries.captured_queries if "accounts_followedcall" in q["sql"]]


def test_members_of_the_issuing_organisation_get_their_actions_not_a_follow_button(org, member):
    call = PublishedCallFactory(organization=org)
    with CaptureQueriesContext(connection) as queries:
        content = client_for(member).get(f"/en/calls/{call.pk}/").content.decode()
    assert reverse("alerts:follow_call", args=[call.pk]) not in content
    assert not [q for q in queries.captured_queries if "accounts_followedcall" in q["sql"]]


def test_a_closed_call_offers_no_follow_button(applicant):
    call = PublishedCallFactory(deadline=timezone.now() - timedelta(days=1))
    content = client_for(applicant).get(f"/en/calls/{call.pk}/").content.decode()
    assert reverse("alerts:follow_call", args=[call.pk]) not in content
