"""Re-check every stored application file and raw message against its row.

``verify_storage`` reads each file that an ``ApplicationFile`` or an
``InboundMessage`` names back through the storage API (so it works the same
on the local disk and on S3-compatible storage), hashes it in chunks and
compares the digest with the row's sha256. It then walks the ``applications/``
and ``mail/`` folders of the storage for files that no row names: a web worker
killed between writing a file and committing its rows leaves one behind.

Three kinds of problem:

- ``mismatch``: the stored bytes do not hash to the row's sha256;
- ``missing``: a row names a file that is not in the storage;
- ``orphan``: a file that no row names, with its size and age. A young orphan
  may be an upload whose transaction has not committed yet, so orphans are
  deleted only past an age the caller gives.

Memory grows with the number of distinct stored files (their names and
digests), not with their size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from django.core.files.storage import Storage, default_storage
from django.utils import timezone

from nidaa.applications.models import ApplicationFile
from nidaa.common.filetypes import sha256_of
from nidaa.inbox.models import InboundMessage

ProblemKind = Literal["mismatch", "missing", "orphan"]
PROBLEM_KINDS: tuple[ProblemKind, ...] = ("mismatch", "missing", "orphan")
# The storage folders that only content-addressed files live in (see models.*_upload_to).
STORED_FOLDERS = ("applications", "mail")
CHUNK_SIZE = 1024 * 1024
# Names looked up in the database per query when orphans are re-checked.
LOOKUP_BATCH = 500


@dataclass
class Problem:
    kind: ProblemKind
    path: str
    # The row that names the file ("application_file" / "inbound_message") and
    # its ids; empty for an orphan.
    row: str = ""
    ids: dict[str, int | None] = field(default_factory=dict)
    expected_sha256: str = ""
    actual_sha256: str = ""
    size: int | None = None
    modified_at: datetime | None = None
    age_seconds: int | None = None
    deleted: bool = False

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["modified_at"] = self.modified_at.isoformat() if self.modified_at else None
        return data


@dataclass
class Report:
    rows_checked: int = 0
    files_checked: int = 0
    bytes_checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(PROBLEM_KINDS, 0)
        for problem in self.problems:
            counts[problem.kind] += 1
        return counts

    @property
    def orphans_deleted(self) -> int:
        return sum(1 for problem in self.problems if problem.deleted)

    @property
    def is_clean(self) -> bool:
        """No problem left in the storage (a deleted orphan is no longer one)."""
        return not any(not problem.deleted for problem in self.problems)

    def summary(self) -> dict[str, Any]:
        return {
            "rows_checked": self.rows_checked,
            "files_checked": self.files_checked,
            "bytes_checked": self.bytes_checked,
            "problems": self.counts(),
            "orphans_deleted": self.orphans_deleted,
            "clean": self.is_clean,
        }


def verify_storage(
    *,
    storage: Storage | None = None,
    delete_orphans_older_than: timedelta | None = None,
    now: datetime | None = None,
) -> Report:
    """Check every stored application file and raw message (see the module's
    docstring). With ``delete_orphans_older_than``, orphans at least that old
    are deleted (and reported with ``deleted=True``); younger ones are only
    reported, so an upload in flight is never touched."""
    storage = storage or default_storage
    report = Report()
    # Stored name -> digest of its bytes (None: not in the storage). A file shared
    # by several rows (same content, same name) is read once.
    digests: dict[str, str | None] = {}

    for row, ids, name, expected in _rows():
        report.rows_checked += 1
        if name not in digests:
            digests[name] = _digest(storage, name, report) if name else None
        actual = digests[name]
        if actual is None:
            report.problems.append(Problem(kind="missing", path=name, row=row, ids=ids))
        elif actual != expected:
            report.problems.append(
                Problem(
                    kind="mismatch",
                    path=name,
                    row=row,
                    ids=ids,
                    expected_sha256=expected,
                    actual_sha256=actual,
                    size=storage.size(name),
                )
            )

    now = now or timezone.now()
    candidates = [name for name in _walk(storage) if name not in digests]
    # A file listed after the rows were read may belong to a submission that
    # committed in between: ask the database again before calling it an orphan.
    referenced = _referenced(candidates)
    for name in candidates:
        if name in referenced:
            continue
        _report_orphan(storage, name, now, delete_orphans_older_than, report)
    return report


def _rows() -> Iterator[tuple[str, dict[str, int | None], str, str]]:
    """(row kind, ids, stored name, expected sha256) of every row naming a file."""
    files = ApplicationFile.objects.order_by("id").values_list(
        "id", "application_id", "version_id", "file", "sha256"
    )
    for file_id, application_id, version_id, name, sha256 in files.iterator(chunk_size=2000):
        ids: dict[str, int | None] = {
            "id": file_id,
            "application_id": application_id,
            "version_id": version_id,
        }
        yield "application_file", ids, name or "", sha256
    messages = InboundMessage.objects.order_by("id").values_list("id", "organization_id", "raw", "sha256")
    for message_id, organization_id, name, sha256 in messages.iterator(chunk_size=2000):
        yield "inbound_message", {"id": message_id, "organization_id": organization_id}, name or "", sha256


def _digest(storage: Storage, name: str, report: Report) -> str | None:
    """The sha256 of a stored file read in chunks, None if it is not there."""
    if not storage.exists(name):
        return None

    def counted(handle: Any) -> Iterator[bytes]:
        for chunk in handle.chunks(CHUNK_SIZE):
            report.bytes_checked += len(chunk)
            yield chunk

    try:
        with storage.open(name, "rb") as handle:
            digest = sha256_of(counted(handle))
    except FileNotFoundError:
        # Deleted between exists() and open().
        return None
    report.files_checked += 1
    return digest


def _walk(storage: Storage) -> Iterator[str]:
    """Every file name under the stored folders, through ``listdir`` (which
    S3-style storages implement with prefixes, so no local path is needed)."""
    pending = list(reversed(STORED_FOLDERS))
    while pending:
        folder = pending.pop()
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        # Reversed onto the stack so folders are walked in name order: reports are stable.
        pending.extend(f"{folder}/{sub}" for sub in sorted(folders, reverse=True))
        yield from (f"{folder}/{name}" for name in sorted(files))


def _referenced(names: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(names), LOOKUP_BATCH):
        batch = names[start : start + LOOKUP_BATCH]
        found.update(ApplicationFile.objects.filter(file__in=batch).values_list("file", flat=True))
        found.update(InboundMessage.objects.filter(raw__in=batch).values_list("raw", flat=True))
    return found


def _report_orphan(
    storage: Storage, name: str, now: datetime, older_than: timedelta | None, report: Report
) -> None:
    try:
        size = storage.size(name)
        modified = storage.get_modified_time(name)
    except FileNotFoundError:
        return  # removed since it was listed (e.g. by another verify run)
    age = now - modified
    problem = Problem(
        kind="orphan",
        path=name,
        size=size,
        modified_at=modified,
        age_seconds=max(0, int(age.total_seconds())),
    )
    # Checked once more just before deleting: a submission may have started
    # using this very file (same content, same name) since the walk.
    if older_than is not None and age >= older_than and not _referenced([name]):
        storage.delete(name)
        problem.deleted = True
    report.problems.append(problem)
