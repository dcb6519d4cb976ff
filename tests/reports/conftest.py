"""The worked example of tests/tabulation, stored as records: a mission of
the issuer (org) facilitated by ``facilitator``, two zones, two modules,
three sessions, six participants (one a walk-in), attendance, pre/post
scores and final (satisfaction) questionnaires."""

import datetime as dt

import pytest

from nidaa.calls.models import CallStatus
from nidaa.questionnaires.models import Kind, QuestionType
from tests.conftest import client_for
from tests.factories import (
    AttendanceFactory,
    CallFactory,
    DeliverableFactory,
    MissionFactory,
    ModuleFactory,
    ParticipantCategoryFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
    ZoneFactory,
)
from tests.factories.questionnaires import (
    AnswerFactory,
    ChoiceFactory,
    QuestionFactory,
    QuestionnaireFactory,
    ResponseFactory,
)

M1, M2 = "M1 Budget participatif", "M2 Plaidoyer"
TANGER, FES = "Tanger", "Fès"


@pytest.fixture
def facilitator(db):
    return UserFactory(username="facilitator", email="trainer@example.org")


@pytest.fixture
def facilitator_client(facilitator):
    return client_for(facilitator)


@pytest.fixture
def call(org):
    return CallFactory(
        organization=org,
        status=CallStatus.CLOSED,
        title="Formation des élus au budget participatif",
        project="Programme Madaniya",
        objectives=["Renforcer les capacités des élus", "Diffuser la planification participative"],
    )


def at(day, hour):
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=dt.UTC)


@pytest.fixture
def example(call, facilitator):
    mission = MissionFactory(
        call=call,
        facilitator=facilitator,
        facilitator_email=facilitator.email,
        facilitator_name="Salma Benali",
        title="Formation des élus — Tanger et Fès",
        amount=120000,
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 4, 30),
    )
    zones = {
        TANGER: ZoneFactory(mission=mission, name=TANGER, position=1),
        FES: ZoneFactory(mission=mission, name=FES, position=2),
    }
    modules = {
        M1: ModuleFactory(mission=mission, title=M1, position=1),
        M2: ModuleFactory(mission=mission, title=M2, position=2),
    }
    sessions = {
        11: SessionFactory(mission=mission, module=modules[M1], zone=zones[TANGER], date=dt.date(2026, 3, 2)),
        12: SessionFactory(mission=mission, module=modules[M1], zone=zones[FES], date=dt.date(2026, 3, 4)),
        13: SessionFactory(mission=mission, module=modules[M2], zone=zones[TANGER], date=dt.date(2026, 3, 9)),
    }
    elus = ParticipantCategoryFactory(organization=mission.organization, name="Élus")
    staff = ParticipantCategoryFactory(organization=mission.organization, name="Staff")
    people = {
        1: ParticipantFactory(mission=mission, zone=zones[TANGER], sex="female", category=elus,
                              name_latin="Amina Tazi", name_arabic="أمينة التازي"),
        2: ParticipantFactory(mission=mission, zone=zones[TANGER], sex="male", category=elus,
                              name_latin="Omar Idrissi"),
        3: ParticipantFactory(mission=mission, zone=zones[TANGER], sex="female", category=staff,
                              name_latin="Nadia Alaoui"),
        4: ParticipantFactory(mission=mission, zone=zones[FES], sex="male", category=None,
                              name_latin="Karim Fassi"),
        5: ParticipantFactory(mission=mission, zone=zones[FES], sex="female", category=staff,
                              name_latin="Hind Berrada"),
        6: ParticipantFactory(mission=mission, zone=zones[FES], sex="male", category=staff,
                              name_latin="Yassine Walk", walk_in=True),
    }  # fmt: skip
    for session, person in [(11, 1), (11, 2), (11, 3), (12, 4), (12, 5), (12, 6), (13, 1), (13, 3)]:
        AttendanceFactory(session=sessions[session], participant=people[person], walk_in=person == 6)
    forms = {
        (kind, module): QuestionnaireFactory(
            mission=mission, kind=kind, module=modules[module], title=f"{kind} {module}"
        )
        for kind in (Kind.PRE, Kind.POST)
        for module in (M1, M2)
    }
    scores = [
        (Kind.PRE, M1, 1, 11, 40.0), (Kind.POST, M1, 1, 11, 80.0),
        (Kind.PRE, M1, 2, 11, 50.0), (Kind.POST, M1, 2, 11, 50.0),
        (Kind.PRE, M1, 3, 11, 60.0),
        (Kind.PRE, M1, 4, 12, 20.0), (Kind.POST, M1, 4, 12, 70.0),
        (Kind.POST, M1, 5, 12, 90.0),
        (Kind.PRE, M1, 6, 12, 30.0), (Kind.POST, M1, 6, 12, 35.0),
        (Kind.PRE, M2, 1, 13, 25.0), (Kind.POST, M2, 1, 13, 75.0),
        (Kind.PRE, M2, 3, 13, 50.0), (Kind.POST, M2, 3, 13, 40.0),
    ]  # fmt: skip
    for kind, module, person, session, score in scores:
        ResponseFactory(
            questionnaire=forms[(kind, module)],
            participant=people[person],
            session=sessions[session],
            score=score,
            submitted_at=at(session - 9, 10 if kind == Kind.PRE else 16),
        )
    # Final questionnaires: one rating question, five points (1..5): 4 → 80 %, 3 → 60 %, 5 → 100 %, 2 → 40 %.
    finals = {
        M1: QuestionnaireFactory(mission=mission, kind=Kind.FINAL, module=modules[M1], title="Satisfaction M1"),
        M2: QuestionnaireFactory(mission=mission, kind=Kind.FINAL, module=modules[M2], title="Satisfaction M2"),
        None: QuestionnaireFactory(mission=mission, kind=Kind.FINAL, module=None, title="Satisfaction"),
    }  # fmt: skip
    questions = {}
    for key, form in finals.items():
        for point in range(1, 6):
            ChoiceFactory(questionnaire=form, list_name="scale", name=str(point), position=point,
                          label={"fr": f"{point} sur 5", "ar": f"{point} من 5"})  # fmt: skip
        questions[key] = QuestionFactory(
            questionnaire=form, name="overall", type=QuestionType.SELECT_ONE, list_name="scale", likert=True,
            label={"fr": "Satisfaction générale", "ar": "الرضا العام"},
        )  # fmt: skip
    for module, person, session, value in [
        (M1, 1, 11, "4"),
        (M1, 4, 12, "3"),
        (M2, 3, 13, "5"),
        (None, 2, None, "2"),
    ]:
        response = ResponseFactory(
            questionnaire=finals[module],
            participant=people[person],
            session=sessions[session] if session else None,
            submitted_at=at(20, 12),
        )
        AnswerFactory(response=response, question=questions[module], value=value)
    report_deliverable = DeliverableFactory(mission=mission, title="Rapport final", position=2)
    return {
        "mission": mission,
        "sessions": sessions,
        "people": people,
        "zones": zones,
        "modules": modules,
        "deliverable": report_deliverable,
    }
