from nidaa.accounts.services import mark_email_verified
from nidaa.calls.models import CallStatus
from nidaa.missions.demo import load_demo_mission
from nidaa.missions.models import Attendance, Deliverable, Mission, Participant, Session
from tests.factories import CallFactory, UserFactory


def test_demo_mission_has_its_plan_participants_attendance_and_deliverables(org, owner):
    mark_email_verified(user=UserFactory(username="amina", email="amina@example.org"))
    CallFactory(organization=org, status=CallStatus.CLOSED)
    mission_id = load_demo_mission(organization=org, admin=owner)
    mission = Mission.objects.get(pk=mission_id)
    assert mission.status == "running"
    assert mission.facilitator.username == "amina"
    assert Session.objects.filter(mission=mission).count() == 3 * 2 * 2
    assert Participant.objects.filter(mission=mission, walk_in=False).count() == 60
    assert Participant.objects.filter(mission=mission, walk_in=True).count() == 4
    assert Participant.objects.filter(mission=mission).exclude(name_arabic="").count() > 40
    assert Attendance.objects.filter(session__mission=mission, present=False).count() > 0
    assert Attendance.objects.filter(session__mission=mission, morning=True, afternoon=False).count() > 0
    assert sorted(Deliverable.objects.filter(mission=mission).values_list("status", flat=True)) == [
        "accepted",
        "accepted",
        "changes_requested",
        "planned",
    ]
    assert load_demo_mission(organization=org, admin=owner) == 0
