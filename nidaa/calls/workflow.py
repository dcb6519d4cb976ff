"""The call's status workflow, as data: who may move a call from which status to which."""

from nidaa.accounts.models import Role
from nidaa.calls.models import CallStatus
from nidaa.common.workflow import Transition, Workflow

EDITORS = frozenset({Role.ADMIN, Role.EDITOR})

CALL_WORKFLOW = Workflow(
    [
        Transition(CallStatus.DRAFT, CallStatus.PUBLISHED, "publish", EDITORS),
        Transition(CallStatus.DRAFT, CallStatus.CANCELLED, "cancel", EDITORS),
        Transition(CallStatus.PUBLISHED, CallStatus.CLOSED, "close", EDITORS),
        Transition(CallStatus.PUBLISHED, CallStatus.CANCELLED, "cancel", EDITORS),
        Transition(CallStatus.CLOSED, CallStatus.AWARDED, "award", EDITORS),
        Transition(CallStatus.CLOSED, CallStatus.CANCELLED, "cancel", EDITORS),
    ]
)
