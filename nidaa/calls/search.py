"""The catalogue: public calls filtered by a ``CallQuery`` (query.py), in the
catalogue's order, and its pages, fast at any depth. Used by the pages, the
Atom and iCalendar feeds, the JSON API, OCDS and saved searches.

    calls = search_calls(query)          # published/closed calls, filtered and ordered
    page = catalogue_page(query, number) # one page of the list, read from the indexes

The words go through ``fulltext.with_words`` (the full-text condition per
database). Matches are not ranked: they come in the catalogue's order (open
calls by nearest deadline, then closed ones), which both databases read from
an index, so a common word costs no more than a rare one. The unfiltered
list's sizes and page anchors, and a search's capped counts, are kept in
Django's cache under the catalogue's version (``catalogue_version``), which
the rendered pages are keyed by too (page_cache.py). See docs/catalogue.md.
"""

from __future__ import annotations

import hashlib
import re
import struct
import time as time_module
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import (
    CharField,
    Count,
    F,
    Q,
    QuerySet,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Mod, RowNumber
from django.utils import timezone

from nidaa.accounts.models import Organization
from nidaa.calls.fulltext import query_words, refresh_search_document, search_document_for, with_words
from nidaa.calls.models import DEFAULT_TIMEZONE, PUBLIC_STATUSES, Call, CallType
from nidaa.calls.query import CallQuery
from nidaa.calls.selectors import closed_q, open_q, published_calls
from nidaa.tor.places import fold

# Where these lived before search.py was split (query.py, fulltext.py): the
# pages, feeds, alerts and tests import them from here too.
__all__ = [
    "CallQuery",
    "CataloguePage",
    "CatalogueRow",
    "catalogue_page",
    "catalogue_version",
    "filter_calls",
    "query_words",
    "refresh_search_document",
    "search_calls",
    "search_document_for",
]

PER_PAGE = 20
# Counting every match of a common word costs as much as ranking them: past
# this many, a search says "more than" and offers no deeper pages.
COUNT_LIMIT = 1000
# Rows between two cached page anchors of the unfiltered list. The anchors sit
# on the catalogue's page grid (the closed half's are shifted by the open half's
# size), so a page of PER_PAGE rows starts at an anchor and reads only its own
# rows: no OFFSET, whose skipped rows PostgreSQL reads and runs the
# organisation-name subquery for.
ANCHOR_EVERY = PER_PAGE
ANCHORS_TIMEOUT = 300  # seconds; also bounds how long a deleted call can shift pages
# A search's capped counts are cached as briefly: territory links and search
# documents are rewritten without moving ``updated_at`` (the version).
SEARCH_COUNTS_TIMEOUT = 120
# The columns a row of the catalogue shows (templates/calls/list_results.html):
# nothing more, each column is converted on every row of every page.
ROW_FIELDS = ("id", "title", "call_type", "issuer", "locations", "deadline", "timezone")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


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
        calls = (
            calls.filter(languages__icontains=f'"{code}"') if _LANGUAGE_CODE.fullmatch(code) else calls.none()
        )
    if query.state == "open":
        calls = calls.filter(open_q(now))
    elif query.state == "closed":
        calls = calls.filter(closed_q(now))
    if query.deadline_after:
        calls = calls.filter(deadline__gte=_day_start(query.deadline_after))
    if query.deadline_before:
        calls = calls.filter(deadline__lt=_day_start(query.deadline_before + timedelta(days=1)))
    return with_words(calls, query.q)


def search_calls(query: CallQuery) -> QuerySet[Call]:
    """Public calls matching ``query`` in the catalogue's order (open first by
    nearest deadline, then closed, latest deadline first), each with
    ``is_open``-style annotations from ``published_calls``. For pages of a
    large catalogue use ``catalogue_page``, which reads the order from indexes."""
    return filter_calls(published_calls(), query, now=timezone.now())


# --- pages -------------------------------------------------------------------


@dataclass(slots=True)
class CatalogueRow:
    """One call as a row of the list: a plain object rather than a model
    instance, which would cost more to build than the query that reads it. The
    fields are ``ROW_COLUMNS`` in order; what the row prints in the reader's
    language is made from them by the page's view (views.public.describe_rows)."""

    id: int
    title: str
    call_type: str
    issuer: str
    locations: Any
    deadline: datetime | None
    timezone: str
    organization_name: str | None
    is_open: bool

    @property
    def pk(self) -> int:
        return self.id

    @property
    def places(self) -> str:
        """The places as written, one line."""
        return ", ".join(str(p) for p in self.locations) if isinstance(self.locations, list) else ""

    @property
    def issuer_name(self) -> str:
        """The issuer as the document names it, else the organisation's name."""
        return self.issuer or self.organization_name or ""


# What a page reads of each call, in CatalogueRow's order ("is_open": the half's, see _page_rows).
ROW_COLUMNS = (*ROW_FIELDS, "organization_name", "is_open")


@dataclass
class Segment:
    """One half of the catalogue in index order (the open half ascending by
    ``open_until``, the closed half descending by ``sort_deadline``), its size
    and page anchors ((deadline, id) of every ``ANCHOR_EVERY``-th row).

    ``calls`` is the (filtered) catalogue; the half's condition and order are
    added only when a page reads from it. ``first_anchor`` is the position in
    the half of ``anchors[0]`` (under ``ANCHOR_EVERY``: the anchors are on the
    catalogue's grid, see ``_catalogue_entry``)."""

    calls: QuerySet[Call]
    now: datetime
    ascending: bool
    count: int
    anchors: Anchors = field(default_factory=lambda: Anchors(b""))
    first_anchor: int = 0

    def rows(self, offset: int, limit: int) -> list[CatalogueRow]:
        anchor = None
        if self.anchors and offset >= self.first_anchor:
            index = min((offset - self.first_anchor) // ANCHOR_EVERY, len(self.anchors) - 1)
            position = self.first_anchor + index * ANCHOR_EVERY
            # The half's first row as an anchor changes nothing: the plain half is read.
            if position > 0:
                anchor = self.anchors[index]
                offset -= position
        rows = _page_rows(self.calls, self.now, self.ascending, anchor, offset, limit)
        return [CatalogueRow(*row) for row in rows]


def _order_column(ascending: bool) -> str:
    """What a half is ordered by: the open half (ascending) by ``open_until``,
    the closed half by ``sort_deadline`` (the two are equal on open calls)."""
    return "open_until" if ascending else "sort_deadline"


def _half_q(now: datetime, ascending: bool) -> Q:
    """The condition of the open half (ascending: ``open_q``) or of the closed
    half (``closed_q``). Among public calls they are each other's negation
    (``open_until`` is ``sort_deadline`` on a published call), so a row's half
    says whether it is open."""
    return open_q(now) if ascending else closed_q(now)


def _half_order(ascending: bool) -> tuple[str, str]:
    column = _order_column(ascending)
    return (column, "-id") if ascending else (f"-{column}", "-id")


def _half(calls: QuerySet[Call], now: datetime, ascending: bool) -> QuerySet[Call]:
    """The open half (ascending) or the closed half of ``calls``, in index order."""
    return calls.filter(_half_q(now, ascending)).order_by(*_half_order(ascending))


def _page_rows(
    calls: QuerySet[Call],
    now: datetime,
    ascending: bool,
    anchor: tuple[datetime, int] | None,
    offset: int,
    limit: int,
) -> list[tuple[Any, ...]]:
    """``limit`` rows of a half of ``calls`` from ``offset`` past ``anchor`` (or
    past its start), as ``ROW_COLUMNS`` tuples. With an anchor every
    ``ANCHOR_EVERY`` rows the offset stays under it: a plain OFFSET reads fewer
    than 100 index entries (a deep page once skipped them by id in a subquery,
    which cost more below that).

    The conditions go in one ``filter()`` (each call clones the query), and
    ``is_open`` is the half's: the open half is cut by ``open_q``, the rule of
    ``Call.is_open_at``, so no per-row CASE is computed for it."""
    if anchor is None:
        condition = _half_q(now, ascending)
    else:
        deadline, pk = anchor
        # The range bound lets the index start at the anchor; the exclusion settles ties.
        column = _order_column(ascending)
        bound = f"{column}__gte" if ascending else f"{column}__lte"
        condition = Q(**{bound: deadline}) & ~Q(**{column: deadline, "id__gt": pk})
        # Past an anchor on its half's side of ``now`` the bound implies the half:
        # open_until >= deadline > now is open; sort_deadline <= deadline <= now
        # is closed (open is published with sort_deadline > now). A closed call
        # whose deadline is still ahead (closed early) keeps the half's condition.
        if (deadline <= now) if ascending else (deadline > now):
            condition &= _half_q(now, ascending)
    rows = (
        calls.filter(condition)
        .order_by(*_half_order(ascending))
        .values_list(*ROW_FIELDS, "organization_name")
    )
    return [(*row, ascending) for row in rows[offset : offset + limit]]


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


def _organization_name_sql() -> str:
    """The call's organisation's name, a subquery per listed row (its primary
    key's index), written from the models' table and column names."""
    organizations = Organization._meta.db_table
    name = Organization._meta.get_field("name").column
    key = Call._meta.get_field("organization").column
    return (
        f'SELECT "o"."{name}" FROM "{organizations}" "o" '  # noqa: S608 (names from the models' meta)
        f'WHERE "o"."{Organization._meta.pk.column}" = "{Call._meta.db_table}"."{key}" LIMIT 1'
    )


def public_rows() -> QuerySet[Call]:
    """Public calls with their organisation's name, which a page reads as
    ``ROW_COLUMNS`` tuples (``_page_rows``: only what a row shows; the long
    JSON lists and the texts stay in the database). The organisation's name
    comes from a subquery per listed row, not a join: a join lets the planner
    loop over organisations, probing the calls' indexes once per organisation
    (200 times at 100,000 calls), and costs PostgreSQL ~1 ms more to plan. The
    subquery is ``RawSQL`` rather than ``Subquery(OuterRef(...))``: the same
    SQL, but the ORM no longer builds, resolves and compiles a second query on
    every page (~0.3 ms of CPU of a page's ~1.5)."""
    return Call.objects.filter(status__in=PUBLIC_STATUSES).annotate(
        organization_name=RawSQL(_organization_name_sql(), [], output_field=CharField())  # noqa: S611 (constant SQL)
    )


def _read_alias() -> str:
    """The database the catalogue is read from (the router's choice for calls)."""
    return router.db_for_read(Call) or "default"


def catalogue_version(now: datetime) -> str:
    """Changes whenever the unfiltered catalogue's order or size may have:
    an edit or status change (updated_at), a new call (max id), a deadline
    passing (the latest deadline of a published call that has passed moves to
    it). Three descents of an index, however many calls have passed their
    deadline without being closed. Cached pages and counts are keyed by it."""
    table = Call._meta.db_table
    with connections[_read_alias()].cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(updated_at) FROM {table}), (SELECT MAX(id) FROM {table}), "  # noqa: S608
            f"(SELECT MAX(open_until) FROM {table} WHERE open_until <= %s)",
            [now],
        )
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:32]


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ANCHOR = struct.Struct("<qq")


class Anchors:
    """A half's page anchors, (deadline, id) of every ``ANCHOR_EVERY``-th row,
    packed as pairs of 64-bit integers (microseconds since 1970, id): a cached
    entry of ~1,000 anchors then unpickles as one bytes object on every page
    rather than as 1,000 datetimes. Read by index."""

    __slots__ = ("packed",)

    def __init__(self, packed: bytes) -> None:
        self.packed = packed

    @classmethod
    def pack(cls, anchors: Iterable[tuple[datetime, int]]) -> Anchors:
        return cls(
            b"".join(_ANCHOR.pack((deadline - _EPOCH) // _MICROSECOND, pk) for deadline, pk in anchors)
        )

    def __len__(self) -> int:
        return len(self.packed) // _ANCHOR.size

    def __getitem__(self, index: int) -> tuple[datetime, int]:
        micros, pk = _ANCHOR.unpack_from(self.packed, index * _ANCHOR.size)
        return _EPOCH + timedelta(microseconds=micros), pk

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Anchors) and other.packed == self.packed

    __hash__ = None  # type: ignore[assignment]


_MICROSECOND = timedelta(microseconds=1)


def _anchors(calls: QuerySet[Call], ascending: bool, first: int = 0) -> tuple[int, Anchors]:
    """The half's size and the (deadline, id) of every ANCHOR_EVERY-th row from
    its ``first`` (0-based, under ANCHOR_EVERY), in one query (a window function
    numbers the rows in index order)."""
    column = _order_column(ascending)
    order = [F(column).asc() if ascending else F(column).desc(), F("id").desc()]
    rows = (
        calls.order_by()
        .annotate(rn=Window(RowNumber(), order_by=order), total=Window(Count("id")))
        # Row ``first`` (rn = first + 1) and every ANCHOR_EVERY-th after it (never
        # negative); and the first row, which carries the size of a half shorter than ``first``.
        .annotate(bucket=Mod(F("rn") - 1 + (ANCHOR_EVERY - first), ANCHOR_EVERY))
        .filter(Q(bucket=0) | Q(rn=1))
        .order_by("rn")
        .values_list(column, "id", "total", "bucket")
    )
    anchors = [(d, pk) for d, pk, _, bucket in rows if bucket == 0]
    total = rows[0][2] if rows else 0
    return total, Anchors.pack(anchors)


def _catalogue_entry(now: datetime, version: str) -> tuple[float, tuple[int, Anchors], tuple[int, Anchors]]:
    """(computed at, (size, anchors) of the open half, of the closed half), from
    the cache under the catalogue's version, else computed; never used more
    than ``ANCHORS_TIMEOUT`` after computing (a deleted call does not move the
    version). The anchors are on the catalogue's grid: the open half's from its
    first row, the closed half's from its ``_closed_first_anchor``-th."""
    key = f"nidaa:catalogue:grid:{ANCHOR_EVERY}:{version}"
    entry = cache.get(key)
    if entry is None or entry[0] <= time_module.time() - ANCHORS_TIMEOUT:
        public = Call.objects.filter(status__in=PUBLIC_STATUSES)
        open_half = _anchors(public.filter(open_q(now)), True)
        entry = (
            time_module.time(),
            open_half,
            _anchors(public.filter(closed_q(now)), False, _closed_first_anchor(open_half[0])),
        )
        cache.set(key, entry, ANCHORS_TIMEOUT)
    return entry


def _closed_first_anchor(open_count: int) -> int:
    """Where the closed half's first anchor is in it: the first of its rows at
    a multiple of ANCHOR_EVERY in the whole catalogue (the open half first)."""
    return -open_count % ANCHOR_EVERY


def _unfiltered_segments(now: datetime, version: str) -> tuple[Segment, Segment]:
    _computed, (open_count, open_anchors), (closed_count, closed_anchors) = _catalogue_entry(now, version)
    rows = public_rows()
    return (
        Segment(rows, now, True, open_count, open_anchors),
        Segment(rows, now, False, closed_count, closed_anchors, _closed_first_anchor(open_count)),
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
    with connections[_read_alias()].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)  # noqa: S608 (compiled by the ORM)
        row = cursor.fetchone()
    return [int(n) for n in row]


def _search_counts(query: CallQuery, matching: QuerySet[Call], now: datetime, version: str) -> list[int]:
    """The capped sizes of both halves of a search, kept in the cache under the
    catalogue's version and the query: a common word costs its counts once per
    change of the catalogue, not once per visitor and page."""
    digest = hashlib.sha256(query.to_querystring().encode()).hexdigest()[:32]
    key = f"nidaa:search:{version}:{digest}"
    counts = cache.get(key)
    if counts is None:
        counts = _capped_counts(_half(matching, now, True), _half(matching, now, False))
        cache.set(key, counts, SEARCH_COUNTS_TIMEOUT)
    return counts


def catalogue_page(
    query: CallQuery,
    number: Any,
    *,
    per_page: int = PER_PAGE,
    now: datetime | None = None,
    version: str | None = None,
) -> CataloguePage:
    """Page ``number`` (1-based; junk means 1, past the end means the last) of
    the calls matching ``query``, in the catalogue's order, at ``now`` and under
    the catalogue's ``version`` (read when not given).

    The unfiltered list reads its sizes and page anchors from the cache, keyed
    by a version that any change to the catalogue moves, so page 2,500 costs a
    short index range. A search or filter counts up to ``COUNT_LIMIT``."""
    now = now or timezone.now()
    version = version or catalogue_version(now)
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    segments: Iterable[Segment]
    if query.is_empty:
        segments = _unfiltered_segments(now, version)
        capped = False
    else:
        matching = filter_calls(public_rows(), query, now=now)
        open_count, closed_count = _search_counts(query, matching, now, version)
        segments = (Segment(matching, now, True, open_count), Segment(matching, now, False, closed_count))
        capped = open_count + closed_count > COUNT_LIMIT
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
    return CataloguePage(calls=calls, number=number, count=count, capped=capped, per_page=per_page)
