"""The e-mail box on the issuer's dashboard: messages waiting in the triage inbox."""

from __future__ import annotations

from typing import Any

from django import template

from nidaa.inbox.selectors import MAILBOX_ROLES, triage_memberships_for

register = template.Library()


@register.inclusion_tag("applications/triage_dashboard.html", takes_context=True)
def waiting_messages(context: dict[str, Any]) -> dict[str, Any]:
    """Links to the triage inbox and the mailboxes for those who use them,
    with the number of messages waiting per organisation."""
    request = context.get("request")
    memberships = triage_memberships_for(getattr(request, "user", None))
    return {
        "can_triage": bool(memberships),
        "counts": [(m.organization, m.waiting) for m in memberships if m.waiting],
        "can_manage_mailboxes": any(m.role in MAILBOX_ROLES for m in memberships),
    }
