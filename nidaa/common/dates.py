"""Dates with their time to the second, as the active language writes them.

Django's named formats stop at the minute (``DATETIME_FORMAT``); receipts
and the audit trail need the second. nidaa/formats gives each language its
``DATETIME_FORMAT`` (the Arabic comma in Arabic); this adds the seconds."""

from __future__ import annotations

from datetime import datetime

from django.utils.formats import date_format, get_format


def with_seconds(value: datetime) -> str:
    """``value`` (already in the time zone to show) to the second."""
    return date_format(value, str(get_format("DATETIME_FORMAT")) + ":s")
