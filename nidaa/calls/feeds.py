"""Calls for people who do not visit: an Atom feed of any catalogue search and
iCalendar files of deadlines (per search and per call).

All of them read the same query string as the catalogue pages
(``CallQuery.from_params``) and only ever show public calls. They live outside
the language prefix (stable addresses); ``?lang=ar|en`` picks the language of
the texts and of the links (French by default).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from nidaa.calls.models import DEFAULT_TIMEZONE, PUBLIC_STATUSES, Call, CallStatus
from nidaa.calls.query import CallQuery
from nidaa.calls.search import search_calls
from nidaa.calls.selectors import MAX_ID
from nidaa.common.ratelimit import limit_machines
from nidaa.common.text import one_line
from nidaa.common.zones import zone_label

FEED_MAX_ENTRIES = 50
# A calendar of a search is for following deadlines, not for exporting the catalogue.
ICS_MAX_EVENTS = 500
ALARM_BEFORE = timedelta(hours=72)


def feed_language(request: HttpRequest) -> str:
    """The language asked for with ``?lang=`` if Nidaa speaks it, else French."""
    lang = (request.GET.get("lang") or "").strip().lower()
    return lang if lang in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


def catalogue_query(request: HttpRequest) -> CallQuery:
    """The catalogue query of the request's query string. NUL characters are
    dropped first: no database accepts them and they never mean anything."""
    params = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        params.setlist(key, [value.replace("\x00", "") for value in values])
    return CallQuery.from_params(params)


def call_path(call: Call, lang: str) -> str:
    """The call page's path in ``lang`` (``/fr/calls/12/``)."""
    with translation.override(lang):
        return reverse("calls:detail", args=[call.pk])


def call_url(request: HttpRequest, call: Call, lang: str) -> str:
    """The call page's absolute URL in ``lang``."""
    return request.build_absolute_uri(call_path(call, lang))


def local_deadline(call: Call) -> datetime | None:
    """The deadline in the call's own time zone (Africa/Casablanca unless stated)."""
    if call.deadline is None:
        return None
    try:
        zone = ZoneInfo(call.timezone or DEFAULT_TIMEZONE)
    except (ValueError, KeyError):
        zone = ZoneInfo(DEFAULT_TIMEZONE)
    return call.deadline.astimezone(zone)


def format_deadline(call: Call) -> str:
    """The deadline as a reader expects it in the active language, with its zone."""
    deadline = local_deadline(call)
    if deadline is None:
        return _("no deadline stated")
    return _("%(date)s at %(time)s (%(zone)s)") % {
        "date": date_format(deadline, "j F Y"),
        "time": deadline.strftime("%H:%M"),
        "zone": zone_label(str(deadline.tzinfo)),
    }


def call_summary(call: Call) -> str:
    """Issuer, type, places and deadline, one per line, in the active language."""
    lines = [
        _("Issuer: %(issuer)s") % {"issuer": call.issuer or call.organization.name},
        _("Type: %(type)s") % {"type": call.get_call_type_display()},
    ]
    if call.locations:
        lines.append(_("Places: %(places)s") % {"places": ", ".join(str(p) for p in call.locations)})
    lines.append(_("Deadline: %(deadline)s") % {"deadline": format_deadline(call)})
    return "\n".join(lines)


# --- Atom --------------------------------------------------------------------


class PlainTextSummaryFeed(Atom1Feed):
    """Atom with ``<summary type="text">``: our summaries are plain text.

    Django writes ``type="html"`` and escapes once, so a reader rendered the
    "<b>" of an issuer's name as bold and showed "R&D" as a broken entity;
    as text, the XML escaping is the only one and readers show it as typed."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class CallsFeed(Feed):
    """The Atom feed of a catalogue search: ``/calls.atom?q=...&type=...``."""

    feed_type = PlainTextSummaryFeed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override(feed_language(request)):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return {"request": request, "query": catalogue_query(request), "lang": feed_language(request)}

    def title(self, obj: dict[str, Any]) -> str:
        query: CallQuery = obj["query"]
        if query.q:
            return _("Nidaa calls: %(q)s") % {"q": query.q}
        return _("Nidaa calls")

    def subtitle(self, obj: dict[str, Any]) -> str:
        return _("Calls for consultants, trainers, experts and staff published on Nidaa")

    def link(self, obj: dict[str, Any]) -> str:
        with translation.override(obj["lang"]):
            path = reverse("home")
        tail = obj["query"].to_querystring()
        return f"{path}?{tail}" if tail else path

    def feed_url(self, obj: dict[str, Any]) -> str:
        # The ``self`` link names this very feed: its query and language, not
        # the bare /calls.atom (every feed of every search).
        params = QueryDict(mutable=True)
        params.update(obj["query"].to_params())
        if obj["request"].GET.get("lang"):
            params["lang"] = obj["lang"]
        tail = params.urlencode()
        return f"{reverse('calls_atom')}?{tail}" if tail else reverse("calls_atom")

    def feed_guid(self, obj: dict[str, Any]) -> str:
        return obj["request"].build_absolute_uri()

    def items(self, obj: dict[str, Any]) -> Iterable[Call]:
        return list(search_calls(obj["query"])[:FEED_MAX_ENTRIES])

    def item_title(self, item: Call) -> str:
        return item.title

    def item_description(self, item: Call) -> str:
        return call_summary(item)

    def item_link(self, item: Call) -> str:
        return call_path(item, translation.get_language() or settings.LANGUAGE_CODE)

    def item_guid(self, item: Call) -> str:
        # The same entry id whatever the language or the host's port: one call, one entry.
        return f"urn:{ocid_prefix()}call:{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item: Call) -> str:
        return item.issuer or item.organization.name

    def item_updateddate(self, item: Call) -> datetime:
        return item.updated_at

    def item_pubdate(self, item: Call) -> datetime:
        return item.published_at or item.created_at


calls_atom = limit_machines("text")(CallsFeed())


# --- iCalendar ---------------------------------------------------------------


def ocid_prefix() -> str:
    """The instance's OCDS prefix (``NIDAA_OCID_PREFIX``), also the root of
    every identifier Nidaa publishes (feed entries, calendar UIDs)."""
    return str(getattr(settings, "NIDAA_OCID_PREFIX", "ocds-nidaa-"))


def deadline_uid(call: Call) -> str:
    """The calendar UID of a call's deadline: the same for every download."""
    return f"{ocid_prefix()}{call.pk}-deadline"


def deadline_event(request: HttpRequest, call: Call, lang: str) -> Event:
    """One VEVENT at the call's deadline (in its own time zone), with a
    reminder 72 hours before."""
    deadline = local_deadline(call)
    assert deadline is not None  # noqa: S101 - callers keep calls without a deadline out
    url = call_url(request, call, lang)
    event = Event()
    event.add("uid", deadline_uid(call))
    event.add("dtstamp", call.updated_at.astimezone(ZoneInfo("UTC")))
    event.add("last-modified", call.updated_at.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", deadline)
    # One-line properties on one line: icalendar refuses a raw line break
    # (500) and passes a bare CR through, which starts a property of its own.
    event.add("summary", one_line(_("Deadline: %(title)s") % {"title": call.title}))
    event.add("description", _multiline(f"{call_summary(call)}\n{url}"))
    event.add("url", url)
    if call.locations:
        event.add("location", one_line(", ".join(str(p) for p in call.locations)))
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -ALARM_BEFORE)
    alarm.add("description", one_line(_("Deadline in 72 hours: %(title)s") % {"title": call.title}))
    event.add_component(alarm)
    return event


def _multiline(text: str) -> str:
    """Text whose line breaks are LF only (icalendar escapes LF as "\\n"; a
    CR would go out raw) and without other control characters."""
    return "\n".join(one_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def build_calendar(request: HttpRequest, calls: Iterable[Call], *, name: str, lang: str) -> bytes:
    """An RFC 5545 calendar with one event per call that has a deadline."""
    cal = Calendar()
    cal.add("prodid", "-//Nidaa//Calls//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(name))
    for call in calls:
        if call.deadline is not None:
            cal.add_component(deadline_event(request, call, lang))
    # VTIMEZONE blocks for Africa/Casablanca etc., as RFC 5545 wants for each TZID used.
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def open_calls_with_deadline(query: CallQuery) -> QuerySet[Call]:
    """The search's open calls whose deadline is still ahead, nearest first."""
    return (
        search_calls(query)
        .filter(status=CallStatus.PUBLISHED, deadline__gt=timezone.now())
        .order_by("deadline", "pk")
    )


@limit_machines("text")
def calls_ics(request: HttpRequest) -> HttpResponse:
    """Deadlines of the open calls of a catalogue search: ``/calls.ics?q=...``."""
    lang = feed_language(request)
    query = catalogue_query(request)
    calls = open_calls_with_deadline(query)[:ICS_MAX_EVENTS]
    with translation.override(lang):
        name = _("Nidaa deadlines: %(q)s") % {"q": query.q} if query.q else _("Nidaa deadlines")
        body = build_calendar(request, calls, name=name, lang=lang)
    return calendar_response(body, "nidaa-deadlines.ics")


@limit_machines("text")
def call_ics(request: HttpRequest, call_id: int) -> HttpResponse:
    """The deadline of one public call: ``/calls/<id>.ics`` (404 for drafts,
    cancelled calls and calls without a deadline)."""
    lang = feed_language(request)
    if call_id > MAX_ID:
        raise Http404
    try:
        call = (
            Call.objects.select_related("organization")
            .filter(status__in=PUBLIC_STATUSES)
            .without_document()
            .get(pk=call_id)
        )
    except Call.DoesNotExist as error:
        raise Http404 from error
    if call.deadline is None:
        raise Http404
    with translation.override(lang):
        body = build_calendar(request, [call], name=call.title, lang=lang)
    return calendar_response(body, f"nidaa-call-{call.pk}.ics")
