"""Polling a real mailbox: a private dovecot on 127.0.0.1 (tests/inbox/imap_server.py)."""

from datetime import timedelta

import pytest

from nidaa.applications.models import Application
from nidaa.inbox.imap import poll_mailbox
from nidaa.inbox.models import InboundMessage, Mailbox, MessageState
from tests.factories import mailbox_for
from tests.inbox.mail_fixtures import (
    DEADLINE,
    SUBJECT,
    as_bytes,
    build_message,
    complete_attachments,
)

ON_TIME = DEADLINE - timedelta(hours=1)
LATE = DEADLINE + timedelta(minutes=11)

# Errors are stored in the site's language; English keeps them exact here.
pytestmark = pytest.mark.usefixtures("english")


def deliver(server, *, message_id, received_at, subject=SUBJECT, sender=None, folder="INBOX", **kwargs):
    sender = sender or ("Amina Idrissi", "amina@example.org")
    message = build_message(
        subject=subject, sender=sender, message_id=message_id, attachments=complete_attachments(), **kwargs
    )
    server.append(as_bytes(message), received_at=received_at, folder=folder)


def test_poll_files_on_time_and_late_messages_and_leaves_the_unmatched_in_triage(imap_server, org, call):
    deliver(imap_server, message_id="<on-time@example.org>", received_at=ON_TIME)
    # Written before the deadline (Date header), received at the mailbox after it: late.
    deliver(
        imap_server,
        message_id="<late@example.org>",
        received_at=LATE,
        sender=("Karim Alaoui", "karim@example.org"),
        date=DEADLINE - timedelta(minutes=5),
    )
    deliver(
        imap_server,
        message_id="<other@example.org>",
        received_at=ON_TIME,
        subject="Question sur vos activités",
        sender=("Salma", "salma@example.org"),
        to=["contact@example.org"],
    )
    mailbox = mailbox_for(imap_server, org)

    result = poll_mailbox(mailbox_id=mailbox.pk)

    assert (result.error, result.read, result.created, result.filed, result.triage, result.duplicates) == (
        "",
        3,
        3,
        2,
        1,
        0,
    )
    on_time = InboundMessage.objects.get(message_id="<on-time@example.org>")
    late = InboundMessage.objects.get(message_id="<late@example.org>")
    other = InboundMessage.objects.get(message_id="<other@example.org>")
    assert (on_time.state, on_time.received_at, on_time.received_source, on_time.mailbox) == (
        MessageState.FILED,
        ON_TIME,
        "imap",
        mailbox,
    )
    assert (on_time.version.is_late, on_time.version.submitted_at) == (False, ON_TIME)
    assert (late.state, late.version.is_late, late.version.submitted_at) == (MessageState.FILED, True, LATE)
    assert late.sent_at == DEADLINE - timedelta(minutes=5)
    assert (other.state, other.call, other.version) == (MessageState.TRIAGE, None, None)
    assert sorted(Application.objects.filter(call=call).values_list("applicant_email", "is_late")) == [
        ("amina@example.org", False),
        ("karim@example.org", True),
    ]
    mailbox.refresh_from_db()
    assert (mailbox.last_uid, mailbox.uid_validity, mailbox.last_error) == (
        3,
        imap_server.uid_validity(),
        "",
    )
    assert mailbox.last_polled_at is not None


def test_polling_leaves_the_messages_unread_on_the_server(imap_server, org, call):
    deliver(imap_server, message_id="<on-time@example.org>", received_at=ON_TIME)
    mailbox = mailbox_for(imap_server, org)

    poll_mailbox(mailbox_id=mailbox.pk)

    conn = imap_server.connect()
    conn.select("INBOX", readonly=True)
    typ, data = conn.uid("SEARCH", "UNSEEN")
    conn.logout()
    assert (typ, data) == ("OK", [b"1"])


def test_a_second_poll_reads_only_what_arrived_since(imap_server, org, call):
    deliver(imap_server, message_id="<first@example.org>", received_at=ON_TIME)
    mailbox = mailbox_for(imap_server, org)
    poll_mailbox(mailbox_id=mailbox.pk)

    again = poll_mailbox(mailbox_id=mailbox.pk)
    assert (again.error, again.read, again.created, again.last_uid) == ("", 0, 0, 1)

    deliver(
        imap_server,
        message_id="<second@example.org>",
        received_at=ON_TIME + timedelta(minutes=1),
        sender=("Karim Alaoui", "karim@example.org"),
    )
    third = poll_mailbox(mailbox_id=mailbox.pk)

    assert (third.error, third.read, third.created, third.filed, third.last_uid) == ("", 1, 1, 1, 2)
    assert InboundMessage.objects.count() == 2
    mailbox.refresh_from_db()
    assert mailbox.last_uid == 2


def test_a_renumbered_folder_is_read_again_without_duplicates(imap_server, org, call):
    folder = "Candidatures"
    imap_server.create_folder(folder)
    deliver(imap_server, message_id="<a@example.org>", received_at=ON_TIME, folder=folder)
    deliver(
        imap_server,
        message_id="<b@example.org>",
        received_at=ON_TIME,
        sender=("Karim Alaoui", "karim@example.org"),
        folder=folder,
    )
    mailbox = mailbox_for(imap_server, org, folder=folder)
    first = poll_mailbox(mailbox_id=mailbox.pk)
    assert (first.read, first.created) == (2, 2)
    old_validity = imap_server.uid_validity(folder)

    # The folder is recreated (a server migration, a restored backup): new
    # UIDVALIDITY, UIDs from 1 again, the two old messages and a new one.
    imap_server.delete_folder(folder)
    imap_server.create_folder(folder)
    deliver(imap_server, message_id="<a@example.org>", received_at=ON_TIME, folder=folder)
    deliver(
        imap_server,
        message_id="<b@example.org>",
        received_at=ON_TIME,
        sender=("Karim Alaoui", "karim@example.org"),
        folder=folder,
    )
    deliver(
        imap_server,
        message_id="<c@example.org>",
        received_at=ON_TIME,
        sender=("Salma Berrada", "salma@example.org"),
        folder=folder,
    )
    new_validity = imap_server.uid_validity(folder)
    assert new_validity != old_validity

    second = poll_mailbox(mailbox_id=mailbox.pk)

    assert (second.error, second.read, second.created, second.duplicates, second.last_uid) == ("", 3, 1, 2, 3)
    assert sorted(InboundMessage.objects.values_list("message_id", flat=True)) == [
        "<a@example.org>",
        "<b@example.org>",
        "<c@example.org>",
    ]
    assert Application.objects.filter(call=call).count() == 3
    assert all(application.version_count == 1 for application in Application.objects.all())
    mailbox.refresh_from_db()
    assert (mailbox.uid_validity, mailbox.last_uid) == (new_validity, 3)


def test_a_folder_with_a_non_ascii_name_is_read(imap_server, org, call):
    # IMAP names folders in modified UTF-7: "Reçus 2025" is "Re&AOc-us 2025".
    imap_server.create_folder('"Re&AOc-us 2025"')
    deliver(imap_server, message_id="<a@example.org>", received_at=ON_TIME, folder='"Re&AOc-us 2025"')
    mailbox = mailbox_for(imap_server, org, folder="Reçus 2025")

    result = poll_mailbox(mailbox_id=mailbox.pk)

    assert (result.error, result.read, result.filed) == ("", 1, 1)


def test_a_refused_password_is_recorded_and_nothing_raised(imap_server, org, call):
    deliver(imap_server, message_id="<a@example.org>", received_at=ON_TIME)
    mailbox = mailbox_for(imap_server, org, password="not the password")

    result = poll_mailbox(mailbox_id=mailbox.pk)

    assert (result.error, result.read) == ("The server refused the user name or password.", 0)
    mailbox.refresh_from_db()
    assert (mailbox.last_error, mailbox.last_uid) == ("The server refused the user name or password.", 0)
    assert mailbox.last_polled_at is not None
    assert InboundMessage.objects.count() == 0


def test_a_missing_folder_is_recorded(imap_server, org, call):
    mailbox = mailbox_for(imap_server, org, folder="Archives")

    result = poll_mailbox(mailbox_id=mailbox.pk)

    assert result.error == "The folder “Archives” does not exist on the server."
    mailbox.refresh_from_db()
    assert mailbox.last_error == "The folder “Archives” does not exist on the server."


def test_the_next_successful_poll_clears_the_error(imap_server, org, call):
    mailbox = mailbox_for(imap_server, org, password="not the password")
    poll_mailbox(mailbox_id=mailbox.pk)
    Mailbox.objects.filter(pk=mailbox.pk).update(password=imap_server.password)

    result = poll_mailbox(mailbox_id=mailbox.pk)

    mailbox.refresh_from_db()
    assert (result.error, mailbox.last_error) == ("", "")


def test_an_inactive_mailbox_is_not_polled(imap_server, org, call):
    deliver(imap_server, message_id="<a@example.org>", received_at=ON_TIME)
    mailbox = mailbox_for(imap_server, org, is_active=False)

    result = poll_mailbox(mailbox_id=mailbox.pk)

    assert (result.skipped, result.error, result.read) == (True, "", 0)
    mailbox.refresh_from_db()
    assert (mailbox.last_polled_at, InboundMessage.objects.count()) == (None, 0)


def test_a_message_that_cannot_be_stored_stops_the_poll_there_and_is_read_next_time(
    imap_server, org, call, monkeypatch
):
    from nidaa.inbox import writer

    for n, sender in enumerate(("amina", "karim", "salma"), start=1):
        deliver(
            imap_server,
            message_id=f"<m{n}@example.org>",
            received_at=ON_TIME,
            sender=(sender, f"{sender}@example.org"),
        )
    mailbox = mailbox_for(imap_server, org)
    real_save = writer.save_content_addressed

    def failing_on_the_second(name, content, **kwargs):
        if b"<m2@example.org>" in content.read():
            raise OSError("disk full")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(writer, "save_content_addressed", failing_on_the_second)
    first = poll_mailbox(mailbox_id=mailbox.pk)

    assert (first.read, first.last_uid, first.error) == (
        1,
        1,
        "Message 2 could not be stored (disk full); the next poll tries it again.",
    )
    mailbox.refresh_from_db()
    assert (mailbox.last_uid, mailbox.last_error) == (1, first.error)
    assert list(InboundMessage.objects.values_list("message_id", flat=True)) == ["<m1@example.org>"]

    monkeypatch.setattr(writer, "save_content_addressed", real_save)
    second = poll_mailbox(mailbox_id=mailbox.pk)

    assert (second.error, second.read, second.created, second.last_uid) == ("", 2, 2, 3)
    assert InboundMessage.objects.count() == 3
