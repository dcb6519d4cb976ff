"""The Atom feed of a catalogue search: /calls.atom?<same query as the pages>."""

from datetime import datetime
from xml.etree.ElementTree import Element
from zoneinfo import ZoneInfo

import pytest
from defusedxml import ElementTree

from nidaa.calls.models import CallStatus, CallType
from tests.factories import CallFactory, indexed

ATOM = "{http://www.w3.org/2005/Atom}"
CASABLANCA = ZoneInfo("Africa/Casablanca")


def entries(response) -> list[Element]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.content).findall(f"{ATOM}entry")


def text(entry: Element, tag: str) -> str:
    return entry.findtext(f"{ATOM}{tag}") or ""


@pytest.fixture
def advocacy_call(org):
    return indexed(
        CallFactory(
            organization=org,
            status=CallStatus.PUBLISHED,
            title="Formateur en plaidoyer pour trois zones rurales",
            issuer="Association Exemple",
            call_type=CallType.TRAINER,
            locations=["Azilal", "Tinghir"],
            deadline=datetime(2026, 12, 15, 23, 59, tzinfo=CASABLANCA),
        )
    )


def test_entry_has_title_link_summary_author_and_updated(client, advocacy_call):
    [entry] = entries(client.get("/calls.atom?lang=en"))
    assert text(entry, "title") == "Formateur en plaidoyer pour trois zones rurales"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/en/calls/{advocacy_call.pk}/"
    assert text(entry, "summary") == (
        "Issuer: Association Exemple\n"
        "Type: Trainer\n"
        "Places: Azilal, Tinghir\n"
        "Deadline: 15 December 2026 at 23:59 (Morocco time)"
    )
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Association Exemple"
    assert datetime.fromisoformat(text(entry, "updated")) == advocacy_call.updated_at
    assert text(entry, "id") == f"urn:ocds-nidaa-call:{advocacy_call.pk}"


def test_french_is_the_default_language(client, advocacy_call):
    [entry] = entries(client.get("/calls.atom"))
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/fr/calls/{advocacy_call.pk}/"
    summary = text(entry, "summary")
    # The labels come from the catalogues (translated later); the values are the call's.
    assert "Association Exemple" in summary
    assert "Azilal, Tinghir" in summary
    assert "15 décembre 2026" in summary
    assert "23:59 (heure du Maroc)" in summary


def test_a_query_narrows_the_entries(client, org, advocacy_call):
    indexed(
        CallFactory(organization=org, status=CallStatus.PUBLISHED, title="Consultant pour une étude de base")
    )
    assert len(entries(client.get("/calls.atom"))) == 2
    [entry] = entries(client.get("/calls.atom?q=plaidoyer"))
    assert text(entry, "title") == "Formateur en plaidoyer pour trois zones rurales"


def test_the_type_filter_narrows_the_entries(client, org, advocacy_call):
    CallFactory(organization=org, status=CallStatus.PUBLISHED, call_type=CallType.CONSULTANT, title="Étude")
    assert [text(e, "title") for e in entries(client.get("/calls.atom?type=consultant"))] == ["Étude"]


def test_lang_picks_the_language_of_the_links(client, advocacy_call):
    [entry] = entries(client.get("/calls.atom?lang=ar"))
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/ar/calls/{advocacy_call.pk}/"
    [entry] = entries(client.get("/calls.atom?lang=xx"))
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/fr/calls/{advocacy_call.pk}/"


def test_drafts_and_cancelled_calls_never_appear(client, org, other_org, advocacy_call):
    CallFactory(organization=org, status=CallStatus.DRAFT, title="Brouillon plaidoyer")
    CallFactory(organization=other_org, status=CallStatus.DRAFT, title="Brouillon d'une autre")
    CallFactory(organization=org, status=CallStatus.CANCELLED, title="Annulé plaidoyer")
    assert [text(e, "title") for e in entries(client.get("/calls.atom"))] == [advocacy_call.title]


def test_at_most_fifty_entries_with_unique_ids(client, org):
    CallFactory.create_batch(55, organization=org, status=CallStatus.PUBLISHED)
    found = entries(client.get("/calls.atom"))
    assert len(found) == 50
    assert len({text(e, "id") for e in found}) == 50


def test_feed_title_names_the_search(client, advocacy_call):
    feed = ElementTree.fromstring(client.get("/calls.atom?q=plaidoyer&lang=en").content)
    assert feed.findtext(f"{ATOM}title") == "Nidaa calls: plaidoyer"
    assert feed.find(f"{ATOM}link").get("href") == "http://testserver/en/?q=plaidoyer"


def test_an_arabic_call_in_the_arabic_feed(client, other_org):
    call = CallFactory(
        organization=other_org,
        status=CallStatus.PUBLISHED,
        title="طلب عروض لتكوين المنتخبين في الترافع",
        issuer="جمعية المثال",
        locations=["الرباط"],
    )
    [entry] = entries(client.get("/calls.atom?lang=ar"))
    assert text(entry, "title") == "طلب عروض لتكوين المنتخبين في الترافع"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/ar/calls/{call.pk}/"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "جمعية المثال"
    assert "الرباط" in text(entry, "summary")


def test_an_issuers_markup_and_ampersand_read_as_typed_in_feed_readers(client, org):
    # Issue 10, item 8: summary type="html" escaped once, so readers rendered
    # "<b>" from an issuer's name as bold and garbled "R&D". As text, what the
    # XML parser reads is what a reader shows.
    indexed(
        CallFactory(
            organization=org,
            status=CallStatus.PUBLISHED,
            title="Étude R&D",
            issuer="<b>R&D</b> Conseil &amp; Co",
            locations=[],
            deadline=datetime(2026, 12, 15, 23, 59, tzinfo=CASABLANCA),
        )
    )

    response = client.get("/calls.atom?lang=en")

    [entry] = entries(response)
    assert entry.find(f"{ATOM}summary").get("type") == "text"
    assert text(entry, "summary").splitlines()[0] == "Issuer: <b>R&D</b> Conseil &amp; Co"
    assert b"Issuer: &lt;b&gt;R&amp;D&lt;/b&gt; Conseil &amp;amp; Co" in response.content
