"""Full text: the folded document a search looks in, and the condition that
finds words in it, per database.

Every call keeps ``search_document``, the folded text of its title, issuer,
project, places, funders, objectives, tasks, profile and deliverables
(``nidaa.tor.places.fold``: accents, case, Arabic alef forms, taa marbuta,
alef maqsura, diacritics and tatweel do not matter). SQLite indexes it in the
FTS5 table ``calls_call_fts`` (kept in sync by triggers), PostgreSQL in the
stored tsvector column ``search_vector`` ('simple' + 'french'), both made by
migration 0002. The user's words are folded the same way, so they carry no
operator: quotes, NEAR, *, - and parentheses are just punctuation.
See docs/catalogue.md.
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from nidaa.calls.models import Call
from nidaa.calls.synonyms import expansion_for
from nidaa.directory.models import Territory
from nidaa.tor.places import fold

MAX_WORDS = 12


def _texts(value: Any) -> list[str]:
    """A field's non-empty texts: a JSON list's items, or the value alone."""
    if isinstance(value, list):
        return [str(item) for item in value if item]
    return [str(value)] if value else []


def search_document_for(call: Call) -> str:
    """The folded text a search looks in: title, issuer, organisation, project,
    places (as written, the linked territories' French and Arabic names and
    those of the provinces and regions they lie in), partners and funders,
    objectives, tasks, profile and deliverables; then the sector's words in
    the three languages for those the text uses (``synonyms``), so that
    "تكوين" finds a call written in French about "formation"."""
    parts = [call.title, call.issuer, call.organization.name, call.organization.name_ar, call.project]
    parts += _texts(call.locations)
    places: dict[str, None] = {}
    for territory in call.territories.select_related("parent__parent"):
        place: Territory | None = territory
        while place is not None:
            places.update({place.name_fr: None, place.name_ar: None})
            place = place.parent
    parts += list(places)
    for name in ("partners_funders", "objectives", "tasks", "profile", "deliverables"):
        parts += _texts(getattr(call, name))
    document = fold(" \n ".join(p for p in parts if p))
    expansion = expansion_for(document)
    return f"{document} \n {expansion}" if expansion else document


def funders_document_for(call: Call) -> str:
    """The folded names of the call's partners and funders (the funder filter's text)."""
    return fold(" | ".join(_texts(call.partners_funders)))


def refresh_search_document(call: Call) -> None:
    """Rewrite the call's folded search text (and funders), after an import or
    an edit. A plain UPDATE: the triggers (SQLite) and the generated column
    (PostgreSQL) follow, and ``updated_at`` is left alone."""
    call.search_document = search_document_for(call)
    call.funders_document = funders_document_for(call)
    Call.objects.filter(pk=call.pk).update(
        search_document=call.search_document, funders_document=call.funders_document
    )


def query_words(q: str) -> list[str]:
    """The user's words, folded like the documents: only letters and digits
    survive, so no full-text operator can be smuggled in."""
    return fold(q).split()[:MAX_WORDS]


def words_condition(words: list[str], vendor: str) -> RawSQL:
    """ "Every word is in the call's document", on this database, as a boolean
    expression to ``filter()`` by (``RawSQL``: the column it reads exists on
    one database only, so the model does not declare it); the words are
    parameters.

    PostgreSQL: every word as written ('simple') or every word's French stem,
    a plain condition on the row, so the planner may walk the catalogue's
    index and test each row (common words) or read the GIN index (rare ones).
    SQLite: the ids FTS5 finds, each word quoted (a phrase of one token), all
    of them required."""
    table = Call._meta.db_table
    if vendor == "postgresql":
        text = " ".join(words)
        sql = f"\"{table}\".\"search_vector\" @@ (plainto_tsquery('simple', %s) || plainto_tsquery('french', %s))"
        return RawSQL(sql, [text, text], output_field=BooleanField())  # noqa: S611 (constant SQL; the words are parameters)
    match = " AND ".join(f'"{word}"' for word in words)
    sql = f'"{table}"."id" IN (SELECT rowid FROM calls_call_fts WHERE calls_call_fts MATCH %s)'  # noqa: S608
    return RawSQL(sql, [match], output_field=BooleanField())  # noqa: S611 (constant SQL; the words are parameters)


def with_words(calls: QuerySet[Call], q: str) -> QuerySet[Call]:
    """``calls`` whose document holds every word of ``q`` (all of them when it has none)."""
    words = query_words(q)
    if not words:
        return calls
    return calls.filter(words_condition(words, connections[calls.db].vendor))
