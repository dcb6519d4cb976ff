"""Searches on the catalogue's pages, the feeds and OCDS are limited per client
address (NIDAA_SEARCH_RATE_LIMIT, NIDAA_API_RATE_LIMIT): past the limit the
client gets 429 with Retry-After, in its language; other clients do not."""

import itertools

import pytest

from nidaa.calls.models import CallStatus
from tests.calls.personas import client_as
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db

# An address of its own per client, so that no other test's requests count.
_addresses = (f"198.51.100.{n}" for n in itertools.count(1))


@pytest.fixture
def address():
    return next(_addresses)


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "owner"])
def test_past_the_limit_a_search_answers_429_whoever_asks(request, settings, persona, address):
    settings.NIDAA_SEARCH_RATE_LIMIT = "3/m"
    CallFactory(status=CallStatus.PUBLISHED, title="Formation plaidoyer")
    client = client_as(request, persona, REMOTE_ADDR=address)
    statuses = [client.get("/fr/", {"q": "plaidoyer"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = client.get("/fr/", {"q": "formation", "type": "trainer"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Trop de tentatives" in response.content.decode()
    # The list without search is browsing, not searching: never limited.
    assert client.get("/fr/").status_code == 200
    assert client.get("/fr/", {"page": "1"}).status_code == 200


def test_the_429_page_is_in_the_visitors_language(settings, client, address):
    settings.NIDAA_SEARCH_RATE_LIMIT = "1/m"
    client.defaults["REMOTE_ADDR"] = address
    assert client.get("/ar/", {"q": "تكوين"}).status_code == 200
    response = client.get("/ar/", {"q": "تكوين"})
    assert response.status_code == 429
    content = response.content.decode()
    assert 'dir="rtl"' in content
    assert "محاولات كثيرة" in content


def test_another_address_is_not_limited(settings, client, address):
    settings.NIDAA_SEARCH_RATE_LIMIT = "1/m"
    client.defaults["REMOTE_ADDR"] = address
    assert [client.get("/fr/", {"q": "x"}).status_code for _ in range(2)] == [200, 429]
    other = next(_addresses)
    assert client.get("/fr/", {"q": "x"}, REMOTE_ADDR=other).status_code == 200


def test_behind_a_proxy_the_forwarded_address_is_counted(settings, client, address):
    settings.NIDAA_SEARCH_RATE_LIMIT = "1/m"
    settings.NINJA_NUM_PROXIES = 1
    proxy = address
    first, second = next(_addresses), next(_addresses)
    # A visitor cannot escape by sending its own X-Forwarded-For: the proxy appends the real one.
    get = lambda forwarded: client.get("/fr/", {"q": "x"}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forwarded)  # noqa: E731
    assert get(first).status_code == 200
    assert get(f"203.0.113.99, {first}").status_code == 429
    assert get(second).status_code == 200


def test_an_empty_limit_turns_it_off(settings, client, address):
    settings.NIDAA_SEARCH_RATE_LIMIT = ""
    client.defaults["REMOTE_ADDR"] = address
    assert {client.get("/fr/", {"q": "x"}).status_code for _ in range(5)} == {200}


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("/calls.atom?q=formation", "text/plain"),
        ("/calls.ics", "text/plain"),
        ("/ocds/releases.json", "application/json"),
    ],
)
def test_feeds_and_open_data_answer_429_past_the_api_limit(settings, client, address, path, content_type):
    settings.NIDAA_API_RATE_LIMIT = "2/m"
    call = CallFactory(status=CallStatus.PUBLISHED)
    client.defaults["REMOTE_ADDR"] = address
    assert [client.get(path).status_code for _ in range(2)] == [200, 200]
    response = client.get(path)
    assert response.status_code == 429
    assert response["Content-Type"].startswith(content_type)
    assert response["Retry-After"] == "60"
    # Feeds and OCDS share one count per client: the call's own files are refused too.
    assert client.get(f"/ocds/releases/{call.pk}.json").status_code == 429
    assert client.get(f"/calls/{call.pk}.ics").status_code == 429
    assert client.get(path, REMOTE_ADDR=next(_addresses)).status_code == 200
