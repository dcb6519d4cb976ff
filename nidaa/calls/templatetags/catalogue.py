"""``{{ call.deadline|time_left:now }}``: the translated "… left" of an open
call, to the minute."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from django import template
from django.utils.timesince import TIME_STRINGS, timeuntil
from django.utils.translation import gettext

from nidaa.calls.page_cache import next_minute

register = template.Library()


class _UnitTexts:
    """One of ``timesince``'s units ("%(num)d minutes", translated with the
    count's plural) whose text for a count is made once: the rows of a page
    share counts ("23 hours", "1 day"), and each plural lookup costs more than
    the rest of ``timeuntil``. Lives as long as one ``time_left_from``."""

    __slots__ = ("made", "unit")

    def __init__(self, unit: Any) -> None:
        self.unit = unit
        self.made: dict[Any, str] = {}

    def __mod__(self, params: dict[str, Any]) -> str:
        count = params["num"]
        text = self.made.get(count)
        if text is None:
            text = self.made[count] = str(self.unit % params)
        return text


def time_left_from(now: datetime) -> Callable[[datetime], str]:
    """``time_left`` of many deadlines at one ``now`` (a page's rows): the
    sentence, the minute counted from and each unit's text per count are
    looked up once."""
    sentence = gettext("%(left)s left")
    start = next_minute(now)
    # timesince only applies ``%`` to its time strings, as _UnitTexts does.
    units = cast("dict[str, str]", {name: _UnitTexts(unit) for name, unit in TIME_STRINGS.items()})
    return lambda deadline: sentence % {"left": timeuntil(deadline, start, time_strings=units)}


@register.filter
def time_left(deadline: datetime, now: datetime) -> str:
    """``timeuntil``'s text in a sentence, counted from the next whole minute
    (so it never shows more time than remains, at most a minute less, and a
    cached page shows the same text for the whole minute it is keyed by)."""
    return time_left_from(now)(deadline)
