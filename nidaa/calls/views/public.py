"""The public call pages (home, catalogue, a call, an organisation, the ToR
download), for visitors and members alike; the issuer's pages are in ``issuer``.
Thin views: load through the scoped selectors, validate, call one service, render."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, cast

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import date_format, get_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext, gettext_lazy
from markupsafe import Markup

from nidaa.accounts.selectors import EDIT_ROLES, role_in
from nidaa.calls import selectors
from nidaa.calls.models import Call, CallType, DocumentLanguage, RequiredDocument, call_zone
from nidaa.calls.page_cache import PAGE_CACHE_TIMEOUTS, call_page_key, form_cache_key, results_cache_key
from nidaa.calls.query import CallQuery, SearchForm
from nidaa.calls.search import CataloguePage, catalogue_page, catalogue_version
from nidaa.calls.templatetags.catalogue import time_left, time_left_from
from nidaa.calls.workflow import CALL_WORKFLOW
from nidaa.common.dates import day_and_time_layouts
from nidaa.common.downloads import stored_file_response
from nidaa.common.jinja import render_fragment
from nidaa.common.ratelimit import search_limited, too_many_requests
from nidaa.directory.models import Territory
from nidaa.tor.text import fold

# The time left's sentence (tests/calls/test_catalogue_pages.py reads it here).
_time_left = time_left

STATUS_ACTION_LABELS = {
    "publish": gettext_lazy("Publish"),
    "close": gettext_lazy("Close the call"),
    # Not "Cancel": next to a form that reads as "cancel editing".
    "cancel": gettext_lazy("Cancel this call (withdraw it)"),
    "award": gettext_lazy("Mark as awarded"),
}


def _status_actions(
    call: Call, role: str | None, *, exclude: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    actions = []
    for target in CALL_WORKFLOW.allowed_targets(call.status, role):
        transition = CALL_WORKFLOW.get(call.status, target)
        if transition and transition.action not in exclude:
            actions.append({"target": target, "label": STATUS_ACTION_LABELS[transition.action]})
    return actions


def _language_name(code: str) -> str:
    return str(DocumentLanguage(code).label) if code in DocumentLanguage.values else code


def _territory_names(territories: Iterable[tuple[str, str]]) -> list[str]:
    """The names of the call's territories ((name_fr, name_ar) pairs, from
    ``selectors.places_of``) in the reader's language (``Territory.name``)."""
    return [Territory(name_fr=name_fr, name_ar=name_ar).name for name_fr, name_ar in territories]


def places_in_brackets(locations: Iterable[str], names: Iterable[str]) -> list[str]:
    """The territories' names worth adding after the places as written: each
    once (a commune and its province are often both "Midelt"), and none that
    the places already say ("Midelt" after "Province de Midelt"; compared
    folded: case, accents and Arabic letter forms aside)."""
    written = fold(" | ".join(locations))
    shown: list[str] = []
    seen: set[str] = set()
    for name in names:
        key = fold(name).strip()
        if not key or key in seen:
            continue
        seen.add(key)
        # A whole-word search for a literal: linear time.
        if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", written):
            continue
        shown.append(name)
    return shown


def feed_links(query: CallQuery) -> dict[str, str]:
    """The Atom feed and the iCalendar of ``query``'s calls, in the reader's
    language (the feeds live outside the language prefixes: ``?lang=``)."""
    params = QueryDict(mutable=True)
    params.update(query.to_params())
    params["lang"] = get_language() or ""
    tail = params.urlencode()
    return {"atom": f"{reverse('calls_atom')}?{tail}", "ics": f"{reverse('calls_ics')}?{tail}"}


def describe_rows(page: CataloguePage, now: datetime) -> dict[str, list[dict[str, str]]]:
    """What each row of ``page`` prints, as plain text the template escapes,
    the open rows and the closed rows apart (calls/results.html prints the
    open ones first, each with its time left): its link, title,
    type in the reader's language, issuer, places, its deadline in its call's
    time zone ("Deadline: 6 January 2025, 23:59", the ``date`` filter's text)
    and the time left of an open call. A row is a dict, which the template
    reads by key at the first try; the sentence, the format, the names and the
    catalogue's address are looked up once a page rather than by a tag or
    filter on every row."""
    sentence = gettext("Deadline: %(deadline)s")
    layout = str(get_format("DATETIME_FORMAT"))
    # The day's text once per day of the page: the rows of a page fall on few days.
    layouts = day_and_time_layouts(layout)
    days: dict[date, str] = {}
    types = {value: str(label) for value, label in CallType.choices}
    left_until = time_left_from(now)
    # A call's page is the catalogue's address + its id: one reverse a page.
    calls_url = reverse("calls:list")
    rows: dict[str, list[dict[str, str]]] = {"open": [], "closed": []}
    for row in page.calls:
        deadline_text = left = ""
        if row.deadline is not None:
            local = timezone.localtime(row.deadline, call_zone(row.timezone))
            if layouts is None:
                text = dateformat.format(local, layout)
            else:
                day = local.date()
                if day not in days:
                    days[day] = dateformat.format(day, layouts[0])
                text = days[day] + dateformat.time_format(local.time(), layouts[1])
            deadline_text = sentence % {"deadline": text}
            left = left_until(row.deadline) if row.is_open else ""
        rows["open" if row.is_open else "closed"].append(
            {
                "href": f"{calls_url}{row.id}/",
                "title": row.title,
                "type_label": types.get(row.call_type, row.call_type),
                "issuer_name": row.issuer_name,
                "places": row.places,
                "deadline_text": deadline_text,
                "time_left": left,
            }
        )
    return rows


def results_fragment(page: CataloguePage, *, query: CallQuery, now: datetime) -> Markup:
    """A page of results as calls/list_results.html prints it: its count, its
    rows (``describe_rows``) and its pages, rendered by the Jinja2 template
    calls/results.html."""
    return render_fragment(
        "calls/results.html",
        {"page": page, "rows": describe_rows(page, now), "querystring": query.to_querystring()},
    )


def _catalogue_context(request: HttpRequest, query: CallQuery) -> dict[str, Any]:
    """What the list's templates need. The page of results is read only if the
    results fragment is rendered: on a hit of its cache (``results_key``) a
    page costs the catalogue's version and nothing else."""
    now = timezone.now()
    version = catalogue_version(now)
    number = request.GET.get("page") or ""
    page = SimpleLazyObject(lambda: catalogue_page(query, number, now=now, version=version))
    return {
        "query": query,
        "feeds": feed_links(query),
        "querystring": query.to_querystring(),
        # The page's calls (read only when asked for).
        "calls": SimpleLazyObject(lambda: cast(CataloguePage, page).calls),
        # Called by the template inside its {% cache %}: rendered on a miss only.
        "results": lambda: results_fragment(cast(CataloguePage, page), query=query, now=now),
        "results_key": results_cache_key(version=version, query=query, page=number, now=now),
        "page_cache": PAGE_CACHE_TIMEOUTS,
    }


def home(request: HttpRequest) -> HttpResponse:
    """The catalogue: open calls first by nearest deadline, then closed ones,
    narrowed by the search and filters in the URL."""
    form = SearchForm(request.GET, action=request.path)
    query = form.query()
    if not query.is_empty and search_limited(request):
        return too_many_requests(request)
    context = _catalogue_context(request, query)
    context["search_form"] = form
    context["form_key"] = form_cache_key(query=query, path=request.path)
    return render(request, "home.html", context)


def detail(request: HttpRequest, call_id: int) -> HttpResponse:
    """A call's page. Its public parts (what anyone reading the call sees) are
    fragments of the page cache under ``call_page_key`` and are read lazily,
    so a hit costs the call and the reader's role; what depends on the reader
    (the issuer's buttons and history, the applications link, the follow
    button) is rendered on every request."""
    try:
        if request.user.is_authenticated:
            call = selectors.get_visible_call(
                user=request.user, call_id=call_id, defer=selectors.INTERNAL_FIELDS, places=True
            )
        else:
            call = selectors.get_public_call(call_id=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error
    # Its territories' names and whether it changed once public: read with the
    # call (no second query on a miss of the page cache), decoded on a miss only.
    places = SimpleLazyObject(lambda: selectors.places_of(call))
    role = role_in(request.user, call.organization)
    now = timezone.now()
    is_open = call.is_open_at(now)
    feeds = SimpleLazyObject(lambda: feed_links(CallQuery(issuer=call.organization.slug)))
    return render(
        request,
        "calls/detail.html",
        {
            "call": call,
            "role": role,
            "can_edit": role in EDIT_ROLES,
            "actions": _status_actions(call, role),
            "is_open": is_open,
            "now": now,
            "call_key": call_page_key(call_id=call.pk, updated_at=call.updated_at, is_open=is_open, now=now),
            "page_cache": PAGE_CACHE_TIMEOUTS,
            # What _changes.html shows: the changes that matter to applicants (read without
            # the authors). The organisation reads every edit (_revisions.html). Neither
            # reads the snapshots (a copy of the call per edit).
            "revisions": SimpleLazyObject(lambda: selectors.revisions_shown(call=call)) if role else [],
            "changes": []
            if role
            else SimpleLazyObject(
                lambda: selectors.changes_for_applicants(
                    call=call, revisions=None if cast(selectors.CallPlaces, places).revised_in_public else []
                )
            ),
            # The organisation's calls as Atom/iCalendar (the page's head and its fields).
            "feeds": feeds,
            # Called by the template inside its {% cache %}s: rendered on a miss only.
            "top": lambda: render_fragment("calls/call_top.html", {"call": call}),
            "fields": lambda: call_fields_fragment(
                call,
                now=now,
                is_open=is_open,
                places=cast(selectors.CallPlaces, places),
                feeds=cast(dict[str, str], feeds),
            ),
            # The follow button (alerts' template tag): for signed-in readers outside the issuer.
            "can_follow": role is None and request.user.is_authenticated,
        },
    )


def call_fields_fragment(
    call: Call, *, now: datetime, is_open: bool, places: selectors.CallPlaces, feeds: dict[str, str]
) -> Markup:
    """The public fields of a call's page (issuer, deadline, how to apply,
    places, lists, feeds, the document), rendered by the Jinja2 template
    calls/call_fields.html."""
    return render_fragment(
        "calls/call_fields.html",
        {
            "call": call,
            "is_open": is_open,
            "deadline": _deadline_shown(call, now, is_open),
            # Shown in brackets after the places, so read only when there are places.
            "territory_names": places_in_brackets(call.locations, _territory_names(places.territories))
            if call.locations
            else [],
            "required_documents": [_required_document_label(code) for code in call.required_documents],
            "language_names": [_language_name(code) for code in call.languages],
            "feeds": feeds,
            # This call's deadline in a calendar.
            "call_ics": f"{reverse('call_ics', args=[call.pk])}?lang={get_language() or ''}"
            if call.deadline and call.is_public
            else "",
        },
    )


def _deadline_shown(call: Call, now: datetime, is_open: bool) -> dict[str, str]:
    """What {% timezone %}, |date and |timeuntil would print of the call's
    deadline (in the call's time zone), without the tags."""
    if not call.deadline:
        return {}
    local = timezone.localtime(call.deadline, call_zone(call.timezone))
    return {
        "iso": local.isoformat(),
        "label": date_format(local, "DATETIME_FORMAT"),
        "time_left": time_left(call.deadline, now) if is_open else "",
    }


def _required_document_label(code: str) -> str:
    # The vocabulary's translated name; free pieces are stored as "other:<words>".
    if code in RequiredDocument.values:
        return str(RequiredDocument(code).label)
    return code.removeprefix("other:")


def organization(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's public page with its calls (the catalogue filtered by issuer)."""
    # The same organisations as the API's /api/organizations/{slug}.
    org = get_object_or_404(selectors.public_organizations(), slug=slug)
    context = _catalogue_context(request, CallQuery(issuer=org.slug))
    context["organization"] = org
    return render(request, "calls/organization.html", context)


def bench_floor(request: HttpRequest) -> HttpResponse:
    """The benchmark's floor: 20 rows of the calls table through a minimal
    template, served by the same stack (routed only with DEBUG or NIDAA_BENCH=1)."""
    calls = Call.objects.order_by("-id").only("id", "title", "issuer", "deadline")[:20]
    return render(request, "calls/bench_floor.html", {"calls": calls})


def download(request: HttpRequest, call_id: int) -> FileResponse:
    try:
        call = selectors.get_visible_call(user=request.user, call_id=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error
    if not call.file:
        raise Http404
    try:
        handle = call.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    # Always an attachment: an uploaded .html must never render on our origin.
    return stored_file_response(handle, filename=call.original_filename or call.file.name)
