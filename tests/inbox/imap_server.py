"""A private dovecot IMAP server on 127.0.0.1 for the mail-intake tests.

A test module that asks for ``imap_server`` (import both ``dovecot`` and
``imap_server`` from here) gets its own dovecot, run in the foreground
(``dovecot -F``) with its own configuration, state and log in a pytest
temporary directory: plain IMAP without TLS on a free loopback port, a
passwd-file with an account for each test (an empty maildir), sockets and maildirs in a short temporary directory (see below).
It neither needs nor touches the system's dovecot service. The master runs
as the current user (root in CI), with no chroot. ``make test`` installs
dovecot (scripts/system-deps.sh); where it is missing the tests skip and
say why.

Messages are delivered with IMAP APPEND and an explicit INTERNALDATE: the
mailbox's receipt time, which intake trusts.
"""

from __future__ import annotations

import grp
import imaplib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

DOVECOT = "/usr/sbin/dovecot"
PASSWORD = "imap secret"  # noqa: S105 - a throwaway test account
# Accounts per dovecot (one per test of a module).
ACCOUNTS = 200


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unprivileged_user() -> pwd.struct_passwd:
    """The account dovecot's own processes and the mail run as: the current
    one, or when that is root (CI) an unprivileged one, since imap-login never
    runs as root and a mail process refuses uid 0. Debian's package creates
    dovenull; nobody is the fallback."""
    if os.getuid() != 0:
        return pwd.getpwuid(os.getuid())
    for candidate in ("dovenull", "nobody"):
        try:
            return pwd.getpwnam(candidate)
        except KeyError:
            continue
    raise RuntimeError("no unprivileged user for dovecot (dovenull or nobody)")


def _config(root: Path, runtime: Path, port: int) -> str:
    master = pwd.getpwuid(os.getuid())
    user = _unprivileged_user()
    uid, gid = user.pw_uid, user.pw_gid
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {runtime}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
# A refused password is answered at once (the default waits 2 s).
auth_failure_delay = 0
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_trusted_networks = 127.0.0.0/8
# The master and auth run as the current user (root in CI), logins and mail
# as the unprivileged account; no chroot.
default_login_user = {user.pw_name}
default_internal_user = {master.pw_name}
default_internal_group = {grp.getgrgid(master.pw_gid).gr_name}
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:{runtime}/mail/%n
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/passwd
  default_fields = uid={uid} gid={gid} home={runtime}/mail/%n
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
# No growing delay after a refused password: tests refuse some on purpose.
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str
    root: Path

    def connect(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4(self.host, self.port, timeout=10)
        conn.login(self.user, self.password)
        return conn

    def append(self, raw: bytes, *, received_at: datetime, folder: str = "INBOX") -> None:
        """Deliver ``raw`` to ``folder`` with ``received_at`` as its INTERNALDATE."""
        conn = self.connect()
        try:
            typ, data = conn.append(folder, "", imaplib.Time2Internaldate(received_at), raw)
            assert typ == "OK", data
        finally:
            conn.logout()

    def create_folder(self, folder: str) -> None:
        conn = self.connect()
        try:
            typ, data = conn.create(folder)
            assert typ == "OK", data
        finally:
            conn.logout()

    def delete_folder(self, folder: str) -> None:
        conn = self.connect()
        try:
            typ, data = conn.delete(folder)
            assert typ == "OK", data
        finally:
            conn.logout()

    def uid_validity(self, folder: str = "INBOX") -> int:
        conn = self.connect()
        try:
            typ, data = conn.status(folder, "(UIDVALIDITY)")
            assert typ == "OK", data
            return int(data[0].split(b"UIDVALIDITY ")[1].rstrip(b")"))
        finally:
            conn.logout()


def _wait_until_answering(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    # Polls the port until the greeting arrives; gives up after 20 s (a
    # readiness wait, not a timed assertion).
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot exited with {process.returncode}: {_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                if sock.recv(64).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"dovecot did not answer on 127.0.0.1:{port}: {_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"


@dataclass
class Dovecot:
    host: str
    port: int
    root: Path
    users: itertools.count

    def add_user(self) -> tuple[str, str]:
        """An account no test has used yet (its maildir is created empty at
        first login). The accounts are all in the passwd-file from the start:
        dovecot checks the file for changes at most once a second."""
        number = next(self.users)
        if number > ACCOUNTS:
            raise RuntimeError(f"more than {ACCOUNTS} tests in one module: raise ACCOUNTS")
        return f"box{number}@example.org", PASSWORD


@pytest.fixture(scope="module")
def dovecot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dovecot]:
    """One dovecot per test module (and xdist worker); each test gets its own
    account through ``imap_server``, so tests never see each other's mail."""
    if not os.access(DOVECOT, os.X_OK):
        pytest.skip("dovecot is not installed (scripts/system-deps.sh installs dovecot-imapd)")
    root = tmp_path_factory.mktemp("dovecot")
    (root / "state").mkdir()
    # Sockets and maildirs live in a short directory of their own: a Unix
    # socket path must stay under 108 bytes, and when running as root the
    # unprivileged login and mail processes must reach them, which pytest's
    # 0700 base temp directory forbids.
    runtime = Path(tempfile.mkdtemp(prefix="nidaa-dovecot-"))
    runtime.chmod(0o755)
    (runtime / "mail").mkdir()
    mail_user = _unprivileged_user()
    os.chown(runtime / "mail", mail_user.pw_uid, mail_user.pw_gid)
    (root / "passwd").write_text(
        "".join(f"box{n}@example.org:{{PLAIN}}{PASSWORD}::::::\n" for n in range(1, ACCOUNTS + 1))
    )
    port = _free_port()
    config = root / "dovecot.conf"
    config.write_text(_config(root, runtime, port))
    log = root / "dovecot.log"
    with (root / "stderr.log").open("wb") as stderr:
        process = subprocess.Popen(  # noqa: S603 - fixed path, our own config
            [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=stderr
        )
    try:
        _wait_until_answering(process, port, log)
        yield Dovecot(host="127.0.0.1", port=port, root=root, users=itertools.count(1))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def imap_server(dovecot: Dovecot) -> ImapServer:
    """An empty mailbox of its own on the module's dovecot."""
    user, password = dovecot.add_user()
    return ImapServer(host=dovecot.host, port=dovecot.port, user=user, password=password, root=dovecot.root)
