"""The deadline rush: 200 signed-in applicants submit through gunicorn (sync
workers) on PostgreSQL in the seconds around a call's deadline. Every accepted
submission is one application with one version and exactly the files sent;
every late one gets the deadline page and leaves nothing behind; the storage
holds no file that no row names. Run with ``-s`` to see the counts."""

import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from nidaa.calls.models import Call, CallStatus
from tests.applications.rush import (
    PIECES,
    check,
    database_url,
    fire,
    gunicorn,
    make_applicants,
    server_env,
    warm_up,
)
from tests.factories import CallFactory

APPLICANTS = 200
WORKERS = 4
# Seconds after the start: the deadline, and the window the submissions are
# spread over. The first ones leave two seconds before the deadline (far more
# than one submission takes), the last ones two seconds after it.
DEADLINE_AT = 3.0
FIRST_AT, LAST_AT = 1.0, 5.0

pytestmark = pytest.mark.skipif(
    not django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="needs PostgreSQL (DATABASE_URL=postgres://...): SQLite takes one writer at a time, "
    "so concurrent gunicorn workers would fail with 'database is locked'",
)


@pytest.mark.django_db(transaction=True)
def test_deadline_rush_stores_each_accepted_submission_once_and_refuses_late_ones_cleanly(settings, tmp_path):
    clock = time.monotonic()
    call = CallFactory(
        status=CallStatus.PUBLISHED, deadline=timezone.now() + timedelta(days=1), required_documents=PIECES
    )
    applicants = make_applicants(APPLICANTS)
    path = reverse("applications:apply", args=[call.pk])
    env = server_env(
        database=database_url(connection.settings_dict),
        media_root=settings.MEDIA_ROOT,
        var_dir=tmp_path / "var",
        secret_key=settings.SECRET_KEY,
    )

    timings = {"applicants": time.monotonic() - clock}
    clock = time.monotonic()
    with gunicorn(env=env, log=tmp_path / "gunicorn.log", workers=WORKERS, ready_path=path) as server:
        assert warm_up(server.host, path, applicants) == [200] * 8, server.log_tail()
        timings["server up"] = time.monotonic() - clock
        # The clock starts now: the deadline is DEADLINE_AT seconds ahead.
        started = time.monotonic()
        Call.objects.filter(pk=call.pk).update(deadline=timezone.now() + timedelta(seconds=DEADLINE_AT))
        step = (LAST_AT - FIRST_AT) / (APPLICANTS - 1)
        outcomes = fire(
            server.host, path, applicants, [FIRST_AT + n * step for n in range(APPLICANTS)], started
        )
        log = server.log_tail()
        timings["rush"] = time.monotonic() - started

    clock = time.monotonic()
    tally = check(call, outcomes, DEADLINE_AT)
    timings["check"] = time.monotonic() - clock
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
    print(
        f"\ndeadline rush, {APPLICANTS} applicants, gunicorn {WORKERS} sync workers: {tally.line()}; {phases}"
    )
    summary = f"{tally.line()}\nproblems: {tally.problems[:20]}\ngunicorn log:\n{log}"
    assert tally.problems == [], summary
    assert not [status for status in tally.statuses if status >= 500], summary
    assert tally.accepted + tally.refused == APPLICANTS, summary
    assert tally.accepted >= 1, summary
    assert tally.refused >= 1, summary
