"""The batch path of e-mail intake (``ingest_messages``): the same outcome as
filing the messages one by one, all-or-nothing per batch, and a number of
queries per batch that does not grow with the batch."""

import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from nidaa.applications.models import Application, ApplicationFile, ApplicationVersion
from nidaa.common.models import AuditEntry
from nidaa.inbox import intake, writer
from nidaa.inbox.intake import (
    IntakeSummary,
    MessageFailed,
    RawItem,
    ingest_message,
    ingest_messages,
)
from nidaa.inbox.matching import IntakeMatcher
from nidaa.inbox.models import InboundMessage
from nidaa.inbox.writer import StorageWriter
from tests.inbox.mail_fixtures import (
    ADDRESS,
    DEADLINE,
    SUBJECT,
    as_bytes,
    build_forward,
    build_message,
    complete_attachments,
    intake_call,
    pdf_bytes,
)

BEFORE = DEADLINE - timedelta(hours=5)


def mixed_mbox() -> list[RawItem]:
    """In order of receipt: a complete application, an incomplete one, a
    question for no call, Amina's complete one again (the same message), a
    late one, a forward credited to its original sender, Amina writing again
    with a new CV, a message without a Message-ID."""
    amina = as_bytes(build_message(subject=SUBJECT, attachments=complete_attachments(), message_id="<a1@x>"))
    karim = as_bytes(
        build_message(
            subject=f"RE: {SUBJECT}",
            sender=("Karim Alaoui", "karim@example.net"),
            attachments=[("CV Karim.pdf", pdf_bytes("karim"))],
            message_id="<k1@x>",
        )
    )
    question = as_bytes(
        build_message(
            subject="Question", to=["info@example.org"], sender=("", "q@example.com"), message_id="<q@x>"
        )
    )
    late = as_bytes(
        build_message(
            subject=SUBJECT,
            sender=("Salma Tazi", "salma@example.net"),
            date=DEADLINE - timedelta(minutes=5),
            attachments=complete_attachments("salma"),
            message_id="<s1@x>",
        )
    )
    forward = as_bytes(
        build_forward(
            original=build_message(
                subject=SUBJECT,
                sender=("Youssef Benali", "youssef@example.net"),
                attachments=[("Offre financière.pdf", pdf_bytes("youssef"))],
            ),
            message_id="<f1@x>",
        )
    )
    amina_again = as_bytes(
        build_message(
            subject=SUBJECT,
            sender=("Amina Idrissi-Alami", "Amina@Example.org"),
            to=[ADDRESS],
            attachments=[("CV Amina 2025.pdf", pdf_bytes("amina v2"))],
            message_id="<a2@x>",
        )
    )
    anonymous = build_message(subject=SUBJECT, sender=("Hind", "hind@example.net"), message_id="<x@x>")
    del anonymous["Message-ID"]
    return [
        RawItem(amina, BEFORE, "mbox"),
        RawItem(karim, BEFORE + timedelta(minutes=1), "mbox"),
        RawItem(question, BEFORE + timedelta(minutes=2), "mbox"),
        RawItem(amina, BEFORE, "mbox"),
        RawItem(late, DEADLINE + timedelta(minutes=2), "mbox"),
        RawItem(forward, DEADLINE - timedelta(minutes=30), "mbox"),
        RawItem(amina_again, DEADLINE - timedelta(minutes=10), "mbox"),
        RawItem(as_bytes(anonymous), DEADLINE - timedelta(minutes=1), "mbox"),
    ]


def snapshot(org):
    """Everything intake wrote for ``org``, in insertion order, without the
    columns that differ between two imports (ids, receipt numbers, clocks)."""
    messages = [
        (
            m.message_id,
            m.sha256,
            m.raw.name,
            m.size,
            m.subject,
            m.from_name,
            m.from_email,
            m.to,
            m.sent_at,
            m.received_at,
            m.received_source,
            m.state,
            m.matched_by,
            m.call.title if m.call else None,
            (m.version.application.applicant_email, m.version.number) if m.version else None,
            m.attachments,
        )
        for m in InboundMessage.objects.filter(organization=org).order_by("id")
    ]
    applications = []
    for a in Application.objects.filter(call__organization=org).order_by("id"):
        versions = [
            (
                v.number,
                v.is_latest,
                v.is_late,
                v.missing_pieces,
                v.submitted_at,
                v.channel,
                [
                    (
                        f.piece,
                        f.original_name,
                        f.size,
                        f.sha256,
                        f.content_type,
                        f.file.name,
                        f.application_id == a.pk,
                    )
                    for f in v.files.order_by("id")
                ],
            )
            for v in a.versions.order_by("number")
        ]
        audits = [
            (e.action, e.from_state, e.to_state, e.data)
            for e in AuditEntry.objects.filter(
                object_type="applications.application", object_id=a.pk
            ).order_by("id")
        ]
        applications.append(
            (
                a.applicant_email,
                a.applicant_name,
                a.applicant_id,
                a.channel,
                a.status,
                a.is_late,
                a.missing_pieces,
                a.version_count,
                a.received_at,
                versions,
                audits,
            )
        )
    return messages, applications


@pytest.fixture
def calls(org, other_org):
    return intake_call(org), intake_call(other_org)


def test_a_batch_files_a_mixed_mbox_exactly_as_one_message_at_a_time(org, other_org, calls):
    items = mixed_mbox()
    # Across runs too: the first three, then everything (three duplicates).
    for item in items[:3] + items:
        ingest_message(
            organization=org, raw=item.raw, received_at=item.received_at, received_source=item.received_source
        )

    first = ingest_messages(organization=other_org, items=items[:3])
    second = ingest_messages(organization=other_org, items=items)

    assert first == IntakeSummary(read=3, new=3, filed=2, incomplete=1, triage=1)
    assert second == IntakeSummary(read=8, new=4, duplicates=4, filed=4, late=1, incomplete=3)
    assert snapshot(other_org) == snapshot(org)
    messages, applications = snapshot(other_org)
    assert [(m[0], m[11]) for m in messages] == [
        ("<a1@x>", "filed"),
        ("<k1@x>", "filed"),
        ("<q@x>", "triage"),
        ("<s1@x>", "filed"),
        ("<f1@x>", "filed"),
        ("<a2@x>", "filed"),
        (messages[6][0], "filed"),
    ]
    assert messages[6][0].endswith("nidaa.invalid>")
    assert [(a[0], a[1], a[5], a[6], a[7]) for a in applications] == [
        ("amina@example.org", "Amina Idrissi-Alami", False, ["methodology_note", "financial_offer"], 2),
        ("karim@example.net", "Karim Alaoui", False, ["methodology_note", "financial_offer"], 1),
        ("salma@example.net", "Salma Tazi", True, [], 1),
        ("youssef@example.net", "Youssef Benali", False, ["cv", "methodology_note"], 1),
        ("hind@example.net", "Hind", False, ["cv", "methodology_note", "financial_offer"], 1),
    ]


def test_a_sender_writing_twice_in_one_batch_gets_two_versions_in_order_of_receipt(org, calls):
    call = calls[0]
    earlier = as_bytes(
        build_message(subject=SUBJECT, attachments=[("CV.pdf", pdf_bytes("0"))], message_id="<0@x>")
    )
    ingest_message(organization=org, raw=earlier, received_at=BEFORE - timedelta(days=1))
    first = as_bytes(
        build_message(subject=SUBJECT, attachments=complete_attachments("1"), message_id="<1@x>")
    )
    second = as_bytes(
        build_message(subject=SUBJECT, attachments=[("CV.pdf", pdf_bytes("2"))], message_id="<2@x>")
    )

    ingest_messages(
        organization=org,
        items=[RawItem(first, BEFORE), RawItem(second, BEFORE + timedelta(minutes=5))],
    )

    application = Application.objects.get(call=call)
    versions = list(application.versions.order_by("number"))
    assert [(v.number, v.is_latest, v.message.message_id, v.missing_pieces) for v in versions] == [
        (1, False, "<0@x>", ["methodology_note", "financial_offer"]),
        (2, False, "<1@x>", []),
        (3, True, "<2@x>", ["methodology_note", "financial_offer"]),
    ]
    assert (application.version_count, application.received_at, application.missing_pieces) == (
        3,
        BEFORE + timedelta(minutes=5),
        ["methodology_note", "financial_offer"],
    )
    audits = AuditEntry.objects.filter(object_id=application.pk, action="submit").order_by("id")
    assert [(e.from_state, e.to_state, e.data["version"]) for e in audits] == [
        ("draft", "submitted", 1),
        ("submitted", "submitted", 2),
        ("submitted", "submitted", 3),
    ]


@pytest.fixture
def disk_full_for_salma(monkeypatch):
    """Storing Salma's message (<s1@x>) fails as on a full disk; the others are stored."""
    real_save = writer.save_content_addressed

    def save(name, content, **kwargs):
        if b"<s1@x>" in content.read():
            raise OSError("disk full")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(writer, "save_content_addressed", save)


def test_a_failing_message_is_left_out_and_the_rest_of_its_batch_filed(org, calls, disk_full_for_salma):
    items = mixed_mbox()
    failures = []

    summary = ingest_messages(
        organization=org,
        items=items,
        on_error=lambda index, item, error: failures.append((index, repr(error))),
    )

    assert failures == [(4, "OSError('disk full')")]
    assert summary == IntakeSummary(read=8, new=6, duplicates=1, filed=5, incomplete=4, triage=1, failed=1)
    assert not InboundMessage.objects.filter(message_id="<s1@x>").exists()
    assert not Application.objects.filter(applicant_email="salma@example.net").exists()


def test_without_on_error_the_messages_before_the_failing_one_are_stored_and_it_is_raised(
    org, calls, disk_full_for_salma
):
    items = mixed_mbox()

    with pytest.raises(MessageFailed) as raised:
        ingest_messages(organization=org, items=items)

    assert (raised.value.index, raised.value.item, repr(raised.value.error)) == (
        4,
        items[4],
        "OSError('disk full')",
    )
    assert list(InboundMessage.objects.order_by("id").values_list("message_id", flat=True)) == [
        "<a1@x>",
        "<k1@x>",
        "<q@x>",
    ]


class Crash(BaseException):
    """A worker killed mid-batch: nothing catches it."""


def test_a_crash_mid_batch_leaves_nothing_of_that_batch_and_a_new_import_finishes_it(
    org, other_org, calls, monkeypatch
):
    items = mixed_mbox()
    for item in items:
        ingest_message(
            organization=other_org, raw=item.raw, received_at=item.received_at, received_source="mbox"
        )
    real_save_files = intake.save_files
    batches = []

    def crash_in_the_second_batch(filings, names):
        batches.append(len(filings))
        real_save_files(filings, names)
        if len(batches) == 2:
            raise Crash

    monkeypatch.setattr(intake, "save_files", crash_in_the_second_batch)
    with pytest.raises(Crash):
        ingest_messages(organization=org, items=items, batch_size=3)

    # The first batch is committed; of the second, nothing: no application,
    # version, file or audit entry of Salma (late), nor the second batch's messages.
    stored = InboundMessage.objects.filter(organization=org).order_by("id")
    assert list(stored.values_list("message_id", flat=True)) == [
        "<a1@x>",
        "<k1@x>",
        "<q@x>",
    ]
    assert Application.objects.filter(call__organization=org).count() == 2
    assert ApplicationVersion.objects.filter(application__call__organization=org).count() == 2
    assert ApplicationFile.objects.filter(application__call__organization=org).count() == 4
    submitted = AuditEntry.objects.filter(object_type="applications.application", action="submit")
    assert submitted.count() == 6 + 2  # other_org's six versions, and the first batch

    monkeypatch.setattr(intake, "save_files", real_save_files)
    again = ingest_messages(organization=org, items=items, batch_size=3)

    assert (again.new, again.duplicates) == (4, 4)
    assert snapshot(org) == snapshot(other_org)


@pytest.mark.parametrize("size", [4, 16])
def test_the_queries_of_a_batch_do_not_grow_with_its_size(org, calls, size, django_assert_max_num_queries):
    matcher = IntakeMatcher(org)
    senders = [f"sender{n}@example.net" for n in range(size)]
    # Half of the senders applied before: their applications get a second version.
    ingest_messages(
        organization=org,
        matcher=matcher,
        items=[
            RawItem(
                as_bytes(build_message(subject=SUBJECT, sender=("", s), message_id=f"<old{n}@x>")), BEFORE
            )
            for n, s in enumerate(senders[: size // 2])
        ],
    )
    items = []
    for n, sender in enumerate(senders):
        attachments = [("CV.pdf", pdf_bytes(sender)), ("Offre financière.pdf", pdf_bytes(f"offer {n}"))]
        raw = as_bytes(
            build_message(
                subject=SUBJECT, sender=("", sender), attachments=attachments, message_id=f"<{n}@x>"
            )
        )
        items.append(RawItem(raw, BEFORE + timedelta(minutes=n)))
    items.append(
        RawItem(as_bytes(build_message(subject="Question", to=["x@example.org"], message_id="<q@x>")), BEFORE)
    )
    items.append(items[0])

    with django_assert_max_num_queries(15):
        summary = ingest_messages(organization=org, matcher=matcher, items=items, batch_size=size + 2)

    assert summary == IntakeSummary(
        read=size + 2, new=size + 1, duplicates=1, filed=size, incomplete=size, triage=1
    )
    assert ApplicationFile.objects.filter(version__is_latest=True).count() == 2 * size


def test_acknowledgements_are_queued_once_per_batch_after_its_commit(
    org, calls, django_capture_on_commit_callbacks
):
    calls[0].acknowledge_emails = True
    calls[0].save(update_fields=["acknowledge_emails"])
    items = mixed_mbox()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ingest_messages(organization=org, items=items, batch_size=len(items))
    assert (len(callbacks), mail.outbox) == (1, [])

    callbacks[0]()

    assert sorted(m.to[0] for m in mail.outbox) == [
        "amina@example.org",
        "amina@example.org",
        "hind@example.net",
        "karim@example.net",
        "salma@example.net",
        "youssef@example.net",
    ]


def test_the_same_file_in_two_messages_of_a_run_is_written_once(org, calls, monkeypatch):
    written = []
    real_save = writer.save_content_addressed

    def counting(name, content, **kwargs):
        written.append(name)
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(writer, "save_content_addressed", counting)
    cv = ("CV.pdf", pdf_bytes("the same cv"))
    items = [
        RawItem(as_bytes(build_message(subject=SUBJECT, attachments=[cv], message_id=f"<{n}@x>")), BEFORE)
        for n in range(3)
    ]

    ingest_messages(organization=org, items=items, batch_size=2)

    files = [name for name in written if name.startswith("applications/")]
    assert len(files) == 1
    assert set(ApplicationFile.objects.values_list("file", flat=True)) == set(files)


def test_a_damaged_file_at_the_content_address_is_not_referenced(org, calls):
    data = pdf_bytes("complete cv")
    sha256 = hashlib.sha256(data).hexdigest()
    damaged = f"applications/{sha256[:2]}/{sha256}"
    default_storage.save(damaged, ContentFile(data[:10]))
    raw = as_bytes(build_message(subject=SUBJECT, attachments=[("CV.pdf", data)]))

    ingest_messages(organization=org, items=[RawItem(raw, BEFORE)])

    stored = ApplicationFile.objects.get()
    assert stored.file.name != damaged
    with stored.file.open("rb") as handle:
        assert handle.read() == data
    assert InboundMessage.objects.get().attachments[0]["sha256"] == sha256


def test_a_storage_writer_waits_for_every_write_before_raising(tmp_path, settings):
    class Storage:
        def __init__(self):
            self.saved = []

        def exists(self, name):
            return False

        def save(self, name, content):
            if name == "bad":
                raise OSError("refused")
            self.saved.append(name)
            return name

    storage = Storage()
    with StorageWriter(threads=4, storage=storage) as writer:
        writer.submit([(name, b"x", "0" * 64) for name in ("a", "bad", "b", "c")])
        with pytest.raises(OSError, match="refused"):
            writer.wait()
        assert sorted(storage.saved) == ["a", "b", "c"]
