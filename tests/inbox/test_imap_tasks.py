"""The periodic poll (huey, in-process in tests) and ``nidaa manage mail_poll``."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from nidaa.inbox.models import InboundMessage
from nidaa.inbox.tasks import poll_mailboxes
from tests.factories import OrganizationFactory, mailbox_for
from tests.inbox.mail_fixtures import DEADLINE, SUBJECT, as_bytes, build_message, intake_call

# Errors are stored in the site's language; English keeps them exact here.
pytestmark = pytest.mark.usefixtures("english")


ON_TIME = DEADLINE - timedelta(hours=1)


def deliver(server, message_id):
    raw = as_bytes(build_message(subject=SUBJECT, message_id=message_id))
    server.append(raw, received_at=ON_TIME)


def test_the_periodic_poll_reads_every_active_mailbox_in_its_own_task(
    imap_server, org, django_capture_on_commit_callbacks
):
    intake_call(org)
    deliver(imap_server, "<a@example.org>")
    active = mailbox_for(imap_server, org)
    other_org = OrganizationFactory(slug="autre")
    broken = mailbox_for(imap_server, other_org, password="wrong")
    paused = mailbox_for(imap_server, OrganizationFactory(slug="pause"), is_active=False)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        poll_mailboxes.call_local()

    assert len(callbacks) == 2
    assert list(InboundMessage.objects.values_list("organization__slug", "message_id")) == [
        ("alci-demo", "<a@example.org>")
    ]
    for mailbox in (active, broken, paused):
        mailbox.refresh_from_db()
    assert (active.last_uid, active.last_error) == (1, "")
    assert (broken.last_uid, broken.last_error) == (0, "The server refused the user name or password.")
    assert (paused.last_polled_at, paused.last_uid) == (None, 0)


def test_mail_poll_reads_one_mailbox_and_prints_what_it_did(imap_server, org):
    intake_call(org)
    deliver(imap_server, "<a@example.org>")
    mailbox = mailbox_for(imap_server, org)
    out = StringIO()

    call_command("mail_poll", "--mailbox", str(mailbox.pk), stdout=out)

    assert out.getvalue() == (
        f"recrutement@example.org (#{mailbox.pk}): read 1, new 1, filed 1, triage 0, duplicates 0, last UID 1\n"
    )


def test_mail_poll_exits_with_1_when_a_mailbox_fails(imap_server, org):
    mailbox = mailbox_for(imap_server, org, password="wrong")
    err = StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command("mail_poll", stdout=StringIO(), stderr=err)

    assert exit_info.value.code == 1
    assert err.getvalue() == (
        f"recrutement@example.org (#{mailbox.pk}): read 0, new 0, filed 0, triage 0, duplicates 0, "
        "last UID 0; error: The server refused the user name or password.\n"
    )


def test_mail_poll_refuses_an_unknown_mailbox(db):
    with pytest.raises(CommandError, match="No mailbox with id 999."):
        call_command("mail_poll", "--mailbox", "999")
