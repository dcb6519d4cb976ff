"""Content-addressed files in Django's storage (local disk or S3-compatible)."""

from __future__ import annotations

from django.core.files.base import File
from django.core.files.storage import Storage, default_storage

from nidaa.common.filetypes import sha256_of


def stored_sha256(name: str, *, storage: Storage | None = None) -> str | None:
    """The sha256 of the stored file, or None when it cannot be read."""
    storage = storage or default_storage
    try:
        with storage.open(name, "rb") as handle:
            return sha256_of(iter(lambda: handle.read(1024 * 1024), b""))
    except OSError:
        return None


def _intact(name: str, *, sha256: str, size: int, storage: Storage) -> bool:
    try:
        if storage.size(name) != size:
            return False
    except OSError:
        return False
    return stored_sha256(name, storage=storage) == sha256


def save_content_addressed(
    name: str, content: File, *, sha256: str, size: int, storage: Storage | None = None
) -> str:
    """Store ``content`` (whose sha256 and size the caller computed) under
    ``name``, derived from that sha256, and return the name it is stored
    under. The same bytes are stored once. A file already at ``name`` is
    trusted only if its size and hash match: a worker killed while writing it
    leaves a truncated file there, and the new content then goes beside it
    (storage picks a free name) so nothing refers to damaged bytes; the
    damaged file is left for ``nidaa applications verify`` to report."""
    storage = storage or default_storage
    if storage.exists(name) and _intact(name, sha256=sha256, size=size, storage=storage):
        return name
    content.seek(0)
    saved = storage.save(name, content)
    if saved != name and _intact(name, sha256=sha256, size=size, storage=storage):
        # Another request wrote the same bytes meanwhile: keep one copy.
        storage.delete(saved)
        return name
    return saved
