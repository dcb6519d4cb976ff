"""Issue 12: a search finds a call by the province or region its places lie
in ("Midelt"/"ميدلت" finds a call whose communes are in Midelt), and by the
sector's core words in French, Arabic or English (formation/تكوين/training),
on SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from nidaa.calls.models import Call, CallStatus
from nidaa.calls.search import CallQuery, catalogue_page, refresh_search_document, search_calls
from nidaa.calls.synonyms import expansion_for, vocabulary
from nidaa.directory.models import Territory
from nidaa.tor.places import fold
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def published(territories=(), **fields):
    call = CallFactory(status=CallStatus.PUBLISHED, **fields)
    call.territories.set(territories)
    refresh_search_document(call)
    return call


def titles(q):
    return sorted(c.title for c in search_calls(CallQuery(q=q)))


@pytest.fixture
def karama():
    midelt = Territory.objects.get(code="MA-MID")
    boumia = Territory.objects.create(
        code="MA-MID-boumia-t", kind="commune", name_fr="Boumia", name_ar="بومية", parent=midelt
    )
    return published(title="Programme Karama", locations=["Boumia"], territories=[boumia])


@pytest.mark.parametrize("q", ["Midelt", "ميدلت", "midelt", "Drâa-Tafilalet", "درعة تافيلالت", "Boumia"])
def test_a_call_is_found_by_the_province_and_region_of_its_communes(karama, q):
    published(title="Autre appel", locations=["Fès"])
    assert titles(q) == ["Programme Karama"]


def test_the_search_page_finds_a_call_by_its_province_in_arabic(client, karama):
    content = client.get("/ar/", {"q": "ميدلت"}).content.decode()
    assert "Programme Karama" in content


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("Formation des formateurs en gestion de projet", ["تكوين", "التكوين", "training", "formation"]),
        ("دورة تكوينية لفائدة الجمعيات", ["formation", "training", "تكوين"]),
        ("Training of trainers on advocacy", ["formation", "تكوين", "plaidoyer", "ترافع", "الترافع"]),
        ("Évaluation finale du projet", ["تقييم", "evaluation", "التقييم"]),
        ("Renforcement de la gouvernance locale", ["حكامة", "الحكامة", "governance"]),
        ("Insertion des jeunes", ["شباب", "الشباب", "youth"]),
        ("تمكين النساء القرويات", ["femmes", "women", "نساء"]),
    ],
)
def test_the_sectors_words_find_a_call_in_the_other_languages(written, searched):
    published(title=written)
    published(title="Audit comptable")
    for q in searched:
        assert titles(q) == [written], q


def test_a_sector_word_does_not_find_calls_about_something_else():
    published(title="Audit comptable annuel")
    assert titles("تكوين") == []
    assert titles("training") == []


def test_every_typed_word_is_still_required():
    published(title="Formation en plaidoyer")
    published(title="Formation en comptabilité")
    assert titles("تكوين ترافع") == ["Formation en plaidoyer"]


def test_a_search_page_reads_one_full_text_condition_per_query(client, django_assert_max_num_queries):
    published(title="Formation des élus")
    # The vocabulary is in the documents: the query is not expanded, so a search
    # costs what it cost (tests/calls/test_call_list_query_counts.py has the budget).
    page = catalogue_page(CallQuery(q="تكوين"), 1)
    assert [row.title for row in page.calls] == ["Formation des élus"]


def test_the_vocabulary_is_data_with_the_issues_core_words():
    index, _texts = vocabulary()
    for french, arabic, english in [
        ("formation", "تكوين", "training"),
        ("plaidoyer", "ترافع", "advocacy"),
        ("evaluation", "تقييم", "evaluation"),
        ("gouvernance", "حكامة", "governance"),
        ("jeunes", "شباب", "youth"),
        ("femmes", "نساء", "women"),
    ]:
        assert index[fold(french)] == index[fold(arabic)] == index[fold(english)]


def test_arabic_words_are_matched_with_their_article_and_clitics():
    assert "training" in expansion_for(fold("والتكوين"))
    assert "training" in expansion_for(fold("للتكوين"))
    assert "research" not in expansion_for(fold("حث"))


def test_reindexing_gives_old_calls_the_new_words():
    call = CallFactory(status=CallStatus.PUBLISHED, title="Formation des élus")
    Call.objects.filter(pk=call.pk).update(search_document=fold(call.title))
    assert titles("تكوين") == []
    call_command("reindex_calls", stdout=open("/dev/null", "w"))
    assert titles("تكوين") == ["Formation des élus"]
