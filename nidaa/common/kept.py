"""Documents printed once and kept in the storage under a version of what
they print (the evaluation's minutes, a mission's final report): the name
carries the version, so a change to the records makes a new name."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def keep(name: str, make: Callable[[], bytes], *, replaces: str) -> bytes | None:
    """``None`` when ``name`` is already kept; else print it with ``make``,
    delete the older files of its folder whose names end with ``replaces``
    (the same language and format under an older version), keep it and
    return its bytes."""
    if default_storage.exists(name):
        return None
    data = make()
    folder, own = name.rsplit("/", 1)
    try:
        stale = [other for other in default_storage.listdir(folder)[1] if other != own]
    except FileNotFoundError:
        stale = []
    for other in stale:
        if other.endswith(replaces):
            default_storage.delete(f"{folder}/{other}")
    if not default_storage.exists(name):  # another worker may have just written it
        default_storage.save(name, ContentFile(data))
    return data


def read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return bytes(handle.read())
