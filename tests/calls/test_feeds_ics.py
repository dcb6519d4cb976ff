"""iCalendar deadlines: /calls/<id>.ics for one call, /calls.ics?<query> for a
search's open calls. Parsed back with the library that writes them."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory, indexed

CASABLANCA = ZoneInfo("Africa/Casablanca")


def calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(response) -> list:
    return calendar(response).walk("VEVENT")


@pytest.fixture
def call(org):
    return CallFactory(
        organization=org,
        status=CallStatus.PUBLISHED,
        title="Formateur en plaidoyer; zones rurales, Azilal",
        locations=["Azilal", "Tinghir"],
        deadline=datetime(2026, 12, 15, 23, 59, tzinfo=CASABLANCA),
    )


def test_per_call_event_starts_at_the_deadline_in_casablanca(client, call):
    [event] = events(client.get(f"/calls/{call.pk}.ics"))
    start = event.decoded("dtstart")
    assert start == datetime(2026, 12, 15, 23, 59, tzinfo=CASABLANCA)
    assert start.astimezone(UTC) == datetime(2026, 12, 15, 22, 59, tzinfo=UTC)
    assert event["dtstart"].params["TZID"] == "Africa/Casablanca"


def test_the_calendar_carries_the_timezone_it_names(client, call):
    cal = calendar(client.get(f"/calls/{call.pk}.ics"))
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Africa/Casablanca"]


def test_event_fields_and_escaping_survive_a_round_trip(client, call):
    [event] = events(client.get(f"/calls/{call.pk}.ics?lang=en"))
    assert str(event["uid"]) == f"ocds-nidaa-{call.pk}-deadline"
    assert str(event["summary"]) == "Deadline: Formateur en plaidoyer; zones rurales, Azilal"
    assert str(event["url"]) == f"http://testserver/en/calls/{call.pk}/"
    assert str(event["location"]) == "Azilal, Tinghir"
    assert str(event["description"]).endswith(f"\nhttp://testserver/en/calls/{call.pk}/")
    assert event.decoded("dtstamp") == call.updated_at.astimezone(UTC).replace(microsecond=0)


def test_a_reminder_rings_72_hours_before(client, call):
    [event] = events(client.get(f"/calls/{call.pk}.ics"))
    [alarm] = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == -timedelta(hours=72)


def test_the_text_is_rfc5545_lines(client, call):
    body = client.get(f"/calls/{call.pk}.ics").content
    lines = body.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert lines[-2:] == [b"END:VCALENDAR", b""]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert b"SUMMARY:" in body and b"plaidoyer\\; zones rurales\\, Azilal" in body


def test_the_uid_is_the_same_on_every_download(client, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED, deadline=timezone.now() + timedelta(5))
    first = events(client.get(f"/calls/{call.pk}.ics"))[0]["uid"]
    again = events(client.get("/calls.ics"))[0]["uid"]
    assert first == again == f"ocds-nidaa-{call.pk}-deadline"


def test_drafts_other_orgs_drafts_and_calls_without_deadline_are_404(client, outsider_client, org, other_org):
    draft = CallFactory(organization=org, status=CallStatus.DRAFT)
    others = CallFactory(organization=other_org, status=CallStatus.DRAFT)
    no_deadline = CallFactory(organization=org, status=CallStatus.PUBLISHED, deadline=None)
    assert client.get(f"/calls/{draft.pk}.ics").status_code == 404
    assert outsider_client.get(f"/calls/{draft.pk}.ics").status_code == 404
    assert client.get(f"/calls/{others.pk}.ics").status_code == 404
    assert client.get(f"/calls/{no_deadline.pk}.ics").status_code == 404
    assert client.get("/calls/99999999999999999999999.ics").status_code == 404


def test_search_calendar_has_the_open_matching_calls_only(client, org):
    soon = timezone.now() + timedelta(days=3)
    past = timezone.now() - timedelta(days=1)
    published = CallStatus.PUBLISHED
    indexed(
        CallFactory(organization=org, status=published, title="Plaidoyer A", deadline=soon),
        CallFactory(organization=org, status=published, title="Plaidoyer B", deadline=soon + timedelta(1)),
        CallFactory(organization=org, status=published, title="Étude", deadline=soon),
        CallFactory(organization=org, status=CallStatus.CLOSED, title="Plaidoyer fermé", deadline=soon),
        CallFactory(organization=org, status=CallStatus.DRAFT, title="Plaidoyer brouillon", deadline=soon),
        CallFactory(organization=org, status=published, title="Plaidoyer passé", deadline=past),
        CallFactory(organization=org, status=published, title="Plaidoyer sans date", deadline=None),
    )
    found = events(client.get("/calls.ics?q=plaidoyer&lang=en"))
    assert [str(e["summary"]) for e in found] == ["Deadline: Plaidoyer A", "Deadline: Plaidoyer B"]
    assert len(events(client.get("/calls.ics"))) == 3
