"""Two imports at once on PostgreSQL (SQLite writes one transaction at a
time): each message stored once, and versions numbered in turn."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from nidaa.applications.models import Application
from nidaa.inbox.intake import IntakeSummary, RawItem, ingest_messages
from nidaa.inbox.models import InboundMessage
from tests.inbox.mail_fixtures import (
    DEADLINE,
    SUBJECT,
    as_bytes,
    build_message,
    intake_call,
    pdf_bytes,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]

BEFORE = DEADLINE - timedelta(hours=5)
SENDERS = [f"sender{n}@example.net" for n in range(6)]


def messages(tag: str) -> list[RawItem]:
    return [
        RawItem(
            as_bytes(
                build_message(
                    subject=SUBJECT,
                    sender=("", sender),
                    attachments=[("CV.pdf", pdf_bytes(f"{tag} {sender}"))],
                    message_id=f"<{tag}.{n}@x>",
                )
            ),
            BEFORE + timedelta(minutes=n),
        )
        for n, sender in enumerate(SENDERS)
    ]


def at_once(org, *runs: list[RawItem]) -> list[IntakeSummary]:
    start = threading.Barrier(len(runs))
    summaries: list[IntakeSummary | BaseException] = [IntakeSummary() for _ in runs]

    def run(index: int, items: list[RawItem]) -> None:
        try:
            start.wait()
            summaries[index] = ingest_messages(organization=org, items=items, batch_size=len(items))
        except BaseException as error:  # reported below, in the test's thread
            summaries[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, items)) for n, items in enumerate(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for summary in summaries:
        if isinstance(summary, BaseException):
            raise summary
    return summaries  # type: ignore[return-value]


def test_the_same_mbox_imported_twice_at_once_is_stored_once(org):
    intake_call(org)
    items = messages("a")

    first, second = at_once(org, items, items)

    assert sorted([first.new, second.new]) == [0, 6]
    assert first.duplicates + second.duplicates == 6
    assert InboundMessage.objects.count() == 6
    assert sorted(Application.objects.values_list("applicant_email", "version_count")) == [
        (sender, 1) for sender in SENDERS
    ]


def test_two_imports_for_the_same_senders_number_their_versions_in_turn(org):
    intake_call(org)
    ingest_messages(organization=org, items=messages("first"))

    at_once(org, messages("a"), messages("b"))

    for application in Application.objects.all():
        versions = list(application.versions.order_by("number"))
        assert [v.number for v in versions] == [1, 2, 3]
        assert [v.is_latest for v in versions] == [False, False, True]
        assert (application.version_count, application.received_at) == (3, versions[-1].submitted_at)
    assert InboundMessage.objects.filter(state="filed").count() == 18
