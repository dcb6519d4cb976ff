"""The deadline rush outside pytest: N signed-in applicants submit through
gunicorn (sync workers) on PostgreSQL in the seconds around a call's deadline;
prints the counts, the timings and any inconsistency.

    .venv/bin/python scripts/deadline_rush.py --pg postgres://postgres@127.0.0.1:5432/nidaa

Uses (and creates once) the database ``nidaa_rush`` next to the one in --pg;
each run empties its applications, users and sessions first. Files go to a
temporary MEDIA_ROOT removed at the end. Only 127.0.0.1; the server is always
stopped. Exit status 1 if any submission was lost, doubled or answered badly.
This is the same code as tests/applications/test_deadline_rush.py.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def ensure_database(admin_url: str, name: str) -> str:
    import psycopg

    base = admin_url.rsplit("/", 1)[0]
    # The maintenance database "postgres" always exists; ours may not.
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/nidaa"))
    parser.add_argument("--database", default="nidaa_rush")
    parser.add_argument("--applicants", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--deadline-at", type=float, default=3.0, help="seconds after the start")
    parser.add_argument(
        "--first-at", type=float, default=1.0, help="first submission, seconds after the start"
    )
    parser.add_argument("--last-at", type=float, default=5.0, help="last submission, seconds after the start")
    args = parser.parse_args()

    url = ensure_database(args.pg, args.database)
    media = Path(tempfile.mkdtemp(prefix="nidaa-rush-"))
    os.environ.update({"DATABASE_URL": url, "MEDIA_ROOT": str(media / "media")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nidaa.settings")
    # Production settings (DEBUG off) refuse to start without a strong key.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone, translation

    from nidaa.accounts.models import Organization, User
    from nidaa.applications.models import Application
    from nidaa.calls.models import Call, CallStatus
    from tests.applications import rush

    timings: dict[str, float] = {}
    clock = time.monotonic()
    call_command("migrate", verbosity=0)
    # A database of its own: every run starts from no application and no applicant.
    Application.objects.all().delete()
    User.objects.filter(username__startswith="rush-").delete()
    Session.objects.all().delete()
    organization, _created = Organization.objects.get_or_create(slug="rush", defaults={"name": "Rush"})
    call = Call.objects.create(
        organization=organization,
        title="Deadline rush",
        status=CallStatus.PUBLISHED,
        deadline=timezone.now() + timedelta(days=1),
        deadline_has_time=True,
        required_documents=rush.PIECES,
        sha256=os.urandom(32).hex(),
    )
    applicants = rush.make_applicants(args.applicants)
    with translation.override("fr"):
        path = reverse("applications:apply", args=[call.pk])
    timings["set-up"] = time.monotonic() - clock

    env = rush.server_env(
        database=url, media_root=media / "media", var_dir=media / "var", secret_key=settings.SECRET_KEY
    )
    clock = time.monotonic()
    step = (args.last_at - args.first_at) / max(1, args.applicants - 1)
    try:
        with rush.gunicorn(
            env=env, log=media / "gunicorn.log", workers=args.workers, ready_path=path
        ) as server:
            statuses = rush.warm_up(server.host, path, applicants)
            if statuses != [200] * len(statuses):
                print(f"warm-up answered {statuses}:\n{server.log_tail()}", file=sys.stderr)
                return 1
            timings["server up"] = time.monotonic() - clock
            started = time.monotonic()
            Call.objects.filter(pk=call.pk).update(
                deadline=timezone.now() + timedelta(seconds=args.deadline_at)
            )
            offsets = [args.first_at + n * step for n in range(args.applicants)]
            outcomes = rush.fire(server.host, path, applicants, offsets, started)
            timings["rush"] = time.monotonic() - started
        clock = time.monotonic()
        tally = rush.check(call, outcomes, args.deadline_at)
        timings["check"] = time.monotonic() - clock
    finally:
        import shutil

        shutil.rmtree(media, ignore_errors=True)

    answered = sorted(o.answered_at - o.sent_at for o in outcomes if not o.error)
    print(
        f"{args.applicants} applicants, gunicorn {args.workers} sync workers, deadline at {args.deadline_at:.1f} s, "
        f"submissions sent from {args.first_at:.1f} s to {args.last_at:.1f} s"
    )
    print(tally.line())
    if answered:
        print(
            f"response time: p50 {answered[len(answered) // 2]:.2f} s, "
            f"p95 {answered[max(0, len(answered) * 95 // 100 - 1)]:.2f} s, max {answered[-1]:.2f} s"
        )
    print("timings: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()))
    for problem in tally.problems[:50]:
        print(f"PROBLEM {problem}")
    return 1 if tally.problems or tally.accepted + tally.refused != args.applicants else 0


if __name__ == "__main__":
    sys.exit(main())
