"""The catalogue's rendered results are kept in the page cache under the
catalogue's version, the language, the query and the page: a second visit reads
only the version, and any edit, language or query gives other results."""

import pytest

from nidaa.calls.models import CallStatus
from nidaa.calls.services import update_call
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def test_a_second_visit_reads_only_the_catalogue_version(client, django_assert_num_queries):
    CallFactory.create_batch(3, status=CallStatus.PUBLISHED)
    first = client.get("/fr/").content
    with django_assert_num_queries(1):
        second = client.get("/fr/").content
    assert second == first


def test_an_edit_moves_the_cached_results(client, owner):
    call = CallFactory(status=CallStatus.PUBLISHED, title="Formateur avant")
    assert "Formateur avant" in client.get("/fr/").content.decode()
    update_call(call=call, actor=owner, changes={"title": "Formateur après"})
    content = client.get("/fr/").content.decode()
    assert "Formateur après" in content
    assert "Formateur avant" not in content


def test_the_cached_results_are_the_readers_language_and_query(client):
    CallFactory(status=CallStatus.PUBLISHED, title="Atelier de plaidoyer")
    assert ">1 appel</h2>" in client.get("/fr/").content.decode()
    assert ">1 call</h2>" in client.get("/en/").content.decode()
    assert ">0 calls</h2>" in client.get("/en/", {"type": "firm"}).content.decode()
    assert ">1 call</h2>" in client.get("/en/").content.decode()
