"""The catalogue query: one object parsed from a URL query string, used by the
pages, the Atom feed, the iCalendar feed, the JSON API, OCDS and saved searches.

    query = CallQuery.from_params(request.GET)
    calls = search_calls(query)          # published/closed calls, filtered and ordered
    url_tail = query.to_querystring()    # the same query, to put in a link
    page = catalogue_page(query, number) # one page of the list, fast at any depth

Full text: every call keeps ``search_document``, the folded text of its title,
issuer, project, places, funders, objectives, tasks, profile and deliverables
(``nidaa.tor.places.fold``: accents, case, Arabic alef forms, taa marbuta,
alef maqsura, diacritics and tatweel do not matter). SQLite indexes it in the
FTS5 table ``calls_call_fts`` (kept in sync by triggers), PostgreSQL in the
stored tsvector column ``search_vector`` ('simple' + 'french'), both made by
migration 0002. The user's words are folded the same way, so they carry no
operator: quotes, NEAR, *, - and parentheses are just punctuation.

Matches are not ranked: they come in the catalogue's order (open calls by
nearest deadline, then closed ones), which both databases read from an index,
so a common word costs no more than a rare one. See docs/catalogue.md.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time as time_module
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Mod, RowNumber
from django.http import QueryDict
from django.utils import timezone

from nidaa.accounts.models import Organization
from nidaa.calls.models import DEFAULT_TIMEZONE, PUBLIC_STATUSES, Call, CallStatus, CallType
from nidaa.calls.selectors import closed_q, open_q, published_calls
from nidaa.calls.synonyms import expansion_for
from nidaa.common.compiled import STAND_IN_DATETIME, STAND_IN_ID, STAND_IN_NOW, CompiledQuery
from nidaa.common.text import one_line, strip_bidi_controls
from nidaa.directory.models import Territory
from nidaa.tor.places import fold

PER_PAGE = 20
# Counting every match of a common word costs as much as ranking them: past
# this many, a search says "more than" and offers no deeper pages.
COUNT_LIMIT = 1000
# Rows between two cached page anchors of the unfiltered list: a deep page
# reads at most this many index entries past its anchor.
ANCHOR_EVERY = 100
ANCHORS_TIMEOUT = 300  # seconds; also bounds how long a deleted call can shift pages
# A search's capped counts are cached as briefly: territory links and search
# documents are rewritten without moving ``updated_at`` (the version).
SEARCH_COUNTS_TIMEOUT = 120
MAX_WORDS = 12
# The columns a page of the catalogue loads (templates/calls/list_results.html).
LIST_FIELDS = (
    "id",
    "title",
    "call_type",
    "issuer",
    "locations",
    "deadline",
    "timezone",
    "status",
    "sort_deadline",
    "organization_id",
)
_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class CallQuery:
    q: str = ""
    call_type: str = ""  # URL: type
    region: str = ""  # territory code of a region
    province: str = ""  # territory code of a province/prefecture
    issuer: str = ""  # organisation slug
    funder: str = ""
    language: str = ""  # ISO 639 code of a working language
    state: str = ""  # "open", "closed" or "" for both
    deadline_after: date | None = None
    deadline_before: date | None = None

    PARAMS = {"call_type": "type"}

    @classmethod
    def from_params(cls, params: QueryDict | dict[str, Any]) -> CallQuery:
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = params.get(cls.PARAMS.get(f.name, f.name), "")
            # One line, no bidi controls: a query is shown back in pages,
            # feed titles and calendar names.
            raw = one_line(strip_bidi_controls(str(raw or ""))).strip()[:200]
            if f.name.startswith("deadline_"):
                try:
                    values[f.name] = date.fromisoformat(raw) if raw else None
                except ValueError:
                    values[f.name] = None
            else:
                values[f.name] = raw
        return cls(**values)

    def to_params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value:
                out[self.PARAMS.get(f.name, f.name)] = value.isoformat() if isinstance(value, date) else value
        return out

    def to_querystring(self) -> str:
        qd = QueryDict(mutable=True)
        qd.update(self.to_params())
        return qd.urlencode()

    @property
    def is_empty(self) -> bool:
        return not self.to_params()


# --- the search document ---------------------------------------------------


def _strings(value: Any) -> list[str]:
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
    parts += _strings(call.locations)
    places: dict[str, None] = {}
    for territory in call.territories.select_related("parent__parent"):
        place: Territory | None = territory
        while place is not None:
            places.update({place.name_fr: None, place.name_ar: None})
            place = place.parent
    parts += list(places)
    for name in ("partners_funders", "objectives", "tasks", "profile", "deliverables"):
        parts += _strings(getattr(call, name))
    document = fold(" \n ".join(p for p in parts if p))
    expansion = expansion_for(document)
    return f"{document} \n {expansion}" if expansion else document


def refresh_search_document(call: Call) -> None:
    """Rewrite the call's folded search text (and funders), after an import or
    an edit. A plain UPDATE: the triggers (SQLite) and the generated column
    (PostgreSQL) follow, and ``updated_at`` is left alone."""
    call.search_document = search_document_for(call)
    call.funders_document = fold(" | ".join(_strings(call.partners_funders)))
    Call.objects.filter(pk=call.pk).update(
        search_document=call.search_document, funders_document=call.funders_document
    )


def query_words(q: str) -> list[str]:
    """The user's words, folded like the documents: only letters and digits
    survive, so no full-text operator can be smuggled in."""
    return fold(q).split()[:MAX_WORDS]


def _text_sql() -> tuple[str, int]:
    """The full-text condition on this database and how many times it takes
    ``_text_param`` (each a parameter)."""
    table = Call._meta.db_table
    if connection.vendor == "postgresql":
        # Either every word as written (simple) or every word's French stem. A
        # plain condition on the row, so the planner may walk the catalogue's
        # index and test each row (common words) or read the GIN index (rare ones).
        return (
            f"\"{table}\".\"search_vector\" @@ (plainto_tsquery('simple', %s) || plainto_tsquery('french', %s))",
            2,
        )
    return f'"{table}"."id" IN (SELECT rowid FROM calls_call_fts WHERE calls_call_fts MATCH %s)', 1  # noqa: S608


def _text_param(words: list[str]) -> str:
    """The folded words as the condition's parameter: PostgreSQL's plainto_tsquery
    reads them as plain text; FTS5 gets each word quoted (a phrase of one token),
    all of them required."""
    if connection.vendor == "postgresql":
        return " ".join(words)
    return " AND ".join(f'"{w}"' for w in words)


def _with_text(calls: QuerySet[Call], param: str) -> QuerySet[Call]:
    sql, times = _text_sql()
    # extra(where=): the ORM's one way to put MATCH / @@ on a column the model
    # does not declare (it exists on one database only); the words are parameters.
    return calls.extra(where=[sql], params=[param] * times)  # noqa: S610


def _apply_text(calls: QuerySet[Call], q: str) -> QuerySet[Call]:
    words = query_words(q)
    return _with_text(calls, _text_param(words)) if words else calls


# --- filters ----------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(DEFAULT_TIMEZONE))


def _in_territory(code: str) -> Q:
    """Calls linked to the territory or to any place inside it (a region's
    provinces and their communes): a test on the call's own ``territory_codes``
    (" CODE CODE … ", the linked places and their ancestors), which the planner
    can combine with the full-text index or the catalogue's order index."""
    if not code or any(ch.isspace() for ch in code):
        return Q(pk__in=[])
    return Q(territory_codes__contains=f" {code} ")


def filter_calls(calls: QuerySet[Call], query: CallQuery, *, now: datetime) -> QuerySet[Call]:
    """``calls`` narrowed by every part of ``query``; unknown values match nothing
    rather than raising, so a hand-edited URL is a search with no result.

    The full-text condition goes last: PostgreSQL tests a row's conditions in
    the order written when they cost the same to its eyes, and ``@@`` must
    unpack the row's tsvector (~2 kB) while type or territory are cheap."""
    if query.call_type:
        calls = calls.filter(call_type=query.call_type if query.call_type in CallType.values else "-")
    for code in (query.region, query.province):
        if code:
            calls = calls.filter(_in_territory(code))
    if query.issuer:
        calls = calls.filter(organization__slug=query.issuer)
    if query.funder:
        funder = fold(query.funder)
        calls = calls.filter(funders_document__contains=funder) if funder else calls.none()
    if query.language:
        code = query.language.lower()
        # JSON text of a list of codes: '"fr"' appears only as a whole element.
        calls = calls.filter(languages__icontains=f'"{code}"') if _LANGUAGE.fullmatch(code) else calls.none()
    if query.state == "open":
        calls = calls.filter(open_q(now))
    elif query.state == "closed":
        calls = calls.filter(closed_q(now))
    if query.deadline_after:
        calls = calls.filter(deadline__gte=_day_start(query.deadline_after))
    if query.deadline_before:
        calls = calls.filter(deadline__lt=_day_start(query.deadline_before + timedelta(days=1)))
    return _apply_text(calls, query.q)


def search_calls(query: CallQuery) -> QuerySet[Call]:
    """Public calls matching ``query`` in the catalogue's order (open first by
    nearest deadline, then closed, latest deadline first), each with
    ``is_open``-style annotations from ``published_calls``. For pages of a
    large catalogue use ``catalogue_page``, which reads the order from indexes."""
    return filter_calls(published_calls(), query, now=timezone.now())


# --- pages -------------------------------------------------------------------


@dataclass(slots=True)
class CatalogueRow:
    """One call as a row of the list (what ``views._rows_html`` prints): a plain
    object rather than a model instance, which would cost more to build than
    the query that reads it. The fields are ``ROW_COLUMNS`` in order."""

    id: int
    title: str
    call_type: str
    issuer: str
    locations: Any
    deadline: datetime | None
    timezone: str
    status: str
    sort_deadline: datetime
    organization_id: int
    organization_name: str | None
    is_open: bool = False

    @property
    def pk(self) -> int:
        return self.id


# What a page reads of each call, in CatalogueRow's order.
ROW_COLUMNS = (*LIST_FIELDS, "organization_name")


@dataclass
class Segment:
    """One half of the catalogue in index order (the open half ascending by
    ``open_until``, the closed half descending by ``sort_deadline``), its size
    and page anchors ((deadline, id) of every ``ANCHOR_EVERY``-th row).

    ``calls`` is the (filtered) catalogue; the half's condition and order are
    added only when a page reads from it. ``compiled``: the unfiltered list,
    whose page SQL has a handful of shapes, compiled once per process
    (``_compiled_page``) instead of by the ORM on every request."""

    calls: QuerySet[Call]
    now: datetime
    ascending: bool
    count: int
    anchors: list[tuple[datetime, int]] = field(default_factory=list)
    compiled: bool = False
    # A compiled search (words and nothing else): the full-text parameter.
    text: str | None = None

    def rows(self, offset: int, limit: int) -> list[CatalogueRow]:
        index = min(offset // ANCHOR_EVERY, len(self.anchors) - 1)
        # Anchor 0 is the half's first row: starting there changes nothing.
        anchor = self.anchors[index] if index > 0 else None
        offset -= max(index, 0) * ANCHOR_EVERY
        if self.compiled:
            searched = self.text is not None
            page = _compiled_page(
                connection.vendor, self.ascending, anchor is not None, offset, limit, searched
            )
            values: dict[str, Any] = {"now": self.now}
            if anchor:
                values.update(deadline=anchor[0], id=anchor[1])
            if searched:
                values["text"] = self.text
            return [CatalogueRow(*row) for row in page.rows(**values)]
        return _fetch_rows(_page_rows(self.calls, self.now, self.ascending, anchor, offset, limit))


def _order_column(ascending: bool) -> str:
    """What a half is ordered by: the open half (ascending) by ``open_until``,
    the closed half by ``sort_deadline`` (the two are equal on open calls)."""
    return "open_until" if ascending else "sort_deadline"


def _half(calls: QuerySet[Call], now: datetime, ascending: bool) -> QuerySet[Call]:
    """The open half (ascending) or the closed half of ``calls``, in index order."""
    column = _order_column(ascending)
    if ascending:
        return calls.filter(open_q(now)).order_by(column, "-id")
    return calls.filter(closed_q(now)).order_by(f"-{column}", "-id")


def _page_rows(
    calls: QuerySet[Call],
    now: datetime,
    ascending: bool,
    anchor: tuple[datetime, int] | None,
    offset: int,
    limit: int,
) -> QuerySet[Call]:
    """``limit`` rows of a half of ``calls`` from ``offset`` past ``anchor`` (or
    past its start), as ``ROW_COLUMNS`` tuples. With an anchor every
    ``ANCHOR_EVERY`` rows the offset stays under it: a plain OFFSET reads fewer
    than 100 index entries (a deep page once skipped them by id in a subquery,
    which cost more below that)."""
    calls = _half(calls, now, ascending)
    if anchor is not None:
        deadline, pk = anchor
        # The range bound lets the index start at the anchor; the exclusion settles ties.
        column = _order_column(ascending)
        bound = f"{column}__gte" if ascending else f"{column}__lte"
        calls = calls.filter(**{bound: deadline}).exclude(**{column: deadline, "id__gt": pk})
    return calls.values_list(*ROW_COLUMNS)[offset : offset + limit]


def _fetch_rows(rows: QuerySet[Call]) -> list[CatalogueRow]:
    """Execute a ``_page_rows`` queryset: its SQL as the ORM compiles it, the
    tuples converted as the ORM would, without a model instance per row."""
    compiled = CompiledQuery(rows, {})
    return [CatalogueRow(*row) for row in compiled.rows()]


# The full-text parameter's stand-in: folded words never carry a hyphen.
STAND_IN_TEXT = "nidaa-stand-in-words-901020304"


@functools.lru_cache(maxsize=512)
def _compiled_page(
    vendor: str,
    ascending: bool,
    anchored: bool,
    offset: int,
    limit: int,
    searched: bool = False,
) -> CompiledQuery:
    """A page of the unfiltered list, or of a search for words with no other
    filter (the usual search), compiled by the ORM once per process and shape
    (``nidaa.common.compiled``), with stand-ins for the clock, the anchor and
    the words. tests/calls/test_catalogue_pagination.py checks it against the
    ORM's own."""
    stand_ins: dict[str, Any] = {"now": STAND_IN_NOW}
    anchor = None
    if anchored:
        anchor = (STAND_IN_DATETIME, STAND_IN_ID)
        stand_ins.update(deadline=STAND_IN_DATETIME, id=STAND_IN_ID)
    calls = _public_rows()
    if searched:
        calls = _with_text(calls, STAND_IN_TEXT)
        stand_ins["text"] = STAND_IN_TEXT
    return CompiledQuery(_page_rows(calls, STAND_IN_NOW, ascending, anchor, offset, limit), stand_ins)


@dataclass
class CataloguePage:
    """One page of the catalogue: its calls, number, the total (``capped`` when
    it is only known to be over ``COUNT_LIMIT``) and the page numbers around."""

    calls: list[CatalogueRow]
    number: int
    count: int
    capped: bool
    per_page: int = PER_PAGE

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


@functools.cache
def _public_rows() -> QuerySet[Call]:
    """Public calls with only what a row of the list shows, built once per
    process (chained, never evaluated): the long JSON lists (objectives, tasks,
    profile, deliverables) and the texts stay in the database. The
    organisation's name comes from a subquery per listed row, not a join: a join
    lets the planner loop over organisations, probing the calls' indexes once
    per organisation (200 times at 100,000 calls)."""
    organization_name = (
        Organization.objects.filter(pk=OuterRef("organization_id")).order_by().values("name")[:1]
    )
    return (
        Call.objects.filter(status__in=PUBLIC_STATUSES)
        .only(*LIST_FIELDS)
        .annotate(organization_name=Subquery(organization_name))
    )


def _catalogue_version(now: datetime) -> str:
    """Changes whenever the unfiltered catalogue's order or size may have:
    an edit or status change (updated_at), a new call (max id), a deadline
    passing (the latest deadline of a published call that has passed moves to
    it). Three descents of an index, however many calls have passed their
    deadline without being closed."""
    table = Call._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(updated_at) FROM {table}), (SELECT MAX(id) FROM {table}), "  # noqa: S608
            f"(SELECT MAX(open_until) FROM {table} WHERE open_until <= %s)",
            [now],
        )
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:32]


def _anchors(calls: QuerySet[Call], ascending: bool) -> tuple[int, list[tuple[datetime, int]]]:
    """The half's size and every ANCHOR_EVERY-th (deadline, id), in one query (a
    window function numbers the rows in index order)."""
    column = _order_column(ascending)
    order = [F(column).asc() if ascending else F(column).desc(), F("id").desc()]
    rows = (
        calls.order_by()
        .annotate(rn=Window(RowNumber(), order_by=order), total=Window(Count("id")))
        .annotate(bucket=Mod(F("rn") - 1, ANCHOR_EVERY))
        .filter(bucket=0)
        .order_by("rn")
        .values_list(column, "id", "total")
    )
    anchors = [(d, pk) for d, pk, _ in rows]
    total = rows[0][2] if anchors else 0
    return total, anchors


# The catalogue entry this process read last: (key, entry). Reading it again
# from a shared cache would unpickle ~1,000 anchors on every page.
_last_catalogue: list[tuple[str, Any]] = []


def _catalogue_entry(now: datetime) -> tuple[float, tuple[int, list[Any]], tuple[int, list[Any]]]:
    """(computed at, (size, anchors) of the open half, of the closed half),
    from this process's last read or the cache under the catalogue's version,
    else computed; never used more than ``ANCHORS_TIMEOUT`` after computing."""
    key = f"nidaa:catalogue:{ANCHOR_EVERY}:{_catalogue_version(now)}"
    if (
        _last_catalogue
        and _last_catalogue[0][0] == key
        and _last_catalogue[0][1][0] > time_module.time() - ANCHORS_TIMEOUT
    ):
        return _last_catalogue[0][1]
    entry = cache.get(key)
    if entry is None:
        public = Call.objects.filter(status__in=PUBLIC_STATUSES)
        entry = (
            time_module.time(),
            _anchors(public.filter(open_q(now)), True),
            _anchors(public.filter(closed_q(now)), False),
        )
        cache.set(key, entry, ANCHORS_TIMEOUT)
    _last_catalogue[:] = [(key, entry)]
    return entry


def _unfiltered_segments(now: datetime) -> tuple[Segment, Segment]:
    _computed, (open_count, open_anchors), (closed_count, closed_anchors) = _catalogue_entry(now)
    rows = _public_rows()
    return (
        Segment(rows, now, True, open_count, open_anchors, compiled=True),
        Segment(rows, now, False, closed_count, closed_anchors, compiled=True),
    )


def _capped_counts(*segments: QuerySet[Call]) -> list[int]:
    """Each queryset's size, counted up to ``COUNT_LIMIT + 1``, in one query."""
    parts, params = [], []
    for calls in segments:
        try:
            sql, part_params = calls.order_by().values("id")[: COUNT_LIMIT + 1].query.sql_with_params()
        except EmptyResultSet:
            # A filter that can match nothing (?language=a*, ?funder=-) compiles to no SQL at all.
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped)")  # noqa: S608 (compiled by the ORM)
        params += list(part_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)  # noqa: S608 (compiled by the ORM)
        row = cursor.fetchone()
    return [int(n) for n in row]


def _search_counts(query: CallQuery, matching: QuerySet[Call], now: datetime) -> list[int]:
    """The capped sizes of both halves of a search, kept in the cache under the
    catalogue's version and the query: a common word costs its counts once per
    change of the catalogue, not once per visitor and page."""
    digest = hashlib.sha256(query.to_querystring().encode()).hexdigest()[:32]
    key = f"nidaa:search:{_catalogue_version(now)}:{digest}"
    counts = cache.get(key)
    if counts is None:
        counts = _capped_counts(_half(matching, now, True), _half(matching, now, False))
        cache.set(key, counts, SEARCH_COUNTS_TIMEOUT)
    return counts


def catalogue_page(query: CallQuery, number: Any, *, per_page: int = PER_PAGE) -> CataloguePage:
    """Page ``number`` (1-based; junk means 1, past the end means the last) of
    the calls matching ``query``, in the catalogue's order.

    The unfiltered list reads its sizes and page anchors from the cache, keyed
    by a version that any change to the catalogue moves, so page 2,500 costs a
    short index range. A search or filter counts up to ``COUNT_LIMIT``."""
    now = timezone.now()
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    if query.is_empty:
        segments: Iterable[Segment] = _unfiltered_segments(now)
        capped = False
    else:
        matching = filter_calls(_public_rows(), query, now=now)
        open_count, closed_count = _search_counts(query, matching, now)
        # Words and nothing else (most searches): pages of a compiled shape.
        words = query_words(query.q) if query == CallQuery(q=query.q) else []
        text = _text_param(words) if words else None
        open_segment = Segment(matching, now, True, open_count, compiled=text is not None, text=text)
        closed_segment = Segment(matching, now, False, closed_count, compiled=text is not None, text=text)
        capped = open_segment.count + closed_segment.count > COUNT_LIMIT
        segments = (open_segment, closed_segment)
    segments = list(segments)
    count = min(sum(s.count for s in segments), COUNT_LIMIT) if capped else sum(s.count for s in segments)
    last = max(1, -(-count // per_page))
    number = min(number, last)
    offset = (number - 1) * per_page
    calls: list[CatalogueRow] = []
    for segment in segments:
        if offset >= segment.count:
            offset -= segment.count
            continue
        calls += segment.rows(offset, per_page - len(calls))
        offset = 0
        if len(calls) >= per_page:
            break
    for call in calls:
        call.is_open = call.status == CallStatus.PUBLISHED and call.sort_deadline > now
    return CataloguePage(calls=calls, number=number, count=count, capped=capped, per_page=per_page)
