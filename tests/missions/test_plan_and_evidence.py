from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nidaa.missions.models import Attendance, AttendanceScan
from nidaa.missions.services.plan import propose_plan
from tests.factories import CallFactory, DeliverableFactory, ParticipantFactory, SessionFactory
from tests.sheets.messy import xlsx

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_one_day_per_zone_and_participants_per_zone_are_read_from_the_call(db):
    call = CallFactory(
        text="Une journée par zone sera consacrée.\n3 jours (1 jour par zone d'intervention).\n"
        "· 25 participants par zone, répartis entre OSC ED, OSC santé et CLD.",
        locations=["Bertat", "Zaouiat Sidi Hamza", "Oumjniba"],
        participants=75,
    )
    plan = propose_plan(call=call)
    assert (plan.modules, plan.days_per_module, plan.zones, plan.participants_per_zone) == (
        1,
        1,
        ["Bertat", "Zaouiat Sidi Hamza", "Oumjniba"],
        25,
    )


def test_without_figures_the_participants_are_shared_between_the_places(db):
    call = CallFactory(text="Formation.", locations=["Fès", "Tanger"], participants=60)
    assert propose_plan(call=call).participants_per_zone == 30


def test_signed_scan_is_kept_as_evidence_and_a_program_is_refused(facilitator_client, mission):
    session = SessionFactory(mission=mission)
    url = reverse("missions:session", args=[session.pk])
    facilitator_client.post(url, {"action": "scan", "file": SimpleUploadedFile("feuille.pdf", PDF)})
    facilitator_client.post(
        url, {"action": "scan", "file": SimpleUploadedFile("feuille.pdf", b"MZ\x90\x00binary")}
    )
    assert list(
        AttendanceScan.objects.filter(session=session).values_list("original_name", "content_type")
    ) == [("feuille.pdf", "pdf")]


def test_attendance_import_from_the_page_lists_errors_and_records_nothing(facilitator_client, mission):
    session = SessionFactory(mission=mission)
    person = ParticipantFactory(mission=mission, zone=session.zone)
    data = xlsx([["Présence atelier"], ["participant", "présent"], [person.code, "oui"], ["Inconnu", "oui"]])
    response = facilitator_client.post(
        reverse("missions:session", args=[session.pk]),
        {"action": "import", "file": SimpleUploadedFile("p.xlsx", data)},
    )
    assert "Ligne 4 : aucun·e participant·e de la séance ne correspond : Inconnu" in response.content.decode()
    assert Attendance.objects.filter(session=session).count() == 0


def test_deliverable_history_is_told_in_the_readers_language(owner_client, mission):
    from nidaa.missions.services.deliverables import review_deliverable

    deliverable = DeliverableFactory(mission=mission, status="submitted")
    review_deliverable(deliverable=deliverable, accept=True, comment="", actor=None, role="issuer")
    page = owner_client.get(
        reverse("missions:deliverable", args=[mission.pk, deliverable.pk])
    ).content.decode()
    assert "· Accepté</li>" in page


def test_a_session_without_attendance_can_be_taken_out_of_the_plan(member_client, mission):
    from nidaa.missions.models import Session
    from tests.factories import AttendanceFactory

    empty = SessionFactory(mission=mission)
    held = SessionFactory(mission=mission)
    AttendanceFactory(session=held)
    url = reverse("missions:plan", args=[mission.pk])
    member_client.post(url, {"action": "delete", "session": empty.pk})
    response = member_client.post(url, {"action": "delete", "session": held.pk}, follow=True)
    assert list(Session.objects.filter(mission=mission).values_list("pk", flat=True)) == [held.pk]
    assert "Des présences sont enregistrées pour cette séance" in response.content.decode()


def test_a_session_of_another_mission_cannot_be_removed(member_client, mission):
    from nidaa.missions.models import Session

    elsewhere = SessionFactory()
    response = member_client.post(
        reverse("missions:plan", args=[mission.pk]), {"action": "delete", "session": elsewhere.pk}
    )
    assert response.status_code == 404
    assert Session.objects.filter(pk=elsewhere.pk).exists()
