"""Serving the app with gunicorn and rushing it with real HTTP submissions.

Shared by tests/applications/test_deadline_rush.py, test_killed_upload.py and
scripts/deadline_rush.py. Everything stays on 127.0.0.1; every wait is bounded
and the server is always stopped (its whole process group) on the way out.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import os
import secrets
import signal
import socket
import subprocess
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
# Settings that would make the served app reach beyond this machine or this run.
SCRUBBED_ENV = ("DATABASE_URL", "REDIS_URL", "HUEY_REDIS_URL", "CACHE_REDIS_URL", "EMAIL_HOST", "MEDIA_ROOT")
PIECES = ["cv", "cover_letter", "financial_offer"]
# What a browser sends besides the files: the identity the form asks for and
# the button pressed.
IDENTITY = {"applicant_kind": "person", "phone": "+212 600 000 000", "action": "submit"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def database_url(settings_dict: dict[str, Any]) -> str:
    """A DATABASE_URL for the database Django is connected to (in a test: the
    test database, whose name Django has put in ``settings_dict``)."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'])}"


def server_env(
    *, database: str, media_root: Path, var_dir: Path, secret_key: str, **extra: str
) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "nidaa.settings",
            "DATABASE_URL": database,
            "DB_CONN_MAX_AGE": "60",
            "MEDIA_ROOT": str(media_root),
            "NIDAA_VAR_DIR": str(var_dir),
            # Sessions made by the test are signed with the test's key.
            "SECRET_KEY": secret_key,
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP on 127.0.0.1: no redirect to HTTPS, cookies sent without it.
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # Upload buffers of killed workers land here, not in the shared /tmp.
            "TMPDIR": str(var_dir),
            **extra,
        }
    )
    return env


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        """The master's children (the workers), read from /proc."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # "pid (comm) state ppid ...": comm may hold spaces, so split after ")".
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


# Gunicorn configuration (Python) always used: what every worker would load on
# its first request (URL modules, templates, the three catalogues) is loaded
# once in the master before the fork, so four workers on two busy cores are
# ready in seconds instead of each spending seconds on its first page.
WARM_CONFIG = """
def when_ready(server):
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns
    for name in ("base.html", "applications/apply.html", "applications/receipt.html"):
        get_template(name)
    for language in ("fr", "ar", "en"):
        with translation.override(language):
            translation.gettext("Deadline")
"""


@contextmanager
def gunicorn(
    *, env: dict[str, str], log: Path, workers: int = 4, config: str = "", ready_path: str = "/"
) -> Iterator[Server]:
    """Serve nidaa.wsgi with sync workers on a free port of 127.0.0.1 until the
    block ends; start-up is bounded by a readiness poll. ``config`` is more
    gunicorn configuration (Python: settings and server hooks)."""
    port = free_port()
    config_file = log.with_suffix(".conf.py")
    config_file.write_text(WARM_CONFIG + config)
    command = [
        str(GUNICORN),
        "nidaa.wsgi",
        "--worker-class",
        "sync",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--backlog",
        "2048",
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        # The app is imported once, before the fork: workers are up in a moment.
        "--preload",
        # Its default path is shared by every gunicorn of the user (xdist runs two).
        "--no-control-socket",
        "--config",
        str(config_file),
    ]
    # Absolute links (e-mails) point at this server.
    env = {**env, "NIDAA_SITE_URL": f"http://127.0.0.1:{port}"}
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 (our own executable, fixed arguments)
            command, cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True
        )
    server = Server(process=process, port=port, log=log)
    try:
        _wait_until_ready(server, ready_path)
        yield server
    finally:
        stop(server)


def _wait_until_ready(server: Server, path: str, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            connection.request("GET", path)
            status = connection.getresponse().status
            connection.close()
        except OSError:
            time.sleep(0.1)
            continue
        if status < 500:
            return
        raise RuntimeError(f"gunicorn answered {status} on {path}:\n{server.log_tail()}")
    raise RuntimeError(f"gunicorn did not answer within {limit:.0f} s:\n{server.log_tail()}")


def stop(server: Server) -> None:
    """Stop the master and its workers (the process group it leads)."""
    if server.process.poll() is None:
        try:
            os.killpg(server.process.pid, signal.SIGTERM)
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=10)
        except ProcessLookupError:
            pass


# --- Applicants ------------------------------------------------------------------


def pdf_bytes(label: str, size: int) -> bytes:
    head = f"%PDF-1.7\n% {label}\n".encode()
    return head + os.urandom(max(0, size - len(head) - 6)) + b"\n%%EOF"


def docx_bytes(label: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document>{label}</w:document>")
    return buffer.getvalue()


def png_bytes(size: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + os.urandom(size)


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body as a browser sends it, and its Content-Type."""
    boundary = "----nidaa" + secrets.token_hex(12)
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@dataclass
class Applicant:
    user_id: int
    username: str
    cookie: str
    csrf: str
    files: dict[str, tuple[str, bytes]]
    body: bytes = b""
    content_type: str = ""

    def build_body(self) -> None:
        """The form as a browser posts it, from ``files`` (built once, before
        any clock matters)."""
        fields = {"csrfmiddlewaretoken": self.csrf, "applicant_name": f"Candidat {self.username}", **IDENTITY}
        self.body, self.content_type = multipart(fields, self.files)

    def sha256s(self) -> dict[str, str]:
        return {piece: hashlib.sha256(data).hexdigest() for piece, (_name, data) in self.files.items()}


def signed_in_cookie(user: Any) -> tuple[str, str]:
    """A session row signed in as ``user`` and a CSRF secret of our own: the
    Cookie header a browser would send, and the form's CSRF token."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    csrf = secrets.token_hex(16)  # 32 characters, what CsrfViewMiddleware expects of a secret
    cookie = f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    return cookie, csrf


def make_applicants(count: int, *, prefix: str = "rush", cv_size: int = 24_000) -> list[Applicant]:
    """``count`` users, each signed in, with distinct files for every piece and
    the multipart body ready."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    user_model = get_user_model()
    # One hash for all: 200 PBKDF2 rounds would take longer than the rush.
    password = make_password(None)
    users = user_model.objects.bulk_create(
        [
            user_model(username=f"{prefix}-{n:03d}", email=f"{prefix}-{n:03d}@example.org", password=password)
            for n in range(count)
        ]
    )
    if any(user.pk is None for user in users):  # backends that do not return ids
        users = list(user_model.objects.filter(username__startswith=f"{prefix}-").order_by("username"))
    applicants = []
    for user in users:
        cookie, csrf = signed_in_cookie(user)
        label = f"{user.username} {secrets.token_hex(8)}"
        files = {
            "cv": (f"CV {user.username}.pdf", pdf_bytes(label, cv_size)),
            "cover_letter": (f"Lettre {user.username}.docx", docx_bytes(label)),
            "financial_offer": (f"Offre {user.username}.png", png_bytes(8_000)),
        }
        applicant = Applicant(user_id=user.pk, username=user.username, cookie=cookie, csrf=csrf, files=files)
        applicant.build_body()
        applicants.append(applicant)
    return applicants


# --- The rush --------------------------------------------------------------------


@dataclass
class Outcome:
    applicant: Applicant
    sent_at: float  # seconds after the start, when the request went out
    answered_at: float = 0.0
    status: int = 0
    location: str = ""
    body: str = ""
    error: str = ""


def post(host: str, path: str, applicant: Applicant, timeout: float = 60) -> tuple[int, str, str]:
    address, port = host.split(":")
    connection = http.client.HTTPConnection(address, int(port), timeout=timeout)
    try:
        connection.request(
            "POST",
            path,
            body=applicant.body,
            headers={"Cookie": applicant.cookie, "Content-Type": applicant.content_type},
        )
        response = connection.getresponse()
        return response.status, response.getheader("Location") or "", response.read().decode(errors="replace")
    finally:
        connection.close()


def get(host: str, path: str, cookie: str, timeout: float = 30) -> int:
    address, port = host.split(":")
    connection = http.client.HTTPConnection(address, int(port), timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def fire(
    host: str, path: str, applicants: list[Applicant], offsets: list[float], start: float
) -> list[Outcome]:
    """One thread per applicant, each posting at its offset (seconds after
    ``start``, a ``time.monotonic()``); returns once every request has been
    answered or has failed."""
    outcomes = [Outcome(applicant=a, sent_at=offset) for a, offset in zip(applicants, offsets, strict=True)]

    def run(outcome: Outcome) -> None:
        time.sleep(max(0.0, start + outcome.sent_at - time.monotonic()))
        outcome.sent_at = time.monotonic() - start
        try:
            outcome.status, outcome.location, outcome.body = post(host, path, outcome.applicant)
        except OSError as error:
            outcome.error = f"{type(error).__name__}: {error}"
        outcome.answered_at = time.monotonic() - start

    threads = [threading.Thread(target=run, args=(outcome,), daemon=True) for outcome in outcomes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def warm_up(host: str, path: str, applicants: list[Applicant], count: int = 8) -> list[int]:
    """Concurrent GETs of the form, so every worker has loaded its URLs and
    templates before the clock matters; the statuses (200 = signed in)."""
    statuses: list[int] = []
    threads = [
        threading.Thread(target=lambda a=a: statuses.append(get(host, path, a.cookie)))
        for a in applicants[:count]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


@dataclass
class Tally:
    accepted: int = 0
    refused: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    errors: int = 0
    # Refused although sent before the deadline: still queued when it passed.
    refused_sent_before_deadline: int = 0
    last_accepted_at: float | None = None
    first_refused_at: float | None = None
    duration: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"accepted={self.accepted} refused={self.refused} total={self.accepted + self.refused} "
            f"statuses={dict(sorted(self.statuses.items()))} connection errors={self.errors} "
            f"refused though sent before the deadline={self.refused_sent_before_deadline}; "
            f"last accepted sent at {_seconds(self.last_accepted_at)}, "
            f"first refused sent at {_seconds(self.first_refused_at)}, all answered in {self.duration:.1f} s"
        )


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def deadline_message() -> str:
    """The refusal as the French page (/fr/) shows it, HTML-escaped."""
    from django.utils import translation
    from django.utils.html import escape
    from django.utils.translation import gettext

    with translation.override("fr"):
        return str(escape(gettext("The deadline has passed: applications are no longer accepted.")))


def check(call: Any, outcomes: list[Outcome], deadline_at: float) -> Tally:
    """Compare what the server answered with what the database and the storage
    hold: every 302 is one application with one version and exactly the files
    sent, and was sent before the deadline (``deadline_at`` seconds after the
    start); every refusal is the deadline page and left nothing behind."""
    from django.urls import reverse
    from django.utils import translation

    from nidaa.applications.models import Application, ApplicationFile, ApplicationVersion
    from nidaa.inbox.integrity import verify_storage

    tally = Tally()
    tally.duration = max((o.answered_at for o in outcomes), default=0.0)
    refusal = deadline_message()
    applications = {a.applicant_id: a for a in Application.objects.filter(call=call)}
    versions = Counter(
        ApplicationVersion.objects.filter(application__call=call).values_list("application_id", flat=True)
    )
    files: dict[int, dict[str, str]] = {}
    for application_id, piece, sha256 in ApplicationFile.objects.filter(application__call=call).values_list(
        "application_id", "piece", "sha256"
    ):
        files.setdefault(application_id, {})
        if piece in files[application_id]:
            tally.problems.append(f"application {application_id} holds {piece} twice")
        files[application_id][piece] = sha256

    for outcome in outcomes:
        who = outcome.applicant.username
        tally.statuses[outcome.status] += 1
        if outcome.error:
            tally.errors += 1
            tally.problems.append(f"{who}: no answer ({outcome.error})")
            continue
        application = applications.get(outcome.applicant.user_id)
        if outcome.status == 302:
            tally.accepted += 1
            tally.last_accepted_at = max(tally.last_accepted_at or 0.0, outcome.sent_at)
            if outcome.sent_at > deadline_at:
                # The server read its clock after this request left, so after the deadline.
                tally.problems.append(
                    f"{who}: accepted though sent {outcome.sent_at - deadline_at:.3f} s late"
                )
            if application is None:
                tally.problems.append(f"{who}: accepted but no application stored")
                continue
            with translation.override("fr"):
                receipt = reverse("applications:receipt", args=[application.pk])
            if outcome.location != receipt:
                tally.problems.append(f"{who}: redirected to {outcome.location}, not {receipt}")
            if versions[application.pk] != 1 or application.version_count != 1:
                tally.problems.append(
                    f"{who}: {versions[application.pk]} versions (version_count {application.version_count})"
                )
            if files.get(application.pk) != outcome.applicant.sha256s():
                tally.problems.append(
                    f"{who}: stored files {files.get(application.pk)} differ from those sent"
                )
        elif outcome.status == 400 and refusal in outcome.body:
            tally.refused += 1
            if tally.first_refused_at is None or outcome.sent_at < tally.first_refused_at:
                tally.first_refused_at = outcome.sent_at
            if outcome.sent_at < deadline_at:
                tally.refused_sent_before_deadline += 1
            if application is not None:
                tally.problems.append(f"{who}: refused but application {application.pk} was stored")
        else:
            tally.problems.append(f"{who}: unexpected answer {outcome.status} {outcome.body[:200]!r}")
    stray = set(applications) - {o.applicant.user_id for o in outcomes if o.status == 302}
    if stray:
        tally.problems.append(f"applications stored for users not accepted: {sorted(stray)}")
    report = verify_storage()
    tally.problems += [f"storage: {p.kind} {p.path}" for p in report.problems]
    return tally
