"""Digest and reminder e-mails, sent through a real local SMTP server and read back."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from nidaa.alerts import digests as alerts
from nidaa.alerts.models import AlertFrequency, DeadlineReminder, DigestEntry
from nidaa.calls.models import CallStatus
from tests.factories import FollowedCallFactory, PublishedCallFactory, SavedSearchFactory, UserFactory

pytestmark = pytest.mark.django_db


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


@pytest.fixture
def past():
    return timezone.now() - timedelta(days=1)


def test_digest_lists_new_matching_calls_once(smtp_inbox, applicant, past):
    search = SavedSearchFactory(user=applicant, name="Plaidoyer", params={"q": "plaidoyer"})
    search.created_at = past
    search.save(update_fields=["created_at"])
    match = PublishedCallFactory(
        title="Formateur en plaidoyer pour trois zones rurales", issuer="Association A"
    )
    other = PublishedCallFactory(title="Chargé de suivi-évaluation", issuer="Association B")

    assert alerts.send_digests() == 1

    [message] = smtp_inbox.messages
    assert message["To"] == "amina@example.org"
    assert smtp_inbox.envelopes[0].rcpt_tos == ["amina@example.org"]
    assert message["Subject"].strip() == "Nidaa : 1 nouvel appel pour “Plaidoyer”"
    body = text_of(message)
    assert match.title in body
    assert "Association A" in body
    assert f"http://127.0.0.1:8000/fr/calls/{match.pk}/" in body
    assert other.title not in body
    assert other.title not in html_of(message)
    assert 'dir="ltr"' in html_of(message)

    smtp_inbox.clear()
    assert alerts.send_digests() == 0
    assert smtp_inbox.messages == []
    assert DigestEntry.objects.filter(saved_search=search).count() == 1


def test_next_digest_sends_only_the_calls_published_since(smtp_inbox, applicant, past):
    search = SavedSearchFactory(user=applicant, params={"q": "plaidoyer"})
    search.created_at = past
    search.save(update_fields=["created_at"])
    first = PublishedCallFactory(title="Plaidoyer 1")
    alerts.send_digests()
    smtp_inbox.clear()
    second = PublishedCallFactory(title="Plaidoyer 2")

    assert alerts.send_digests() == 1

    body = text_of(smtp_inbox.messages[0])
    assert second.title in body
    assert first.title not in body


def test_arabic_digest_has_an_encoded_arabic_subject_and_rtl_html(smtp_inbox, past):
    user = UserFactory(username="youssef", email="youssef@example.org", preferred_language="ar")
    search = SavedSearchFactory(user=user, name="تكوين المنتخبين", params={"q": "تكوين"})
    search.created_at = past
    search.save(update_fields=["created_at"])
    call = PublishedCallFactory(title="تكوين المنتخبين في الميزانية التشاركية", issuer="جمعية المثال")

    assert alerts.send_digests() == 1

    [envelope] = smtp_inbox.envelopes
    raw_headers = envelope.original_content.split(b"\r\n\r\n", 1)[0].decode("ascii")  # headers stay ASCII
    raw_subject = re.search(r"^Subject:([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", raw_headers, re.MULTILINE).group(1)
    assert "=?utf-8?" in raw_subject.lower()  # RFC 2047 encoded words, folded
    [message] = smtp_inbox.messages
    assert "“تكوين المنتخبين”" in message["Subject"]
    assert call.title in text_of(message)
    assert '<html lang="ar" dir="rtl">' in html_of(message)
    assert f"/ar/calls/{call.pk}/" in html_of(message)


def test_no_digest_for_searches_without_alerts_drafts_or_calls_before_the_search(smtp_inbox, applicant):
    SavedSearchFactory(user=applicant, params={"q": "plaidoyer"}, frequency=AlertFrequency.NONE)
    recent = SavedSearchFactory(user=applicant, params={"q": "budget"})
    old = PublishedCallFactory(title="Budget participatif", published_at=timezone.now() - timedelta(days=3))
    PublishedCallFactory(title="Plaidoyer local")
    PublishedCallFactory(title="Budget sensible au genre", status=CallStatus.DRAFT, published_at=None)
    assert recent.created_at > old.published_at

    assert alerts.send_digests() == 0
    assert smtp_inbox.messages == []


def test_reminder_72_hours_before_deadline_once_per_user_and_call(smtp_inbox, applicant):
    now = timezone.now()
    SavedSearchFactory(user=applicant, params={"q": "plaidoyer"}, remind_deadlines=True)
    soon = PublishedCallFactory(title="Plaidoyer: formateur", deadline=now + timedelta(hours=48))
    later = PublishedCallFactory(title="Plaidoyer: consultant", deadline=now + timedelta(days=5))
    followed = PublishedCallFactory(title="Responsable régional", deadline=now + timedelta(hours=70))
    FollowedCallFactory(user=applicant, call=followed)
    unrelated = PublishedCallFactory(title="Juriste", deadline=now + timedelta(hours=24))

    call_command("send_deadline_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    [message] = smtp_inbox.messages
    assert message["To"] == "amina@example.org"
    assert message["Subject"].strip() == "Nidaa : 2 appels se clôturent dans moins de 72 heures"
    body = text_of(message)
    assert soon.title in body
    assert followed.title in body
    assert later.title not in body
    assert unrelated.title not in body

    smtp_inbox.clear()
    assert alerts.send_deadline_reminders() == 0
    assert smtp_inbox.messages == []
    assert DeadlineReminder.objects.filter(user=applicant).count() == 2


def test_no_reminder_without_the_flag(smtp_inbox, applicant):
    SavedSearchFactory(user=applicant, params={"q": "plaidoyer"}, remind_deadlines=False)
    PublishedCallFactory(title="Plaidoyer", deadline=timezone.now() + timedelta(hours=10))

    assert alerts.send_deadline_reminders() == 0
    assert smtp_inbox.messages == []


def test_send_digests_command_reports_what_it_sent(smtp_inbox, applicant, past, capsys):
    search = SavedSearchFactory(user=applicant, params={"q": "plaidoyer"})
    search.created_at = past
    search.save(update_fields=["created_at"])
    PublishedCallFactory(title="Plaidoyer")

    call_command("send_digests")

    assert capsys.readouterr().out == "1 digest e-mail(s) sent\n"
    assert len(smtp_inbox.messages) == 1
