"""A call's page keeps its public parts in the page cache (calls/page_cache.py:
call_page_key): whoever rendered them first, each reader still gets their own
buttons and history, and an edit, a status change, a passing deadline or
another language gives another page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nidaa.calls.models import CallStatus
from nidaa.calls.services import close_call, update_call
from tests.calls.personas import client_as
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db

READERS = ("owner", "member", "outsider", "anonymous")
# What each reader's own parts print (in English), and what they must not.
OWN = {
    "owner": ["Close the call", "Review and edit", "History"],
    "member": ["Close the call", "Review and edit", "History"],
    "outsider": ["Follow this call", "Changes since publication"],
    "anonymous": ["Changes since publication"],
}
ISSUERS_ONLY = ["Close the call", "Review and edit", "History"]


@pytest.fixture
def call(org):
    return CallFactory(
        organization=org,
        status=CallStatus.PUBLISHED,
        title="Formateur en plaidoyer",
        objectives=["Former les élus"],
    )


@pytest.mark.parametrize("first", READERS)
def test_each_reader_sees_their_own_parts_after_a_cached_render(request, call, first):
    url = f"/en/calls/{call.pk}/"
    assert client_as(request, first).get(url).status_code == 200  # fills the fragments
    for reader in READERS:
        content = client_as(request, reader).get(url).content.decode()
        assert "Formateur en plaidoyer" in content, reader
        assert "Former les élus" in content, reader
        assert "Apply online" in content, reader
        for text in OWN[reader]:
            assert text in content, (first, reader, text)
        for text in ISSUERS_ONLY if reader in ("outsider", "anonymous") else []:
            assert text not in content, (first, reader, text)
        if reader != "outsider":
            assert "Follow this call" not in content, (first, reader)
        if reader in ("owner", "member"):
            assert "Changes since publication" not in content, (first, reader)


def test_a_second_visit_reads_only_the_call(anon_client, call, django_assert_num_queries):
    url = f"/en/calls/{call.pk}/"
    first = anon_client.get(url).content
    # The fragments' territories and revisions are not read again.
    with django_assert_num_queries(1):
        second = anon_client.get(url).content
    assert second == first


def test_an_edit_changes_what_the_call_page_serves(anon_client, call, owner):
    url = f"/en/calls/{call.pk}/"
    before = anon_client.get(url).content.decode()
    assert "Formateur en plaidoyer" in before
    assert "Not changed since it was published." in before
    update_call(call=call, actor=owner, changes={"title": "Formatrice en gouvernance"})
    content = anon_client.get(url).content.decode()
    assert "Formatrice en gouvernance" in content
    assert "Formateur en plaidoyer" not in content
    # The edit is listed among the changes an applicant reads.
    assert ": changed title</li>" in content
    assert "Not changed since it was published." not in content


def test_a_status_change_changes_what_the_call_page_serves(anon_client, call, owner):
    url = f"/en/calls/{call.pk}/"
    assert "Apply online" in anon_client.get(url).content.decode()
    close_call(call=call, actor=owner)
    content = anon_client.get(url).content.decode()
    assert "Apply online" not in content
    assert '<span class="badge closed">Closed</span>' in content


def test_a_deadline_passing_within_the_minute_closes_the_cached_page(anon_client, org, monkeypatch):
    deadline = (timezone.now() + timedelta(hours=1)).replace(second=30, microsecond=0)
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED, deadline=deadline)
    url = f"/en/calls/{call.pk}/"
    monkeypatch.setattr(timezone, "now", lambda: deadline - timedelta(seconds=20))
    assert "Apply online" in anon_client.get(url).content.decode()
    # The same minute, the deadline past.
    monkeypatch.setattr(timezone, "now", lambda: deadline + timedelta(seconds=10))
    content = anon_client.get(url).content.decode()
    assert "Apply online" not in content
    assert "The deadline has passed: applications are closed." in content


def test_the_cached_call_page_is_the_readers_language(anon_client, call):
    assert "<h2>Objectives</h2>" in anon_client.get(f"/en/calls/{call.pk}/").content.decode()
    assert "<h2>Objectifs</h2>" in anon_client.get(f"/fr/calls/{call.pk}/").content.decode()
    assert "<h2>Objectives</h2>" in anon_client.get(f"/en/calls/{call.pk}/").content.decode()
