"""Half-days ticked separately at a session that spans the day: at the door
(one half-day at a time), in the import (a column per half-day, or the one
`present` column for both), on the sheet (a signature column per half-day)
and in `nidaa missions attendance --format json` (present_half_days)."""

import io
import json
from datetime import date, time

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from nidaa.missions.documents import attendance_sheets_pdf
from nidaa.missions.models import Attendance, session_spans_day
from nidaa.missions.services.attendance import import_attendance, record_attendance
from nidaa.missions.views.attendance import door_half
from tests.factories import AttendanceFactory, ParticipantFactory, SessionFactory
from tests.missions.helpers import run
from tests.missions.test_attendance_sheet_pdf import pages_text
from tests.sheets.messy import xlsx


def halves(session):
    return {
        pid: (present, am, pm)
        for pid, present, am, pm in Attendance.objects.filter(session=session).values_list(
            "participant_id", "present", "morning", "afternoon"
        )
    }


@pytest.mark.parametrize(
    ("start", "end", "spans"),
    [
        (time(9), time(17), True),  # a day
        (time(10), time(14, 30), True),  # over the lunch hour
        (time(8), time(12, 30), True),  # longer than four hours
        (time(9), time(12, 30), False),  # a morning
        (time(14), time(17, 30), False),  # an afternoon
        (None, None, True),  # no times: a day of a module
    ],
)
def test_a_session_spans_the_day_over_lunch_or_past_four_hours(start, end, spans):
    assert session_spans_day(start, end) is spans


def test_a_half_day_ticked_alone_makes_the_participant_present(mission):
    session = SessionFactory(mission=mission)
    person = ParticipantFactory(mission=mission, zone=session.zone)
    record_attendance(
        session=session, participant=person, present=False, morning=True, afternoon=False, actor=None
    )
    assert halves(session) == {person.pk: (True, True, False)}


def test_a_short_session_has_one_tick_for_both_half_days(mission):
    session = SessionFactory(mission=mission, start_time=time(9), end_time=time(12))
    person = ParticipantFactory(mission=mission, zone=session.zone)
    record_attendance(
        session=session, participant=person, present=True, morning=True, afternoon=False, actor=None
    )
    assert halves(session) == {person.pk: (True, True, True)}


def test_the_afternoon_is_ticked_at_the_door_without_touching_the_morning(facilitator_client, mission):
    session = SessionFactory(mission=mission)
    stays, leaves, late = (ParticipantFactory(mission=mission, zone=session.zone) for _ in range(3))
    url = reverse("missions:session", args=[session.pk])
    response = facilitator_client.post(
        url, {"action": "tick", "half": "am", "present": [str(stays.pk), str(leaves.pk)]}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?half=am"
    facilitator_client.post(url, {"action": "tick", "half": "pm", "present": [str(stays.pk), str(late.pk)]})
    assert halves(session) == {
        stays.pk: (True, True, True),
        leaves.pk: (True, True, False),
        late.pk: (True, False, True),
    }
    page = facilitator_client.get(f"{url}?half=pm")
    assert {p.pk: ticked for p, _a, ticked in page.context["rows"]} == {
        stays.pk: True,
        leaves.pk: False,
        late.pk: True,
    }
    assert (page.context["morning_count"], page.context["afternoon_count"]) == (2, 2)
    assert 'name="half" value="pm"' in page.content.decode()


def test_the_whole_day_tick_leaves_a_half_day_participant_alone_unless_changed(facilitator_client, mission):
    session = SessionFactory(mission=mission)
    morning_only = ParticipantFactory(mission=mission, zone=session.zone)
    AttendanceFactory(session=session, participant=morning_only, present=True, morning=True, afternoon=False)
    url = reverse("missions:session", args=[session.pk])
    facilitator_client.post(url, {"action": "tick", "half": "day", "present": []})
    assert halves(session) == {morning_only.pk: (True, True, False)}
    facilitator_client.post(url, {"action": "tick", "half": "day", "present": [str(morning_only.pk)]})
    assert halves(session) == {morning_only.pk: (True, True, True)}


def test_a_short_session_shows_no_half_day_choice(facilitator_client, mission):
    session = SessionFactory(mission=mission, start_time=time(14), end_time=time(17))
    page = facilitator_client.get(reverse("missions:session", args=[session.pk]) + "?half=am")
    assert (page.context["half"], page.context["halves"]) == ("day", [])


def test_the_door_ticks_the_whole_day_unless_it_is_the_sessions_day(mission):
    session = SessionFactory(mission=mission, date=date(2020, 1, 6))
    assert door_half(session, None) == "day"
    assert door_half(session, "pm") == "pm"
    assert door_half(session, "evening") == "day"
    today = SessionFactory(mission=mission, date=timezone.localdate())
    assert door_half(today, None) == ("pm" if timezone.localtime().time() >= time(13) else "am")


@pytest.mark.parametrize(
    ("am_header", "pm_header"),
    [("present_am", "present_pm"), ("Présent matin", "Présent après-midi"), ("الحضور صباحا", "الحضور مساء")],
)
def test_attendance_import_takes_a_column_per_half_day(tmp_path, mission, am_header, pm_header):
    session = SessionFactory(mission=mission)
    both, morning, absent = (ParticipantFactory(mission=mission, zone=session.zone) for _ in range(3))
    path = tmp_path / "presence.xlsx"
    path.write_bytes(
        xlsx(
            [
                ["participant", am_header, pm_header],
                [both.code, "x", "oui"],
                [morning.code, "نعم", None],
                [absent.code, None, "non"],
            ]
        )
    )
    out, _err = run("missions_attendance_import", str(path), "--session", str(session.pk))
    assert out.strip() == "rows 3, imported 3, present 2, errors 0"
    assert halves(session) == {
        both.pk: (True, True, True),
        morning.pk: (True, True, False),
        absent.pk: (False, False, False),
    }


def test_the_one_present_column_still_means_both_half_days(mission):
    session = SessionFactory(mission=mission)
    here, away = (ParticipantFactory(mission=mission, zone=session.zone) for _ in range(2))
    data = xlsx([["participant", "present"], [here.code, "1"], [away.code, "0"]])
    report = import_attendance(session=session, data=data, actor=None)
    assert (report.imported, report.present, report.errors) == (2, 1, [])
    assert halves(session) == {here.pk: (True, True, True), away.pk: (False, False, False)}


def test_a_half_day_value_not_understood_records_nothing(mission):
    session = SessionFactory(mission=mission)
    a, b = (ParticipantFactory(mission=mission, zone=session.zone) for _ in range(2))
    data = xlsx([["participant", "matin", "après-midi"], [a.code, "x", "x"], [b.code, "peut-être", "x"]])
    report = import_attendance(session=session, data=data, actor=None)
    assert [(e.row, e.code, e.value) for e in report.errors] == [(3, "presence", "peut-être")]
    assert Attendance.objects.filter(session=session).count() == 0


def test_attendance_json_adds_the_half_days_present(mission):
    session = SessionFactory(mission=mission)
    a, b = (ParticipantFactory(mission=mission, zone=session.zone) for _ in range(2))
    AttendanceFactory(session=session, participant=a, present=True, morning=True, afternoon=False)
    AttendanceFactory(session=session, participant=b, present=True, morning=True, afternoon=True)
    out, _err = run("missions_attendance", "--mission", str(mission.pk), "--format", "json")
    (row,) = json.loads(out)["sessions"]
    assert (row["present"], row["present_half_days"]) == (2, {"morning": 2, "afternoon": 1})


def test_a_short_sessions_sheet_has_one_signature_column(mission):
    session = SessionFactory(mission=mission, start_time=time(9), end_time=time(12))
    ParticipantFactory(mission=mission, zone=session.zone, name_latin="Salma Tazi")
    text = "\n".join(pages_text(attendance_sheets_pdf(sessions=[session], lang="fr")))
    assert ("Signature" in text, "Signature matin" in text, "Salma Tazi" in text) == (True, False, True)


def two_sessions(mission):
    """A day session with a participant who left after the morning and one who
    came after lunch, and a morning session with one tick."""
    day = SessionFactory(mission=mission, date=date(2026, 3, 10))
    short = SessionFactory(
        mission=mission, zone=day.zone, date=date(2026, 3, 11), start_time=time(9), end_time=time(12)
    )
    leaves, late, stays = (ParticipantFactory(mission=mission, zone=day.zone) for _ in range(3))
    AttendanceFactory(session=day, participant=leaves, present=True, morning=True, afternoon=False)
    AttendanceFactory(session=day, participant=late, present=True, morning=False, afternoon=True)
    AttendanceFactory(session=day, participant=stays, present=True, morning=True, afternoon=True)
    AttendanceFactory(session=short, participant=stays, present=True, morning=True, afternoon=True)
    return day, short


@pytest.mark.parametrize(
    ("lang", "morning", "afternoon", "one_tick"),
    [
        ("fr", "Matin", "Après-midi", "un seul pointage pour la séance"),
        ("ar", "الصباح", "بعد الزوال", "تسجيل واحد للجلسة"),
        ("en", "Morning", "Afternoon", "one tick for the session"),
    ],
)
def test_the_attendance_report_shows_the_half_days_of_a_day_session(
    owner_client, mission, lang, morning, afternoon, one_tick
):
    day, short = two_sessions(mission)
    page = owner_client.get(f"/{lang}/missions/{mission.pk}/attendance/")
    assert [(s["id"], s["present"], s["halves"]) for s in page.context["sessions"]] == [
        (day.pk, 3, {"morning": 2, "afternoon": 2}),
        (short.pk, 1, None),
    ]
    html = page.content.decode()
    assert f'<th scope="col">{morning}</th><th scope="col">{afternoon}</th>' in html
    assert "<td>0 / 0</td><td>2</td><td>2</td></tr>" in html
    assert f'<td colspan="2">{one_tick}</td></tr>' in html


def test_the_attendance_report_has_no_half_day_columns_without_a_day_session(owner_client, mission):
    session = SessionFactory(mission=mission, start_time=time(14), end_time=time(17))
    AttendanceFactory(session=session)
    page = owner_client.get(f"/fr/missions/{mission.pk}/attendance/")
    html = page.content.decode()
    assert (page.context["half_days"], "Après-midi" in html) == (False, False)


@pytest.mark.parametrize(
    ("lang", "morning", "afternoon"),
    [
        ("fr", "Présent·es le matin", "Présent·es l’après-midi"),
        ("ar", "الحاضرون صباحا", "الحاضرون بعد الزوال"),
    ],
)
def test_the_attendance_xlsx_has_a_column_per_half_day(owner_client, mission, lang, morning, afternoon):
    day, short = two_sessions(mission)
    response = owner_client.get(f"/{lang}/missions/{mission.pk}/attendance.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][-2:] == (morning, afternoon)
    assert [(r[0], r[4], r[-2], r[-1]) for r in rows[1:]] == [
        ("2026-03-10", 3, 2, 2),
        ("2026-03-11", 1, None, None),
    ]
