"""A web worker killed (SIGKILL) in the middle of a submission leaves no
partial application, and every file it left in the storage is either named by
a row or reported as an orphan by ``nidaa applications verify`` (which
removes it with ``--delete-orphans-older-than``).

The app is served by gunicorn (sync workers) on the test database: PostgreSQL
directly; on SQLite the in-memory test database is copied to a file for the
server and copied back before the checks.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from nidaa.applications.models import Application, ApplicationFile, ApplicationVersion
from nidaa.calls.models import CallStatus
from nidaa.common.storage import stored_sha256
from nidaa.inbox.integrity import verify_storage
from tests.applications import rush
from tests.factories import CallFactory

NIDAA = rush.ROOT / ".venv" / "bin" / "nidaa"
# Larger than FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): Django buffers it in a
# temporary file, whose appearance tells us the worker is inside the upload.
LARGE_CV = 4_000_000

# Server hooks (gunicorn configuration, Python) for the second and third
# tests: the worker kills itself at a precise point of store_file, once (the
# marker file is removed first, so the respawned worker behaves).
KILL_HOOKS = """
import os, signal

def post_worker_init(worker):
    from django.core.files.storage import FileSystemStorage

    marker = os.environ["NIDAA_TEST_KILL_MARKER"]
    mode, _, count = os.environ["NIDAA_TEST_KILL_MODE"].partition(":")
    real_save = FileSystemStorage._save
    saved = []

    def die():
        os.remove(marker)
        os.kill(os.getpid(), signal.SIGKILL)

    def save(self, name, content):
        if not os.path.exists(marker) or not name.startswith("applications/"):
            return real_save(self, name, content)
        if mode == "mid-write":
            # Die when the storage asks for the first chunk: it has created the
            # file under its final name and written nothing yet (as a kill or
            # gunicorn's timeout between os.open and the last write would leave it).
            def no_chunk(chunk_size=None):
                die()
                yield b""

            content.chunks = no_chunk
            return real_save(self, name, content)
        name = real_save(self, name, content)
        saved.append(name)
        if len(saved) == int(count):  # after-save:N: N files written, nothing committed
            die()
        return name

    FileSystemStorage._save = save
"""


@dataclass
class ServerDatabase:
    """The database the gunicorn workers use: the test database itself when
    another process can open it (PostgreSQL), else a file copy of it."""

    url: str
    copy: Path | None = None

    def push(self) -> None:
        """Make what the test wrote visible to the server."""
        if self.copy is not None:
            connection.ensure_connection()
            target = sqlite3.connect(self.copy)
            connection.connection.backup(target)
            target.close()

    def pull(self) -> None:
        """Make what the server wrote visible to the test (and the ORM)."""
        if self.copy is not None:
            source = sqlite3.connect(self.copy)
            source.backup(connection.connection)
            source.close()


@pytest.fixture
def server_database(transactional_db, tmp_path) -> Iterator[ServerDatabase]:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        copy = tmp_path / "served.sqlite3"
        yield ServerDatabase(url=f"sqlite:///{copy}", copy=copy)
    else:
        yield ServerDatabase(url=rush.database_url(connection.settings_dict))


@pytest.fixture
def call(db):
    return CallFactory(
        status=CallStatus.PUBLISHED,
        deadline=timezone.now() + timedelta(days=1),
        required_documents=rush.PIECES,
    )


@pytest.fixture
def server_env(settings, tmp_path, server_database) -> dict[str, str]:
    return rush.server_env(
        database=server_database.url,
        media_root=settings.MEDIA_ROOT,
        var_dir=tmp_path / "var",
        secret_key=settings.SECRET_KEY,
        NIDAA_TEST_KILL_MARKER=str(tmp_path / "kill-once"),
    )


def apply_path(call) -> str:
    return reverse("applications:apply", args=[call.pk])


def stored_files(media_root: Path) -> set[str]:
    """Every file in the storage's application and mail folders (read from the
    local disk here, independently of the code under test)."""
    found = set()
    for folder in ("applications", "mail"):
        for directory, _dirs, names in os.walk(media_root / folder):
            found |= {str((Path(directory) / name).relative_to(media_root)) for name in names}
    return found


def referenced_files() -> set[str]:
    return set(ApplicationFile.objects.values_list("file", flat=True))


def cli_verify(env: dict[str, str], *args: str) -> tuple[int, list[dict]]:
    """``nidaa applications verify --json ...`` as an operator runs it, against
    the server's database and storage."""
    done = subprocess.run(  # noqa: S603 (our own command)
        [str(NIDAA), "applications", "verify", "--json", *args],
        cwd=rush.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()]


def answer_of(sock: socket.socket) -> bytes:
    """What the server sent back before the connection ended (b"" if nothing)."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    return received


def wait_for(predicate, what: str, limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {limit:.0f} s waiting for {what}")


def test_worker_killed_mid_upload_leaves_no_application_and_no_unreported_file(
    settings, tmp_path, call, server_database, server_env
):
    killed, survivor = rush.make_applicants(2, prefix="killed", cv_size=LARGE_CV)
    server_database.push()
    path = apply_path(call)
    # FILE_UPLOAD_TEMP_DIR: under the var directory, not the system's /tmp.
    buffers = tmp_path / "var" / "uploads-tmp"

    with rush.gunicorn(env=server_env, log=tmp_path / "gunicorn.log", workers=2, ready_path=path) as server:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {server.host}\r\nCookie: {killed.cookie}\r\n"
            f"Content-Type: {killed.content_type}\r\nContent-Length: {len(killed.body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
            sock.sendall(head + killed.body[: len(killed.body) // 3])
            # The worker is reading the CV into its upload buffer: kill it there.
            wait_for(lambda: list(buffers.glob("*.upload*")), "the worker to start buffering the upload")
            workers = server.worker_pids()
            assert workers, server.log_tail()
            for pid in workers:
                os.kill(pid, signal.SIGKILL)
            answer = answer_of(sock)
        # The master replaces the workers; the next applicant is served as usual.
        status, location, _body = rush.post(server.host, path, survivor)
        assert status == 302, server.log_tail()
        leftover_buffers = sorted(p.name for p in buffers.glob("*.upload*"))

    server_database.pull()
    assert answer == b""
    assert Application.objects.filter(applicant_id=killed.user_id).count() == 0
    assert Application.objects.count() == ApplicationVersion.objects.count() == 1
    assert ApplicationFile.objects.count() == 3
    report = verify_storage()
    assert report.problems == []
    assert stored_files(settings.MEDIA_ROOT) == referenced_files()
    # Outside the storage, the killed worker's upload buffer stays in the var directory.
    print(f"\nupload buffers left in var/uploads-tmp by the killed worker: {leftover_buffers}")


def test_worker_killed_between_storing_files_and_commit_leaves_orphans_that_verify_reports_and_removes(
    settings, tmp_path, call, server_database, server_env
):
    (applicant,) = rush.make_applicants(1, prefix="orphan")
    server_database.push()
    (tmp_path / "kill-once").touch()
    env = {**server_env, "NIDAA_TEST_KILL_MODE": "after-save:2"}
    path = apply_path(call)

    with rush.gunicorn(
        env=env, log=tmp_path / "gunicorn.log", workers=2, config=KILL_HOOKS, ready_path=path
    ) as server:
        with pytest.raises((http_disconnected(), ConnectionResetError)):
            rush.post(server.host, path, applicant)
        assert not (tmp_path / "kill-once").exists(), server.log_tail()

    server_database.pull()
    assert Application.objects.count() == 0
    assert ApplicationFile.objects.count() == 0
    sent = {
        f"applications/{sha[:2]}/{sha}": len(applicant.files[piece][1])
        for piece, sha in applicant.sha256s().items()
    }
    on_disk = stored_files(settings.MEDIA_ROOT)
    assert len(on_disk) == 2
    assert on_disk <= set(sent)

    status, lines = cli_verify(env)
    assert status == 1
    assert [(line["kind"], line["path"], line["size"], line["deleted"]) for line in lines[:-1]] == [
        ("orphan", name, sent[name], False) for name in sorted(on_disk)
    ]
    assert lines[-1]["problems"] == {"mismatch": 0, "missing": 0, "orphan": 2}

    status, lines = cli_verify(env, "--delete-orphans-older-than", "0")
    assert status == 0
    assert [(line["kind"], line["path"], line["deleted"]) for line in lines[:-1]] == [
        ("orphan", name, True) for name in sorted(on_disk)
    ]
    assert stored_files(settings.MEDIA_ROOT) == set()
    assert cli_verify(env)[1][-1]["clean"] is True


def test_same_file_submitted_after_a_worker_died_writing_it_is_stored_whole_beside_the_damaged_one(
    settings, tmp_path, call, server_database, server_env
):
    first, second = rush.make_applicants(2, prefix="halfway")
    # The same CV for both: the second submission lands on the first one's name.
    second.files["cv"] = first.files["cv"]
    second.build_body()
    server_database.push()
    (tmp_path / "kill-once").touch()
    env = {**server_env, "NIDAA_TEST_KILL_MODE": "mid-write"}
    path = apply_path(call)

    with rush.gunicorn(
        env=env, log=tmp_path / "gunicorn.log", workers=2, config=KILL_HOOKS, ready_path=path
    ) as server:
        with pytest.raises((http_disconnected(), ConnectionResetError)):
            rush.post(server.host, path, first)
        status, _location, _body = rush.post(server.host, path, second)
        assert status == 302, server.log_tail()

    server_database.pull()
    sha = second.sha256s()["cv"]
    damaged = f"applications/{sha[:2]}/{sha}"
    cv = ApplicationFile.objects.get(piece="cv")
    # The second submission does not refer to the truncated bytes: its CV is
    # stored whole beside them, and the damaged file is reported as an orphan.
    assert cv.file.name != damaged
    assert stored_sha256(cv.file.name) == sha
    problems = [(p.kind, p.path) for p in verify_storage().problems]
    assert problems == [("orphan", damaged)]


def http_disconnected() -> type[Exception]:
    import http.client

    return http.client.RemoteDisconnected
