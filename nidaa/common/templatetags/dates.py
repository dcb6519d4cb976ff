"""``{{ value|with_seconds }}``: a date and time to the second in the active
language (``nidaa.common.dates``), in the current time zone as the ``date``
filter shows it ({% timezone %} included)."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # public since Django 1.x, absent from the stubs

from nidaa.common import dates

register = template.Library()


@register.filter
def with_seconds(value: datetime | None) -> str:
    if value is None:
        return ""
    return dates.with_seconds(template_localtime(value))
