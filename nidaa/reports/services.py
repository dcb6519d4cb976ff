"""Writes of the reports app: the narrative, the action plan, and the report
handed in as the mission's final deliverable (the issuer then accepts it
through the deliverable's own review)."""

from __future__ import annotations

import io
from datetime import date

from django.db import transaction
from django.db.models import Max

from nidaa.accounts.models import User
from nidaa.common.workflow import Transition, Workflow, apply_transition, write_audit
from nidaa.missions.models import Deliverable, DeliverableFile, Mission
from nidaa.missions.services.deliverables import submit_deliverable_file
from nidaa.missions.workflow import BOTH, ISSUER_ONLY
from nidaa.reports.models import Action, ActionStatus, Narrative
from nidaa.reports.tasks import queue_reports

NARRATIVE_FIELDS = (
    "course_fr",
    "course_ar",
    "conclusions_fr",
    "conclusions_ar",
    "recommendations_fr",
    "recommendations_ar",
)

ACTION_WORKFLOW = Workflow(
    [
        Transition(ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, "start", BOTH),
        Transition(ActionStatus.PLANNED, ActionStatus.DONE, "complete", BOTH),
        Transition(ActionStatus.IN_PROGRESS, ActionStatus.DONE, "complete", BOTH),
        Transition(ActionStatus.PLANNED, ActionStatus.CANCELLED, "cancel", ISSUER_ONLY),
        Transition(ActionStatus.IN_PROGRESS, ActionStatus.CANCELLED, "cancel", ISSUER_ONLY),
        Transition(ActionStatus.DONE, ActionStatus.IN_PROGRESS, "reopen", BOTH),
    ]
)


@transaction.atomic
def save_narrative(*, mission: Mission, texts: dict[str, str], actor: User | None) -> Narrative:
    """Write the narrative's parts given in ``texts`` (the others are kept)."""
    narrative, _created = Narrative.objects.select_for_update().get_or_create(mission=mission)
    changed = [name for name in NARRATIVE_FIELDS if name in texts and getattr(narrative, name) != texts[name]]
    for name in changed:
        setattr(narrative, name, texts[name].strip())
    narrative.updated_by = actor
    narrative.save(update_fields=[*changed, "updated_by", "updated_at"])
    write_audit(obj=narrative, actor=actor, action="update", data={"fields": changed})
    queue_reports(mission.pk)
    return narrative


@transaction.atomic
def add_action(
    *,
    mission: Mission,
    title: str,
    owner: str,
    due_date: date,
    actor: User | None,
    owner_email: str = "",
    owner_language: str = "fr",
) -> Action:
    position = (Action.objects.filter(mission=mission).aggregate(n=Max("position"))["n"] or 0) + 1
    action = Action.objects.create(
        mission=mission,
        position=position,
        title=title.strip(),
        owner=owner.strip(),
        owner_email=owner_email.strip(),
        owner_language=owner_language,
        due_date=due_date,
    )
    write_audit(obj=action, actor=actor, action="create")
    queue_reports(mission.pk)
    return action


@transaction.atomic
def reschedule_action(*, action: Action, due_date: date, actor: User | None) -> Action:
    """A new due date: the reminders start again from it."""
    action.due_date = due_date
    action.reminded = ""
    action.save(update_fields=["due_date", "reminded"])
    write_audit(obj=action, actor=actor, action="reschedule", data={"due_date": due_date.isoformat()})
    queue_reports(action.mission_id)
    return action


@transaction.atomic
def change_action_status(*, action: Action, target: str, actor: User | None, role: str) -> Action:
    action = Action.objects.select_for_update().get(pk=action.pk)
    apply_transition(
        workflow=ACTION_WORKFLOW, obj=action, field="status", target=target, actor=actor, role=role
    )
    queue_reports(action.mission_id)
    return action


def submit_report(
    *, deliverable: Deliverable, language: str, content: bytes, actor: User | None, role: str
) -> DeliverableFile:
    """Hand the generated report PDF in as a version of ``deliverable`` (the
    facilitator's act; the issuer accepts it as for any deliverable)."""
    name = f"rapport-final-{deliverable.mission_id}-{language}.pdf"
    return submit_deliverable_file(
        deliverable=deliverable, upload=io.BytesIO(content), original_name=name, actor=actor, role=role
    )
