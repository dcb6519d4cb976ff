"""The API answers 429 in JSON past NIDAA_API_RATE_LIMIT requests per client."""

from django.test import Client


def test_past_the_limit_the_api_answers_429(db, settings):
    settings.NIDAA_API_RATE_LIMIT = "3/m"
    # An address of its own, so that no other test's requests count.
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [client.get("/api/territories").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/api/calls")
    assert response.status_code == 429
    assert response.json() == {"detail": "Too many requests."}
    assert Client(REMOTE_ADDR="203.0.113.8").get("/api/calls").status_code == 200


def test_an_empty_limit_turns_it_off(db, settings):
    settings.NIDAA_API_RATE_LIMIT = ""
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert {client.get("/api/territories").status_code for _ in range(5)} == {200}
