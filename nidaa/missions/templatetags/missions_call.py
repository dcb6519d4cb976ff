"""The call page's "Start a mission" links, for the call's editors: one per
retained application without a mission yet (the committee's decision), or
one to name the retained applicant by hand once the call is awarded. The
call page (calls, below missions) loads this library: the seam by which a
lower app shows a higher one's link."""

from __future__ import annotations

from typing import Any

from django import template

from nidaa.applications.models import Application
from nidaa.calls.models import Call, CallStatus
from nidaa.evaluation.models import Outcome
from nidaa.scoring import Decision

register = template.Library()


@register.inclusion_tag("missions/call_link.html", takes_context=True)
def start_mission_link(context: dict[str, Any], call: Call) -> dict[str, Any]:
    """Nothing for whoever may not edit the call (``can_edit``, computed by the
    call page for the call's organisation), nor before the call is closed (a
    committee decides on a closed call); else one query."""
    if not context.get("can_edit") or call.status not in (CallStatus.CLOSED, CallStatus.AWARDED):
        return {"show": False}
    retained = list(
        Application.objects.filter(
            call=call,
            pk__in=Outcome.objects.filter(application__call=call, decision=Decision.RETAINED).values(
                "application_id"
            ),
        )
        .exclude(missions__isnull=False)
        .only("pk", "applicant_name", "firm_name", "receipt_number")
        .order_by("pk")
    )
    awarded = call.status == CallStatus.AWARDED
    return {
        "show": bool(retained) or awarded,
        "call": call,
        "retained": retained,
        "by_hand": awarded and not retained,
    }
