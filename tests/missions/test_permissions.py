"""Every mission page and download, for every persona: the issuer's owner and
member and the facilitator get it; an evaluator of the issuer, an outsider
and another applicant get a 404 (as for a missing mission); a visitor is sent
to sign in."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape

from nidaa.accounts.models import Role
from nidaa.missions.models import AttendanceScan, DeliverableFile
from tests.conftest import client_for
from tests.factories import (
    DeliverableFactory,
    MembershipFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def objects(mission):
    session = SessionFactory(mission=mission)
    participant = ParticipantFactory(mission=mission, zone=session.zone, name_latin="Amina Secrète")
    deliverable = DeliverableFactory(mission=mission)
    stored = DeliverableFile(
        deliverable=deliverable,
        version=1,
        original_name="rapport.pdf",
        size=len(PDF),
        sha256="a" * 64,
        content_type="pdf",
    )
    stored.file.save("deliverables/aa/" + "a" * 64, ContentFile(PDF), save=False)
    stored.save()
    scan = AttendanceScan(
        session=session, original_name="scan.pdf", size=len(PDF), sha256="b" * 64, content_type="pdf"
    )
    scan.file.save("attendance/bb/" + "b" * 64, ContentFile(PDF), save=False)
    scan.save()
    return {
        "session": session,
        "participant": participant,
        "deliverable": deliverable,
        "file": stored,
        "scan": scan,
    }


def pages(mission, o):
    m = mission.pk
    return [
        reverse("missions:detail", args=[m]),
        reverse("missions:deliverable", args=[m, o["deliverable"].pk]),
        reverse("missions:deliverable_file", args=[m, o["file"].pk]),
        reverse("missions:plan", args=[m]),
        reverse("missions:calendar", args=[m]),
        reverse("missions:calendar_ics", args=[m]),
        reverse("missions:participants", args=[m]),
        reverse("missions:attendance", args=[m]),
        reverse("missions:attendance_xlsx", args=[m]),
        reverse("missions:session", args=[o["session"].pk]),
        reverse("missions:session_sheet", args=[o["session"].pk]),
        reverse("missions:scan", args=[o["scan"].pk]),
        reverse("missions:session_edit", args=[o["session"].pk]),
        reverse("missions:participant_edit", args=[m, o["participant"].pk]),
    ]


@pytest.fixture
def people(owner, member, facilitator, outsider, applicant, org):
    evaluator = MembershipFactory(
        user=UserFactory(username="committee"), organization=org, role=Role.EVALUATOR
    ).user
    return {
        "owner": owner,
        "member": member,
        "facilitator": facilitator,
        "evaluator": evaluator,
        "outsider": outsider,
        "applicant": applicant,
        "anonymous": None,
    }


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("owner", 200),
        ("member", 200),
        ("facilitator", 200),
        ("evaluator", 404),
        ("outsider", 404),
        ("applicant", 404),
        ("anonymous", 302),
    ],
)
def test_every_page_and_download_by_persona(persona, expected, mission, objects, people):
    client = client_for(people[persona])
    statuses = {url: client.get(url).status_code for url in pages(mission, objects)}
    assert statuses == dict.fromkeys(statuses, expected)


@pytest.mark.parametrize(
    ("persona", "expected"), [("owner", 200), ("facilitator", 200), ("outsider", 200), ("anonymous", 302)]
)
def test_mission_list_shows_only_reachable_missions(persona, expected, mission, people):
    response = client_for(people[persona]).get(reverse("missions:list"))
    assert response.status_code == expected
    if expected == 200:
        assert (escape(mission.title) in response.content.decode()) is (persona in ("owner", "facilitator"))


def test_participants_names_never_reach_public_pages_feeds_or_api(client, mission, objects):
    from nidaa.calls.models import CallStatus

    mission.call.status = CallStatus.PUBLISHED
    mission.call.save(update_fields=["status"])
    for url in (
        reverse("calls:detail", args=[mission.call.pk]),
        "/api/calls",
        f"/api/calls/{mission.call.pk}",
        reverse("home"),
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert "Amina Secrète" not in response.content.decode(), url


@pytest.mark.parametrize("persona", ["facilitator", "outsider", "anonymous"])
def test_issuer_only_actions_are_refused_to_others(persona, mission, objects, people):
    client = client_for(people[persona])
    participant = objects["participant"]
    responses = [
        client.post(reverse("missions:participant_erase", args=[mission.pk, participant.pk])),
        client.post(reverse("missions:terms", args=[mission.pk]), {"amount": "1"}),
        client.post(reverse("missions:instalment_add", args=[mission.pk]), {"label": "x", "amount": "1"}),
    ]
    assert [r.status_code for r in responses] == [302 if persona == "anonymous" else 404] * 3
    participant.refresh_from_db()
    assert (participant.erased, participant.name_latin) == (False, "Amina Secrète")
