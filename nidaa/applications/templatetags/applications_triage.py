"""The "messages waiting in the triage inbox" notice on the issuer's dashboard."""

from __future__ import annotations

from typing import Any

from django import template

from nidaa.applications.mail_selectors import waiting_counts_for

register = template.Library()


@register.inclusion_tag("applications/triage_dashboard.html", takes_context=True)
def waiting_messages(context: dict[str, Any]) -> dict[str, Any]:
    """Per organisation where the user works the triage inbox, the number of
    messages waiting (nothing shown when none waits)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"counts": waiting_counts_for(user=user) if user is not None else []}
