from datetime import timedelta

import pytest
from django.core import mail

from nidaa.applications.models import Application
from nidaa.calls.models import CallStatus
from nidaa.common.models import AuditEntry
from nidaa.inbox.intake import ingest_message
from nidaa.inbox.models import InboundMessage, MessageState
from nidaa.inbox.triage import MessageNotFileable, discard_message, file_message
from tests.inbox.mail_fixtures import (
    DEADLINE,
    as_bytes,
    build_message,
    complete_attachments,
    intake_call,
)

BEFORE = DEADLINE - timedelta(hours=2)


@pytest.fixture
def waiting(org, call):
    """A complete application sent with a free-form subject to another address."""
    message = build_message(
        subject="Mon dossier", to=["direction@example.org"], attachments=complete_attachments()
    )
    return ingest_message(organization=org, raw=as_bytes(message), received_at=BEFORE).message


def test_assigning_a_triaged_message_files_it_as_a_match_would(waiting, call, owner):
    assert waiting.state == MessageState.TRIAGE

    version = file_message(message=waiting, call=call, actor=owner)

    waiting.refresh_from_db()
    assert (waiting.state, waiting.call, waiting.matched_by, waiting.version) == (
        "filed",
        call,
        "manual",
        version,
    )
    application = version.application
    assert (application.call, application.applicant_email, application.channel) == (
        call,
        "amina@example.org",
        "email",
    )
    assert (version.submitted_at, version.is_late, version.missing_pieces) == (BEFORE, False, [])
    assert sorted(version.files.values_list("piece", flat=True)) == [
        "cv",
        "financial_offer",
        "methodology_note",
    ]
    assert [a["piece"] for a in waiting.attachments] == ["cv", "methodology_note", "financial_offer"]
    entry = AuditEntry.objects.get(object_type="inbox.inboundmessage", object_id=waiting.pk)
    assert (entry.actor, entry.action, entry.from_state, entry.to_state) == (owner, "file", "triage", "filed")
    assert entry.data == {"call": call.pk, "application": application.pk, "version": 1}


def test_assigned_message_received_after_the_deadline_is_late(org, call, owner):
    message = build_message(subject="Mon dossier", to=["direction@example.org"])
    stored = ingest_message(
        organization=org, raw=as_bytes(message), received_at=DEADLINE + timedelta(seconds=1)
    ).message

    version = file_message(message=stored, call=call, actor=owner)

    assert version.is_late is True
    assert version.missing_pieces == ["cv", "methodology_note", "financial_offer"]


def test_assigning_acknowledges_only_when_the_call_asks_for_it(
    waiting, call, owner, django_capture_on_commit_callbacks
):
    call.acknowledge_emails = True
    call.save(update_fields=["acknowledge_emails"])

    with django_capture_on_commit_callbacks(execute=True):
        file_message(message=waiting, call=call, actor=owner)

    assert [m.to for m in mail.outbox] == [["amina@example.org"]]


def test_a_filed_message_cannot_be_filed_again(waiting, call, owner):
    file_message(message=waiting, call=call, actor=owner)

    with pytest.raises(MessageNotFileable):
        file_message(message=waiting, call=call, actor=owner)
    assert Application.objects.get().version_count == 1


def test_a_message_cannot_go_to_another_organisations_call_or_a_draft(waiting, other_org, org, owner):
    for target in (intake_call(other_org), intake_call(org, status=CallStatus.DRAFT, email_subject="x")):
        with pytest.raises(MessageNotFileable):
            file_message(message=waiting, call=target, actor=owner)
    assert InboundMessage.objects.get().state == MessageState.TRIAGE


def test_discarding_sets_the_message_aside_and_audits_it(waiting, call, owner):
    discard_message(message=waiting, actor=owner)

    waiting.refresh_from_db()
    assert waiting.state == MessageState.DISCARDED
    entry = AuditEntry.objects.get(object_type="inbox.inboundmessage", object_id=waiting.pk)
    assert (entry.actor, entry.action, entry.from_state, entry.to_state) == (
        owner,
        "discard",
        "triage",
        "discarded",
    )


def test_a_discarded_message_can_still_be_filed(waiting, call, owner):
    discard_message(message=waiting, actor=owner)

    file_message(message=waiting, call=call, actor=owner)

    waiting.refresh_from_db()
    assert waiting.state == MessageState.FILED


def test_a_filed_message_cannot_be_discarded(waiting, call, owner):
    file_message(message=waiting, call=call, actor=owner)

    with pytest.raises(MessageNotFileable):
        discard_message(message=waiting, actor=owner)
    waiting.refresh_from_db()
    assert waiting.state == MessageState.FILED
