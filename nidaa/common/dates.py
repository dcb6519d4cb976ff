"""Dates as the active language writes them: with their time to the second,
and a date format read as its day part and its time-of-day part.

Django's named formats stop at the minute (``DATETIME_FORMAT``); receipts
and the audit trail need the second. nidaa/formats gives each language its
``DATETIME_FORMAT`` (the Arabic comma in Arabic); this adds the seconds."""

from __future__ import annotations

import re
from datetime import datetime

from django.utils.formats import date_format, get_format


def with_seconds(value: datetime) -> str:
    """``value`` (already in the time zone to show) to the second."""
    return date_format(value, str(get_format("DATETIME_FORMAT")) + ":s")


# Django's format characters (django.utils.dateformat) that read only a day, and
# those that read only a time of day (not its zone: e, O, T, Z, I, c, r, U are neither).
_DAY_CHARACTERS = frozenset("bdDEFjlLmMnNoStwWyYz")
_TIME_CHARACTERS = frozenset("aAfgGhHisuP")
_FORMAT_CHARACTER = re.compile(r"([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")


def day_and_time_layouts(layout: str) -> tuple[str, str] | None:
    """``layout`` as a day part then a time-of-day part ("j F Y, " and "H:i"
    of "j F Y, H:i"), whose texts joined are the layout's text of a datetime;
    ``None`` when it does not read so (a zone, a day after the time, an escape)."""
    if "\\" in layout:
        return None
    pieces = _FORMAT_CHARACTER.split(layout)
    characters = pieces[1::2]
    split = next((i for i, c in enumerate(characters) if c in _TIME_CHARACTERS), len(characters))
    if not all(c in _DAY_CHARACTERS for c in characters[:split]) or not all(
        c in _TIME_CHARACTERS for c in characters[split:]
    ):
        return None
    cut = 2 * split + 1  # the index of the first time character in ``pieces``
    return "".join(pieces[:cut]), "".join(pieces[cut:])
