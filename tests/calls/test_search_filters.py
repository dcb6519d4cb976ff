"""Filters, alone and combined with a search, and the URL that holds them."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from nidaa.calls.models import CallStatus, CallType
from nidaa.calls.search import CallQuery, refresh_search_document, search_calls
from nidaa.directory.models import Territory
from tests.factories import CallFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def published(territories=(), **fields):
    fields.setdefault("status", CallStatus.PUBLISHED)
    call = CallFactory(**fields)
    call.territories.set(territories)
    refresh_search_document(call)
    return call


def titles(**params):
    return sorted(c.title for c in search_calls(CallQuery.from_params(params)))


def test_type():
    published(title="Formateur", call_type=CallType.TRAINER)
    published(title="Consultant", call_type=CallType.CONSULTANT)
    assert titles(type="consultant") == ["Consultant"]
    assert titles(type="nonsense") == []


def test_region_matches_calls_linked_to_a_commune_or_province_inside_it():
    tanger = Territory.objects.get(code="MA-TNG-TANGER")  # commune of MA-TNG, region MA-01
    published(title="Commune de Tanger", territories=[tanger])
    published(title="Préfecture de Tanger", territories=[Territory.objects.get(code="MA-TNG")])
    published(title="Région du Nord", territories=[Territory.objects.get(code="MA-01")])
    published(title="Ailleurs", territories=[Territory.objects.get(code="MA-02")])
    assert titles(region="MA-01") == ["Commune de Tanger", "Préfecture de Tanger", "Région du Nord"]
    assert titles(province="MA-TNG") == ["Commune de Tanger", "Préfecture de Tanger"]
    assert titles(region="MA-99") == []


def test_issuer_is_the_organisation_slug():
    published(title="Oasis", organization=OrganizationFactory(slug="oasis"))
    published(title="Autre")
    assert titles(issuer="oasis") == ["Oasis"]


def test_funder_ignores_accents_and_case():
    published(title="UE", partners_funders=["Union Européenne", "Fondation X"])
    published(title="GIZ", partners_funders=["GIZ"])
    assert titles(funder="union europeenne") == ["UE"]


def test_working_language():
    published(title="Arabe", languages=["ar"])
    published(title="Français", languages=["fr", "en"])
    assert titles(language="ar") == ["Arabe"]
    assert titles(language="en") == ["Français"]
    assert titles(language='"') == []


def test_open_and_closed():
    now = timezone.now()
    published(title="Ouvert", deadline=now + timedelta(days=3))
    published(title="Échu", deadline=now - timedelta(days=1))
    published(title="Clos", status=CallStatus.CLOSED, deadline=now + timedelta(days=3))
    assert titles(state="open") == ["Ouvert"]
    assert titles(state="closed") == ["Clos", "Échu"]


def test_deadline_window_is_read_in_casablanca_days():
    # 23:30 UTC on 9 March 2099 is 00:30 on 10 March in Casablanca (UTC+1).
    published(title="10 mars", deadline=datetime(2099, 3, 9, 23, 30, tzinfo=UTC))
    published(title="20 mars", deadline=datetime(2099, 3, 20, 12, 0, tzinfo=UTC))
    assert titles(deadline_after="2099-03-10", deadline_before="2099-03-10") == ["10 mars"]
    assert titles(deadline_after="2099-03-11") == ["20 mars"]
    assert titles(deadline_before="2099-03-19") == ["10 mars"]


def test_search_and_filters_combine():
    tanger = Territory.objects.get(code="MA-TNG-TANGER")
    published(title="Plaidoyer Tanger formateur", call_type=CallType.TRAINER, territories=[tanger])
    published(title="Plaidoyer Tanger consultant", call_type=CallType.CONSULTANT, territories=[tanger])
    published(title="Plaidoyer ailleurs formateur", call_type=CallType.TRAINER)
    published(title="Budget Tanger formateur", call_type=CallType.TRAINER, territories=[tanger])
    assert titles(q="plaidoyer", type="trainer", region="MA-01") == ["Plaidoyer Tanger formateur"]


def test_the_page_keeps_the_whole_query_in_its_links(client):
    for n in range(25):
        published(title=f"Plaidoyer {n}", call_type=CallType.TRAINER)
    content = client.get("/fr/", {"q": "plaidoyer", "type": "trainer", "page": "1"}).content.decode()
    assert 'href="?q=plaidoyer&amp;type=trainer&amp;page=2"' in content
    assert '<option value="trainer" selected>' in content
    assert 'value="plaidoyer"' in content


def test_territory_codes_follow_every_change_of_the_links():
    """The region filter reads the call's denormalised ``territory_codes``: adding,
    removing or clearing territories from either side keeps it true."""
    tanger = Territory.objects.get(code="MA-TNG-TANGER")
    call = published(title="Tanger")
    assert titles(region="MA-01") == []
    call.territories.add(tanger)
    call.refresh_from_db()
    assert call.territory_codes == " MA-01 MA-TNG MA-TNG-TANGER "
    assert titles(region="MA-01") == ["Tanger"]
    call.territories.remove(tanger)
    assert titles(region="MA-01") == []
    tanger.calls.add(call)
    assert titles(province="MA-TNG") == ["Tanger"]
    tanger.calls.clear()
    assert titles(province="MA-TNG") == []
    call.territories.set([Territory.objects.get(code="MA-02")])
    assert titles(region="MA-02") == ["Tanger"]
    call.territories.clear()
    assert titles(region="MA-02") == []


def test_a_region_code_cannot_widen_the_match():
    published(title="Tanger", territories=[Territory.objects.get(code="MA-TNG-TANGER")])
    assert titles(region="MA-01 MA-02") == []
    assert titles(region="MA") == []
    assert titles(region=" ") == ["Tanger"]  # blank after trimming: no filter
