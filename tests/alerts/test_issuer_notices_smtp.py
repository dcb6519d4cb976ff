"""What the issuer is told about applications, through a real local SMTP
server: the daily summary of arrivals (sealed calls counted, opened calls
listed, never twice) and the notice when a call's applications open at its
deadline (once per call and admin or editor)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, timezone, translation

from nidaa.accounts.models import Membership, Role
from nidaa.alerts import arrivals, tasks
from nidaa.alerts.models import ArrivalSummaryEntry, OpenedNotice
from tests.applications.conftest import PDF
from tests.applications.issuer_helpers import emailed_application, issuer_call, web_application
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


@pytest.fixture
def staff(org, owner, member, evaluator, outsider):
    """The owner (admin, French) and the member (editor, Arabic) are told; the
    evaluator and the other organisation's member are not. Everyone joined a
    week ago, before any application arrived."""
    member.preferred_language = "ar"
    member.email = "member@example.org"
    member.save(update_fields=["preferred_language", "email"])
    owner.email = "owner@example.org"
    owner.save(update_fields=["email"])
    Membership.objects.update(created_at=timezone.now() - timedelta(days=7))
    return owner, member


@pytest.fixture
def sealed_call(org):
    return issuer_call(org, opened=False, title="Formateur en plaidoyer")


@pytest.fixture
def opened_call(org):
    return issuer_call(org, opened=True, title="Consultant en évaluation")


def by_recipient(inbox):
    return {message["To"]: message for message in inbox.messages}


def test_summary_counts_sealed_applications_and_lists_opened_ones_for_admins_and_editors(
    smtp_inbox, staff, sealed_call, opened_call
):
    now = timezone.now()
    for name in ("amina", "karim"):
        web_application(
            sealed_call, UserFactory(username=name, first_name=name.title(), last_name="Secret"), at=now
        )
    late = emailed_application(
        opened_call, email="said@example.net", name="Saïd Bennani", files={"cv": ("cv.pdf", PDF)}, late=True
    )

    assert arrivals.send_arrivals_summaries(now=now) == 2

    messages = by_recipient(smtp_inbox)
    assert sorted(messages) == ["member@example.org", "owner@example.org"]
    french = messages["owner@example.org"]
    assert french["Subject"].strip() == "Nidaa : 3 nouvelles candidatures à vos appels"
    body = text_of(french)
    assert "== Formateur en plaidoyer ==\n2 nouvelles candidatures, scellées jusqu'à la date limite." in body
    # A sealed call's applicants stay unnamed.
    assert "Secret" not in body and "Secret" not in html_of(french)
    assert f"* {late.application.receipt_number}: Saïd Bennani (E-mail, " in body
    assert ", hors délai, incomplète\n" in body
    assert (
        f"  http://127.0.0.1:8000/fr/applications/{late.application_id}/\n"
        f"Les candidatures de l'appel : http://127.0.0.1:8000/fr/applications/calls/{opened_call.pk}/received/"
    ) in body
    arabic = messages["member@example.org"]
    assert arabic["Subject"].strip() == "نداء: 3 ترشيحات جديدة لطلباتكم"
    assert "3 ترشيحات جديدة، مختومة إلى حين انقضاء الأجل." not in text_of(arabic)
    assert "ترشيحان جديدان (2)، مختومان إلى حين انقضاء الأجل." in text_of(arabic)
    assert '<html lang="ar" dir="rtl">' in html_of(arabic)
    assert f"/ar/applications/calls/{sealed_call.pk}/received/" in html_of(arabic)
    assert ArrivalSummaryEntry.objects.count() == 6


def test_summary_never_lists_an_application_twice(smtp_inbox, staff, opened_call):
    first = emailed_application(
        opened_call, email="a@example.net", name="Premier", files={"cv": ("cv.pdf", PDF)}
    )
    assert arrivals.send_arrivals_summaries() == 2
    smtp_inbox.clear()

    assert arrivals.send_arrivals_summaries() == 0
    assert smtp_inbox.messages == []

    second = emailed_application(
        opened_call, email="b@example.net", name="Second", files={"cv": ("cv.pdf", PDF)}
    )
    assert arrivals.send_arrivals_summary(user_id=staff[0].pk) == 1
    body = text_of(smtp_inbox.messages[0])
    assert second.application.receipt_number in body
    assert first.application.receipt_number not in body


def test_summary_leaves_out_drafts_and_what_arrived_before_the_member_joined(
    smtp_inbox, org, staff, opened_call
):
    emailed_application(opened_call, email="a@example.net", name="Avant", files={"cv": ("cv.pdf", PDF)})
    newcomer = MembershipFactory(
        user=UserFactory(username="nouvelle", email="nouvelle@example.org"),
        organization=org,
        role=Role.EDITOR,
    ).user

    assert arrivals.send_arrivals_summary(user_id=newcomer.pk) == 0
    assert arrivals.send_arrivals_summary(user_id=staff[0].pk) == 1
    assert [m["To"] for m in smtp_inbox.messages] == ["owner@example.org"]


def test_daily_summary_task_queues_one_task_per_admin_or_editor(
    smtp_inbox, staff, opened_call, django_capture_on_commit_callbacks
):
    emailed_application(opened_call, email="a@example.net", name="Amina", files={"cv": ("cv.pdf", PDF)})

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tasks.daily_arrivals_summary.call_local()
    assert smtp_inbox.messages == []  # nothing runs before the commit
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()

    assert sorted(m["To"] for m in smtp_inbox.messages) == ["member@example.org", "owner@example.org"]


# --- opened at the deadline -------------------------------------------------------------------


def test_opened_notice_tells_each_admin_and_editor_once_in_their_language(
    smtp_inbox, staff, opened_call, django_capture_on_commit_callbacks
):
    web_application(opened_call, UserFactory(username="amina"))
    emailed_application(
        opened_call, email="a@example.net", name="A", files={"cv": ("cv.pdf", PDF)}, late=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        tasks.applications_opened_notices.call_local()

    messages = by_recipient(smtp_inbox)
    assert sorted(messages) == ["member@example.org", "owner@example.org"]
    french = messages["owner@example.org"]
    assert french["Subject"].strip() == (
        "Nidaa : 2 candidatures à « Consultant en évaluation » peuvent maintenant être ouvertes"
    )
    body = text_of(french)
    assert (
        "La date limite de « Consultant en évaluation » est passée : ses candidatures peuvent maintenant "
        "être ouvertes.\n2 candidatures reçues. Complètes : 1. Hors délai : 1.\n"
    ) in body
    assert "(heure du Maroc)" in body
    assert f"http://127.0.0.1:8000/fr/applications/calls/{opened_call.pk}/received/" in body
    arabic = messages["member@example.org"]
    assert arabic["Subject"].strip() == "نداء: ترشيحان (2) لـ«Consultant en évaluation» يمكن فتحهما الآن"
    assert "وصل ترشيحان (2). مكتملة: 1. خارج الأجل: 1." in text_of(arabic)
    assert '<html lang="ar" dir="rtl">' in html_of(arabic)
    assert OpenedNotice.objects.filter(call=opened_call).count() == 2

    smtp_inbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.applications_opened_notices.call_local()
    assert arrivals.send_opened_notices(call_id=opened_call.pk) == 0
    assert smtp_inbox.messages == []


def test_no_opened_notice_while_sealed_for_unsealed_calls_or_long_past_deadlines(org, staff, sealed_call):
    now = timezone.now()
    issuer_call(org, opened=True, sealed=False, title="Jamais scellé")
    issuer_call(org, opened=True, deadline=now - timedelta(days=3), title="Ouvert il y a longtemps")

    assert arrivals.calls_just_opened(now=now) == []
    assert arrivals.send_opened_notices(call_id=sealed_call.pk, now=now) == 0
    # The moment its deadline passes, the sealed call is due.
    assert arrivals.calls_just_opened(now=sealed_call.deadline + timedelta(minutes=1)) == [sealed_call.pk]


def test_opened_notice_reaches_an_editor_who_joined_after_the_others_were_told(
    smtp_inbox, org, staff, opened_call
):
    assert arrivals.send_opened_notices(call_id=opened_call.pk) == 2
    assert arrivals.calls_just_opened(now=timezone.now()) == []
    MembershipFactory(
        user=UserFactory(username="late", email="late@example.org"), organization=org, role=Role.ADMIN
    )

    assert arrivals.calls_just_opened(now=timezone.now()) == [opened_call.pk]
    assert arrivals.send_opened_notices(call_id=opened_call.pk) == 1
    assert [m["To"] for m in smtp_inbox.messages][-1] == "late@example.org"


def test_periodic_schedule_of_the_issuer_notices():
    from datetime import datetime

    from huey.contrib.djhuey import HUEY

    def due_at(hour, minute):
        return sorted(t.name for t in HUEY.read_periodic(datetime(2026, 3, 2, hour, minute)))

    assert any("daily_arrivals_summary" in name for name in due_at(8, 0))
    assert not any("daily_arrivals_summary" in name for name in due_at(7, 0) + due_at(8, 5))
    assert any("applications_opened_notices" in name for name in due_at(0, 5))
    assert not any("applications_opened_notices" in name for name in due_at(0, 6))


def test_the_command_sends_the_summaries_and_the_opened_notices(smtp_inbox, staff, opened_call, capsys):
    from django.core.management import call_command

    emailed_application(opened_call, email="a@example.net", name="Amina", files={"cv": ("cv.pdf", PDF)})

    call_command("send_arrivals_summaries")

    assert capsys.readouterr().out == "2 summary e-mail(s) and 2 opened notice(s) sent\n"
    assert len(smtp_inbox.messages) == 4
    call_command("send_arrivals_summaries")
    assert capsys.readouterr().out == "0 summary e-mail(s) and 0 opened notice(s) sent\n"


def test_summary_separates_an_items_details_with_the_arabic_comma_in_arabic(smtp_inbox, staff, opened_call):
    late = emailed_application(
        opened_call, email="said@example.net", name="Saïd Bennani", files={"cv": ("cv.pdf", PDF)}, late=True
    )
    received = timezone.localtime(late.application.received_at, ZoneInfo("Africa/Casablanca"))
    with translation.override("ar"):
        at_ar = formats.date_format(received, "DATETIME_FORMAT")
    with translation.override("fr"):
        at_fr = formats.date_format(received, "DATETIME_FORMAT")

    assert arrivals.send_arrivals_summaries() == 2

    messages = by_recipient(smtp_inbox)
    receipt = late.application.receipt_number
    arabic_line = f"Saïd Bennani (البريد الإلكتروني، {at_ar})، خارج الأجل، غير مكتمل"
    assert f"* {receipt}: {arabic_line}\n" in text_of(messages["member@example.org"])
    assert f"{receipt}</a>: {arabic_line}</li>" in html_of(messages["member@example.org"])
    french_line = f"Saïd Bennani (E-mail, {at_fr}), hors délai, incomplète"
    assert f"* {receipt}: {french_line}\n" in text_of(messages["owner@example.org"])
