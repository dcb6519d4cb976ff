"""The factories build rows as the services would: files stored under their
sha256, sealed mailbox passwords, evaluators who are members with the role."""

import hashlib

from nidaa.applications import access
from nidaa.common.secrets import unseal
from nidaa.common.storage import stored_sha256
from tests.factories import (
    ApplicationFileFactory,
    EvaluatorAssignmentFactory,
    InboundMessageFactory,
    MailboxFactory,
)


def test_an_application_file_is_stored_under_its_sha256_with_its_version(db):
    stored = ApplicationFileFactory(content=b"%PDF-1.7 Amina")

    digest = hashlib.sha256(b"%PDF-1.7 Amina").hexdigest()
    assert stored.file.name == f"applications/{digest[:2]}/{digest}"
    assert stored_sha256(stored.file.name) == digest
    assert (stored.size, stored.application_id) == (14, stored.version.application_id)
    assert (stored.version.number, stored.application.version_count) == (1, 1)


def test_a_message_keeps_its_raw_bytes_under_their_sha256(db):
    message = InboundMessageFactory(subject="Candidature", message_id="<m1@example.org>")

    with message.raw.open("rb") as handle:
        raw = handle.read()
    assert raw.startswith(b"From: amina@example.org\r\nSubject: Candidature\r\nMessage-ID: <m1@example.org>")
    assert message.sha256 == hashlib.sha256(raw).hexdigest()
    assert message.raw.name == f"mail/{message.sha256[:2]}/{message.sha256}.eml"


def test_a_mailbox_password_is_stored_sealed(db):
    mailbox = MailboxFactory(plain_password="s3cret")

    assert mailbox.password != "s3cret"
    assert unseal(mailbox.password) == "s3cret"


def test_an_assigned_evaluator_reads_the_calls_applications(db):
    assignment = EvaluatorAssignmentFactory()

    calls = access.calls_with_applications_for(assignment.evaluator)
    assert list(calls) == [assignment.call]
