"""The awarded call's OCDS release gains its contract, the mission's
deliverables as implementation milestones; nothing about participants,
attendance or answers reaches it, ever."""

import json

import pytest
from django.utils import timezone
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from nidaa.calls.models import CallStatus
from nidaa.calls.ocds import RELEASE_PACKAGE_SCHEMA, RELEASE_SCHEMA
from nidaa.evaluation.models import Outcome, Stage
from nidaa.missions.models import DeliverableStatus, MissionStatus
from nidaa.reports.services import save_narrative
from tests.factories import EvaluationFactory, SubmittedApplicationFactory


def validator():
    release_schema = json.loads(RELEASE_SCHEMA.read_text(encoding="utf-8"))
    registry = Registry().with_resource(release_schema["id"], Resource(release_schema, specification=DRAFT4))
    return Draft4Validator(
        json.loads(RELEASE_PACKAGE_SCHEMA.read_text(encoding="utf-8")),
        registry=registry,
        format_checker=FormatChecker(),
    )


@pytest.fixture
def awarded(example, facilitator):
    mission = example["mission"]
    call = mission.call
    application = SubmittedApplicationFactory(call=call, receipt_number="R7", applicant_name="Salma Benali")
    EvaluationFactory(call=call, stage=Stage.DECIDED, decided_at=timezone.now())
    Outcome.objects.create(application=application, decision="retained", rank=1)
    call.status = CallStatus.AWARDED
    call.save(update_fields=["status"])
    mission.status = MissionStatus.RUNNING
    mission.save(update_fields=["status"])
    report = example["deliverable"]
    report.status = DeliverableStatus.ACCEPTED
    report.due_date = timezone.localdate().replace(year=2026, month=5, day=15)
    report.accepted_at = timezone.now()
    report.save()
    save_narrative(
        mission=mission,
        texts={"course_fr": "Amina Tazi a animé un atelier.", "conclusions_fr": "Bon déroulement."},
        actor=facilitator,
    )
    return example


@pytest.mark.django_db
def test_the_release_carries_the_contract_and_its_milestones(awarded, client):
    mission = awarded["mission"]
    call = mission.call
    package = client.get(f"/ocds/releases/{call.pk}.json").json()
    release = package["releases"][0]
    assert release["tag"] == ["award", "contract", "implementation"]
    contract = release["contracts"][0]
    report = awarded["deliverable"]
    assert contract == {
        "id": f"{call.pk}-contract-{mission.pk}",
        "awardID": f"{call.pk}-award-1",
        "title": "Formation des élus — Tanger et Fès",
        "status": "active",
        "period": {"startDate": "2026-03-01T00:00:00Z", "endDate": "2026-04-30T00:00:00Z"},
        "value": {"amount": 120000.0, "currency": "MAD"},
        "implementation": {
            "milestones": [
                {
                    "id": f"deliverable-{report.pk}",
                    "title": "Rapport final",
                    "type": "delivery",
                    "status": "met",
                    "dueDate": "2026-05-15T00:00:00Z",
                    "dateMet": report.accepted_at.isoformat(timespec="seconds"),
                }
            ]
        },
    }
    assert [f"{e.absolute_path}: {e.message}" for e in validator().iter_errors(package)] == []


@pytest.mark.django_db
def test_no_participant_data_ever_reaches_open_data(awarded, client):
    call = awarded["mission"].call
    every = b"".join(client.get("/ocds/releases.json").streaming_content).decode()
    assert str(call.pk) in every
    text = json.dumps(client.get(f"/ocds/releases/{call.pk}.json").json(), ensure_ascii=False) + every
    people = awarded["people"].values()
    for person in people:
        for value in (person.name_latin, person.name_arabic, person.code):
            if value:
                assert value not in text
    for word in ("Amina", "أمينة", "P0000", "attendance", "Satisfaction", "female", "Élus"):
        assert word not in text


@pytest.mark.django_db
def test_a_call_not_awarded_has_no_contract(example, client):
    call = example["mission"].call
    call.status = CallStatus.PUBLISHED
    call.save(update_fields=["status"])
    release = client.get(f"/ocds/releases/{call.pk}.json").json()["releases"][0]
    assert "contracts" not in release
    assert release["tag"] == ["tender"]
