"""The "Applications (N)" link on a call's page, for those who may open them."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, Q

from nidaa.applications.access import calls_with_applications_for
from nidaa.applications.models import ApplicationStatus
from nidaa.calls.models import Call

register = template.Library()


@register.inclusion_tag("applications/issuer_call_link.html", takes_context=True)
def applications_link(context: dict[str, Any], call: Call) -> dict[str, Any]:
    """One query: no row for a user who may not see the call's applications
    (the link is not shown), else the number of submitted applications."""
    request = context.get("request")
    user = getattr(request, "user", None)
    count = (
        calls_with_applications_for(user)
        .filter(pk=call.pk)
        .annotate(n=Count("applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED)))
        .values_list("n", flat=True)
        .first()
    )
    # The committee is managed by the call's editors (``can_edit`` on the call page).
    return {"call": call, "count": count, "can_manage": bool(context.get("can_edit"))}
