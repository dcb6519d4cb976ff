"""The thread-pool writer that stores an import run's files while its rows
are prepared."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from django.core.files.base import ContentFile
from django.core.files.storage import Storage

from nidaa.common.storage import save_content_addressed

# Storage writes are I/O (local disk or S3 round trips): a few run at once.
STORAGE_THREADS = 4


class StorageWriter:
    """Content-addressed writes (``save_content_addressed``) for one import
    run: several at once in a small thread pool, since they wait on the disk
    or on S3 (django-storages' S3 storage keeps one client per thread), while
    the batch's rows are prepared; and each content once per run (senders
    resend the same CV; a failed batch is filed again). Use it as a context
    manager, or ``close()`` it."""

    def __init__(self, *, threads: int = STORAGE_THREADS, storage: Storage | None = None) -> None:
        self._threads = threads
        self._storage = storage
        self._pool: ThreadPoolExecutor | None = None
        self._stored: dict[str, str] = {}
        self._writing: dict[str, Future[str]] = {}

    def submit(self, files: Iterable[tuple[str, bytes, str]]) -> None:
        """Start storing each ``(name, data, sha256)`` not stored yet;
        ``wait()`` gives the names they are stored under."""
        for name, data, sha256 in files:
            if name in self._stored or name in self._writing:
                continue
            if self._threads <= 1:
                self._stored[name] = self._save(name, data, sha256)
                continue
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._threads, thread_name_prefix="intake-storage")
            self._writing[name] = self._pool.submit(self._save, name, data, sha256)

    def wait(self) -> dict[str, str]:
        """Wait for every write started; returns the name each content is
        stored under (``name`` itself unless a damaged file sits there).
        Raises the first write's error, once all have finished, so that a
        batch that fails leaves no write running."""
        error: BaseException | None = None
        for name, future in self._writing.items():
            try:
                self._stored[name] = future.result()
            except BaseException as failed:  # noqa: BLE001 - re-raised below
                error = error or failed
        self._writing.clear()
        if error is not None:
            raise error
        return self._stored

    def _save(self, name: str, data: bytes, sha256: str) -> str:
        return save_content_addressed(
            name, ContentFile(data), sha256=sha256, size=len(data), storage=self._storage
        )

    def close(self) -> None:
        if self._writing:
            with contextlib.suppress(Exception):
                self.wait()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def __enter__(self) -> StorageWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
