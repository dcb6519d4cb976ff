"""``{{ call.deadline|time_left:now }}``: the translated "… left" of an open
call, to the minute."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils.timesince import timeuntil
from django.utils.translation import gettext

from nidaa.calls.page_cache import next_minute

register = template.Library()


@register.filter
def time_left(deadline: datetime, now: datetime) -> str:
    """``timeuntil``'s text in a sentence, counted from the next whole minute
    (so it never shows more time than remains, at most a minute less, and a
    cached page shows the same text for the whole minute it is keyed by)."""
    return gettext("%(left)s left") % {"left": timeuntil(deadline, next_minute(now))}
