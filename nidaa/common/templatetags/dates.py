"""Dates with their time, as the active language writes them.

``{{ value|date:"DATETIME_FORMAT" }}`` gives the minute; receipts and the
audit trail need the second, which Django's named formats do not have. The
Arabic comma separates date and time in Arabic (nidaa/formats/ar)."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils.formats import date_format, get_format
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # public since Django 1.x, absent from the stubs

register = template.Library()


@register.filter
def with_seconds(value: datetime | None) -> str:
    """The date and time to the second, in the active language's format."""
    if value is None:
        return ""
    # In the current time zone, as the date filter shows it ({% timezone %} included).
    return date_format(template_localtime(value), str(get_format("DATETIME_FORMAT")) + ":s")
