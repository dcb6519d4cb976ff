"""The mission's and the deliverables' workflows, as data.

Two roles act on a mission: ``issuer`` (an admin or editor of the call's
organisation) and ``facilitator`` (the mission's retained applicant).
"""

from nidaa.common.workflow import Transition, Workflow
from nidaa.missions.models import DeliverableStatus, MissionStatus

ISSUER = "issuer"
FACILITATOR = "facilitator"
BOTH = frozenset({ISSUER, FACILITATOR})
ISSUER_ONLY = frozenset({ISSUER})
FACILITATOR_ONLY = frozenset({FACILITATOR})

MISSION_WORKFLOW = Workflow(
    [
        Transition(MissionStatus.PLANNED, MissionStatus.RUNNING, "start", BOTH),
        Transition(MissionStatus.RUNNING, MissionStatus.DELIVERED, "deliver", BOTH),
        Transition(MissionStatus.DELIVERED, MissionStatus.RUNNING, "reopen", ISSUER_ONLY),
        Transition(MissionStatus.DELIVERED, MissionStatus.CLOSED, "close", ISSUER_ONLY),
        Transition(MissionStatus.PLANNED, MissionStatus.CANCELLED, "cancel", ISSUER_ONLY),
        Transition(MissionStatus.RUNNING, MissionStatus.CANCELLED, "cancel", ISSUER_ONLY),
    ]
)

DELIVERABLE_WORKFLOW = Workflow(
    [
        Transition(DeliverableStatus.PLANNED, DeliverableStatus.SUBMITTED, "submit", FACILITATOR_ONLY),
        Transition(
            DeliverableStatus.CHANGES_REQUESTED, DeliverableStatus.SUBMITTED, "submit", FACILITATOR_ONLY
        ),
        Transition(
            DeliverableStatus.SUBMITTED, DeliverableStatus.CHANGES_REQUESTED, "request_changes", ISSUER_ONLY
        ),
        Transition(DeliverableStatus.SUBMITTED, DeliverableStatus.ACCEPTED, "accept", ISSUER_ONLY),
    ]
)
