from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from nidaa.accounts.models import Membership, User
from nidaa.calls.models import Call
from nidaa.demo.management.commands.load_demo import DEADLINE_OFFSETS, DEMO_TORS, fill_deadline, is_arabic
from tests.calls.conftest import TORS


@pytest.mark.django_db
def test_load_demo_creates_open_and_closed_calls_and_is_idempotent(fake_extractor):
    call_command("load_demo", "--tors", str(TORS))
    call_command("load_demo", "--tors", str(TORS))
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password("nidaa-demo")
    assert Membership.objects.get(user=admin).organization.slug == "demo"
    assert Membership.objects.get(user=admin).role == "admin"
    calls = {c.original_filename: c for c in Call.objects.all()}
    assert sorted(calls) == ["atelier-gouvernance.txt", "expert-eau.txt"]
    # Offsets +14 and -12 days: the first is open, the second closed.
    assert calls["atelier-gouvernance.txt"].status == "published"
    assert calls["atelier-gouvernance.txt"].deadline > timezone.now()
    assert calls["expert-eau.txt"].status == "closed"
    assert calls["expert-eau.txt"].deadline < timezone.now()


@pytest.mark.django_db
def test_load_demo_tolerates_a_missing_folder(tmp_path):
    call_command("load_demo", "--tors", str(tmp_path / "absent"))
    assert Call.objects.count() == 0
    assert User.objects.filter(username="admin").count() == 1


def test_deadline_is_written_in_french_for_french_documents():
    text = "Date limite : {deadline}"
    assert fill_deadline(text, date(2026, 12, 15)) == "Date limite : 15 décembre 2026 à 23h59"


def test_deadline_is_written_in_moroccan_arabic_for_arabic_documents():
    text = "آخر أجل لتلقي الترشيحات: {deadline}"
    assert (
        fill_deadline(text, date(2026, 12, 15)) == "آخر أجل لتلقي الترشيحات: 15 دجنبر 2026 على الساعة 23:59"
    )


def test_language_is_detected_by_arabic_letter_ratio():
    assert is_arabic((TORS / "expert-eau.txt").read_text()) is True
    assert is_arabic((TORS / "atelier-gouvernance.txt").read_text()) is False


@pytest.mark.django_db
@pytest.mark.skipif(not DEMO_TORS.is_dir(), reason="no demo ToRs in nidaa/demo/tors yet")
def test_load_demo_reads_the_shipped_demo_tors_with_the_real_reader():
    call_command("load_demo")
    call_command("load_demo")
    statuses = sorted(Call.objects.values_list("status", flat=True))
    number = len(list(DEMO_TORS.glob("*.txt")))
    closed = sum(1 for offset in DEADLINE_OFFSETS[:number] if offset < 0)
    # The demo's finished evaluation awards the most recently closed call; the
    # staff post in its interviews (nidaa/evaluation/demo_tors) is closed too.
    assert statuses == sorted(
        ["awarded"] + ["closed"] * (closed - 1) + ["closed"] + ["published"] * (number - closed)
    )
    assert all(call.title and call.text for call in Call.objects.all())
