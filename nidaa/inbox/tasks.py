"""Mailbox polling: every five minutes, one task per active mailbox."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from nidaa.common.tasks import enqueue_on_commit
from nidaa.inbox import imap


# No retries: poll_mailbox never raises, records its error on the mailbox, and
# the next period is the retry.
@db_task()
def poll_mailbox_task(mailbox_id: int) -> dict[str, Any]:
    return asdict(imap.poll_mailbox(mailbox_id=mailbox_id))


@db_periodic_task(crontab(minute="*/5"))
def poll_mailboxes() -> None:
    # One task each, so a slow or unreachable server does not hold up the others.
    for mailbox_id in imap.active_mailbox_ids():
        enqueue_on_commit(poll_mailbox_task, mailbox_id)
