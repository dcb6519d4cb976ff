"""The mission's personas (owner, member, facilitator, outsider, visitor) and
a mission with two zones, a module, its sessions and participants."""

import datetime as dt

import pytest

from tests.factories import ModuleFactory, ParticipantFactory, SessionFactory, ZoneFactory
from tests.missions.conftest import (  # noqa: F401 - fixtures shared with the missions tests
    applicant,
    applicant_client,
    call,
    facilitator,
    facilitator_client,
    mission,
)


@pytest.fixture
def plan(mission):  # noqa: F811 - the imported fixture
    """Module M1 in Fès (two days) and Tanger (one day); three participants in Fès, one in Tanger."""
    module = ModuleFactory(mission=mission, code="M1", title="Budget participatif")
    fes, tanger = ZoneFactory(mission=mission, name="Fès"), ZoneFactory(mission=mission, name="Tanger")
    day1 = SessionFactory(mission=mission, module=module, zone=fes, date=dt.date(2026, 3, 10), day=1)
    day2 = SessionFactory(mission=mission, module=module, zone=fes, date=dt.date(2026, 3, 11), day=2)
    tanger_day = SessionFactory(mission=mission, module=module, zone=tanger, date=dt.date(2026, 3, 12))
    people = [
        ParticipantFactory(
            mission=mission,
            zone=fes,
            code="P00001",
            name_latin="Amina El Idrissi",
            name_arabic="أمينة الإدريسي",
            name_key="el idrissi amina",
            name_ar_key="",
            phone="+212661234567",
        ),
        ParticipantFactory(
            mission=mission,
            zone=fes,
            code="P00002",
            name_latin="Youssef Benali",
            name_key="benali youssef",
            sex="male",
            phone="+212662345678",
        ),
        ParticipantFactory(
            mission=mission,
            zone=fes,
            code="P00003",
            name_latin="Khadija Ouazzani",
            name_key="khadija ouazzani",
        ),
        ParticipantFactory(
            mission=mission,
            zone=tanger,
            code="P00004",
            name_latin="Omar Tazi",
            name_key="omar tazi",
            sex="male",
        ),
    ]
    return {
        "module": module,
        "fes": fes,
        "tanger": tanger,
        "sessions": [day1, day2, tanger_day],
        "people": people,
    }
