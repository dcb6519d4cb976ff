"""The "Follow this call" button on a call's page: the calls app shows it
without importing alerts (which sits above calls)."""

from __future__ import annotations

from typing import Any

from django import template

from nidaa.accounts.models import User
from nidaa.alerts.models import FollowedCall
from nidaa.calls.models import Call

register = template.Library()


@register.inclusion_tag("alerts/follow_button.html", takes_context=True)
def follow_button(context: dict[str, Any], call: Call, is_open: bool) -> dict[str, Any]:
    """One query, for a signed-in reader outside the issuing organisation (the
    page shows it only to them: its members get the status actions)."""
    user = getattr(context.get("request"), "user", None)
    following = isinstance(user, User) and FollowedCall.objects.filter(user=user, call=call).exists()
    return {"call": call, "is_open": is_open, "following": following, "csrf_token": context.get("csrf_token")}
