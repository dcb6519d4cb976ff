import json
from datetime import date, time

import pytest
from django.core.management.base import CommandError

from nidaa.missions.models import Attendance, Deliverable, Mission, Session
from tests.factories import (
    ApplicationFactory,
    AttendanceFactory,
    ParticipantCategoryFactory,
    ParticipantFactory,
    SessionFactory,
    ZoneFactory,
)
from tests.missions.helpers import run
from tests.sheets.messy import xlsx


def write(tmp_path, data, name="sheet.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_create_prints_the_id_and_takes_the_calls_deliverables(call):
    out, _err = run("missions_create", "--call", str(call.pk))
    mission = Mission.objects.get(pk=int(out.strip()))
    assert (mission.call_id, mission.organization_id, mission.facilitator) == (
        call.pk,
        call.organization_id,
        None,
    )
    assert list(Deliverable.objects.filter(mission=mission).values_list("title", flat=True)) == [
        "Listes de présence",
        "Rapport final de la mission",
    ]


def test_create_from_an_application_makes_its_applicant_the_facilitator(call, facilitator):
    application = ApplicationFactory(call=call, applicant=facilitator, receipt_number="NID-2026-0001")
    out, _err = run("missions_create", "--call", str(call.pk), "--application", "NID-2026-0001")
    mission = Mission.objects.get(pk=int(out.strip()))
    assert (mission.retained_application_id, mission.facilitator_id) == (application.pk, facilitator.pk)


def test_create_refuses_an_application_of_another_call(call, facilitator):
    ApplicationFactory(applicant=facilitator, receipt_number="NID-2026-0002")
    with pytest.raises(CommandError) as error:
        run("missions_create", "--call", str(call.pk), "--application", "NID-2026-0002")
    assert str(error.value) == "--application NID-2026-0002: no such application to this call"


def test_plan_import_creates_one_session_per_row(tmp_path, mission):
    data = xlsx(
        [
            ["Plan des ateliers"],
            ["module", "zone", "date", "start", "end", "venue", "expected"],
            ["Accès à l'information", "Fès", "14/03/2026", "09:00", "17:00", "Salle A", 20],
            ["Accès à l'information", "Fès", date(2026, 3, 15), time(9, 0), "16h30", "Salle A", 20],
            ["Budget participatif", "Tanger", "2026-03-16", "9h", "17h", "", 20],
        ]
    )
    out, _err = run("missions_plan_import", write(tmp_path, data), "--mission", str(mission.pk))
    assert out.strip() == "rows 3, imported 3, errors 0"
    sessions = list(
        Session.objects.filter(mission=mission)
        .order_by("date")
        .values_list(
            "module__title", "zone__name", "day", "date", "start_time", "end_time", "venue", "expected"
        )
    )
    assert sessions == [
        ("Accès à l'information", "Fès", 1, date(2026, 3, 14), time(9), time(17), "Salle A", 20),
        ("Accès à l'information", "Fès", 2, date(2026, 3, 15), time(9), time(16, 30), "Salle A", 20),
        ("Budget participatif", "Tanger", 1, date(2026, 3, 16), time(9), time(17), "", 20),
    ]


def test_plan_import_with_a_bad_date_creates_nothing(tmp_path, mission):
    data = xlsx([["module", "zone", "date"], ["M1", "Fès", "14/03/2026"], ["M1", "Fès", "demain"]])
    with pytest.raises(CommandError):
        run("missions_plan_import", write(tmp_path, data), "--mission", str(mission.pk))
    assert Session.objects.filter(mission=mission).count() == 0


def test_attendance_import_matches_by_code_phone_or_name(tmp_path, mission):
    session = SessionFactory(mission=mission)
    amina = ParticipantFactory(
        mission=mission, zone=session.zone, name_latin="Amina El Idrissi", name_key="amina el idrissi"
    )
    youssef = ParticipantFactory(mission=mission, zone=session.zone, phone="+212662345678")
    khadija = ParticipantFactory(mission=mission, zone=session.zone)
    data = xlsx(
        [
            ["participant", "present"],
            ["EL IDRISSI Amina", "oui"],
            ["06 62 34 56 78", "نعم"],
            [khadija.code, None],
        ]
    )
    out, _err = run("missions_attendance_import", write(tmp_path, data), "--session", str(session.pk))
    assert out.strip() == "rows 3, imported 3, present 2, errors 0"
    assert dict(Attendance.objects.filter(session=session).values_list("participant_id", "present")) == {
        amina.pk: True,
        youssef.pk: True,
        khadija.pk: False,
    }


def test_attendance_import_with_an_unknown_participant_records_nothing(tmp_path, mission):
    session = SessionFactory(mission=mission)
    person = ParticipantFactory(mission=mission, zone=session.zone)
    data = xlsx([["participant", "present"], [person.code, "x"], ["Personne Inconnue", "x"]])
    with pytest.raises(CommandError):
        run("missions_attendance_import", write(tmp_path, data), "--session", str(session.pk))
    assert Attendance.objects.filter(session=session).count() == 0


def test_attendance_json_counts_planned_and_present_by_sex_and_category(mission):
    session = SessionFactory(mission=mission, zone=ZoneFactory(mission=mission, name="Fès"))
    elected = ParticipantCategoryFactory(organization=mission.organization, name="Élu·e")
    a = ParticipantFactory(mission=mission, zone=session.zone, sex="female", category=elected)
    ParticipantFactory(mission=mission, zone=session.zone, sex="male", category=elected)
    c = ParticipantFactory(mission=mission, zone=session.zone, sex="male")
    AttendanceFactory(session=session, participant=a, present=True)
    AttendanceFactory(session=session, participant=c, present=True)
    walk_in = ParticipantFactory(mission=mission, zone=session.zone, sex="female", walk_in=True)
    AttendanceFactory(session=session, participant=walk_in, present=True, walk_in=True)
    out, _err = run("missions_attendance", "--mission", str(mission.pk), "--format", "json")
    assert json.loads(out) == {
        "mission": mission.pk,
        "sessions": [
            {
                "id": session.pk,
                "module": session.module.title,
                "zone": "Fès",
                "date": "2026-03-10",
                "planned": 3,
                "present": 3,
                "by_sex": {"female": {"planned": 1, "present": 2}, "male": {"planned": 2, "present": 1}},
                "by_category": {
                    "Élu·e": {"planned": 2, "present": 1},
                    "unspecified": {"planned": 1, "present": 2},
                },
                "present_half_days": {"morning": 3, "afternoon": 3},
            }
        ],
    }


def test_attendance_sheet_command_writes_a_pdf(tmp_path, mission):
    session = SessionFactory(mission=mission)
    ParticipantFactory(mission=mission, zone=session.zone)
    target = tmp_path / "sheet.pdf"
    run("missions_attendance_sheet", "--session", str(session.pk), "--lang", "ar", "-o", str(target))
    assert target.read_bytes()[:5] == b"%PDF-"
