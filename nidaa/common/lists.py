"""A list written in the active language."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation


def joined(values: Iterable[str]) -> str:
    """``values`` separated as the active language writes a list: "a, b", and
    "a، b" (the Arabic comma) in Arabic."""
    separator = "، " if (translation.get_language() or "").startswith("ar") else ", "
    return separator.join(values)
