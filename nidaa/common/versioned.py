"""Results computed from records, kept under a version of those records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from django.core.cache import cache

T = TypeVar("T")


class VersionedResults(Generic[T]):
    """``compute()``'s value under ``prefix:pk:version``: in Django's cache
    (shared by the web workers when Redis is configured; any write to the
    records changes the version, so a stale value is never served), and a copy
    in this process of the last ``copies`` keys (unpickling thousands of rows
    on every request would cost more than serving the page)."""

    def __init__(self, prefix: str, *, seconds: int, copies: int) -> None:
        self.prefix = prefix
        self.seconds = seconds
        self.copies = copies
        self._copies: dict[str, T] = {}

    def key(self, pk: int, version: str) -> str:
        """Where ``get`` keeps the value in Django's cache."""
        return f"{self.prefix}:{pk}:{version}"

    def get(self, pk: int, version: str, compute: Callable[[], T]) -> T:
        key = self.key(pk, version)
        value = self._copies.get(key)
        if value is None:
            value = cache.get(key)
            if value is None:
                value = compute()
                cache.set(key, value, self.seconds)
            self._copies[key] = value
            while len(self._copies) > self.copies:
                self._copies.pop(next(iter(self._copies)))
        return value
