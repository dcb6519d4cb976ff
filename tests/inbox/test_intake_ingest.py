import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.files.storage import default_storage

from nidaa.applications.models import Application, ApplicationFile, ApplicationVersion
from nidaa.calls.models import CallStatus
from nidaa.inbox.intake import ingest_message
from nidaa.inbox.matching import IntakeMatcher
from nidaa.inbox.models import InboundMessage, MessageState
from tests.factories import UserFactory
from tests.inbox.mail_fixtures import (
    ADDRESS,
    DEADLINE,
    REFERENCE,
    SUBJECT,
    as_bytes,
    build_forward,
    build_message,
    complete_attachments,
    docx_bytes,
    intake_call,
    pdf_bytes,
)

BEFORE = DEADLINE - timedelta(hours=2)


def ingest(org, message, received_at=BEFORE, **kwargs):
    return ingest_message(organization=org, raw=as_bytes(message), received_at=received_at, **kwargs)


def test_matched_message_becomes_a_complete_email_version_with_classified_files(org, call):
    message = build_message(subject=SUBJECT, attachments=complete_attachments())

    result = ingest(org, message)

    assert (result.created, result.filed, result.late, result.missing) == (True, True, False, [])
    stored = result.message
    assert (stored.state, stored.call, stored.matched_by) == (MessageState.FILED, call, "subject")
    assert (stored.received_at, stored.received_source) == (BEFORE, "mbox")
    application = Application.objects.get()
    assert (application.call, application.applicant, application.applicant_email) == (
        call,
        None,
        "amina@example.org",
    )
    assert (application.applicant_name, application.channel, application.status) == (
        "Amina Idrissi",
        "email",
        "submitted",
    )
    assert (application.is_late, application.missing_pieces, application.version_count) == (False, [], 1)
    version = application.versions.get()
    assert (version.channel, version.submitted_at, version.message) == ("email", BEFORE, stored)
    files = {(f.piece, f.original_name, f.content_type) for f in version.files.all()}
    assert files == {
        ("cv", "CV Amina Idrissi.pdf", "pdf"),
        ("methodology_note", "Note méthodologique.docx", "docx"),
        ("financial_offer", "Offre financière.pdf", "pdf"),
    }
    assert [(a["name"], a["piece"]) for a in stored.attachments] == [
        ("CV Amina Idrissi.pdf", "cv"),
        ("Note méthodologique.docx", "methodology_note"),
        ("Offre financière.pdf", "financial_offer"),
    ]


def test_raw_message_is_kept_whole_under_its_sha256(org, call):
    raw = as_bytes(build_message(subject=SUBJECT, attachments=complete_attachments()))

    result = ingest_message(organization=org, raw=raw, received_at=BEFORE)

    sha256 = hashlib.sha256(raw).hexdigest()
    assert result.message.sha256 == sha256
    assert result.message.raw.name == f"mail/{sha256[:2]}/{sha256}.eml"
    assert result.message.size == len(raw)
    with default_storage.open(result.message.raw.name) as handle:
        assert handle.read() == raw


def test_non_ascii_rfc2231_file_names_are_kept(org, call):
    message = build_message(
        subject=SUBJECT,
        attachments=[
            ("السيرة الذاتية - أمينة.pdf", pdf_bytes("cv")),
            ("Note méthodologique.docx", docx_bytes()),
        ],
    )
    assert "filename*=utf-8''" in message.as_string()

    result = ingest(org, message)

    names = sorted(ApplicationFile.objects.values_list("original_name", flat=True))
    assert names == ["Note méthodologique.docx", "السيرة الذاتية - أمينة.pdf"]
    assert [a["name"] for a in result.message.attachments] == [
        "السيرة الذاتية - أمينة.pdf",
        "Note méthodologique.docx",
    ]


def test_arabic_subject_matches_a_call_with_an_arabic_prescribed_subject(org, call):
    arabic = intake_call(
        org,
        title="انتداب خبير في تقييم المشاريع",
        email_subject="ترشيح - خبير في التقييم",
        reference="",
        submission_emails=[],
    )
    message = build_message(subject="ترشيح - خبير في التقييم", to=["other@example.org"])

    result = ingest(org, message)

    assert (result.message.call, result.message.matched_by) == (arabic, "subject")
    assert result.message.subject == "ترشيح - خبير في التقييم"


def test_message_is_matched_by_reference_or_receiving_address(org, call):
    by_reference = ingest(
        org,
        build_message(subject=f"Dossier {REFERENCE}", to=["other@example.org"], message_id="<ref@x>"),
    )
    by_address = ingest(org, build_message(subject="Ma candidature", to=[ADDRESS], message_id="<addr@x>"))

    assert (by_reference.message.call, by_reference.message.matched_by) == (call, "reference")
    assert (by_address.message.call, by_address.message.matched_by) == (call, "address")


def test_late_by_the_mailbox_receipt_time_even_when_the_date_header_is_earlier(org, call):
    message = build_message(
        subject=SUBJECT, date=DEADLINE - timedelta(hours=1), attachments=complete_attachments()
    )
    received = DEADLINE + timedelta(minutes=3)

    result = ingest(org, message, received_at=received)

    assert result.filed and result.late
    assert result.message.received_at == received
    assert result.message.sent_at == DEADLINE - timedelta(hours=1)
    application = Application.objects.get()
    assert (application.is_late, application.received_at) == (True, received)
    assert application.versions.get().is_late is True


def test_message_received_after_a_call_closed_is_kept_and_flagged_late(org, call):
    call.status = CallStatus.CLOSED
    call.save(update_fields=["status"])

    result = ingest(org, build_message(subject=SUBJECT), received_at=DEADLINE + timedelta(days=2))

    assert (result.filed, result.late) == (True, True)
    assert Application.objects.get().is_late is True


def test_without_a_given_time_the_receiving_servers_received_header_counts(org, call):
    received = DEADLINE + timedelta(minutes=10)
    message = build_message(subject=SUBJECT, date=DEADLINE - timedelta(hours=5), received=received)

    result = ingest(org, message, received_at=None)

    assert (result.message.received_at, result.message.received_source) == (received, "received")
    assert result.late is True


def test_incomplete_message_is_filed_and_flagged_with_what_is_missing(org, call):
    message = build_message(subject=SUBJECT, attachments=[("CV.pdf", pdf_bytes("cv"))])

    result = ingest(org, message)

    assert (result.filed, result.missing) == (True, ["methodology_note", "financial_offer"])
    application = Application.objects.get()
    assert application.missing_pieces == ["methodology_note", "financial_offer"]
    assert application.versions.get().missing_pieces == ["methodology_note", "financial_offer"]


def test_unclassified_attachment_is_kept_as_other(org, call):
    attachments = [*complete_attachments(), ("IMG_2034.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 24)]

    result = ingest(org, build_message(subject=SUBJECT, attachments=attachments))

    assert result.missing == []
    other = ApplicationFile.objects.get(piece="other")
    assert (other.original_name, other.content_type) == ("IMG_2034.png", "png")


def test_unmatched_message_waits_in_triage(org, call):
    message = build_message(subject="Demande d'information", to=["contact@example.org"])

    result = ingest(org, message)

    assert (result.created, result.filed, result.triage) == (True, False, True)
    stored = InboundMessage.objects.get()
    assert (stored.state, stored.call, stored.version, stored.matched_by) == ("triage", None, None, "")
    assert Application.objects.count() == 0


def test_message_for_a_draft_call_or_another_organisations_call_waits_in_triage(org, other_org, call):
    intake_call(org, status=CallStatus.DRAFT, email_subject="Candidature brouillon", reference="")
    intake_call(other_org, email_subject="Candidature ailleurs", reference="", submission_emails=[])

    draft = ingest(org, build_message(subject="Candidature brouillon", to=["x@example.org"]))
    elsewhere = ingest(
        org, build_message(subject="Candidature ailleurs", to=["x@example.org"], message_id="<b@x>")
    )

    assert (draft.triage, elsewhere.triage) == (True, True)


def test_same_message_imported_twice_is_stored_once(org, call):
    raw = as_bytes(build_message(subject=SUBJECT, attachments=complete_attachments()))

    first = ingest_message(organization=org, raw=raw, received_at=BEFORE)
    second = ingest_message(organization=org, raw=raw, received_at=BEFORE + timedelta(hours=1))

    assert (first.created, second.created, second.duplicate) == (True, False, True)
    assert second.message.pk == first.message.pk
    assert InboundMessage.objects.count() == 1
    assert ApplicationVersion.objects.count() == 1
    assert ApplicationFile.objects.count() == 3


def test_same_message_id_in_two_organisations_is_stored_for_each(org, other_org, call):
    raw = as_bytes(build_message(subject=SUBJECT))

    ingest_message(organization=org, raw=raw, received_at=BEFORE)
    ingest_message(organization=other_org, raw=raw, received_at=BEFORE)

    assert InboundMessage.objects.count() == 2


def test_sender_who_writes_twice_gets_one_application_with_two_versions(org, call):
    first = build_message(subject=SUBJECT, attachments=[("CV.pdf", pdf_bytes("v1"))], message_id="<1@x>")
    second = build_message(
        subject=f"RE: {SUBJECT}",
        sender=("Amina Idrissi", "Amina@Example.org"),
        attachments=complete_attachments("v2"),
        message_id="<2@x>",
    )

    ingest(org, first, received_at=BEFORE)
    ingest(org, second, received_at=BEFORE + timedelta(minutes=30))

    application = Application.objects.get()
    versions = list(application.versions.order_by("number"))
    assert [(v.number, v.is_latest) for v in versions] == [(1, False), (2, True)]
    assert [v.message.message_id for v in versions] == ["<1@x>", "<2@x>"]
    assert (application.version_count, application.missing_pieces) == (2, [])
    assert application.received_at == BEFORE + timedelta(minutes=30)


def test_forged_email_from_an_account_holders_address_does_not_supersede_their_web_submission(org, call):
    from nidaa.applications.services import submit_application
    from tests.applications.conftest import pdf_upload

    user = UserFactory(username="amina", email="amina@example.org")
    call.required_documents = ["cv"]
    call.deadline = datetime.now(UTC) + timedelta(days=3)
    call.save(update_fields=["required_documents", "deadline"])
    submit_application(call=call, applicant=user, files={"cv": pdf_upload()})

    result = ingest(org, build_message(subject=SUBJECT, attachments=[("CV.pdf", pdf_bytes("2"))]))

    # Anyone can write amina@example.org in From: the message waits for the issuer.
    assert (result.filed, result.message.state, result.message.call) == (False, MessageState.TRIAGE, None)
    assert [a["name"] for a in result.message.attachments] == ["CV.pdf"]
    application = Application.objects.get()
    assert application.applicant == user
    versions = application.versions.order_by("number").values_list("number", "channel", "is_latest")
    assert list(versions) == [(1, "web", True)]


def test_the_issuer_is_told_why_an_email_from_an_account_holders_address_waits(org, call, owner_client):
    from django.urls import reverse
    from django.utils import translation

    from nidaa.applications.services import submit_application
    from tests.applications.conftest import pdf_upload

    user = UserFactory(username="amina", email="amina@example.org")
    call.required_documents = ["cv"]
    call.deadline = datetime.now(UTC) + timedelta(days=3)
    call.save(update_fields=["required_documents", "deadline"])
    submit_application(call=call, applicant=user, files={"cv": pdf_upload()})
    held = ingest(org, build_message(subject=SUBJECT, attachments=[("CV.pdf", pdf_bytes("2"))])).message
    other = ingest(
        org,
        build_message(
            subject="Question",
            sender=("Karim", "karim@example.org"),
            to=("info@example.org",),
            message_id="<q@x>",
        ),
    ).message

    with translation.override("en"):
        held_page = owner_client.get(reverse("inbox:triage_message", args=[held.pk]))
        other_page = owner_client.get(reverse("inbox:triage_message", args=[other.pk]))

    assert [a.call for a in held_page.context["account_applications"]] == [call]
    assert "The sender's address belongs to an account" in held_page.content.decode()
    assert other_page.context["account_applications"] == []
    assert "belongs to an account" not in other_page.content.decode()


def test_forwarded_message_is_filed_under_the_original_sender(org, call):
    original = build_message(
        subject=SUBJECT,
        sender=("Youssef Benali", "youssef.benali@example.net"),
        attachments=complete_attachments(),
    )
    forward = build_forward(original=original)

    result = ingest(org, forward)

    assert result.filed
    assert result.message.from_email == "youssef.benali@example.net"
    application = Application.objects.get()
    assert (application.applicant_email, application.applicant_name) == (
        "youssef.benali@example.net",
        "Youssef Benali",
    )
    assert application.missing_pieces == []


def test_acknowledgement_is_sent_only_when_the_call_asks_for_it(
    org, call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ingest(org, build_message(subject=SUBJECT, message_id="<quiet@x>"))
    assert mail.outbox == []

    call.acknowledge_emails = True
    call.save(update_fields=["acknowledge_emails"])
    with django_capture_on_commit_callbacks(execute=True):
        ingest(
            org,
            build_message(subject=SUBJECT, attachments=complete_attachments(), message_id="<ack@x>"),
        )

    assert len(mail.outbox) == 1
    receipt = Application.objects.get().receipt_number
    assert mail.outbox[0].to == ["amina@example.org"]
    assert receipt in mail.outbox[0].subject
    assert "Offre financière.pdf" in mail.outbox[0].body


def test_no_acknowledgement_for_a_duplicate_or_a_triaged_message(
    org, call, django_capture_on_commit_callbacks
):
    call.acknowledge_emails = True
    call.save(update_fields=["acknowledge_emails"])
    raw = as_bytes(build_message(subject=SUBJECT))
    with django_capture_on_commit_callbacks(execute=True):
        ingest_message(organization=org, raw=raw, received_at=BEFORE)
    with django_capture_on_commit_callbacks(execute=True):
        ingest_message(organization=org, raw=raw, received_at=BEFORE)
        ingest(org, build_message(subject="Bonjour", to=["x@example.org"], message_id="<t@x>"))

    assert len(mail.outbox) == 1


def test_a_failure_while_filing_leaves_nothing_behind(org, call, monkeypatch):
    import nidaa.applications.services as services

    def broken(**kwargs):
        raise RuntimeError("disk full")

    # After the application and version rows are written (record_versions),
    # before the file and message rows.
    monkeypatch.setattr(services, "submission_audit_data", broken)
    with pytest.raises(RuntimeError):
        ingest(org, build_message(subject=SUBJECT, attachments=complete_attachments()))

    assert InboundMessage.objects.count() == 0
    assert Application.objects.count() == 0
    assert ApplicationVersion.objects.count() == 0
    assert ApplicationFile.objects.count() == 0


def test_one_matcher_serves_many_messages_without_reading_calls_again(
    org, call, django_assert_max_num_queries
):
    matcher = IntakeMatcher(org)
    ingest(org, build_message(subject=SUBJECT, message_id="<warm@x>"), matcher=matcher)

    with django_assert_max_num_queries(25) as captured:
        ingest(org, build_message(subject=SUBJECT, message_id="<next@x>"), matcher=matcher)

    assert not any('FROM "calls_call"' in q["sql"] for q in captured.captured_queries)


def test_a_failing_acknowledgement_does_not_undo_the_filing(
    org, call, monkeypatch, django_capture_on_commit_callbacks
):
    import nidaa.applications.tasks as tasks

    def mail_server_down(**kwargs):
        raise ConnectionRefusedError("smtp")

    monkeypatch.setattr(tasks, "send_acknowledgements", mail_server_down)
    call.acknowledge_emails = True
    call.save(update_fields=["acknowledge_emails"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = ingest(org, build_message(subject=SUBJECT))

    assert len(callbacks) == 1
    assert result.filed
    assert InboundMessage.objects.get().state == MessageState.FILED


def _emailed_application(org, call):
    call.required_documents = ["cv"]
    call.deadline = datetime.now(UTC) + timedelta(days=3)
    call.save(update_fields=["required_documents", "deadline"])
    ingest(org, build_message(subject=SUBJECT, attachments=[("CV.pdf", pdf_bytes("e-mailed"))]))
    return Application.objects.get()


def test_signing_up_with_a_senders_address_without_confirming_it_does_not_claim_the_emailed_application(
    org, call
):
    from allauth.account.models import EmailAddress

    from nidaa.applications.access import get_application_file_for
    from nidaa.applications.services import AddressNotVerified, find_application, submit_application
    from tests.applications.conftest import pdf_upload

    emailed = _emailed_application(org, call)
    attacker = UserFactory(username="intrus", email="amina@example.org")
    EmailAddress.objects.create(user=attacker, email="amina@example.org", verified=False, primary=True)

    assert find_application(call=call, applicant=attacker) is None
    with pytest.raises(AddressNotVerified):
        submit_application(call=call, applicant=attacker, files={"cv": pdf_upload()})
    emailed.refresh_from_db()
    assert emailed.applicant is None
    file = ApplicationFile.objects.get(application=emailed)
    with pytest.raises(ApplicationFile.DoesNotExist):
        get_application_file_for(user=attacker, file_id=file.pk)


def test_an_account_that_confirmed_the_senders_address_continues_the_emailed_application(org, call):
    from allauth.account.models import EmailAddress

    from nidaa.applications.services import submit_application
    from tests.applications.conftest import pdf_upload

    emailed = _emailed_application(org, call)
    amina = UserFactory(username="amina", email="amina@example.org")
    EmailAddress.objects.create(user=amina, email="amina@example.org", verified=True, primary=True)

    version = submit_application(call=call, applicant=amina, files={"cv": pdf_upload()})

    assert (version.application_id, version.number) == (emailed.pk, 2)
    emailed.refresh_from_db()
    assert emailed.applicant == amina
