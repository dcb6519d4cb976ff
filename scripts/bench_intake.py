"""make bench-intake: e-mailed applications imported from an .mbox.

1. Generates N realistic messages (default 10,000, fixed seed) into an .mbox:
   French and Arabic subjects (the prescribed subject, the call reference, or
   a free one sent to the call's address), senders drawn from a pool so that
   some write twice, forwarded ones, 1-4 small attachments each with real PDF
   or DOCX content, some for no call, some duplicates of earlier messages,
   some delivered after the call's deadline.
2. Imports the file into a fresh SQLite database (and, with ``--pg URL``, a
   fresh PostgreSQL database ``nidaa_bench_intake``) through ``mail_import``,
   the code ``nidaa mail import`` runs.
3. Prints messages per minute, the command's summary, and peak memory: the
   process's maximum resident set (``getrusage``) and, with ``--tracemalloc``,
   the peak of Python allocations (tracing slows the import, so that run's
   speed is not the figure to quote). Next to wall time: this process's CPU
   time and, on PostgreSQL, the server process's (the machine may be busy
   with other work, which wall time counts and CPU time does not).
4. Acknowledgements (two of the eight calls ask for them) are queued by the
   import, as with a task worker (``make worker``), and then sent and timed
   on their own: without a worker, huey runs them in the importing process,
   after each batch's commit.

Everything happens in a temporary directory removed at the end.
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import random
import resource
import secrets
import shutil
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASABLANCA = ZoneInfo("Africa/Casablanca")
DEADLINE = datetime(2025, 3, 14, 23, 59, tzinfo=CASABLANCA)
ORG = "bench-intake"
CALLS = [
    # (prescribed subject, reference, title, language)
    ("Candidature – Formateur en plaidoyer", "AO-01/2025", "Recrutement d'un formateur en plaidoyer", "fr"),
    (
        "Candidature consultant diagnostic territorial",
        "AO-02/2025",
        "Diagnostic territorial participatif",
        "fr",
    ),
    ("Offre – Évaluation finale du projet", "AO-03/2025", "Évaluation finale du projet Tamkine", "fr"),
    ("Candidature expert genre", "AO-04/2025", "Expert en égalité de genre", "fr"),
    ("ترشيح - خبير في التقييم", "ط.ع-05/2025", "انتداب خبير في تقييم المشاريع", "ar"),
    ("ترشيح لمهمة تكوين الجمعيات", "ط.ع-06/2025", "تكوين الجمعيات في الحكامة", "ar"),
    ("Candidature – Étude de base", "AO-07/2025", "Étude de base sur l'emploi des jeunes", "fr"),
    ("Candidature communication digitale", "AO-08/2025", "Consultant en communication digitale", "fr"),
]
FIRST = (
    "Amina Youssef Fatima Mohamed Khadija Omar Salma Karim Nadia Hassan Imane Rachid Zineb Mehdi Hind".split()
)
LAST = "Idrissi Benali Alaoui Tazi Berrada Chraibi Amrani Fassi Bennani Zerouali Ouazzani Lahlou".split()
FIRST_AR = "أمينة يوسف فاطمة محمد خديجة عمر سلمى كريم نادية حسن".split()
LAST_AR = "الإدريسي بنعلي العلوي التازي برادة الشرايبي العمراني الفاسي".split()
DOMAINS = ["gmail.com", "yahoo.fr", "outlook.com", "menara.ma", "hotmail.fr", "conseil.ma"]
# (piece, French file name, Arabic file name, kind)
PIECES = [
    ("cv", "CV {name}.pdf", "السيرة الذاتية {name}.pdf", "pdf"),
    ("methodology_note", "Note méthodologique.docx", "المذكرة المنهجية.docx", "docx"),
    ("financial_offer", "Offre financière.pdf", "العرض المالي.pdf", "pdf"),
    ("timeline", "Chronogramme.docx", "الجدول الزمني.docx", "docx"),
    ("cover_letter", "Lettre de motivation.pdf", "رسالة التحفيز.pdf", "pdf"),
]
BODIES = {
    "fr": "Bonjour,\n\nVeuillez trouver ci-joint mon dossier de candidature ({pieces}).\n\nCordialement,\n{name}\n",
    "ar": "السلام عليكم،\n\nتجدون رفقته ملف ترشيحي ({pieces}).\n\nمع خالص التحيات،\n{name}\n",
}


def pdf(rng: random.Random, size: int) -> bytes:
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Length " + str(size).encode() + b">>stream\n"
    return head + rng.randbytes(size) + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def docx(rng: random.Random, size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml", "<w:document>" + rng.randbytes(size // 2).hex() + "</w:document>"
        )
    return buffer.getvalue()


def generate(path: Path, count: int, seed: int) -> dict[str, int]:
    """Write ``count`` messages to ``path`` as an mbox; returns what was generated."""
    rng = random.Random(seed)
    senders = []
    for n in range(max(50, count * 3 // 10)):
        arabic = rng.random() < 0.3
        first, last = rng.randrange(10), rng.randrange(8)
        name = f"{FIRST_AR[first]} {LAST_AR[last]}" if arabic else f"{FIRST[first]} {LAST[last]}"
        senders.append((name, f"{FIRST[first].lower()}.{LAST[last].lower()}{n}@{rng.choice(DOMAINS)}"))
    stats = {"for_call": 0, "stray": 0, "duplicate": 0, "after_deadline": 0, "forwarded": 0, "attachments": 0}
    sent: list[tuple[bytes, datetime]] = []
    with path.open("wb") as out:
        for n in range(count):
            if sent and rng.random() < 0.04:
                raw, delivered = rng.choice(sent)
                stats["duplicate"] += 1
            else:
                raw, delivered = message(rng, n, senders, stats)
                sent.append((raw, delivered))
                if len(sent) > 2000:
                    sent.pop(rng.randrange(len(sent)))
            out.write(f"From MAILER-DAEMON {delivered.astimezone(UTC):%a %b %d %H:%M:%S %Y}\n".encode())
            for line in raw.split(b"\r\n"):
                if line.lstrip(b">").startswith(b"From "):
                    line = b">" + line
                out.write(line + b"\n")
    return stats


def encoded_word(text: str) -> str:
    """RFC 2047, as clients write non-ASCII subjects and names."""
    if text.isascii():
        return text
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


def attachment_part(filename: str, data: bytes) -> str:
    # Non-ASCII names as RFC 2231 (filename*=utf-8''...), as Thunderbird and Gmail send them.
    if filename.isascii():
        disposition = f'attachment; filename="{filename}"'
    else:
        disposition = "attachment; filename*=utf-8''" + quote(filename, safe="")
    return (
        "Content-Type: application/octet-stream\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        f"Content-Disposition: {disposition}\r\n\r\n"
        + base64.encodebytes(data).decode().replace("\n", "\r\n")
    )


def message(
    rng: random.Random, n: int, senders: list[tuple[str, str]], stats: dict[str, int]
) -> tuple[bytes, datetime]:
    index = rng.randrange(len(CALLS))
    subject_text, reference, _title, language = CALLS[index]
    name, address = rng.choice(senders)
    to = f"recrutement{index}@bench.example.org"
    roll = rng.random()
    if roll < 0.10:
        subject = rng.choice(["Demande d'information", "استفسار", "Question sur l'appel", "Partenariat"])
        to = "contact@bench.example.org"
        stats["stray"] += 1
    else:
        stats["for_call"] += 1
        if roll < 0.60:
            subject = rng.choice(["", "RE: ", "Tr: "]) + subject_text
        elif roll < 0.80:
            subject = f"{reference} – {name}"
            to = "candidatures@bench.example.org"
        else:
            subject = rng.choice(["Ma candidature", "ملف الترشيح", "Dossier de candidature"])
    # Receipt times spread over the week before each deadline and the day after.
    deadline = DEADLINE + timedelta(days=index % 3)
    delivered = deadline - timedelta(minutes=rng.randint(-1440, 7 * 1440))
    stats["after_deadline"] += delivered > deadline
    # The sender's clock: a little before the receipt, never the receipt time.
    date = format_datetime(delivered - timedelta(seconds=rng.randint(5, 900)))
    pieces = rng.sample(PIECES, rng.randint(1, 4))
    stats["attachments"] += len(pieces)
    body = BODIES[language].format(pieces=", ".join(p[0] for p in pieces), name=name)
    sender = f"{encoded_word(name)} <{address}>"
    if rng.random() < 0.05:
        stats["forwarded"] += 1
        body = (
            "---------- Forwarded message ---------\n"
            f"From: {name} <{address}>\nDate: {date}\nSubject: {subject}\nTo: {to}\n\n" + body
        )
        sender, subject = "Secretariat <secretariat@bench.example.org>", "Fwd: " + subject
    boundary = f"=_{rng.getrandbits(64):016x}"
    parts = [
        'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.encodebytes(body.encode()).decode().replace("\n", "\r\n")
    ]
    for _piece, french, arabic, kind in pieces:
        filename = (arabic if language == "ar" else french).format(name=name)
        size = rng.randint(1500, 6000)
        parts.append(attachment_part(filename, pdf(rng, size) if kind == "pdf" else docx(rng, size)))
    head = (
        f"Received: from mail.example.net by mx.bench.example.org; {format_datetime(delivered)}\r\n"
        f"From: {sender}\r\nTo: {to}\r\nSubject: {encoded_word(subject)}\r\nDate: {date}\r\n"
        f"Message-ID: <{n}.{rng.getrandbits(40):x}@{address.split('@')[1]}>\r\n"
        f'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'
    )
    text = head + "".join(f"--{boundary}\r\n{part}" for part in parts) + f"--{boundary}--\r\n"
    return text.encode(), delivered


def setup(database_url: str, media: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(media)
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nidaa.settings")
    # Production settings (DEBUG off) refuse to start without a strong key.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


def fresh_pg(url: str) -> str:
    import psycopg

    base, _name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "nidaa_bench_intake"')
        conn.execute('CREATE DATABASE "nidaa_bench_intake"')
    return base + "/nidaa_bench_intake"


def load_calls() -> None:
    from django.core.management import call_command

    from nidaa.accounts.models import Organization
    from nidaa.calls.models import Call

    call_command("migrate", verbosity=0)
    organization = Organization.objects.create(slug=ORG, name="Association Bench")
    for index, (subject, reference, title, language) in enumerate(CALLS):
        Call.objects.create(
            organization=organization,
            status="published" if index % 4 else "closed",
            title=title,
            reference=reference,
            email_subject=subject,
            submission_emails=[f"recrutement{index}@bench.example.org"],
            required_documents=["cv", "methodology_note", "financial_offer", "timeline"][: 2 + index % 3],
            deadline=DEADLINE + timedelta(days=index % 3),
            deadline_has_time=True,
            document_language=language,
            acknowledge_emails=index % 4 == 1,
            sha256=f"{index:064x}",
        )


def run_import(mbox: Path, batch: int) -> tuple[float, float, float | None, str]:
    """Wall time, this process's CPU time, the database server's CPU time
    (PostgreSQL on this machine; else None) and the command's summary."""
    from django.core.management import call_command

    out = io.StringIO()
    server = ServerCPU()
    started, cpu = time.perf_counter(), time.process_time()
    call_command("mail_import", str(mbox), org=ORG, batch=batch, stdout=out, verbosity=0)
    return (
        time.perf_counter() - started,
        time.process_time() - cpu,
        server.elapsed(),
        out.getvalue().strip().splitlines()[-1],
    )


class ServerCPU:
    """CPU time of this connection's PostgreSQL backend, from /proc (when the
    server runs on this machine)."""

    def __init__(self) -> None:
        from django.db import connection

        self.stat: Path | None = None
        self.start = 0.0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            stat = Path(f"/proc/{pid}/stat")
            if stat.exists():
                self.stat, self.start = stat, self._read(stat)

    @staticmethod
    def _read(stat: Path) -> float:
        # utime and stime, fields 14 and 15, after the parenthesised command name.
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def elapsed(self) -> float | None:
        if self.stat is None or not self.stat.exists():
            return None
        return self._read(self.stat) - self.start


def queue_tasks() -> None:
    """Tasks wait in huey's in-memory queue, as they would in Redis for a worker."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = False


def run_queued_tasks() -> tuple[int, float, int]:
    """Run what the import queued (the acknowledgements), as a worker would:
    (tasks, seconds, e-mails sent)."""
    from django.core import mail
    from huey.contrib.djhuey import HUEY

    started, tasks = time.perf_counter(), 0
    while (task := HUEY.dequeue()) is not None:
        HUEY.execute(task)
        tasks += 1
    return tasks, time.perf_counter() - started, len(getattr(mail, "outbox", []))


def counts() -> str:
    from nidaa.applications.models import Application, ApplicationFile, ApplicationVersion
    from nidaa.inbox.models import InboundMessage

    return (
        f"stored: {InboundMessage.objects.count()} messages, {Application.objects.count()} applications, "
        f"{ApplicationVersion.objects.count()} versions, {ApplicationFile.objects.count()} files"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument(
        "--batch", type=int, default=200, help="messages per transaction (mail_import --batch)"
    )
    parser.add_argument(
        "--pg", metavar="URL", help="also import into PostgreSQL (database nidaa_bench_intake)"
    )
    parser.add_argument("--tracemalloc", action="store_true", help="trace Python allocations (slower)")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the import to FILE")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="nidaa-bench-intake-"))
    try:
        # The PostgreSQL run (a child process) imports the file the first run wrote.
        mbox = Path(os.environ.get("BENCH_INTAKE_MBOX", work / "inbox.mbox"))
        if "BENCH_INTAKE_MBOX" not in os.environ:
            started = time.perf_counter()
            stats = generate(mbox, args.messages, args.seed)
            print(
                f"== generated {args.messages} messages ({mbox.stat().st_size / 1e6:.0f} MB) in "
                f"{time.perf_counter() - started:.0f} s: "
                + ", ".join(f"{key} {value}" for key, value in stats.items())
            )
        # Django is configured once per process: SQLite here, then PostgreSQL in a child.
        if os.environ.get("BENCH_INTAKE_TARGET") == "pg" and args.pg:
            target, url = "PostgreSQL", fresh_pg(args.pg)
        else:
            target, url = "SQLite", f"sqlite:///{work / 'bench.sqlite3'}"
        setup(url, work / "media")
        load_calls()
        queue_tasks()
        if args.tracemalloc:
            import tracemalloc

            tracemalloc.start()
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        seconds, cpu, server_cpu, summary = run_import(mbox, args.batch)
        if args.profile:
            profiler.disable()
            profiler.dump_stats(args.profile)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(
            f"== {target}: {args.messages} messages in {seconds:.1f} s = "
            f"{args.messages / seconds * 60:,.0f} messages/min "
            f"(this process's CPU: {cpu:.1f} s = {args.messages / cpu * 60:,.0f} messages/min; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
        )
        if server_cpu is not None:
            print(
                f"   PostgreSQL server process CPU: {server_cpu:.1f} s; both processes: "
                f"{cpu + server_cpu:.1f} s = {args.messages / (cpu + server_cpu) * 60:,.0f} messages/min"
            )
        print(f"   {summary}")
        print(f"   {counts()}")
        tasks, ack_seconds, sent = run_queued_tasks()
        print(
            f"   acknowledgements: {tasks} queued tasks sent {sent} e-mails in {ack_seconds:.1f} s afterwards"
        )
        line = f"   peak memory: {rss:.0f} MB resident"
        if args.tracemalloc:
            line += f", {tracemalloc.get_traced_memory()[1] / 1e6:.1f} MB Python allocations (tracemalloc)"
        print(line)
        if args.pg and os.environ.get("BENCH_INTAKE_TARGET") != "pg":
            import subprocess

            child = subprocess.run(
                [sys.executable, __file__, *sys.argv[1:]],
                env={**os.environ, "BENCH_INTAKE_TARGET": "pg", "BENCH_INTAKE_MBOX": str(mbox)},
                check=False,
            )
            return child.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
