"""The catalogue's pages in Django's cache (``{% cache %}`` in
calls/list_results.html and calls/list_search_form.html, cache alias
``pages``): what a cached fragment is keyed by.

A page of results is keyed by the catalogue's version (``search.catalogue_version``:
any edit, status change, new call or passing deadline moves it), the
interface language, the query, the page number asked for and the minute (the
time left is shown to the minute). Some changes do not move the version (an
organisation renamed, a call's places relinked): a fragment lives
``RESULTS_TIMEOUT`` at most. The search form depends only on the language, the
query and the page's path (its action).

A call's page (calls/detail.html) keeps its public parts in fragments keyed
by ``call_page_key``: the call's version (``updated_at``: every edit, status
change and cancellation moves it), whether it is open, the interface language
and the minute (the time left); its organisation renamed or its places
relinked show within ``CALL_PAGE_TIMEOUT``. What depends on the reader (the
issuer's buttons and history, the applications link, the follow button) is
rendered outside them on every request.

``NIDAA_PAGE_CACHE=0`` makes the alias a dummy cache (every page a miss):
``make bench-web`` measures both.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.utils.translation import get_language

from nidaa.calls.query import CallQuery

RESULTS_TIMEOUT = 60  # seconds
FORM_TIMEOUT = 600
CALL_PAGE_TIMEOUT = 60
# What the templates' {% cache %} tags read.
PAGE_CACHE_TIMEOUTS = {
    "results_timeout": RESULTS_TIMEOUT,
    "form_timeout": FORM_TIMEOUT,
    "call_timeout": CALL_PAGE_TIMEOUT,
}


def next_minute(now: datetime) -> datetime:
    """``now`` rounded up to the next whole minute (itself when on one): the
    time left is counted from there, so it is never more than what remains."""
    if now.second or now.microsecond:
        return now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return now


def results_cache_key(*, version: str, query: CallQuery, page: str, now: datetime) -> str:
    """One page of results as the reader sees it now."""
    parts = (version, get_language() or "", query.to_querystring(), page[:20], next_minute(now).isoformat())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def form_cache_key(*, query: CallQuery, path: str) -> str:
    """The search form filled with ``query``, sent to ``path``, in the reader's language."""
    return hashlib.sha256(f"{get_language() or ''}\n{path}\n{query.to_querystring()}".encode()).hexdigest()


def call_page_key(*, call_id: int, updated_at: datetime, is_open: bool, now: datetime) -> str:
    """The public parts of a call's page as anyone reads them now."""
    parts = (
        str(call_id),
        updated_at.isoformat(),
        str(is_open),
        get_language() or "",
        next_minute(now).isoformat(),
    )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
