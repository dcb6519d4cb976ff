"""Issue 12: the Atom and iCalendar feeds are linked from the list, search,
call and organisation pages, announced with <link rel="alternate">, and the
Atom ``self`` link keeps the query."""

import pytest

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory


@pytest.mark.django_db
def test_a_search_page_links_and_announces_the_feeds_of_its_query(client):
    content = client.get("/ar/", {"q": "تكوين", "type": "trainer"}).content.decode()
    atom = "/calls.atom?q=%D8%AA%D9%83%D9%88%D9%8A%D9%86&amp;type=trainer&amp;lang=ar"
    ics = "/calls.ics?q=%D8%AA%D9%83%D9%88%D9%8A%D9%86&amp;type=trainer&amp;lang=ar"
    assert f'<link rel="alternate" type="application/atom+xml" title="موجز Atom" href="{atom}">' in content
    assert (
        f'<link rel="alternate" type="text/calendar" title="تقويم الآجال (iCalendar)" href="{ics}">'
        in content
    )
    assert f'<a href="{atom}" type="application/atom+xml" rel="alternate">موجز Atom</a>' in content
    assert f'<a href="{ics}" type="text/calendar">تقويم الآجال (iCalendar)</a>' in content


@pytest.mark.django_db
def test_the_list_page_links_the_feeds_of_every_call(client):
    content = client.get("/fr/").content.decode()
    assert (
        '<a href="/calls.atom?lang=fr" type="application/atom+xml" rel="alternate">Flux Atom</a>' in content
    )
    assert '<a href="/calls.ics?lang=fr" type="text/calendar">' in content


def test_an_organisation_page_links_its_own_feeds(client, org):
    CallFactory(organization=org, status=CallStatus.PUBLISHED)
    content = client.get(f"/en/organizations/{org.slug}/").content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Atom feed" href="/calls.atom?issuer={org.slug}&amp;lang=en">'
        in content
    )
    assert f'<a href="/calls.ics?issuer={org.slug}&amp;lang=en" type="text/calendar">' in content


def test_a_call_page_links_its_deadline_and_its_organisations_feeds(client, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED)
    content = client.get(f"/en/calls/{call.pk}/").content.decode()
    assert (
        f'<a href="/calls/{call.pk}.ics?lang=en" type="text/calendar">Add the deadline to my calendar</a>'
        in content
    )
    assert f'href="/calls.atom?issuer={org.slug}&amp;lang=en"' in content


def test_a_call_without_deadline_offers_no_calendar_entry(client, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED, deadline=None)
    content = client.get(f"/en/calls/{call.pk}/").content.decode()
    assert f"/calls/{call.pk}.ics" not in content


@pytest.mark.django_db
def test_the_atom_self_link_keeps_the_query_and_the_language(client):
    content = client.get("/calls.atom", {"q": "formation", "type": "trainer", "lang": "ar"}).content.decode()
    assert (
        '<link href="http://testserver/calls.atom?q=formation&amp;type=trainer&amp;lang=ar" rel="self"/>'
        in content
    )


@pytest.mark.django_db
def test_the_atom_self_link_of_every_call_is_the_bare_feed(client):
    content = client.get("/calls.atom").content.decode()
    assert '<link href="http://testserver/calls.atom" rel="self"/>' in content
