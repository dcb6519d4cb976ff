import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nidaa.common.models import AuditEntry
from nidaa.missions.models import Attendance, Deliverable, Instalment, Mission, Participant, Session
from tests.factories import (
    AttendanceFactory,
    DeliverableFactory,
    ParticipantFactory,
    SessionFactory,
    ZoneFactory,
)
from tests.sheets.messy import participants_sheet, xlsx

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_issuer_creates_a_mission_with_the_retained_applicant_by_hand(owner_client, call, facilitator):
    from nidaa.accounts.services import mark_email_verified

    mark_email_verified(user=facilitator)
    response = owner_client.post(
        reverse("missions:create"),
        {"call": call.pk, "facilitator_name": "Salma Trainer", "facilitator_email": "TRAINER@example.org"},
    )
    mission = Mission.objects.get(call=call)
    assert response.status_code == 302
    assert response["Location"] == reverse("missions:detail", args=[mission.pk])
    # The applicant's account is found by e-mail, so they see the mission at once.
    assert (mission.facilitator_id, mission.facilitator_name) == (facilitator.pk, "Salma Trainer")
    assert Deliverable.objects.filter(mission=mission).count() == 2


def test_outsider_cannot_create_a_mission_on_another_organisations_call(outsider_client, call):
    response = outsider_client.post(
        reverse("missions:create"),
        {"call": call.pk, "facilitator_name": "X", "facilitator_email": "x@example.org"},
    )
    assert response.status_code == 200  # the call is not among the form's choices
    assert Mission.objects.count() == 0


def test_participants_import_previews_then_imports_on_confirmation(member_client, mission):
    ZoneFactory(mission=mission, name="Fès")
    ZoneFactory(mission=mission, name="Tanger")
    url = reverse("missions:participants_import", args=[mission.pk])
    upload = SimpleUploadedFile("liste.xlsx", participants_sheet())
    preview = member_client.post(url, {"file": upload})
    assert preview.status_code == 200
    assert Participant.objects.count() == 0
    page = preview.content.decode()
    assert "3 lignes : 3 à importer, 0 doublons, 0 erreurs." in page
    digest = preview.context["upload"]
    mapping = {f"col_{i}": field for i, _label, field in preview.context["columns"]}
    from django.core.files.storage import default_storage

    assert default_storage.exists(f"imports/{digest[:2]}/{digest}")
    done = member_client.post(url, {"upload": digest, "confirm": "1", **mapping})
    assert done.status_code == 302
    assert Participant.objects.filter(mission=mission).count() == 3
    # The uploaded sheet (personal data) is not kept once imported.
    assert not default_storage.exists(f"imports/{digest[:2]}/{digest}")


def test_preview_lists_duplicates_and_a_kept_one_is_imported(member_client, mission):
    ZoneFactory(mission=mission, name="Fès")
    data = xlsx(
        [["Nom complet", "Zone"], ["Amina Tazi", "Fès"], ["TAZI Amina", "Fès"], ["Karim Alaoui", "Fès"]]
    )
    url = reverse("missions:participants_import", args=[mission.pk])
    preview = member_client.post(url, {"file": SimpleUploadedFile("l.xlsx", data)})
    assert [d.row for _r, d in preview.context["result"].duplicates] == [3]
    assert "même nom que la ligne 2" in preview.content.decode()
    mapping = {f"col_{i}": field for i, _label, field in preview.context["columns"]}
    member_client.post(url, {"upload": preview.context["upload"], "confirm": "1", "keep": "3", **mapping})
    assert Participant.objects.filter(mission=mission).count() == 3


def test_preview_with_errors_shows_row_numbers_and_offers_no_import(member_client, mission):
    ZoneFactory(mission=mission, name="Fès")
    data = xlsx([["Titre"], [], ["Nom", "Sexe", "Zone"], ["Amina", "Q", "Fès"]])
    preview = member_client.post(
        reverse("missions:participants_import", args=[mission.pk]),
        {"file": SimpleUploadedFile("l.xlsx", data)},
    )
    page = preview.content.decode()
    assert "Ligne 4 : sexe non reconnu : Q" in page
    assert 'name="confirm"' not in page


def test_an_upload_reference_outside_the_hash_form_is_refused(member_client, mission):
    response = member_client.post(
        reverse("missions:participants_import", args=[mission.pk]), {"upload": "../../settings.py"}
    )
    assert response.status_code == 404


def test_attendance_is_ticked_at_the_door_and_untick_is_kept(facilitator_client, mission):
    session = SessionFactory(mission=mission)
    a, b, c = (ParticipantFactory(mission=mission, zone=session.zone) for _ in range(3))
    AttendanceFactory(session=session, participant=c, present=True)
    url = reverse("missions:session", args=[session.pk])
    response = facilitator_client.post(url, {"action": "tick", "present": [str(a.pk), str(b.pk)]})
    assert response.status_code == 302
    assert dict(Attendance.objects.filter(session=session).values_list("participant_id", "present")) == {
        a.pk: True,
        b.pk: True,
        c.pk: False,
    }


def test_a_walk_in_is_added_present_and_counted(facilitator_client, mission):
    session = SessionFactory(mission=mission)
    facilitator_client.post(
        reverse("missions:session", args=[session.pk]),
        {
            "action": "walk_in",
            "name": "رشيد الفاسي",
            "sex": "male",
            "phone": "0612345678",
            "category": "منتخب",
        },
    )
    person = Participant.objects.get(mission=mission, walk_in=True)
    assert (person.name_arabic, person.phone, person.zone_id, person.category.name) == (
        "رشيد الفاسي",
        "+212612345678",
        session.zone_id,
        "منتخب",
    )
    attendance = Attendance.objects.get(session=session, participant=person)
    assert (attendance.present, attendance.walk_in) == (True, True)


def test_session_page_in_arabic_is_right_to_left_and_lists_arabic_names(client, facilitator, mission):
    client.force_login(facilitator)
    session = SessionFactory(mission=mission)
    ParticipantFactory(mission=mission, zone=session.zone, name_arabic="أمينة الإدريسي")
    page = client.get(f"/ar/missions/sessions/{session.pk}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<span dir="rtl" lang="ar">أمينة الإدريسي</span>' in page


def test_deliverable_submitted_by_facilitator_accepted_by_issuer_makes_instalment_payable(
    facilitator_client, owner_client, mission
):
    deliverable = DeliverableFactory(mission=mission)
    instalment = Instalment.objects.create(
        mission=mission, label="Tranche 2", amount=Decimal("15000"), deliverable=deliverable
    )
    url = reverse("missions:deliverable", args=[mission.pk, deliverable.pk])
    facilitator_client.post(url, {"action": "upload", "file": SimpleUploadedFile("rapport.pdf", PDF)})
    deliverable.refresh_from_db()
    assert deliverable.status == "submitted"
    assert deliverable.files.get().original_name == "rapport.pdf"
    detail = owner_client.get(reverse("missions:detail", args=[mission.pk])).content.decode()
    assert "pas encore payable" in detail
    owner_client.post(url, {"action": "review", "decision": "accept", "comment": ""})
    deliverable.refresh_from_db()
    assert deliverable.status == "accepted"
    detail = owner_client.get(reverse("missions:detail", args=[mission.pk])).content.decode()
    assert "Payable maintenant : 15000,00 MAD" in detail
    actions = list(
        AuditEntry.objects.filter(object_type="missions.deliverable", object_id=deliverable.pk)
        .order_by("at", "id")
        .values_list("action", "from_state", "to_state")
    )
    assert actions == [("submit", "planned", "submitted"), ("accept", "submitted", "accepted")]
    assert instalment.pk


def test_a_file_that_is_not_a_document_is_refused_by_content(facilitator_client, mission):
    deliverable = DeliverableFactory(mission=mission)
    url = reverse("missions:deliverable", args=[mission.pk, deliverable.pk])
    response = facilitator_client.post(
        url,
        {"action": "upload", "file": SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 not a pdf")},
        follow=True,
    )
    assert "Le fichier n’est pas un document PDF" in response.content.decode()
    deliverable.refresh_from_db()
    assert (deliverable.status, deliverable.files.count()) == ("planned", 0)


def test_changes_requested_need_a_comment(owner_client, mission):
    deliverable = DeliverableFactory(mission=mission, status="submitted")
    url = reverse("missions:deliverable", args=[mission.pk, deliverable.pk])
    owner_client.post(url, {"action": "review", "decision": "changes", "comment": ""})
    deliverable.refresh_from_db()
    assert deliverable.status == "submitted"
    owner_client.post(url, {"action": "review", "decision": "changes", "comment": "Ajouter les listes."})
    deliverable.refresh_from_db()
    assert (deliverable.status, deliverable.comments.get().text) == (
        "changes_requested",
        "Ajouter les listes.",
    )


def test_plan_is_proposed_from_the_calls_figures(owner_client, mission):
    mission.call.text = (
        "Deux jours par modules (02 JOURS / 03 MODULES / 02 REGIONS), 20 participantEs par région."
    )
    mission.call.save(update_fields=["text"])
    page = owner_client.get(reverse("missions:plan", args=[mission.pk]))
    assert page.context["proposal"].modules == 3
    assert page.context["proposal"].days_per_module == 2
    assert page.context["proposal"].zones == ["Fès", "Tanger"]
    assert page.context["proposal"].participants_per_zone == 20
    form = page.context["plan_form"].initial
    owner_client.post(
        reverse("missions:plan", args=[mission.pk]),
        {"action": "propose", "modules": form["modules"], "zones": form["zones"], "days_per_module": 2,
         "first_day": "2026-03-09", "start": "09:00", "end": "17:00", "expected": 20},
    )  # fmt: skip
    assert Session.objects.filter(mission=mission).count() == 3 * 2 * 2


def test_ics_export_has_one_event_per_session(owner_client, mission):
    SessionFactory(mission=mission, venue="Salle Atlas")
    SessionFactory(mission=mission)
    body = owner_client.get(reverse("missions:calendar_ics", args=[mission.pk])).content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert "DTSTART;TZID=Africa/Casablanca:20260310T090000" in body
    assert "LOCATION:Salle Atlas" in body


def test_attendance_xlsx_holds_planned_and_present(owner_client, mission):
    session = SessionFactory(mission=mission, zone=ZoneFactory(mission=mission, name="=HYPERLINK(1)"))
    person = ParticipantFactory(mission=mission, zone=session.zone, sex="female")
    ParticipantFactory(mission=mission, zone=session.zone, sex="male")
    AttendanceFactory(session=session, participant=person)
    response = owner_client.get(reverse("missions:attendance_xlsx", args=[mission.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][2:] == ("=HYPERLINK(1)", 2, 1, 1, 1, 1, 0, 1, 1)
    assert book.worksheets[0].cell(row=2, column=3).data_type == "s"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_sheet_pdf_download(owner_client, mission, lang):
    session = SessionFactory(mission=mission)
    response = owner_client.get(reverse("missions:session_sheet", args=[session.pk]) + f"?lang={lang}")
    assert (response.status_code, response["Content-Type"], response.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )


def test_erasure_blanks_identity_and_keeps_the_counts(owner_client, mission):
    session = SessionFactory(mission=mission)
    person = ParticipantFactory(
        mission=mission, zone=session.zone, name_latin="Amina Tazi", phone="+212661234567"
    )
    AttendanceFactory(session=session, participant=person)
    owner_client.post(reverse("missions:participant_erase", args=[mission.pk, person.pk]))
    person.refresh_from_db()
    assert (person.erased, person.name_latin, person.phone, person.sex) == (True, "", "", "female")
    page = owner_client.get(reverse("missions:attendance", args=[mission.pk]))
    assert page.context["sessions"][0]["present"] == 1
