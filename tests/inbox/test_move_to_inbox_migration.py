"""The mailbox side moved from the applications app to nidaa.inbox: a database
migrated before the move keeps its mailboxes, messages and their audit trail."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("applications", "0001_initial"), ("common", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_rows_written_before_the_move_are_read_through_the_inbox_models():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        organization = old.get_model("accounts", "Organization").objects.create(slug="o", name="O")
        mailbox = old.get_model("applications", "Mailbox").objects.create(
            organization_id=organization.pk, address="candidatures@example.org", host="imap.example.org"
        )
        message = old.get_model("applications", "InboundMessage").objects.create(
            organization_id=organization.pk,
            mailbox_id=mailbox.pk,
            message_id="<m@example.org>",
            sha256="0" * 64,
            raw="mail/00/m.eml",
            received_at="2025-01-06T23:59:00+01:00",
            received_source="import",
        )
        old.get_model("common", "AuditEntry").objects.create(
            object_type="applications.mailbox", object_id=mailbox.pk, action="create"
        )

        new = migrate(latest)

        moved = new.get_model("inbox", "InboundMessage").objects.get(pk=message.pk)
        assert (moved.mailbox.address, moved.message_id) == ("candidatures@example.org", "<m@example.org>")
        entries = new.get_model("common", "AuditEntry").objects.filter(object_id=mailbox.pk)
        assert list(entries.values_list("object_type", flat=True)) == ["inbox.mailbox"]
    finally:
        migrate(latest)
