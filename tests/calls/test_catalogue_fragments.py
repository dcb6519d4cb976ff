"""The catalogue's fragments rendered by Jinja2 (a page of results, the search
form, a call's public fields) escape what callers wrote as Django did: ``'`` as
``&#x27;``, ``"`` as ``&quot;``, in the rows, in the sentences and in the form;
a filter's select is kept in the default cache by language and value."""

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.core.paginator import Paginator
from django.template import engines
from django.utils import timezone, translation

from nidaa.calls.models import CallStatus
from nidaa.calls.search import CataloguePage
from tests.factories import CallFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

TITLE = 'Recrutement d\'un "formateur" <senior>'
# How a Django page prints the shared pages' links.
PAGINATION = '{% load fragments %}{% fragment "common/pagination.html" page=page querystring=querystring %}'
ESCAPED_TITLE = "Recrutement d&#x27;un &quot;formateur&quot; &lt;senior&gt;"


@pytest.fixture(autouse=True)
def _empty_caches():
    cache.clear()


def test_a_rows_title_issuer_and_places_are_escaped_as_django_escapes_them(client):
    call = CallFactory(
        title=TITLE, issuer="Réseau d'appui", locations=["Aït Ourir"], status=CallStatus.PUBLISHED
    )
    content = client.get("/fr/").content.decode()
    assert f'<h3><a href="/fr/calls/{call.pk}/" dir="auto">{ESCAPED_TITLE}</a></h3>' in content
    assert '· <span dir="auto">Réseau d&#x27;appui</span>' in content
    assert '<span class="call-places" dir="auto">Aït Ourir</span>' in content
    assert '<h2 id="results-heading" class="result-count" aria-live="polite">1 appel</h2>' in content


def test_the_call_pages_sentences_name_the_organisation_escaped_as_django_escapes_it(client):
    organization = OrganizationFactory(name='Réseau d\'appui "Sud"')
    call = CallFactory(organization=organization, issuer="", status=CallStatus.PUBLISHED, project=TITLE)
    content = client.get(f"/fr/calls/{call.pk}/").content.decode()
    name = "Réseau d&#x27;appui &quot;Sud&quot;"
    assert (
        f'<dd dir="auto">{name} · <a href="/fr/organizations/{organization.slug}/">Tous les appels de {name}</a></dd>'
        in content
    )
    assert f"Appels de {name} :" in content
    assert f'<dt>Projet</dt><dd dir="auto">{ESCAPED_TITLE}</dd>' in content


def test_the_call_pages_sentences_are_in_arabic_on_the_arabic_page(client):
    organization = OrganizationFactory(name="جمعية الواحة")
    call = CallFactory(organization=organization, issuer="", status=CallStatus.PUBLISHED)
    content = client.get(f"/ar/calls/{call.pk}/").content.decode()
    assert f'<a href="/ar/organizations/{organization.slug}/">جميع طلبات جمعية الواحة</a>' in content


def test_a_filters_select_is_kept_in_the_default_cache_by_language_and_value(client):
    client.get("/fr/", {"type": "trainer"})
    select = cache.get(make_template_fragment_key("catalogue_select_type", ["fr", "trainer"]))
    assert select.startswith('<select name="type" id="f-type"><option value="">')
    assert '<option value="trainer" selected>' in select
    assert cache.get(make_template_fragment_key("catalogue_select_type", ["ar", "trainer"])) is None


def test_a_cancelled_calls_reason_keeps_its_lines_escaped_as_django_escapes_it(client):
    call = CallFactory(
        status=CallStatus.CANCELLED,
        published_at=timezone.now(),
        cancellation_reason="Le bailleur s'est retiré.\nÀ suivre <b>",
    )
    content = client.get(f"/fr/calls/{call.pk}/").content.decode()
    assert (
        '<span dir="auto" class="cancellation-reason">Le bailleur s&#x27;est retiré.<br>À suivre &lt;b&gt;</span>'
        in content
    )


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize(
    ("number", "count", "capped"), [(1, 45, False), (2, 45, False), (3, 45, False), (2, 1000, True)]
)
def test_the_catalogues_pages_are_the_django_pages_pagination(language, number, count, capped):
    # One template (common/pagination.html) for the catalogue's results and, through
    # {% fragment %}, the Django pages (the dashboard, the triage inbox).
    page = CataloguePage(calls=[None], number=number, count=count, capped=capped)
    context = {"page": page, "querystring": "q=eau&type=trainer", "rows": {"open": [], "closed": []}}
    with translation.override(language):
        results = engines["jinja2"].get_template("calls/results.html").render(context)
        pagination = engines["django"].from_string(PAGINATION).render(context)
    nav = results[
        results.index("</ul>\n") + len("</ul>\n") : results.index("\n\n", results.index("</ul>\n") + 7) + 1
    ]
    assert nav.startswith('\n<nav class="pagination"')
    assert pagination.startswith(nav)


def test_a_django_page_prints_its_number_and_count_and_links_keep_the_query():
    # A Django Page (the dashboard's, the triage inbox's) has its count on its paginator.
    page = Paginator(list(range(45)), 20).page(2)
    rendered = {}
    for language in ("fr", "ar"):
        with translation.override(language):
            rendered[language] = (
                engines["django"].from_string(PAGINATION).render({"page": page, "querystring": "state=open"})
            )
    assert rendered["fr"] == (
        "\n"
        '<nav class="pagination" aria-label="Pagination">\n'
        '  <a href="?state=open&amp;page=1" rel="prev">Précédent</a>\n'
        '  <span aria-current="page">Page 2 sur 3</span>\n'
        '  <a href="?state=open&amp;page=3" rel="next">Suivant</a>\n'
        "</nav>\n\n"
    )
    assert rendered["ar"] == (
        "\n"
        '<nav class="pagination" aria-label="ترقيم الصفحات">\n'
        '  <a href="?state=open&amp;page=1" rel="prev">السابق</a>\n'
        '  <span aria-current="page">الصفحة 2 من 3</span>\n'
        '  <a href="?state=open&amp;page=3" rel="next">التالي</a>\n'
        "</nav>\n\n"
    )
