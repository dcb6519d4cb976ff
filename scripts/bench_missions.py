"""make bench-missions: a mission of 20,000 participants and 400 sessions.

1. Generates a participants' sheet (.xlsx, title rows, French/Arabic headers,
   phones in several formats) of N participants (default 20,000) spread over
   50 zones, and imports it through ``import_participants`` (what the web
   import and ``nidaa missions participants import`` run): rows per second.
2. Plans 400 sessions (8 per zone) and records attendance for each expected
   participant (~160,000 rows, bulk-written: not what is measured).
3. Times the pages in-process with Django's test client (no network): the
   mission's planned-vs-present page and a session's attendance page at the
   door, p50/p95 over repeated requests.
4. Renders attendance sheets until 60 A4 pages and times them.
5. Imports 60,000 questionnaire responses (pre, post, final: one Kobo export
   each) through ``import_responses`` (scripts/bench_questionnaires.py).
6. Tabulates them, times the results page and makes the final report (PDF
   and DOCX) of the 400-session mission (scripts/bench_reports.py).

Everything happens in a fresh SQLite database in a temporary directory
(``--database-url`` for another, e.g. PostgreSQL: it is migrated and filled).
Wall time and this process's CPU time are both printed: the machine may be
busy with other work, which wall time counts and CPU time does not.
Targets on the reference machine: import >= 5,000 rows/s, page p95 < 300 ms,
60 pages of sheets < 3 s.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ZONES = 50
SESSIONS_PER_ZONE = 8
FIRST = (
    "Amina Youssef Fatima Mohamed Khadija Omar Salma Karim Nadia Hassan Imane Rachid Zineb Mehdi Hind".split()
)
LAST = "Idrissi Benali Alaoui Tazi Berrada Chraibi Amrani Fassi Bennani Zerouali Ouazzani Lahlou".split()
FIRST_AR = "أمينة يوسف فاطمة محمد خديجة عمر سلمى كريم نادية حسن".split()
LAST_AR = "الإدريسي بنعلي العلوي التازي برادة الشرايبي العمراني الفاسي".split()
CATEGORIES = ["Élu·e", "Cadre communal", "Membre d'association", "Comité local de développement"]


def sheet(n: int) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet()
    ws.append(["Liste des participant·es / لائحة المشاركين"])
    ws.append([])
    ws.append(["N°", "Nom et prénom", "الاسم الكامل", "Sexe", "Catégorie", "Organisation", "Tél", "Zone"])
    for i in range(n):
        # Unique names and phones: a duplicate would be left out and change the count.
        latin = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"
        arabic = f"{FIRST_AR[i % len(FIRST_AR)]} {LAST_AR[(i // 10) % len(LAST_AR)]} {i}"
        digits = f"{6_1000_0000 + i:09d}"
        phone = [
            f"0{digits[:1]} {digits[1:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}",
            f"+212 {digits}",
            f"0{digits}",
        ][i % 3]
        ws.append(
            [
                i + 1,
                latin,
                arabic,
                "FH"[i % 2],
                CATEGORIES[i % 4],
                f"Association {i % 300}",
                phone,
                f"Zone {i % ZONES:02d}",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the sheet is
    read in a child process under a budget)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=40, help="requests per page for the percentiles")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-missions-"))
    try:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{work / 'bench.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(work / "media")
        # Production settings (DEBUG off) refuse to start without a strong key.
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
        # The pages are requested in-process, without TLS: no redirect to HTTPS.
        os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nidaa.settings")
        import django

        django.setup()
        from datetime import date
        from datetime import time as clock

        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()  # the test client's ALLOWED_HOSTS, in-memory mail
        call_command("migrate", verbosity=0)
        from nidaa.accounts.models import Membership, Organization, Role, User
        from nidaa.calls.models import Call, CallStatus
        from nidaa.missions.documents import attendance_sheets_pdf
        from nidaa.missions.models import Attendance, Participant, Session, Zone
        from nidaa.missions.services.mission import create_mission
        from nidaa.missions.services.participants import import_participants
        from nidaa.missions.services.plan import apply_plan

        org = Organization.objects.create(slug="bench-missions", name="Bench")
        user = User.objects.create_user("bench-owner", "owner@example.org", "x")
        Membership.objects.create(user=user, organization=org, role=Role.ADMIN)
        call = Call.objects.create(organization=org, title="Bench", status=CallStatus.CLOSED, sha256="0" * 64)
        mission = create_mission(call=call, actor=user)
        for z in range(ZONES):
            Zone.objects.create(mission=mission, name=f"Zone {z:02d}", position=z)

        data = sheet(args.participants)
        started, cpu = time.perf_counter(), cpu_seconds()
        report = import_participants(mission=mission, data=data, actor=user)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        assert not report.errors and report.imported == args.participants, (
            report.errors[:3],
            report.imported,
        )
        print(
            f"import: {report.imported} rows in {seconds:.2f} s = {report.imported / seconds:,.0f} rows/s "
            f"(CPU {cpu:.2f} s = {report.imported / cpu:,.0f} rows/s; .xlsx of {len(data) / 1e6:.1f} MB, "
            "read, checked, duplicates, stored)"
        )

        apply_plan(
            mission=mission,
            modules=[f"Module {m}" for m in range(1, SESSIONS_PER_ZONE // 2 + 1)],
            zones=[f"Zone {z:02d}" for z in range(ZONES)],
            days_per_module=2,
            first_day=date(2026, 3, 2),
            start=clock(9),
            end=clock(17),
            expected=args.participants // ZONES,
            actor=user,
        )
        sessions = list(Session.objects.filter(mission=mission).order_by("id"))
        by_zone: dict[int, list[int]] = {}
        people = {}
        for pid, zone_id, sex, category_id in Participant.objects.filter(mission=mission).values_list(
            "id", "zone_id", "sex", "category_id"
        ):
            by_zone.setdefault(zone_id, []).append(pid)
            people[pid] = (sex, category_id)
        rows = [
            Attendance(
                session_id=s.pk,
                participant_id=pid,
                # Present at least one half-day; a few leave after the morning.
                present=(pid + s.pk) % 9 != 0,
                morning=(pid + s.pk) % 9 != 0,
                afternoon=(pid + s.pk) % 9 != 0 and (pid + s.pk) % 11 != 0,
                sex=people[pid][0],
                category_id=people[pid][1],
            )
            for s in sessions
            for pid in by_zone.get(s.zone_id, [])
        ]
        Attendance.objects.bulk_create(rows, batch_size=2000)
        print(f"plan: {len(sessions)} sessions, {len(rows):,} attendance rows")

        from scripts.bench_questionnaires import bench_responses

        bench_responses(mission=mission, user=user, cpu_seconds=cpu_seconds)

        client = Client()
        client.force_login(user)
        from scripts.bench_reports import bench_reports

        bench_reports(mission=mission, client=client, requests=args.requests, cpu_seconds=cpu_seconds)
        for name, url in (
            ("mission attendance page", f"/fr/missions/{mission.pk}/attendance/"),
            ("session page (door)", f"/fr/missions/sessions/{sessions[len(sessions) // 2].pk}/"),
        ):
            first = client.get(url)
            assert first.status_code == 200, (first.status_code, first.get("Location"), first.content[:300])
            times, cpu_times = [], []
            for _ in range(args.requests):
                t, c = time.perf_counter(), cpu_seconds()
                response = client.get(url)
                times.append((time.perf_counter() - t) * 1000)
                cpu_times.append((cpu_seconds() - c) * 1000)
                assert response.status_code == 200
            print(
                f"{name}: p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms "
                f"(CPU p95 {percentile(cpu_times, 0.95):.0f} ms; {args.requests} requests, in-process)"
            )

        import pypdfium2

        chosen, pages, seconds = [], 0, 0.0
        per_session = None
        for session in sessions:
            chosen.append(session)
            if per_session is None:
                first = attendance_sheets_pdf(sessions=[session], lang="ar")
                per_session = len(pypdfium2.PdfDocument(first))
            if per_session * len(chosen) >= 60:
                break
        started, cpu = time.perf_counter(), cpu_seconds()
        pdf = attendance_sheets_pdf(sessions=chosen, lang="ar")
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        pages = len(pypdfium2.PdfDocument(pdf))
        print(
            f"attendance sheets: {pages} pages ({len(chosen)} sessions) in {seconds:.2f} s, CPU {cpu:.2f} s: "
            f"60 pages in {seconds / pages * 60:.2f} s (CPU {cpu / pages * 60:.2f} s)"
        )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
