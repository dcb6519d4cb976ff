"""Pages of the catalogue: its order, every call exactly once across pages
(through the cached anchors too), and page numbers out of range."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from nidaa.calls import search
from nidaa.calls.models import Call, CallStatus
from nidaa.calls.search import CallQuery, catalogue_page, refresh_search_document
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def make_catalogue():
    """17 open calls (3 without deadline), 22 closed ones (2 without deadline),
    several sharing a deadline, and drafts that never show."""
    now = timezone.now()
    same_day = now + timedelta(days=4)
    for n in range(14):
        CallFactory(
            title=f"open {n}",
            status=CallStatus.PUBLISHED,
            deadline=same_day if n % 3 else now + timedelta(days=n + 1),
        )
    for n in range(3):
        CallFactory(title=f"open undated {n}", status=CallStatus.PUBLISHED, deadline=None)
    for n in range(20):
        status = [CallStatus.CLOSED, CallStatus.AWARDED, CallStatus.PUBLISHED][n % 3]
        CallFactory(title=f"closed {n}", status=status, deadline=now - timedelta(days=n % 7 + 1))
    for n in range(2):
        CallFactory(title=f"closed undated {n}", status=CallStatus.CLOSED, deadline=None)
    CallFactory(title="draft", status=CallStatus.DRAFT)


def expected_order():
    now = timezone.now()
    calls = list(search.search_calls(CallQuery()))
    assert all(
        (c.closed_rank == 0) == (c.status == "published" and (c.deadline is None or c.deadline > now))
        for c in calls
    )
    return [c.pk for c in calls]


@pytest.mark.parametrize("anchor_every", [500, 7, 5, 3])
def test_pages_return_every_call_once_in_catalogue_order(monkeypatch, anchor_every):
    monkeypatch.setattr(search, "ANCHOR_EVERY", anchor_every)
    make_catalogue()
    seen = []
    first = catalogue_page(CallQuery(), 1, per_page=5)
    assert (first.count, first.num_pages) == (39, 8)
    for number in range(1, first.num_pages + 1):
        seen += [c.pk for c in catalogue_page(CallQuery(), number, per_page=5).calls]
    assert seen == expected_order()


def test_each_page_of_the_list_starts_at_an_anchor_and_reads_only_its_rows(monkeypatch):
    """Anchors on the catalogue's page grid: the closed half's are shifted by
    the open half's size (17 open calls, pages of 5: its first anchor is its
    4th row), so no page skips rows with an OFFSET, page 4 (2 open rows, 3
    closed) included."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(search, "ANCHOR_EVERY", 5)
    make_catalogue()
    catalogue_page(CallQuery(), 1, per_page=5)  # the anchors, cached
    seen = []
    for number in range(1, 9):
        with CaptureQueriesContext(connection) as queries:
            seen += [c.pk for c in catalogue_page(CallQuery(), number, per_page=5).calls]
        rows_sql = [q["sql"] for q in queries.captured_queries if "organization_name" in q["sql"]]
        assert len(rows_sql) == (2 if number == 4 else 1), number
        assert not any("OFFSET" in sql for sql in rows_sql), number
    assert seen == expected_order()


def test_pages_past_an_anchor_closed_early_leave_out_the_open_calls(monkeypatch):
    """A call closed before its deadline sits in the closed half with a key
    later than the open calls': past an anchor on it the range bound does not
    imply the closed half, whose condition is kept; past an anchor already due
    it does."""
    monkeypatch.setattr(search, "ANCHOR_EVERY", 2)
    now = timezone.now()
    for n in range(3):
        CallFactory(title=f"open {n}", status=CallStatus.PUBLISHED, deadline=now + timedelta(days=2 * n + 1))
    # Deadlines 10, 8, 6, 4 and 2 days ahead: between the open calls'.
    for n in range(5):
        CallFactory(
            title=f"closed early {n}", status=CallStatus.CLOSED, deadline=now + timedelta(days=10 - 2 * n)
        )
    for n in range(3):
        CallFactory(title=f"awarded {n}", status=CallStatus.AWARDED, deadline=now - timedelta(days=n + 1))
    pages = [[c.title for c in catalogue_page(CallQuery(), n, per_page=2).calls] for n in range(1, 7)]
    assert pages == [
        ["open 0", "open 1"],
        ["open 2", "closed early 0"],
        ["closed early 1", "closed early 2"],
        ["closed early 3", "closed early 4"],
        ["awarded 0", "awarded 1"],
        ["awarded 2"],
    ]


def test_search_pages_return_every_match_once():
    make_catalogue()
    for call in CallFactory._meta.model.objects.all():
        refresh_search_document(call)
    pages = [catalogue_page(CallQuery(q="open"), n, per_page=4) for n in range(1, 6)]
    assert [p.count for p in pages] == [17] * 5
    ids = [c.pk for p in pages for c in p.calls]
    assert len(ids) == len(set(ids)) == 17


def test_open_calls_come_first_nearest_deadline_first_then_closed_latest_first():
    now = timezone.now()
    CallFactory(title="in 5 days", status=CallStatus.PUBLISHED, deadline=now + timedelta(days=5))
    CallFactory(title="no deadline", status=CallStatus.PUBLISHED, deadline=None)
    CallFactory(title="in 2 days", status=CallStatus.PUBLISHED, deadline=now + timedelta(days=2))
    CallFactory(title="3 days ago", status=CallStatus.AWARDED, deadline=now - timedelta(days=3))
    CallFactory(title="passed yesterday", status=CallStatus.PUBLISHED, deadline=now - timedelta(days=1))
    CallFactory(title="closed undated", status=CallStatus.CLOSED, deadline=None)
    page = catalogue_page(CallQuery(), 1)
    assert [c.title for c in page.calls] == [
        "in 2 days",
        "in 5 days",
        "no deadline",
        "passed yesterday",
        "3 days ago",
        "closed undated",
    ]
    assert [c.is_open for c in page.calls] == [True, True, True, False, False, False]


def test_a_new_call_moves_the_cached_counts():
    CallFactory(status=CallStatus.PUBLISHED)
    assert catalogue_page(CallQuery(), 1).count == 1
    CallFactory(status=CallStatus.PUBLISHED)
    assert catalogue_page(CallQuery(), 1).count == 2


@pytest.mark.parametrize("raw, number", [("junk", 1), ("-3", 1), ("0", 1), ("2", 2), ("99999", 2)])
def test_page_numbers_out_of_range_fall_back(raw, number):
    for _ in range(25):
        CallFactory(status=CallStatus.PUBLISHED)
    assert catalogue_page(CallQuery(), raw).number == number


def test_page_links_keep_the_number(client):
    for _ in range(45):
        CallFactory(status=CallStatus.PUBLISHED)
    content = client.get("/fr/calls/", {"page": "2"}).content.decode()
    assert 'href="?page=1" rel="prev"' in content
    assert 'href="?page=3" rel="next"' in content
    assert "Page 2 of 3" in client.get("/en/", {"page": "2"}).content.decode()


def _half_in_reference_order(now, ascending, query=None):
    """The open (ascending) or closed half of ``search_calls``: the ORM's
    reference order (a CASE per row), which the index-ordered pages must give."""
    return [c for c in search.search_calls(query or CallQuery()) if c.is_open_at(now) == ascending]


@pytest.mark.parametrize("ascending", [True, False])
def test_a_page_from_an_anchor_reads_the_reference_order(ascending):
    """A page starts at an anchor (a row's key) and an offset under
    ANCHOR_EVERY: its rows are the reference order's, with the model's values."""
    make_catalogue()
    now = timezone.now()
    half = _half_in_reference_order(now, ascending)
    keys = {c.pk: (c.sort_deadline, c.pk) for c in Call.objects.filter(pk__in=[c.pk for c in half])}
    for start in [0, 3, len(half) // 2]:
        anchor = keys[half[start].pk] if start else None
        for offset in [0, 2]:
            rows = [
                search.CatalogueRow(*row)
                for row in search._page_rows(search.public_rows(), now, ascending, anchor, offset, 4)
            ]
            assert [r.pk for r in rows] == [c.pk for c in half[start + offset : start + offset + 4]]
            assert [r.is_open for r in rows] == [ascending] * 4
    # What a page shows of a call: the same values as the model.
    first = rows[0]
    call = Call.objects.get(pk=first.pk)
    assert (first.title, first.deadline, first.locations, first.organization_name) == (
        call.title,
        call.deadline,
        call.locations,
        call.organization.name,
    )


def test_a_deadline_passing_moves_the_cached_counts(monkeypatch):
    """The halves' sizes are cached under the catalogue's version: a published
    call whose deadline passes (no edit, no new call) must move it."""
    now = timezone.now()
    CallFactory(title="soon", status=CallStatus.PUBLISHED, deadline=now + timedelta(hours=1))
    CallFactory(title="later", status=CallStatus.PUBLISHED, deadline=now + timedelta(days=3))
    CallFactory(title="past", status=CallStatus.CLOSED, deadline=now - timedelta(days=1))
    page = catalogue_page(CallQuery(), 1)
    assert [(c.title, c.is_open) for c in page.calls] == [("soon", True), ("later", True), ("past", False)]
    for hours in (2, 3):  # the second time, the version is unchanged: the cache answers
        monkeypatch.setattr(timezone, "now", lambda hours=hours: now + timedelta(hours=hours))
        page = catalogue_page(CallQuery(), 1)
        assert [(c.title, c.is_open) for c in page.calls] == [
            ("later", True),
            ("soon", False),
            ("past", False),
        ]
        # One call a page: where each half starts depends on the cached sizes.
        pages = [catalogue_page(CallQuery(), number, per_page=1).calls for number in (1, 2, 3)]
        assert [[c.title for c in calls] for calls in pages] == [["later"], ["soon"], ["past"]]
        assert catalogue_page(CallQuery(state="open"), 1).count == 1


def test_a_deleted_call_leaves_the_counts_within_the_anchors_timeout(monkeypatch):
    """A deletion does not move the catalogue's version: the sizes read before
    it are used until ANCHORS_TIMEOUT after they were computed, and no longer."""
    import time

    calls = [CallFactory(status=CallStatus.PUBLISHED) for _ in range(3)]
    assert catalogue_page(CallQuery(), 1).count == 3
    CallFactory._meta.model.objects.filter(pk=calls[0].pk).delete()  # not the newest: max(id) stays
    assert catalogue_page(CallQuery(), 1).count == 3
    later = time.time() + search.ANCHORS_TIMEOUT + 1
    monkeypatch.setattr(search.time_module, "time", lambda: later)
    assert catalogue_page(CallQuery(), 1).count == 2


@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("q", ["open", "closed undated", "nothing matches this"])
def test_a_search_page_reads_the_reference_order(ascending, q):
    """A search's pages (the words' condition, then the half's index order)
    give the reference order's matches."""
    make_catalogue()
    for call in Call.objects.all():
        refresh_search_document(call)
    now = timezone.now()
    half = _half_in_reference_order(now, ascending, CallQuery(q=q))
    matching = search.filter_calls(search.public_rows(), CallQuery(q=q), now=now)
    for offset in [0, 3]:
        rows = search.Segment(matching, now, ascending, 100).rows(offset, 4)
        assert [r.pk for r in rows] == [c.pk for c in half[offset : offset + 4]]
    if q == "open" and ascending:
        assert len(rows) == 4
