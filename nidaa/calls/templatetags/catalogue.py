"""``{{ call.deadline|time_left:now }}``: the translated "… left" of an open
call, to the minute."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django import template
from django.utils.timesince import timeuntil
from django.utils.translation import gettext

from nidaa.calls.page_cache import next_minute

register = template.Library()


def time_left_from(now: datetime) -> Callable[[datetime], str]:
    """``time_left`` of many deadlines at one ``now`` (a page's rows): the
    sentence and the minute counted from are looked up once."""
    sentence = gettext("%(left)s left")
    start = next_minute(now)
    return lambda deadline: sentence % {"left": timeuntil(deadline, start)}


@register.filter
def time_left(deadline: datetime, now: datetime) -> str:
    """``timeuntil``'s text in a sentence, counted from the next whole minute
    (so it never shows more time than remains, at most a minute less, and a
    cached page shows the same text for the whole minute it is keyed by)."""
    return time_left_from(now)(deadline)
