"""The public call pages (home, catalogue, a call, an organisation, the ToR
download), for visitors and members alike; the issuer's pages are in ``issuer``.
Thin views: load through the scoped selectors, validate, call one service, render."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from html import escape as html_escape
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timeuntil
from django.utils.translation import get_language, gettext, gettext_lazy
from django.utils.translation import gettext as _

from nidaa.accounts.selectors import EDIT_ROLES, role_in
from nidaa.calls import selectors
from nidaa.calls.models import (
    DEFAULT_TIMEZONE,
    Call,
    CallStatus,
    CallType,
    DocumentLanguage,
    RequiredDocument,
)
from nidaa.calls.search import CallQuery, CatalogueRow, catalogue_page
from nidaa.calls.workflow import CALL_WORKFLOW
from nidaa.common.compiled import STAND_IN_ID, CompiledQuery
from nidaa.common.downloads import stored_file_response
from nidaa.common.ratelimit import search_limited, too_many_requests
from nidaa.directory.models import Territory
from nidaa.tor.places import default_gazetteer
from nidaa.tor.text import fold

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


def _territory_options() -> tuple[list[Any], list[Any]]:
    """Regions and provinces/prefectures for the filter selects, from the
    reference gazetteer (read once per process: it is a file, not state)."""
    places = default_gazetteer().places
    regions = sorted((p for p in places if p.kind == "region"), key=lambda p: p.name_fr)
    provinces = sorted((p for p in places if p.kind in ("province", "prefecture")), key=lambda p: p.name_fr)
    return regions, provinces


def _language_name(code: str) -> str:
    return str(DocumentLanguage(code).label) if code in DocumentLanguage.values else code


@functools.lru_cache(maxsize=16)
def _filter_options(language: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """The filter selects' options as ``(code, '<option …>label</option>')``, per
    interface language: built once per process (the gazetteer is a file and the
    labels are translations), so a page does not render ~100 options in the
    template language."""
    regions, provinces = _territory_options()
    arabic = language.startswith("ar")

    def options(choices: Iterable[tuple[str, Any]]) -> tuple[tuple[str, str], ...]:
        return tuple(
            (code, format_html('<option value="{}">{}</option>', code, label)) for code, label in choices
        )

    with translation.override(language):
        return {
            "type": options(CallType.choices),
            "region": options((p.code, p.name_ar if arabic else p.name_fr) for p in regions),
            "province": options((p.code, p.name_ar if arabic else p.name_fr) for p in provinces),
            "language": options((code, label) for code, label in DocumentLanguage.choices if code != "mixed"),
            "state": options([("open", gettext("Open")), ("closed", gettext("Closed"))]),
        }


def _options_html(options: tuple[tuple[str, str], ...], selected: str) -> str:
    if not selected:
        return mark_safe("".join(html for _code, html in options))  # noqa: S308 (built by format_html)
    marked = f'<option value="{conditional_escape(selected)}">'
    return mark_safe(  # noqa: S308 (built by format_html)
        "".join(
            html.replace(marked, marked[:-1] + " selected>", 1) if code == selected else html
            for code, html in options
        )
    )


def _deadline_text(local: datetime, month: str) -> str:
    """``date_format(local, "DATETIME_FORMAT")`` without parsing the format
    (nidaa/formats: "j F Y, H:i", with the Arabic comma in Arabic): the
    month's translated name is given (looked up once per page)."""
    comma = "،" if get_language() == "ar" else ","
    return f"{local.day} {month} {local.year:04d}{comma} {local.hour:02d}:{local.minute:02d}"


def _time_left(deadline: datetime, now: datetime) -> str:
    """The translated "… left" of an open call (``timeuntil``'s text, escaped),
    to the minute: its smallest unit. ``now`` is rounded up to the next whole
    minute (so it never shows more time than remains, and shows at most a
    minute less), which lets each process compute a call's text once a minute
    rather than on every page."""
    if now.second or now.microsecond:
        now = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return _time_left_text(deadline, now, get_language() or "")


@functools.lru_cache(maxsize=4096)
def _time_left_text(deadline: datetime, minute: datetime, language: str) -> str:
    # ``language`` is the active one (a key, not applied here).
    left = html_escape(timeuntil(deadline, minute))
    return mark_safe(gettext("%(left)s left") % {"left": left})  # noqa: S308 (a translation and escaped text)


@functools.lru_cache(maxsize=4)
def _territory_names_query(vendor: str) -> CompiledQuery:
    """The names of a call's territories (in Territory's order), compiled once
    per process and database: building the query costs the call page more
    than running it, and its shape never changes."""
    return CompiledQuery(
        Territory.objects.filter(calls__pk=STAND_IN_ID).values_list("name_fr", "name_ar"), {"id": STAND_IN_ID}
    )


def _territory_names(call: Call) -> list[str]:
    """The names of the call's territories in the reader's language
    (``Territory.name``), in one query."""
    rows = _territory_names_query(connection.vendor).rows(id=call.pk)
    return [Territory(name_fr=name_fr, name_ar=name_ar).name for name_fr, name_ar in rows]


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


# One row of the list (formerly a {% for %} loop in calls/list_results.html):
# built with str.format from escaped pieces, since a page's 20 rows through the
# template language cost more than all of its queries.
_ROW = (
    '  <li class="card call-item{item_class}">\n'
    '    <h3><a href="{link}" dir="auto">{title}</a></h3>\n'
    '    <p class="call-meta">\n'
    '      <span class="badge {badge_class}">{badge_label}</span>\n'
    '      <span class="call-type">{type_label}</span>\n'
    '      · <span dir="auto">{issuer}</span>\n'
    "      {places}\n"
    "    </p>\n"
    "    {deadline}\n"
    "  </li>\n"
)
_PLACES = '· <span class="call-places" dir="auto">{}</span>'
_DEADLINE = '<p class="call-deadline">\n      {}\n      {}\n    </p>'
_TIME_LEFT = '<span class="time-left">{}</span>'
_NO_DEADLINE = '<p class="call-deadline muted">{}</p>'


def _rows_html(calls: list[CatalogueRow], now: datetime) -> str:
    """The list's rows as HTML, computed once in Python rather than by per-row
    template tags: the link (one ``reverse`` per page), the type's label, the
    places, the deadline in the call's time zone and the time left (the same
    text as the ``date`` and ``timeuntil`` filters and the same translated
    sentences). Every value from the database goes through ``html.escape`` (what
    Django's ``escape`` calls, without its check for lazy strings)."""
    if not calls:
        return ""
    link = reverse("calls:detail", args=[0]).removesuffix("0/")
    type_labels = {code: html_escape(str(label)) for code, label in CallType.choices}
    deadline_text = gettext("Deadline: %(deadline)s")
    no_deadline = _NO_DEADLINE.format(html_escape(gettext("No deadline stated")))
    months: dict[int, str] = {}  # translated month names, looked up once per page
    badges = {
        True: ("", "published", html_escape(gettext("Open"))),
        False: (" is-closed", "closed", html_escape(gettext("Closed"))),
    }
    html = []
    for call in calls:
        is_open = call.is_open
        item_class, badge_class, badge_label = badges[is_open]
        places = ", ".join(str(p) for p in call.locations) if isinstance(call.locations, list) else ""
        deadline = no_deadline
        if call.deadline:
            local = timezone.localtime(call.deadline, _zone(call.timezone))
            if local.month not in months:
                months[local.month] = str(MONTHS[local.month])
            when = html_escape(_deadline_text(local, months[local.month]))
            left = _TIME_LEFT.format(_time_left(call.deadline, now)) if is_open else ""
            deadline = _DEADLINE.format(deadline_text % {"deadline": when}, left)
        html.append(
            _ROW.format(
                item_class=item_class,
                link=f"{link}{call.pk}/",
                title=html_escape(call.title),
                badge_class=badge_class,
                badge_label=badge_label,
                type_label=type_labels.get(call.call_type) or html_escape(call.call_type),
                issuer=html_escape(call.issuer or call.organization_name or ""),
                places=_PLACES.format(html_escape(places)) if places else "",
                deadline=deadline,
            )
        )
    return mark_safe("".join(html))  # noqa: S308 (every piece is escaped above)


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ValueError, OSError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def feed_links(query: CallQuery) -> dict[str, str]:
    """The Atom feed and the iCalendar of ``query``'s calls, in the reader's
    language (the feeds live outside the language prefixes: ``?lang=``)."""
    params = QueryDict(mutable=True)
    params.update(query.to_params())
    params["lang"] = get_language() or ""
    tail = params.urlencode()
    return {"atom": f"{reverse('calls_atom')}?{tail}", "ics": f"{reverse('calls_ics')}?{tail}"}


def _catalogue_context(request: HttpRequest, query: CallQuery) -> dict[str, Any]:
    page = catalogue_page(query, request.GET.get("page"))
    now = timezone.now()
    return {
        "query": query,
        "feeds": feed_links(query),
        "querystring": query.to_querystring(),
        "page": page,
        "calls": page.calls,
        "rows_html": _rows_html(page.calls, now),
        "now": now,
    }


# The search form's values, each a marker in the form rendered once per language.
_FORM_VALUES = (
    "action",
    "q",
    "filters_open",
    "type_options",
    "region_options",
    "province_options",
    "language_options",
    "state_options",
    "funder",
    "deadline_after",
    "deadline_before",
    "issuer_input",
    "clear_link",
)


@functools.lru_cache(maxsize=16)
def _search_form_skeleton(language: str) -> tuple[str, ...]:
    """calls/list_search_form.html rendered once per process and language with
    a marker for each of ``_FORM_VALUES``, split on them: text, name, text, …
    The template's translations and layout cost more to render than a page's
    queries; the values are then a string join per request."""
    markers = {name: mark_safe(f"\x00{name}\x00") for name in _FORM_VALUES}  # noqa: S308 (constant markers)
    with translation.override(language):
        html = render_to_string("calls/list_search_form.html", markers)
    parts = tuple(html.split("\x00"))
    assert parts[1::2] == _FORM_VALUES, parts[1::2]  # every value once, in order
    return parts


def _search_form(query: CallQuery, action: str) -> str:
    """The catalogue's search form filled with ``query`` (every value escaped
    here, as the template would have)."""
    options = _filter_options(get_language() or "")
    # The filters are open when any of them is set (the words and the issuer are not filters there).
    filtered = bool(query.to_params().keys() - {"q", "issuer"})
    values = {
        "action": escape(action),
        "q": escape(query.q),
        "filters_open": " open" if filtered else "",
        "type_options": _options_html(options["type"], query.call_type),
        "region_options": _options_html(options["region"], query.region),
        "province_options": _options_html(options["province"], query.province),
        "language_options": _options_html(options["language"], query.language),
        "state_options": _options_html(options["state"], query.state),
        "funder": escape(query.funder),
        "deadline_after": query.deadline_after.isoformat() if query.deadline_after else "",
        "deadline_before": query.deadline_before.isoformat() if query.deadline_before else "",
        "issuer_input": (
            format_html('<input type="hidden" name="issuer" value="{}">', query.issuer)
            if query.issuer
            else ""
        ),
        "clear_link": format_html(' <a href="{}">{}</a>', action, _("Clear the search"))
        if not query.is_empty
        else "",
    }
    parts = _search_form_skeleton(get_language() or "")
    # Even parts are the form's text, odd ones the names of its values.
    html = "".join(values[part] if index % 2 else part for index, part in enumerate(parts))
    return mark_safe(html)  # noqa: S308 (every value escaped above)


def home(request: HttpRequest) -> HttpResponse:
    """The catalogue: open calls first by nearest deadline, then closed ones,
    narrowed by the search and filters in the URL."""
    query = CallQuery.from_params(request.GET)
    if not query.is_empty and search_limited(request):
        return too_many_requests(request)
    context = _catalogue_context(request, query)
    context["search_form"] = _search_form(query, request.path)
    return render(request, "home.html", context)


def detail(request: HttpRequest, call_id: int) -> HttpResponse:
    try:
        if request.user.is_authenticated:
            call = selectors.get_visible_call(
                user=request.user, call_id=call_id, defer=selectors.INTERNAL_FIELDS
            )
        else:
            call = selectors.get_public_call(call_id=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error
    role = role_in(request.user, call.organization)
    revisions = selectors.revisions_shown(call=call)
    now = timezone.now()
    is_open = call.status == CallStatus.PUBLISHED and (call.deadline is None or call.deadline > now)
    deadline: dict[str, str] = {}
    if call.deadline:
        # What {% timezone %}, |date and |timeuntil would print, without the tags.
        local = timezone.localtime(call.deadline, _zone(call.timezone))
        deadline = {
            "deadline_iso": local.isoformat(),
            "deadline_label": _deadline_text(local, str(MONTHS[local.month])),
            "time_left": _time_left(call.deadline, now) if is_open else "",
        }
    return render(
        request,
        "calls/detail.html",
        {
            "call": call,
            "role": role,
            "can_edit": role in EDIT_ROLES,
            "actions": _status_actions(call, role),
            # Shown in brackets after the places, so read only when there are places.
            "territory_names": places_in_brackets(call.locations, _territory_names(call))
            if call.locations
            else [],
            # What _revisions.html shows: not the snapshots (a copy of the call per edit).
            # The organisation reads every edit; applicants the changes that matter to them.
            "revisions": revisions if role else [],
            "changes": [] if role else selectors.changes_for_applicants(call=call, revisions=revisions),
            "required_documents": [_required_document_label(code) for code in call.required_documents],
            "language_names": [_language_name(code) for code in call.languages],
            "is_open": is_open,
            "now": now,
            **deadline,
            # The organisation's calls as Atom/iCalendar, and this call's deadline.
            "feeds": feed_links(CallQuery(issuer=call.organization.slug)),
            "call_ics": f"{reverse('call_ics', args=[call.pk])}?lang={get_language() or ''}"
            if call.deadline and call.is_public
            else "",
            # The follow button (alerts' template tag): for signed-in readers outside the issuer.
            "can_follow": role is None and request.user.is_authenticated,
        },
    )


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
