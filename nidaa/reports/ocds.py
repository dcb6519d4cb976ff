"""The call's OCDS release gains its contracts: one per mission, with the
mission's deliverables as implementation milestones. Only the contract's
own facts (title, period, value, deliverables and their dates): nothing
about participants, attendance or answers ever reaches open data."""

from __future__ import annotations

from typing import Any

from nidaa.calls.models import Call
from nidaa.missions.models import Deliverable, DeliverableStatus, Mission, MissionStatus

# Mission status -> contract status (OCDS 1.1 closed codelist contractStatus).
CONTRACT_STATUS: dict[str, str] = {
    MissionStatus.PLANNED: "pending",
    MissionStatus.RUNNING: "active",
    MissionStatus.DELIVERED: "active",
    MissionStatus.CLOSED: "terminated",
    MissionStatus.CANCELLED: "cancelled",
}


def _milestone(deliverable: Deliverable) -> dict[str, Any]:
    milestone: dict[str, Any] = {
        "id": f"deliverable-{deliverable.pk}",
        "title": deliverable.title,
        "type": "delivery",
        "status": "met" if deliverable.status == DeliverableStatus.ACCEPTED else "scheduled",
    }
    if deliverable.due_date:
        milestone["dueDate"] = f"{deliverable.due_date.isoformat()}T00:00:00Z"
    if deliverable.accepted_at:
        milestone["dateMet"] = deliverable.accepted_at.isoformat(timespec="seconds")
    return milestone


def contracts_for(call: Call, awards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The contracts of the call's missions, tied to the release's first award."""
    missions = list(Mission.objects.filter(call=call).order_by("pk").prefetch_related("deliverables"))
    contracts = []
    for mission in missions:
        contract: dict[str, Any] = {
            "id": f"{call.pk}-contract-{mission.pk}",
            "awardID": awards[0]["id"],
            "title": mission.title,
            "status": CONTRACT_STATUS.get(mission.status, "pending"),
            "implementation": {
                "milestones": [_milestone(d) for d in mission.deliverables.all()],
            },
        }
        period = {}
        if mission.start_date:
            period["startDate"] = f"{mission.start_date.isoformat()}T00:00:00Z"
        if mission.end_date:
            period["endDate"] = f"{mission.end_date.isoformat()}T00:00:00Z"
        if period:
            contract["period"] = period
        if mission.amount is not None:
            contract["value"] = {"amount": float(mission.amount), "currency": mission.currency}
        contracts.append(contract)
    return contracts
