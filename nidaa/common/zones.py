"""Time zones as people say them: "Morocco time", not "Africa/Casablanca"."""

from __future__ import annotations

from django.utils.translation import gettext as _

DEFAULT_ZONE = "Africa/Casablanca"


def zone_label(name: str) -> str:
    """The zone's name in the active language: Morocco's (almost every call's)
    said as "Morocco time"; any other keeps its IANA name, which is
    unambiguous (Europe/Paris)."""
    if name == DEFAULT_ZONE:
        return _("Morocco time")
    return name
