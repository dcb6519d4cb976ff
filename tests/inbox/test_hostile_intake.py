"""Issue 10, item 5: one hostile e-mail stops neither the intake nor the
triage pages; it is kept whole, and the page says why it shows nothing."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from nidaa.common.budget import Budget
from nidaa.inbox.intake import RawItem, ingest_messages
from nidaa.inbox.models import InboundMessage, MessageState
from nidaa.mailintake import bounded
from nidaa.mailintake.message import parse_message
from tests.conftest import client_for
from tests.inbox.mail_fixtures import (
    SUBJECT,
    as_bytes,
    build_message,
    complete_attachments,
    intake_call,
)

SPIN = b"X-Test-Spin: yes"


def spinning_parse(raw, *, received_at=None):
    """A message that stands for a path of the reader we do not know is
    quadratic yet: reading it never ends."""
    while SPIN in raw:
        pass
    return parse_message(raw, received_at=received_at)


def small_budget(monkeypatch):
    monkeypatch.setattr(bounded, "parse_message", spinning_parse)
    monkeypatch.setattr(bounded, "MESSAGE_BUDGET", Budget(seconds=1.0, memory_bytes=512 * 1024 * 1024))
    monkeypatch.setattr(bounded, "SECONDS_PER_MIB", 0.0)
    monkeypatch.setattr(bounded, "SECONDS_PER_MESSAGE", 0.0)


def test_message_that_never_finishes_reading_is_kept_whole_and_the_others_are_filed(org, owner, monkeypatch):
    small_budget(monkeypatch)
    intake_call(org)
    good = [
        as_bytes(
            build_message(
                subject=SUBJECT,
                sender=(name, f"{name.lower()}@example.org"),
                message_id=f"<{name}@example.org>",
                attachments=complete_attachments(),
            )
        )
        for name in ("Amina", "Karim")
    ]
    hostile = SPIN + b"\r\n" + as_bytes(build_message(subject=SUBJECT, message_id="<spin@example.org>"))

    summary = ingest_messages(
        organization=org, items=[RawItem(raw=good[0]), RawItem(raw=hostile), RawItem(raw=good[1])]
    )

    assert (summary.read, summary.filed, summary.triage, summary.failed) == (3, 2, 1, 0)
    kept = InboundMessage.objects.get(state=MessageState.TRIAGE)
    with kept.raw.open("rb") as handle:
        assert handle.read() == hostile
    assert kept.from_email == ""

    with translation.override("en"):
        page = client_for(owner).get(reverse("inbox:triage_message", args=[kept.pk]))
    assert page.status_code == 200
    assert "This message could not be read within the time and memory allowed for one message" in (
        page.content.decode()
    )


def test_the_page_of_a_stored_message_with_a_zip_bomb_costs_the_web_process_no_memory(org, owner):
    # Issue 10, item 2: the stored triage message inflated its 300 MiB member
    # again on every view (590 MB each time).
    import resource

    from nidaa.inbox.intake import ingest_message
    from tests.hostile import pdf_attachment_email, zip_bomb_member

    raw = pdf_attachment_email(zip_bomb_member(100), filename="dossier.odt")
    message = ingest_message(organization=org, raw=raw).message
    assert message.state == MessageState.TRIAGE
    client = client_for(owner)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    with translation.override("en"):
        page = client.get(reverse("inbox:triage_message", args=[message.pk]))
        attachment = client.get(reverse("inbox:triage_attachment", args=[message.pk, 0]))

    assert page.status_code == 200
    assert [(item["name"], item["size"]) for item in page.context["attachments"]] == [
        ("dossier.odt", len(zip_bomb_member(100)))
    ]
    assert (attachment.status_code, attachment["Content-Type"]) == (200, "application/octet-stream")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 * 1024  # KiB
