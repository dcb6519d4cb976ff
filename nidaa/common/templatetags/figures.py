"""Figures in running text, as each language writes them and where a
right-to-left page keeps them whole.

``{{ value|percent }}``: ``50,0 %`` in French and Arabic, ``50.0 %`` in
English (one decimal rounded half up as ``floatformat``, the active
language's separator), the sign held to
the number by a no-break space and the whole isolated left to right: in an
Arabic sentence the bidirectional algorithm would otherwise move a sign that
a space separates from its number to the other side ("% 50,0").
``{{ iso_text|iso_date }}``: a date given as ISO text (``"2026-11-16"``, as
the attendance summary carries it) as a date, for the ``date`` filter."""

from __future__ import annotations

import datetime as dt

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def percent(value: float | None) -> SafeString | str:
    if value is None or value == "":
        return "—"
    return format_html('<span dir="ltr">{}\u00a0%</span>', floatformat(value, 1))


@register.filter
def iso_date(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.date) or value is None:
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
