"""Saved searches: the owner saves, lists and deletes; nobody else reaches them."""

import pytest
from django.test import Client
from django.urls import reverse

from nidaa.alerts.models import AlertFrequency, SavedSearch
from tests.conftest import client_for
from tests.factories import SavedSearchFactory

pytestmark = pytest.mark.django_db

SAVE = "/fr/accounts/searches/save/"
LIST = "/fr/accounts/searches/"


def test_urls_keep_their_names():
    assert reverse("alerts:save_search") == SAVE
    assert reverse("alerts:saved_searches") == LIST
    assert reverse("alerts:delete_search", args=[3]) == "/fr/accounts/searches/3/delete/"


def test_owner_saves_the_catalogue_query(applicant, applicant_client):
    response = applicant_client.post(
        SAVE, {"query": "?q=plaidoyer&type=trainer&state=open&page=4&bogus=1", "name": "Formations"}
    )

    assert response.status_code == 302
    assert response["Location"] == LIST
    search = SavedSearch.objects.get(user=applicant)
    assert search.name == "Formations"
    assert search.params == {"q": "plaidoyer", "type": "trainer", "state": "open"}
    assert search.frequency == AlertFrequency.DAILY
    assert search.remind_deadlines is True


def test_a_search_without_name_is_named_after_its_words(applicant, applicant_client):
    applicant_client.post(SAVE, {"query": "q=budget+participatif"})
    assert SavedSearch.objects.get(user=applicant).name == "budget participatif"


def test_alerts_and_reminders_can_be_turned_off(applicant, applicant_client):
    applicant_client.post(SAVE, {"query": "q=x", "name": "x", "frequency": "none", "remind_deadlines": "0"})
    search = SavedSearch.objects.get(user=applicant)
    assert (search.frequency, search.remind_deadlines) == (AlertFrequency.NONE, False)


def test_owner_lists_their_searches_with_links_to_the_catalogue(applicant, applicant_client, outsider):
    SavedSearchFactory(user=applicant, name="Plaidoyer", params={"q": "plaidoyer"})
    SavedSearchFactory(user=outsider, name="Recherche de l'autre")

    response = applicant_client.get(LIST)

    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="/fr/?q=plaidoyer"' in body
    assert "Recherche de l&#x27;autre" not in body


def test_owner_deletes_a_search(applicant, applicant_client):
    search = SavedSearchFactory(user=applicant)
    response = applicant_client.post(reverse("alerts:delete_search", args=[search.pk]))
    assert response.status_code == 302
    assert SavedSearch.objects.filter(pk=search.pk).count() == 0


def test_outsider_cannot_delete_another_users_search(applicant, outsider_client):
    search = SavedSearchFactory(user=applicant)
    response = outsider_client.post(reverse("alerts:delete_search", args=[search.pk]))
    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk).count() == 1


def test_anonymous_is_sent_to_sign_in(anon_client, applicant):
    search = SavedSearchFactory(user=applicant)
    for response in (
        anon_client.get(LIST),
        anon_client.post(SAVE, {"query": "q=x", "name": "x"}),
        anon_client.post(reverse("alerts:delete_search", args=[search.pk])),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/fr/accounts/login/?next=")
    assert SavedSearch.objects.count() == 1


def test_saving_and_deleting_need_post(applicant_client, applicant):
    search = SavedSearchFactory(user=applicant)
    assert applicant_client.get(SAVE).status_code == 405
    assert applicant_client.get(reverse("alerts:delete_search", args=[search.pk])).status_code == 405


def test_csrf_is_enforced_on_every_post(applicant):
    search = SavedSearchFactory(user=applicant)
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    for path in (SAVE, reverse("alerts:delete_search", args=[search.pk]), "/fr/accounts/profile/"):
        assert client.post(path, {"query": "q=x", "name": "x"}).status_code == 403, path
    assert SavedSearch.objects.filter(user=applicant).count() == 1


def test_csrf_token_from_the_page_is_accepted(applicant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    client.get(LIST)
    token = client.cookies["csrftoken"].value
    response = client.post(SAVE, {"query": "q=x", "name": "x", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert SavedSearch.objects.filter(user=applicant).count() == 1


def test_list_page_queries_do_not_grow_with_searches(applicant, django_assert_max_num_queries):
    client = client_for(applicant)
    for i in range(20):
        SavedSearchFactory(user=applicant, params={"q": f"mot{i}"})
    with django_assert_max_num_queries(6):
        assert client.get(LIST).status_code == 200
