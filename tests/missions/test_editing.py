"""Sessions and participants corrected on the web by the issuer's members and
the facilitator (audited); a session's module and zone, and a participant's
zone, stay once attendance is recorded; everyone else gets a 404."""

from datetime import date, time

import pytest
from django.urls import reverse

from nidaa.accounts.models import Role
from nidaa.common.models import AuditEntry
from nidaa.missions.models import Attendance, Participant, Session
from nidaa.sheets.text import name_key
from tests.conftest import client_for
from tests.factories import (
    AttendanceFactory,
    MembershipFactory,
    ModuleFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
    ZoneFactory,
)


def session_post(session, **changes):
    data = {
        "module": session.module_id, "zone": session.zone_id, "day": session.day, "date": "2026-04-02",
        "start": "09:30", "end": "16:00", "venue": "Maison des jeunes", "expected": 25,
    }  # fmt: skip
    data.update(changes)
    return data


def participant_post(participant, **changes):
    data = {
        "name_latin": "Amina El Idrissi", "name_arabic": "أمينة الإدريسي", "sex": "female", "category": "Élue",
        "organization_name": "Commune de Sefrou", "commune": "Sefrou", "zone": participant.zone_id,
        "phone": "06 61 23 45 67", "email": "amina@example.org", "consent": "on",
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture
def people(owner, member, facilitator, outsider, applicant, org):
    evaluator = MembershipFactory(
        user=UserFactory(username="jury"), organization=org, role=Role.EVALUATOR
    ).user
    return {
        "owner": owner, "member": member, "facilitator": facilitator, "evaluator": evaluator,
        "outsider": outsider, "applicant": applicant, "anonymous": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 302), ("member", 302), ("facilitator", 302), ("evaluator", 404), ("outsider", 404),
     ("applicant", 404), ("anonymous", 302)],
)  # fmt: skip
def test_a_session_is_edited_by_the_issuers_members_and_the_facilitator_only(
    persona, expected, mission, people
):
    session = SessionFactory(mission=mission)
    response = client_for(people[persona]).post(
        reverse("missions:session_edit", args=[session.pk]), session_post(session)
    )
    assert response.status_code == expected
    session.refresh_from_db()
    edited = persona in ("owner", "member", "facilitator")
    assert (session.date, session.venue, session.expected) == (
        (date(2026, 4, 2), "Maison des jeunes", 25) if edited else (date(2026, 3, 10), "", 20)
    )
    if edited:
        assert response["Location"] == reverse("missions:plan", args=[mission.pk])
        entry = AuditEntry.objects.get(action="update_session")
        assert (entry.actor, entry.data) == (
            people[persona],
            {"session": session.pk, "fields": ["date", "start_time", "end_time", "venue", "expected"]},
        )
    else:
        assert AuditEntry.objects.filter(action="update_session").count() == 0
    if persona == "anonymous":
        assert response["Location"].startswith("/fr/accounts/login/")


def test_a_sessions_zone_and_module_move_until_attendance_is_recorded(owner_client, mission):
    session = SessionFactory(mission=mission)
    module_id = session.module_id
    other_zone, other_module = ZoneFactory(mission=mission), ModuleFactory(mission=mission)
    url = reverse("missions:session_edit", args=[session.pk])
    owner_client.post(url, session_post(session, zone=other_zone.pk))
    session.refresh_from_db()
    assert session.zone_id == other_zone.pk
    AttendanceFactory(session=session, participant=ParticipantFactory(mission=mission, zone=other_zone))
    response = owner_client.post(url, session_post(session, module=other_module.pk, venue="Ailleurs"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Cette séance a des présences enregistrées : son module et sa zone ne changent plus. "
        "Ajoutez plutôt une nouvelle séance."
    ]
    session.refresh_from_db()
    assert (session.module_id, session.venue) == (module_id, "Maison des jeunes")
    # Its date and times still move: a workshop is postponed.
    owner_client.post(url, session_post(session, date="2026-05-04"))
    session.refresh_from_db()
    assert session.date == date(2026, 5, 4)


def test_a_module_or_zone_of_another_mission_is_refused(owner_client, mission):
    session = SessionFactory(mission=mission)
    foreign = ZoneFactory()
    response = owner_client.post(
        reverse("missions:session_edit", args=[session.pk]), session_post(session, zone=foreign.pk)
    )
    assert response.status_code == 200
    assert Session.objects.get(pk=session.pk).zone_id == session.zone_id


def test_a_session_that_ends_before_it_starts_is_refused(owner_client, mission):
    session = SessionFactory(mission=mission)
    response = owner_client.post(
        reverse("missions:session_edit", args=[session.pk]), session_post(session, start="15:00", end="10:00")
    )
    assert response.context["form"].non_field_errors() == ["La séance finit avant de commencer."]
    assert Session.objects.get(pk=session.pk).start_time == time(9)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 302), ("member", 302), ("facilitator", 302), ("evaluator", 404), ("outsider", 404),
     ("applicant", 404), ("anonymous", 302)],
)  # fmt: skip
def test_a_participant_is_corrected_by_the_issuers_members_and_the_facilitator_only(
    persona, expected, mission, people
):
    person = ParticipantFactory(mission=mission, name_latin="amina idrisi", sex="male")
    response = client_for(people[persona]).post(
        reverse("missions:participant_edit", args=[mission.pk, person.pk]), participant_post(person)
    )
    assert response.status_code == expected
    person.refresh_from_db()
    edited = persona in ("owner", "member", "facilitator")
    assert (person.name_latin, person.sex, person.phone) == (
        ("Amina El Idrissi", "female", "+212661234567") if edited else ("amina idrisi", "male", person.phone)
    )
    assert AuditEntry.objects.filter(action="update_participant").count() == int(edited)


def test_a_correction_keeps_the_keys_and_the_counts_true(owner_client, owner, mission):
    session = SessionFactory(mission=mission)
    person = ParticipantFactory(mission=mission, zone=session.zone, name_latin="amina idrisi", sex="male")
    AttendanceFactory(session=session, participant=person)
    owner_client.post(
        reverse("missions:participant_edit", args=[mission.pk, person.pk]), participant_post(person)
    )
    person.refresh_from_db()
    assert (person.name_key, person.name_ar_key) == ("amina el idrissi", name_key("أمينة الإدريسي"))
    attendance = Attendance.objects.get(participant=person)
    assert (attendance.sex, attendance.category.name) == ("female", "Élue")
    entry = AuditEntry.objects.get(action="update_participant")
    # Which fields changed, never their values: the audit trail holds no personal data.
    assert (entry.actor, entry.data["participant"], "Amina" in str(entry.data)) == (owner, person.code, False)


def test_a_participants_zone_stays_once_attendance_is_recorded(facilitator_client, mission):
    session = SessionFactory(mission=mission)
    person = ParticipantFactory(mission=mission, zone=session.zone)
    AttendanceFactory(session=session, participant=person)
    other = ZoneFactory(mission=mission)
    response = facilitator_client.post(
        reverse("missions:participant_edit", args=[mission.pk, person.pk]),
        participant_post(person, zone=other.pk),
    )
    assert response.context["form"].non_field_errors() == [
        "Ce participant ou cette participante a des présences enregistrées : sa zone ne change plus."
    ]
    assert Participant.objects.get(pk=person.pk).zone_id == session.zone_id


def test_a_phone_already_in_the_mission_is_refused(owner_client, mission):
    ParticipantFactory(mission=mission, phone="+212661234567")
    person = ParticipantFactory(mission=mission, phone="")
    response = owner_client.post(
        reverse("missions:participant_edit", args=[mission.pk, person.pk]), participant_post(person)
    )
    assert response.context["form"].non_field_errors() == [
        "Une autre personne de la mission a ce numéro de téléphone."
    ]
    assert Participant.objects.get(pk=person.pk).phone == ""


def test_an_erased_participant_cannot_be_edited(owner_client, mission):
    person = ParticipantFactory(mission=mission, erased=True, name_latin="")
    url = reverse("missions:participant_edit", args=[mission.pk, person.pk])
    assert owner_client.get(url).status_code == 404
    assert owner_client.post(url, participant_post(person)).status_code == 404


def test_a_session_without_attendance_is_deleted_and_one_with_attendance_stays(owner_client, mission):
    empty, attended = SessionFactory(mission=mission), SessionFactory(mission=mission)
    AttendanceFactory(session=attended)
    url = reverse("missions:plan", args=[mission.pk])
    for session in (empty, attended):
        owner_client.post(url, {"action": "delete", "session": session.pk})
    assert list(Session.objects.filter(mission=mission).values_list("pk", flat=True)) == [attended.pk]
