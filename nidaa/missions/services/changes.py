"""A correction applied field by field, so the audit names what changed."""

from __future__ import annotations

from typing import Any


def apply_changes(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set ``values`` on ``obj``; the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed
