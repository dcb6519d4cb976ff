"""The catalogue's search form, rendered once per language and filled per
request: every value comes back, escaped, in French and in Arabic."""

import pytest

pytestmark = pytest.mark.django_db


def form_of(content: str) -> str:
    start = content.index('<div class="catalogue-search">')
    return content[start : content.index("</form>", start)]


def test_a_blank_form_has_no_value_and_closed_filters(client):
    form = form_of(client.get("/fr/").content.decode())
    assert 'action="/fr/"' in form
    assert 'name="q" value=""' in form
    assert '<details class="filters">' in form
    assert " selected" not in form
    assert 'name="issuer"' not in form
    assert "Effacer la recherche" not in form


def test_every_value_of_the_query_comes_back_escaped(client):
    params = {
        "q": 'plaidoyer "><script>alert(1)</script>',
        "type": "trainer",
        "region": "MA-01",
        "state": "closed",
        "funder": "Union <européenne>",
        "deadline_after": "2025-01-06",
        "deadline_before": "2025-02-01",
        "issuer": 'asso"x',
        "language": "ar",
    }
    form = form_of(client.get("/fr/", params).content.decode())
    assert "<script>" not in form
    assert 'value="plaidoyer &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in form
    assert '<option value="trainer" selected>' in form
    assert '<option value="MA-01" selected>' in form
    assert '<option value="closed" selected>Clôturé</option>' in form
    assert '<option value="open">' in form
    assert '<option value="ar" selected>' in form
    assert 'value="Union &lt;européenne&gt;"' in form
    assert 'name="deadline_after" value="2025-01-06"' in form
    assert 'name="deadline_before" value="2025-02-01"' in form
    assert '<input type="hidden" name="issuer" value="asso&quot;x">' in form
    assert '<details class="filters" open>' in form
    assert '<a href="/fr/">Effacer la recherche</a>' in form


def test_a_search_alone_keeps_the_filters_closed(client):
    form = form_of(client.get("/fr/", {"q": "formation"}).content.decode())
    assert '<details class="filters">' in form
    assert 'value="formation"' in form


def test_the_form_is_in_arabic_on_the_arabic_page(client):
    form = form_of(client.get("/ar/", {"q": "تكوين", "state": "open"}).content.decode())
    assert 'action="/ar/"' in form
    assert 'value="تكوين"' in form
    assert '<option value="open" selected>' in form
    assert "بحث" in form
    assert "Search" not in form and "Rechercher" not in form
